// Our token trees in libwbxml's XML dialect and back, for cross-checking the codec against
// Debian's libwbxml. libwbxml names tags its own way (libwbxml-deviations.ts), writes a default
// xmlns wherever the code page changes, prints opaque content raw (base64 for tags it marks
// binary) and cannot tell STR_I from OPAQUE in its XML. Everything here works on that dialect so
// that the comparison is token for token: same page, same token, same bytes of content.

import { Buffer } from 'node:buffer';
import { CODE_PAGES } from '../../src/wbxml/code-pages/index.js';
import { isElement, type WbxmlContent, type WbxmlElement, type WbxmlNode } from '../../src/wbxml/tree.js';
import {
  deviationsOfPage, deviationsOfTag, isLibwbxmlBinary, LIBWBXML_NAMESPACES, LIBWBXML_UNKNOWN_TAG, libwbxmlTagName,
} from './libwbxml-deviations.js';
import { ACTIVESYNC_DOCTYPE, isCdataSafe } from './wbxml-xml.js';
import { escapeXmlText, type XmlElement } from './xml-lite.js';

/** Opaque bytes that libwbxml's XML cannot carry in a tag it does not mark binary. */
export const OPAQUE_BYTES_DEVIATION = 'xml:opaque-bytes';
export const OPAQUE_BYTES_REASON = 'libwbxml reads opaque content of tags it does not mark binary from CDATA, '
  + 'which cannot hold bytes that are not UTF-8 text (nor a CR: XML parsers fold CR LF); such blocks are '
  + 'given to xml2wbxml as base64 CDATA and the base64 text is expected back as the opaque block';

export interface LibwbxmlDocument {
  /** Compact XML for xml2wbxml -k (every character is content). */
  readonly xml: string;
  /** Deviation ids the document touches (see libwbxml-deviations.ts and OPAQUE_BYTES_DEVIATION). */
  readonly deviations: ReadonlySet<string>;
  /** Paths of elements libwbxml has no name for; xml2wbxml would refuse the document. */
  readonly unencodable: readonly string[];
}

export interface LibwbxmlComparison {
  readonly differences: readonly string[];
  readonly deviations: ReadonlySet<string>;
}

export function contentBytes(nodes: readonly WbxmlNode[]): Buffer {
  return Buffer.concat(nodes.filter((node): node is WbxmlContent => !isElement(node)).map((node) => (typeof node === 'string'
    ? Buffer.from(node, 'utf8') : Buffer.from(node.buffer, node.byteOffset, node.byteLength))));
}

/** Adds the ids of the deviations that `el` itself touches (a binary tag only with content). */
function noteDeviations(el: WbxmlElement, deviations: Set<string>): void {
  for (const deviation of deviationsOfPage(el.page)) deviations.add(deviation.id);
  for (const deviation of deviationsOfTag(el.page, el.tag)) {
    if (deviation.kind !== 'binary' || el.children.length > 0) deviations.add(deviation.id);
  }
}

/** Writes a tree as libwbxml expects to read it, noting what had to be translated. */
export function treeToLibwbxmlXml(root: WbxmlElement): LibwbxmlDocument {
  const deviations = new Set<string>();
  const unencodable: string[] = [];
  const parts = ['<?xml version="1.0" encoding="utf-8"?>', ACTIVESYNC_DOCTYPE];
  const write = (el: WbxmlElement, parentPage: number | undefined, path: string): void => {
    const here = `${path}/${el.tag}`;
    noteDeviations(el, deviations);
    const name = libwbxmlTagName(el.page, el.tag);
    if (name === undefined) unencodable.push(here);
    const tag = name ?? el.tag;
    const xmlns = el.page === parentPage ? '' : ` xmlns="${LIBWBXML_NAMESPACES[el.page] ?? `${CODE_PAGES[el.page]?.namespace}:`}"`;
    if (el.children.length === 0) {
      parts.push(`<${tag}${xmlns}/>`);
      return;
    }
    parts.push(`<${tag}${xmlns}>`);
    if (isLibwbxmlBinary(el.page, el.tag)) {
      parts.push(contentBytes(el.children).toString('base64'));
    }
    for (const child of el.children) {
      if (isElement(child)) write(child, el.page, here);
      else if (isLibwbxmlBinary(el.page, el.tag)) continue;
      else if (typeof child === 'string') parts.push(escapeXmlText(child));
      else if (isCdataSafe(child)) parts.push(`<![CDATA[${Buffer.from(child).toString('utf8')}]]>`);
      else {
        deviations.add(OPAQUE_BYTES_DEVIATION);
        parts.push(`<![CDATA[${Buffer.from(child).toString('base64')}]]>`);
      }
    }
    parts.push(`</${tag}>`);
  };
  write(root, undefined, '');
  return { xml: parts.join(''), deviations, unencodable };
}

