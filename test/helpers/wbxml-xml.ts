// Fixture XML <-> WBXML token tree, for tests. The fixture dialect is plain EAS XML as MS-ASCMD
// writes it (namespaces "AirSync:", "Email:", ..., as default or prefixed declarations) with
// tag names as the code pages spell them, plus one rule for content kinds:
//   - element text is an inline string (STR_I);
//   - a CDATA section is an opaque block (OPAQUE) holding the UTF-8 bytes of its text, the form
//     libwbxml's xml2wbxml reads too;
//   - an element with the attribute opaque="base64" holds one opaque block given in base64
//     (whitespace ignored), for bytes that are not text or must keep CR LF line ends exactly.
// Whitespace-only text between child elements is layout; EAS has no mixed content, so other text
// beside child elements is an error rather than a silent guess.

import { Buffer } from 'node:buffer';
import { CODE_PAGES, tagToken } from '../../src/wbxml/code-pages/index.js';
import { isElement, type WbxmlElement, type WbxmlNode } from '../../src/wbxml/tree.js';
import { escapeXmlText, parseXml, type XmlElement } from './xml-lite.js';

export const ACTIVESYNC_DOCTYPE =
  '<!DOCTYPE ActiveSync PUBLIC "-//MICROSOFT//DTD ActiveSync//EN" "http://www.microsoft.com/">';

// MS-ASCMD's XML writes some namespaces in another case than MS-ASWBXML names the page ("Gal:"
// for page GAL); namespaces differ in more than case, so a case-blind match is unambiguous.
const PAGES_BY_NAMESPACE: ReadonlyMap<string, number> = new Map(
  CODE_PAGES.map((page) => [page.namespace.toLowerCase(), page.number]),
);

/** Page number of an XML namespace: "AirSync:", "AirSync" and "airsync:" all give 0. */
export function pageOfNamespace(namespace: string): number | undefined {
  const bare = namespace.endsWith(':') ? namespace.slice(0, -1) : namespace;
  return PAGES_BY_NAMESPACE.get(bare.toLowerCase());
}

/** Parses a fixture document into the tree our codec reads and writes. */
export function fixtureXmlToTree(xml: string): WbxmlElement {
  return toTree(parseXml(xml), '');
}

function toTree(el: XmlElement, parentPath: string): WbxmlElement {
  const path = `${parentPath}/${el.name}`;
  const page = pageOfNamespace(el.namespace);
  if (page === undefined) throw new Error(`${path}: unknown namespace "${el.namespace}"`);
  if (tagToken(page, el.name) === undefined) throw new Error(`${path}: code page ${page} has no tag ${el.name}`);
  const encoding = el.attributes.get('opaque');
  for (const name of el.attributes.keys()) {
    if (name !== 'opaque') throw new Error(`${path}: unexpected attribute ${name}`);
  }
  const elements = el.children.filter((child): child is XmlElement => child.kind === 'element');
  if (elements.length > 0) {
    for (const child of el.children) {
      if (child.kind !== 'element' && (child.kind === 'cdata' || child.value.trim() !== '')) {
        throw new Error(`${path}: text beside child elements`);
      }
    }
    if (encoding !== undefined) throw new Error(`${path}: opaque="${encoding}" on an element with children`);
    return { page, tag: el.name, children: elements.map((child) => toTree(child, path)) };
  }
  return { page, tag: el.name, children: contentOf(el, encoding, path) };
}

function contentOf(el: XmlElement, encoding: string | undefined, path: string): WbxmlNode[] {
  if (encoding !== undefined) {
    if (encoding !== 'base64') throw new Error(`${path}: unknown opaque encoding "${encoding}"`);
    const text = el.children.map((child) => (child.kind === 'element' ? '' : child.value)).join('');
    const compact = text.replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 !== 0) {
      throw new Error(`${path}: opaque content is not base64`);
    }
    return [new Uint8Array(Buffer.from(compact, 'base64'))];
  }
  const content: WbxmlNode[] = [];
  for (const child of el.children) {
    if (child.kind === 'cdata') content.push(new Uint8Array(Buffer.from(child.value, 'utf8')));
    else if (child.kind === 'text' && child.value !== '') content.push(child.value);
  }
  return content;
}

