// WBXML bytes -> token tree, for the subset of WBXML 1.3 that EAS uses (MS-ASWBXML 2.1.2):
// tags, SWITCH_PAGE, END, STR_I and OPAQUE. The input is untrusted client data, so the decoder is
// a loop over an explicit stack (no recursion: a 100,000-deep body cannot overflow the call
// stack), checks every length claim against the bytes left and the limits before using it, and
// reports every problem as a WbxmlError with the byte offset where it was found.
//
// Text policy: STR_I is decoded as UTF-8 with invalid sequences replaced by U+FFFD (the WHATWG
// rule), not rejected. A client that stored a malformed string (a body cut mid-character, a
// legacy-encoded subject) would resend the same bytes on every retry, and rejecting the whole
// request would wedge that device's Sync for good; one replaced character is the lesser harm.
// A leading byte-order mark is kept, so strings round-trip exactly.
//
// Speed: EAS documents are mostly small fields, so the cost is per element and per string, not
// per byte (BENCHMARKS.md, "Small documents"): the common shapes take short paths, and short
// strings are built without a native call (inline-text.ts).

import { Buffer } from 'node:buffer';
import { CODE_PAGES, TAG_NAME_TABLE } from './code-pages/index.js';
import { WbxmlError } from './errors.js';
import { asciiCodesText, CACHED_TEXT_BYTES, JS_UTF8_BYTES, longText, PROBED_TEXT_BYTES, utf8CodesText } from './inline-text.js';
import { resolveWbxmlLimits, type WbxmlLimits } from './limits.js';
import {
  ATTRIBUTE_BIT, CHARSET_UTF8, CONTENT_BIT, END, FIRST_TAG_TOKEN, OPAQUE, STR_I, SWITCH_PAGE, TAG_TOKEN_MASK,
} from './tokens.js';
import type { WbxmlElement, WbxmlNode } from './tree.js';

/** TOKENS_PER_PAGE is 2^6: TAG_NAME_TABLE indexes are (page << PAGE_SHIFT) | token. */
const PAGE_SHIFT = 6;
/** Strings up to this length are scanned for their terminator in JS: for short strings a
 *  native call costs more than the scan itself. */
const SHORT_STRING_BYTES = 64;
/** Short ASCII strings are cut from one latin1 decode of this many bytes instead of one native
 *  decode each (about 3x faster on documents of many small fields). A cut of 13+ characters
 *  may keep its window alive, so the window stays small to bound that retention. */
const TEXT_WINDOW_BYTES = 4096;
/** ASCII strings up to this many bytes can be built from their char codes, with no native call. */
const CHAR_CODE_TEXT_BYTES = 8;
/** A new window is cut only with at least this much document left to share it (a Ping reply
 *  is 28 bytes: its three or four short strings are cheaper built one by one). */
const WINDOW_WORTH_BYTES = 1024;

/** Valid WBXML 1.3 global tokens that EAS never uses (WAP-192 section 7.1). */
const UNSUPPORTED_GLOBALS: Readonly<Record<number, string>> = {
  0x02: 'ENTITY', 0x04: 'LITERAL', 0x40: 'EXT_I_0', 0x41: 'EXT_I_1', 0x42: 'EXT_I_2', 0x43: 'PI',
  0x44: 'LITERAL_C', 0x80: 'EXT_T_0', 0x81: 'EXT_T_1', 0x82: 'EXT_T_2', 0x83: 'STR_T', 0x84: 'LITERAL_A',
  0xc0: 'EXT_0', 0xc1: 'EXT_1', 0xc2: 'EXT_2', 0xc4: 'LITERAL_AC',
};

/** Decoding state of one call; nothing outlives it. */
class DecodeState {
  pos = 0;
  elements = 0;
  window = '';
  windowStart = 0;
  windowEnd = 0;
  /** Scratch for the UTF-16 units of one short string, made on first use. */
  units: number[] | undefined;
  readonly buf: Buffer;

