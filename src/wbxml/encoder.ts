// Token tree -> WBXML bytes, as EAS expects them (MS-ASWBXML 2.1.2): header 03 01 6A 00, one
// SWITCH_PAGE only where the code page changes, the content bit only on elements with children.
// Loops over an explicit stack rather than recursion. A document of up to SCRATCH_MAX_BYTES is
// validated and written in one pass into a scratch buffer and copied out at its exact size: for
// documents of many small fields a separate sizing pass cost twice the writing itself
// (BENCHMARKS.md, optimisation round). A larger document, which is large because of its bodies,
// is measured first and written into one buffer of its exact size, so big strings and opaque
// blocks are copied once and natively rather than through a growing buffer.
//
// Strings are written as UTF-8; a lone surrogate becomes U+FFFD (the WHATWG rule), mirroring the
// decoder's replacement policy. A NUL cannot be written: it would end the STR_I early.

import { Buffer, constants } from 'node:buffer';
import { CODE_PAGES, tagToken } from './code-pages/index.js';
import { WbxmlError } from './errors.js';
import { DEFAULT_WBXML_LIMITS } from './limits.js';
import { CONTENT_BIT, EAS_HEADER, END, OPAQUE, STR_I, SWITCH_PAGE } from './tokens.js';
import type { WbxmlElement, WbxmlNode } from './tree.js';

/** Strings up to this length are checked and written in JS; beyond it native calls are cheaper. */
const SHORT_STRING_CHARS = 64;

/** UTF-8 needs at most 3 bytes per UTF-16 unit (a surrogate pair: 4 bytes for 2 units). */
const MAX_UTF8_BYTES_PER_UNIT = 3;

/**
 * Scratch space kept between calls, grown on demand up to SCRATCH_MAX_BYTES (a Sync window of
 * mail stays below it). Safe to share because encodeWbxml is synchronous and never returns the
 * scratch itself, only a copy.
 */
const SCRATCH_MAX_BYTES = 4 * 1024 * 1024;
let scratch: Buffer = Buffer.allocUnsafeSlow(16 * 1024);

/** Thrown inside the one-pass writer when the document will not fit the scratch. */
const SCRATCH_FULL = Symbol('scratch full');

export interface EncodeOptions {
  /** Deepest nesting written; guards against cyclic trees. Defaults to the decoder's limit, so
   *  we never send what we would refuse to read. */
  readonly maxDepth?: number;
}

/** Encodes `root` as one WBXML document; returns a Buffer (a Uint8Array) of exactly its size. */
export function encodeWbxml(root: WbxmlElement, options?: EncodeOptions): Uint8Array {
  const element = asElement(root, 'the root');
  const maxDepth = options?.maxDepth ?? DEFAULT_WBXML_LIMITS.maxDepth;
  const writer = new ScratchWriter(scratch);
  try {
    writeDocument(element, writer, maxDepth);
    const out = Buffer.allocUnsafe(writer.pos);
    writer.buf.copy(out, 0, 0, writer.pos);
    return out;
  } catch (error) {
    if (error !== SCRATCH_FULL) throw error;
  } finally {
    scratch = writer.buf;
  }
  return encodeMeasured(element, maxDepth);
}

/** The one-pass output: the scratch, doubled when a write would not fit, up to SCRATCH_MAX_BYTES. */
class ScratchWriter {
  pos = 0;
  constructor(public buf: Buffer) {}

  ensure(bytes: number): void {
    const needed = this.pos + bytes;
    if (needed <= this.buf.length) return;
    if (needed > SCRATCH_MAX_BYTES) throw SCRATCH_FULL;
    const grown = Buffer.allocUnsafeSlow(Math.min(SCRATCH_MAX_BYTES, Math.max(needed, this.buf.length * 2)));
    this.buf.copy(grown, 0, 0, this.pos);
    this.buf = grown;
  }
}

