// Token tree -> WBXML bytes, as EAS expects them (MS-ASWBXML 2.1.2): header 03 01 6A 00, one
// SWITCH_PAGE only where the code page changes, the content bit only on elements with children.
// Two passes, both loops over an explicit stack rather than recursion: the first validates the
// tree and sums its exact size, the second writes it into one buffer allocated once. Large
// strings and opaque blocks are copied natively.
//
// Strings are written as UTF-8; a lone surrogate becomes U+FFFD (the WHATWG rule), mirroring the
// decoder's replacement policy. A NUL cannot be written: it would end the STR_I early.

import { Buffer, constants } from 'node:buffer';
import { CODE_PAGES, tagToken } from './code-pages/index.js';
import { WbxmlError } from './errors.js';
import { DEFAULT_WBXML_LIMITS } from './limits.js';
import { CONTENT_BIT, EAS_HEADER, END, OPAQUE, STR_I, SWITCH_PAGE } from './tokens.js';
import type { WbxmlElement, WbxmlNode } from './tree.js';

/** Strings up to this length are measured and written in JS; beyond it native calls are cheaper. */
const SHORT_STRING_CHARS = 64;

export interface EncodeOptions {
  /** Deepest nesting written; guards against cyclic trees. Defaults to the decoder's limit, so
   *  we never send what we would refuse to read. */
  readonly maxDepth?: number;
}

/** Encodes `root` as one WBXML document; returns a Buffer (a Uint8Array) of exactly its size. */
export function encodeWbxml(root: WbxmlElement, options?: EncodeOptions): Uint8Array {
  const size = measure(asElement(root, 'the root'), options?.maxDepth ?? DEFAULT_WBXML_LIMITS.maxDepth);
  if (size > constants.MAX_LENGTH) throw new WbxmlError('limit', `document of ${size} bytes is too large to encode`);
  const out = Buffer.allocUnsafe(size);
  const written = write(root, out);
  if (written !== size) throw new Error(`WBXML encoder wrote ${written} bytes, planned ${size}`);
  return out;
}

// Pass 1: validates the tree and returns the exact document size. Walks in the same order as
// write() and tracks the page the same way, so the two always agree. Both passes handle the
// commonest EAS shape, an element holding one string, without a trip through the stack.
function measure(root: WbxmlElement, maxDepth: number): number {
  const elements: WbxmlElement[] = [root];
  const next: number[] = [0];
  tokenOf(root);
  let size = EAS_HEADER.length + (root.page === 0 ? 1 : 3) + (root.children.length > 0 ? 1 : 0);
  let page = root.page;
  while (elements.length > 0) {
    const top = elements.length - 1;
    const parent = elements[top] as WbxmlElement;
    const index = next[top] as number;
    if (index === parent.children.length) {
      elements.pop();
      next.pop();
      continue;
    }
    next[top] = index + 1;
    const child: unknown = parent.children[index];
    if (typeof child === 'string') {
      size += 2 + stringByteLength(child);
    } else if (child instanceof Uint8Array) {
      if (child.length > 0xffffffff) throw new WbxmlError('unencodable', 'opaque block over 4 GiB');
      size += 1 + mbUInt32Length(child.length) + child.length;
    } else {
      const el = asElement(child, `a child of ${parent.tag}`);
      if (elements.length + 1 > maxDepth) throw new WbxmlError('limit', `nesting deeper than ${maxDepth}`);
      tokenOf(el);
      size += el.page === page ? 1 : 3;
      page = el.page;
      if (el.children.length > 0) {
        size += 1;
        const only = el.children.length === 1 ? el.children[0] : undefined;
        if (typeof only === 'string') {
          size += 2 + stringByteLength(only);
        } else {
          elements.push(el);
          next.push(0);
        }
      }
    }
  }
  return size;
}