/** The tree our decoder should read from xml2wbxml's encoding of treeToLibwbxmlXml(root). */
export function expectedFromLibwbxml(root: WbxmlElement): WbxmlElement {
  const elements = root.children.filter(isElement).map(expectedFromLibwbxml);
  if (elements.length > 0) return { page: root.page, tag: root.tag, children: elements };
  if (isLibwbxmlBinary(root.page, root.tag)) {
    const bytes = contentBytes(root.children);
    return { page: root.page, tag: root.tag, children: bytes.length > 0 ? [new Uint8Array(bytes)] : [] };
  }
  const children: WbxmlNode[] = [];
  for (const child of root.children) {
    if (typeof child === 'string') {
      const previous = children.at(-1);
      if (child === '') continue;
      if (typeof previous === 'string') children[children.length - 1] = previous + child;
      else children.push(child);
    } else if (child instanceof Uint8Array && child.length > 0) {
      children.push(isCdataSafe(child) ? child : new Uint8Array(Buffer.from(Buffer.from(child).toString('base64'), 'ascii')));
    }
  }
  return { page: root.page, tag: root.tag, children };
}

/** Compares our decoded tree with wbxml2xml's XML of the same bytes (parsed as latin1, so each
 *  character is one byte). Content is compared as bytes: libwbxml's XML cannot say STR_I or OPAQUE. */
export function compareWithLibwbxml(ours: WbxmlElement, theirs: XmlElement): LibwbxmlComparison {
  const differences: string[] = [];
  const deviations = new Set<string>();
  const walk = (el: WbxmlElement, xml: XmlElement, path: string, namespaceKnown: boolean): void => {
    const here = `${path}/${el.tag}`;
    noteDeviations(el, deviations);
    const name = libwbxmlTagName(el.page, el.tag);
    const expectedName = name ?? LIBWBXML_UNKNOWN_TAG;
    if (xml.name !== expectedName) differences.push(`${here}: libwbxml says <${xml.name}>, expected <${expectedName}>`);
    // libwbxml writes xmlns only between two known tags of different pages; below an unknown tag
    // the namespace is inherited from whatever was declared last, so it says nothing.
    const expectedNamespace = LIBWBXML_NAMESPACES[el.page];
    if (namespaceKnown && name !== undefined && xml.namespace !== expectedNamespace) {
      differences.push(`${here}: libwbxml namespace "${xml.namespace}", expected "${expectedNamespace}"`);
    }
    const ourBytes = contentBytes(el.children);
    const text = xml.children.filter((child) => child.kind !== 'element').map((child) => (child as { value: string }).value).join('');
    const theirBytes = name !== undefined && isLibwbxmlBinary(el.page, el.tag) ? Buffer.from(text, 'base64') : Buffer.from(text, 'latin1');
    if (!ourBytes.equals(theirBytes)) {
      differences.push(`${here}: content differs: ours ${describeBytes(ourBytes)}, libwbxml ${describeBytes(theirBytes)}`);
    }
    const ourChildren = el.children.filter(isElement);
    const theirChildren = xml.children.filter((child): child is XmlElement => child.kind === 'element');
    if (ourChildren.length !== theirChildren.length) {
      differences.push(`${here}: ${ourChildren.length} child elements, libwbxml has ${theirChildren.length}`);
      return;
    }
    ourChildren.forEach((child, i) => {
      const known = name !== undefined && (child.page !== el.page || namespaceKnown);
      walk(child, theirChildren[i] as XmlElement, here, known);
    });
  };
  walk(ours, theirs, '', true);
  return { differences, deviations };
}

function describeBytes(bytes: Buffer): string {
  const shown = bytes.subarray(0, 40).toString('utf8');
  return `${bytes.length} bytes ${JSON.stringify(shown)}${bytes.length > 40 ? '...' : ''}`;
}