// Both the root and every child element pass through the same open-element code; an element
// holding one string, the commonest EAS shape, is written without a trip through the stack.
function writeDocument(root: WbxmlElement, w: ScratchWriter, maxDepth: number): void {
  const elements: WbxmlElement[] = [];
  const next: number[] = [];
  w.ensure(EAS_HEADER.length);
  for (const byte of EAS_HEADER) w.buf[w.pos++] = byte;
  let page = 0;
  let el: WbxmlElement | undefined = root;
  for (;;) {
    if (el !== undefined) {
      const token = tokenOf(el);
      w.ensure(4);
      if (el.page !== page) {
        page = el.page;
        w.buf[w.pos++] = SWITCH_PAGE;
        w.buf[w.pos++] = page;
      }
      const only = el.children.length === 1 ? el.children[0] : undefined;
      if (el.children.length === 0) {
        w.buf[w.pos++] = token;
      } else if (typeof only === 'string') {
        w.buf[w.pos++] = token | CONTENT_BIT;
        writeString(w, only);
        w.ensure(1);
        w.buf[w.pos++] = END;
      } else {
        w.buf[w.pos++] = token | CONTENT_BIT;
        elements.push(el);
        next.push(0);
      }
      el = undefined;
    }
    const top = elements.length - 1;
    if (top < 0) return;
    const parent = elements[top] as WbxmlElement;
    const index = next[top] as number;
    if (index === parent.children.length) {
      w.ensure(1);
      w.buf[w.pos++] = END;
      elements.pop();
      next.pop();
      continue;
    }
    next[top] = index + 1;
    const child: unknown = parent.children[index];
    if (typeof child === 'string') {
      writeString(w, child);
    } else if (child instanceof Uint8Array) {
      writeOpaque(w, child);
    } else {
      el = asElement(child, `a child of ${parent.tag}`);
      if (elements.length + 1 > maxDepth) throw new WbxmlError('limit', `nesting deeper than ${maxDepth}`);
    }
  }
}

// The path for documents larger than the scratch: two passes, the second into one exact buffer.
function encodeMeasured(root: WbxmlElement, maxDepth: number): Uint8Array {
  const size = measure(root, maxDepth);
  if (size > constants.MAX_LENGTH) throw new WbxmlError('limit', `document of ${size} bytes is too large to encode`);
  const out = Buffer.allocUnsafe(size);
  const written = writeMeasured(root, out);
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

// Pass 2: writes the tree measure() accepted into `out` of exactly that size; returns the number of bytes written.
function writeMeasured(root: WbxmlElement, out: Buffer): number {
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
        pos = writeStringAt(out, pos, only);
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
      pos = writeStringAt(out, pos, child);
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

/** STR_I, the string as UTF-8, its NUL terminator. */
function writeString(w: ScratchWriter, text: string): void {
  w.ensure(2 + text.length * MAX_UTF8_BYTES_PER_UNIT);
  const buf = w.buf;
  buf[w.pos++] = STR_I;
  if (text.length <= SHORT_STRING_CHARS) {
    const start = w.pos;
    let p = start;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code === 0) throw new WbxmlError('unencodable', 'string contains NUL');
      if (code > 0x7f) {
        p = start + buf.write(text, start, 'utf8');
        for (let j = i + 1; j < text.length; j++) {
          if (text.charCodeAt(j) === 0) throw new WbxmlError('unencodable', 'string contains NUL');
        }
        break;
      }
      buf[p++] = code;
    }
    w.pos = p;
  } else {
    if (text.indexOf('\0') !== -1) throw new WbxmlError('unencodable', 'string contains NUL');
    w.pos += buf.write(text, w.pos, 'utf8');
  }
  buf[w.pos++] = 0;
}

/** OPAQUE, the length as mb_u_int32, the bytes. */
function writeOpaque(w: ScratchWriter, bytes: Uint8Array): void {
  if (bytes.length > 0xffffffff) throw new WbxmlError('unencodable', 'opaque block over 4 GiB');
  w.ensure(1 + mbUInt32Length(bytes.length) + bytes.length);
  w.buf[w.pos++] = OPAQUE;
  w.pos = writeMbUInt32(w.buf, w.pos, bytes.length);
  w.buf.set(bytes, w.pos);
  w.pos += bytes.length;
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

function writeStringAt(out: Buffer, pos: number, text: string): number {
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