// Pass 2: writes the tree measure() accepted; returns the number of bytes written.
function write(root: WbxmlElement, out: Buffer): number {
  const elements: WbxmlElement[] = [];
  const next: number[] = [];
  let pos = 0;
  for (const byte of EAS_HEADER) out[pos++] = byte;
  let page = 0;
  let el: WbxmlElement | undefined = root;
  for (;;) {
    if (el !== undefined) {
      if (el.page !== page) {
        page = el.page;
        out[pos++] = SWITCH_PAGE;
        out[pos++] = page;
      }
      const token = tagToken(page, el.tag) as number;
      const only = el.children.length === 1 ? el.children[0] : undefined;
      if (el.children.length === 0) {
        out[pos++] = token;
      } else if (typeof only === 'string') {
        out[pos++] = token | CONTENT_BIT;
        out[pos++] = STR_I;
        pos = writeString(out, pos, only);
        out[pos++] = 0;
        out[pos++] = END;
      } else {
        out[pos++] = token | CONTENT_BIT;
        elements.push(el);
        next.push(0);
      }
      el = undefined;
    }
    const top = elements.length - 1;
    if (top < 0) return pos;
    const parent = elements[top] as WbxmlElement;
    const index = next[top] as number;
    if (index === parent.children.length) {
      out[pos++] = END;
      elements.pop();
      next.pop();
      continue;
    }
    next[top] = index + 1;
    const child = parent.children[index] as WbxmlNode;
    if (typeof child === 'string') {
      out[pos++] = STR_I;
      pos = writeString(out, pos, child);
      out[pos++] = 0;
    } else if (child instanceof Uint8Array) {
      out[pos++] = OPAQUE;
      pos = writeMbUInt32(out, pos, child.length);
      out.set(child, pos);
      pos += child.length;
    } else {
      el = child;
    }
  }
}

/** The tag token of `el`; refuses pages and tags the code pages do not define. */
function tokenOf(el: WbxmlElement): number {
  const token = CODE_PAGES[el.page] === undefined ? undefined : tagToken(el.page, el.tag);
  if (token === undefined) throw new WbxmlError('unencodable', `no tag ${String(el.tag)} on code page ${String(el.page)}`);
  return token;
}

/** Trees may come from untyped code; anything but an element with a children array is refused. */
function asElement(node: unknown, where: string): WbxmlElement {
  if (typeof node === 'object' && node !== null && Array.isArray((node as WbxmlElement).children)) {
    return node as WbxmlElement;
  }
  throw new WbxmlError('unencodable', `${where} is a ${node === null ? 'null' : typeof node}, not a WBXML node`);
}

function stringByteLength(text: string): number {
  if (text.length > SHORT_STRING_CHARS) {
    if (text.indexOf('\0') !== -1) throw new WbxmlError('unencodable', 'string contains NUL');
    return Buffer.byteLength(text, 'utf8');
  }
  let ascii = true;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0) throw new WbxmlError('unencodable', 'string contains NUL');
    if (code > 0x7f) ascii = false;
  }
  return ascii ? text.length : Buffer.byteLength(text, 'utf8');
}

function writeString(out: Buffer, pos: number, text: string): number {
  if (text.length <= SHORT_STRING_CHARS) {
    let p = pos;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code > 0x7f) return pos + out.write(text, pos, 'utf8');
      out[p++] = code;
    }
    return p;
  }
  return pos + out.write(text, pos, 'utf8');
}

function mbUInt32Length(value: number): number {
  let length = 1;
  for (let v = value; v >= 0x80; v = Math.floor(v / 128)) length++;
  return length;
}

// WBXML 1.3 section 5.1: big-endian base-128 with the continuation bit on all but the last byte.
function writeMbUInt32(out: Buffer, pos: number, value: number): number {
  const length = mbUInt32Length(value);
  let v = value;
  for (let i = length - 1; i >= 0; i--) {
    out[pos + i] = (v & 0x7f) | (i === length - 1 ? 0 : 0x80);
    v = Math.floor(v / 128);
  }
  return pos + length;
}