/** Writes a tree as an indented fixture document (inverse of fixtureXmlToTree). */
export function treeToFixtureXml(root: WbxmlElement): string {
  const lines = ['<?xml version="1.0" encoding="utf-8"?>', ACTIVESYNC_DOCTYPE];
  writeElement(root, undefined, 0, lines);
  return `${lines.join('\n')}\n`;
}

function writeElement(el: WbxmlElement, parentPage: number | undefined, depth: number, lines: string[]): void {
  const indent = '  '.repeat(depth);
  const namespace = CODE_PAGES[el.page]?.namespace;
  if (namespace === undefined) throw new Error(`no code page ${el.page}`);
  const xmlns = el.page === parentPage ? '' : ` xmlns="${namespace}:"`;
  if (el.children.length === 0) {
    lines.push(`${indent}<${el.tag}${xmlns}/>`);
    return;
  }
  if (el.children.some(isElement)) {
    if (!el.children.every(isElement)) throw new Error(`${el.tag}: mixed content cannot be written`);
    lines.push(`${indent}<${el.tag}${xmlns}>`);
    for (const child of el.children) writeElement(child as WbxmlElement, el.page, depth + 1, lines);
    lines.push(`${indent}</${el.tag}>`);
    return;
  }
  const binary = el.children.some((child) => child instanceof Uint8Array && !isCdataSafe(child));
  if (binary) {
    if (el.children.length !== 1) throw new Error(`${el.tag}: several content nodes with binary opaque data`);
    const base64 = Buffer.from(el.children[0] as Uint8Array).toString('base64');
    lines.push(`${indent}<${el.tag}${xmlns} opaque="base64">${base64}</${el.tag}>`);
    return;
  }
  const content = el.children
    .map((child) => (typeof child === 'string' ? escapeXmlText(child) : `<![CDATA[${Buffer.from(child as Uint8Array).toString('utf8')}]]>`))
    .join('');
  lines.push(`${indent}<${el.tag}${xmlns}>${content}</${el.tag}>`);
}

/** True when bytes survive a round trip through a CDATA section: valid UTF-8, no "]]>", no CR
 *  (XML parsers turn CR LF into LF even inside CDATA) and no other character XML 1.0 forbids. */
export function isCdataSafe(bytes: Uint8Array): boolean {
  const text = Buffer.from(bytes).toString('utf8');
  if (!Buffer.from(text, 'utf8').equals(bytes) || text.includes(']]>')) return false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a) || code === 0xfffe || code === 0xffff) return false;
  }
  return true;
}

/** Differences between two trees as readable lines ("/Sync/Status: ..."); empty when equal.
 *  Strings and opaque blocks are different kinds: a STR_I never equals an OPAQUE. */
export function treeDifferences(expected: WbxmlElement, actual: WbxmlElement, path = ''): string[] {
  const here = `${path}/${expected.tag}`;
  if (expected.page !== actual.page || expected.tag !== actual.tag) {
    return [`${here}: expected page ${expected.page} <${expected.tag}>, got page ${actual.page} <${actual.tag}>`];
  }
  if (expected.children.length !== actual.children.length) {
    return [`${here}: expected ${expected.children.length} children, got ${actual.children.length}`];
  }
  const differences: string[] = [];
  expected.children.forEach((want, i) => {
    const got = actual.children[i] as WbxmlNode;
    if (isElement(want) && isElement(got)) differences.push(...treeDifferences(want, got, here));
    else if (typeof want === 'string' && typeof got === 'string') {
      if (want !== got) differences.push(`${here}[${i}]: expected string ${JSON.stringify(want)}, got ${JSON.stringify(got)}`);
    } else if (want instanceof Uint8Array && got instanceof Uint8Array) {
      if (!Buffer.from(want).equals(Buffer.from(got))) differences.push(`${here}[${i}]: opaque bytes differ`);
    } else {
      differences.push(`${here}[${i}]: expected ${kindOf(want)}, got ${kindOf(got)}`);
    }
  });
  return differences;
}

function kindOf(node: WbxmlNode): string {
  return isElement(node) ? `element <${node.tag}>` : typeof node === 'string' ? 'a string' : 'an opaque block';
}