  constructor(readonly bytes: Uint8Array, readonly limits: WbxmlLimits) {
    this.buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
}

/** Decodes one EAS WBXML document. Opaque nodes are zero-copy views of `bytes`. */
export function decodeWbxml(bytes: Uint8Array, limits?: Partial<WbxmlLimits>): WbxmlElement {
  const resolved = resolveWbxmlLimits(limits);
  if (bytes.length > resolved.maxBytes) {
    throw new WbxmlError('limit', `body of ${bytes.length} bytes exceeds ${resolved.maxBytes}`, resolved.maxBytes);
  }
  const state = new DecodeState(bytes, resolved);
  readHeader(state);
  return readBody(state);
}

// WBXML 1.3 section 5.3: version, publicid, charset, string table.
// The header every EAS peer sends (03 01 6A 00) is recognised in one step.
function readHeader(s: DecodeState): void {
  const b = s.bytes;
  if (b.length >= 4 && b[0] === 0x03 && b[1] === 0x01 && b[2] === CHARSET_UTF8 && b[3] === 0x00) {
    s.pos = 4;
    return;
  }
  if (s.bytes.length === 0) throw new WbxmlError('truncated', 'empty body', 0);
  const version = s.bytes[s.pos++] as number;
  if (version < 0x01 || version > 0x03) {
    throw new WbxmlError('bad-header', `WBXML version byte 0x${version.toString(16)} is not 1.1-1.3`, 0);
  }
  const publicIdAt = s.pos;
  if (readMbUInt32(s) === 0) {
    throw new WbxmlError('unsupported', 'public identifier given as a string-table reference', publicIdAt);
  }
  const charsetAt = s.pos;
  const charset = readMbUInt32(s);
  if (charset !== CHARSET_UTF8) throw new WbxmlError('unsupported', `charset ${charset} is not UTF-8 (106)`, charsetAt);
  const tableAt = s.pos;
  if (readMbUInt32(s) !== 0) throw new WbxmlError('unsupported', 'non-empty string table', tableAt);
}

// Completed nodes wait on one value stack until their parent's END, which takes them as an
// exactly-sized children array: no per-element growable array, far less garbage. The stack is
// overwritten in place (`top`), never shortened: shrinking an array costs more than the copy.
// The commonest EAS shape, a tag holding one string (<Status>1</Status>), skips the value stack.
function readBody(s: DecodeState): WbxmlElement {
  const bytes = s.bytes;
  const end = bytes.length;
  const nodes: WbxmlNode[] = [];
  let top = 0;
  // Per open element: its tag's index in TAG_NAME_TABLE (page and name in one number) and where
  // its children start on the value stack; one small-integer array instead of three.
  const open: number[] = [];
  let depth = 0;
  let root: WbxmlElement | undefined;
  let page = 0;
  while (s.pos < end) {
    const at = s.pos;
    const token = bytes[s.pos++] as number;
    if (depth === 0 && root !== undefined) throw new WbxmlError('malformed', 'bytes after the root element', at);
    if (token === SWITCH_PAGE) {
      page = readPageNumber(s);
      continue;
    }
    if (token === STR_I || token === OPAQUE) {
      if (depth === 0) throw new WbxmlError('malformed', 'content outside the root element', at);
      nodes[top++] = token === STR_I ? readInlineString(s) : readOpaque(s);
      continue;
    }
    let complete: WbxmlElement;
    if (token === END) {
      if (depth === 0) throw new WbxmlError('malformed', 'END outside any element', at);
      depth--;
      const index = open[2 * depth] as number;
      const start = open[2 * depth + 1] as number;
      complete = { page: index >> PAGE_SHIFT, tag: TAG_NAME_TABLE[index] as string, children: takeNodes(nodes, start, top) };
      top = start;
    } else {
      const index = tagIndex(s, token, page, depth + 1, at);
      const tag = TAG_NAME_TABLE[index] as string;
      if ((token & CONTENT_BIT) === 0) {
        complete = { page, tag, children: [] };
      } else {
        let text: string | undefined;
        if (bytes[s.pos] === STR_I) {
          s.pos++;
          text = readInlineString(s);
        }
        if (text !== undefined && bytes[s.pos] === END) {
          s.pos++;
          complete = { page, tag, children: [text] };
        } else {
          open[2 * depth] = index;
          open[2 * depth + 1] = top;
          depth++;
          if (text !== undefined) nodes[top++] = text;
          continue;
        }
      }
    }
    if (depth === 0) root = complete;
    else nodes[top++] = complete;
  }
  if (root === undefined || depth > 0) {
    throw new WbxmlError('truncated', depth > 0 ? `${depth} element(s) left open` : 'no root element', end);
  }
  return root;
}

/** nodes[start..end) as a new array; literals for the common small counts are cheaper than slice(). */
function takeNodes(nodes: WbxmlNode[], start: number, end: number): WbxmlNode[] {
  switch (end - start) {
    case 0: return [];
    case 1: return [nodes[start] as WbxmlNode];
    case 2: return [nodes[start] as WbxmlNode, nodes[start + 1] as WbxmlNode];
    case 3: return [nodes[start] as WbxmlNode, nodes[start + 1] as WbxmlNode, nodes[start + 2] as WbxmlNode];
    case 4: return [nodes[start] as WbxmlNode, nodes[start + 1] as WbxmlNode, nodes[start + 2] as WbxmlNode, nodes[start + 3] as WbxmlNode];
    default: return nodes.slice(start, end);
  }
}

/** Checks a tag token and the element limits; returns the tag's index in TAG_NAME_TABLE. */
function tagIndex(s: DecodeState, token: number, page: number, depth: number, at: number): number {
  const id = token & TAG_TOKEN_MASK;
  if (id < FIRST_TAG_TOKEN) {
    const name = UNSUPPORTED_GLOBALS[token] ?? `0x${token.toString(16)}`;
    throw new WbxmlError('unsupported', `global token ${name}`, at);
  }
  if ((token & ATTRIBUTE_BIT) !== 0) throw new WbxmlError('unsupported', 'tag with attributes', at);
  // The page came through readPageNumber (or is 0) and id is 5-63: the index is in the table.
  const index = (page << PAGE_SHIFT) | id;
  if (TAG_NAME_TABLE[index] === undefined) {
    throw new WbxmlError('unknown-token', `token 0x${id.toString(16)} on code page ${page}`, at);
  }
  if (depth > s.limits.maxDepth) throw new WbxmlError('limit', `nesting deeper than ${s.limits.maxDepth}`, at);
  if (++s.elements > s.limits.maxElements) {
    throw new WbxmlError('limit', `more than ${s.limits.maxElements} elements`, at);
  }
  return index;
}

function readPageNumber(s: DecodeState): number {
  const at = s.pos;
  if (at >= s.bytes.length) throw new WbxmlError('truncated', 'SWITCH_PAGE without a page number', at);
  const page = s.bytes[s.pos++] as number;
  if (CODE_PAGES[page] === undefined) throw new WbxmlError('unknown-page', `code page ${page}`, at);
  return page;
}

// WBXML 1.3 section 5.1: big-endian base-128, high bit = more bytes follow; 32 bits at most.
function readMbUInt32(s: DecodeState): number {
  const bytes = s.bytes;
  const start = s.pos;
  let value = 0;
  for (let i = 0; i < 5; i++) {
    if (s.pos >= bytes.length) throw new WbxmlError('truncated', 'multi-byte integer cut short', start);
    const byte = bytes[s.pos++] as number;
    value = value * 128 + (byte & 0x7f);
    if ((byte & 0x80) === 0) {
      if (value > 0xffffffff) throw new WbxmlError('malformed', 'multi-byte integer above 2^32-1', start);
      return value;
    }
  }
  throw new WbxmlError('malformed', 'multi-byte integer longer than 5 bytes', start);
}

function readOpaque(s: DecodeState): Uint8Array {
  const at = s.pos - 1;
  const length = readMbUInt32(s);
  if (length > s.limits.maxOpaqueBytes) {
    throw new WbxmlError('limit', `opaque block of ${length} bytes exceeds ${s.limits.maxOpaqueBytes}`, at);
  }
  if (length > s.bytes.length - s.pos) {
    throw new WbxmlError('truncated', `opaque block claims ${length} bytes, ${s.bytes.length - s.pos} left`, at);
  }
  const view = new Uint8Array(s.bytes.buffer, s.bytes.byteOffset + s.pos, length);
  s.pos += length;
  return view;
}

// Kept small enough for V8 to inline into readBody: the scan for a short string's terminator and
// its decoding are the hot path; long strings and every failure are in functions of their own.
function readInlineString(s: DecodeState): string {
  const bytes = s.bytes;
  const start = s.pos;
  const scanEnd = Math.min(bytes.length, start + SHORT_STRING_BYTES);
  let stop = start;
  let seen = 0;
  for (; stop < scanEnd; stop++) {
    const byte = bytes[stop] as number;
    if (byte === 0) break;
    seen |= byte;
  }
  if (stop === scanEnd) return readLongString(s, start, scanEnd);
  const length = stop - start;
  if (length > s.limits.maxStringBytes) throw stringLimitError(s, length, start);
  s.pos = stop + 1;
  if (seen < 0x80) {
    // A latin1 window costs a native call: worth it only where many strings will share it.
    // Strings of up to CACHED_TEXT_BYTES come from a table whatever the document.
    const shareable = stop <= s.windowEnd || bytes.length - start >= WINDOW_WORTH_BYTES;
    const windowed = length > CHAR_CODE_TEXT_BYTES || (length > CACHED_TEXT_BYTES && shareable);
    return windowed ? asciiText(s, start, stop) : asciiCodesText(bytes, start, length);
  }
  const text = length <= JS_UTF8_BYTES ? utf8CodesText(bytes, start, stop, s.units ??= []) : undefined;
  return text ?? s.buf.toString('utf8', start, stop);
}

/** A string with no terminator in its first SHORT_STRING_BYTES: found natively, then decoded. */
function readLongString(s: DecodeState, start: number, scanEnd: number): string {
  const stop = s.buf.indexOf(0, scanEnd);
  if (stop === -1) {
    const left = s.bytes.length - start;
    if (left > s.limits.maxStringBytes) throw new WbxmlError('limit', `string longer than ${s.limits.maxStringBytes} bytes`, start - 1);
    throw new WbxmlError('truncated', 'string without its NUL terminator', start - 1);
  }
  const length = stop - start;
  if (length > s.limits.maxStringBytes) throw stringLimitError(s, length, start);
  s.pos = stop + 1;
  return length >= PROBED_TEXT_BYTES ? longText(s.buf, start, stop) : s.buf.toString('utf8', start, stop);
}

function stringLimitError(s: DecodeState, length: number, start: number): WbxmlError {
  return new WbxmlError('limit', `string of ${length} bytes exceeds ${s.limits.maxStringBytes}`, start - 1);
}

function asciiText(s: DecodeState, start: number, stop: number): string {
  if (start < s.windowStart || stop > s.windowEnd) {
    s.windowStart = start;
    s.windowEnd = Math.min(s.bytes.length, start + TEXT_WINDOW_BYTES);
    s.window = s.buf.toString('latin1', s.windowStart, s.windowEnd);
  }
  return s.window.substring(start - s.windowStart, stop - s.windowStart);
}
