// The encoder's output buffer and the writers of content (STR_I, OPAQUE) shared by its two tree
// walks (encoder.ts). Every string is written in one pass over it: short strings in JS, long
// ones with one native UTF-8 conversion, and the NUL check done on the written bytes (memchr)
// rather than on the string, which for a two-byte string is a second slow walk (BENCHMARKS.md,
// "Large bodies"). Strings are written as UTF-8 with a lone surrogate as U+FFFD (the WHATWG
// rule), mirroring the decoder's replacement policy; a NUL cannot be written, as it would end
// the STR_I early.

import { Buffer, constants } from 'node:buffer';
import { WbxmlError } from './errors.js';
import { EAS_HEADER, OPAQUE, STR_I } from './tokens.js';
import type { WbxmlElement } from './tree.js';
import { walkDeep } from './tree-walk.js';

/** Strings up to this length are checked and written in JS; beyond it a native call is cheaper. */
const SHORT_STRING_CHARS = 64;

/** UTF-8 needs at most 3 bytes per UTF-16 unit (a surrogate pair: 4 bytes for 2 units). */
const MAX_UTF8_BYTES_PER_UNIT = 3;

// Called through the prototype, not as text.charCodeAt(i): trees carry strings of many V8 kinds
// (flat, two-byte, ropes, slices), and the method lookup on the string goes megamorphic past
// four of them, making every character a generic call (five times slower per string; this was
// why FolderSync encoded at half speed after a mail Sync in the same process).
const charCodeAt = String.prototype.charCodeAt;

const utf8 = new TextEncoder();

/**
 * Where one encode writes: first the caller's scratch, grown by doubling up to `scratchLimit`;
 * a document that outgrows it "spills" into a buffer of its own, sized from sizeHint plus a
 * little room, so that its large bodies are copied once rather than doubled into place, and
 * handed out as it is (the spare tail is the price of not copying megabytes once more). `page`
 * is the code page the bytes so far leave current.
 */
export class EncodeOutput {
  page = 0;
  spilled = false;
  constructor(
    public buf: Buffer,
    /** The scratch as last grown, to be kept by the caller for the next encode. */
    public scratch: Buffer,
    readonly scratchLimit: number,
    readonly maxDepth: number,
    readonly root: WbxmlElement,
  ) {}
}

/** Room for `bytes` more at `pos`. */
export function grow(out: EncodeOutput, pos: number, bytes: number): Buffer {
  const needed = pos + bytes;
  if (needed > constants.MAX_LENGTH) throw new WbxmlError('limit', `document of over ${constants.MAX_LENGTH} bytes is too large to encode`);
  let size: number;
  if (out.spilled) {
    size = Math.max(needed, out.buf.length + (out.buf.length >> 1));
  } else if (needed <= out.scratchLimit) {
    size = Math.min(out.scratchLimit, Math.max(needed, out.buf.length * 2));
  } else {
    out.spilled = true;
    // Room for long text that is not all ASCII (a few accented letters in a body) without a
    // second copy of the document.
    const hint = sizeHint(out.root, out.maxDepth);
    size = Math.max(needed * 2, hint + (hint >> 4) + SPILL_SLACK_BYTES);
  }
  const grown = Buffer.allocUnsafeSlow(Math.min(size, constants.MAX_LENGTH));
  out.buf.copy(grown, 0, 0, pos);
  out.buf = grown;
  if (!out.spilled) out.scratch = grown;
  return grown;
}

const SPILL_SLACK_BYTES = 64 * 1024;

/** Strings up to this length count at their exact UTF-8 size in sizeHint; longer ones at one byte a unit. */
const HINT_EXACT_CHARS = 1024;

/**
 * Nearly the document's size: exact but for long strings, counted as if ASCII (UTF-8 takes at
 * least a byte per UTF-16 unit), as the MIME and HTML that make documents large mostly are.
 * Walks in the writers' order without judging the tree (the writer refuses what is wrong, in
 * order) and stops at maxDepth, so a cyclic tree cannot make it run away.
 */
function sizeHint(root: WbxmlElement, maxDepth: number): number {
  let page = root.page;
  let size = EAS_HEADER.length + (page === 0 ? 1 : 3) + (root.children.length > 0 ? 1 : 0);
  walkDeep(root, {
    child(node, _parent, depth) {
      if (typeof node === 'string') {
        size += 2 + (node.length <= HINT_EXACT_CHARS ? utf8Length(node) : node.length);
      } else if (node instanceof Uint8Array) {
        size += 1 + mbUInt32Length(node.length) + node.length;
      } else if (typeof node === 'object' && node !== null && Array.isArray((node as WbxmlElement).children)) {
        if (depth >= maxDepth) return false;
        const el = node as WbxmlElement;
        size += el.page === page ? 1 : 3;
        page = el.page;
        if (el.children.length > 0) size += 1;
        return el;
      }
      return undefined;
    },
  });
  return size;
}

/** UTF-8 length as the writers produce it: a lone surrogate becomes U+FFFD, 3 bytes. */
function utf8Length(text: string): number {
  let length = text.length;
  for (let i = 0; i < text.length; i++) {
    const code = charCodeAt.call(text, i);
    if (code < 0x80) continue;
    if (code < 0x800) {
      length += 1;
    } else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length && (charCodeAt.call(text, i + 1) & 0xfc00) === 0xdc00) {
      length += 2;
      i++;
    } else {
      length += 2;
    }
  }
  return length;
}

/** STR_I, the string as UTF-8, its NUL terminator; returns the position after them. */
export function writeString(out: EncodeOutput, start: number, text: string): number {
  // Through a template, which is the string itself: V8's optimizing compiler then knows it holds
  // a string and reads its length directly. `text.length` is a property load whose cache goes
  // megamorphic over the string kinds a tree carries (as charCodeAt's did, above): FolderSync
  // encode -17 %, BENCHMARKS.md "Fourth round".
  const length = `${text}`.length;
  if (length > SHORT_STRING_CHARS) return writeLongString(out, start, text);
  let buf = out.buf;
  if (start + 2 + length * MAX_UTF8_BYTES_PER_UNIT > buf.length) buf = grow(out, start, 2 + length * MAX_UTF8_BYTES_PER_UNIT);
  buf[start] = STR_I;
  let pos = start + 1;
  for (let i = 0; i < length; i++) {
    const code = charCodeAt.call(text, i);
    if (code === 0) throw nulError();
    if (code > 0x7f) {
      pos = writeUtf8From(buf, pos, text, i, length);
      break;
    }
    buf[pos++] = code;
  }
  buf[pos++] = 0;
  return pos;
}

/**
 * The rest of a short string from `from`, its first non-ASCII unit, as UTF-8 written in JS (a
 * native write costs more than the whole of such a string); returns the position after it. A
 * lone surrogate becomes U+FFFD, as Buffer and TextEncoder write it.
 */
function writeUtf8From(buf: Buffer, start: number, text: string, from: number, length: number): number {
  let pos = start;
  for (let i = from; i < length; i++) {
    const code = charCodeAt.call(text, i);
    if (code < 0x80) {
      if (code === 0) throw nulError();
      buf[pos++] = code;
    } else if (code < 0x800) {
      buf[pos++] = 0xc0 | (code >> 6);
      buf[pos++] = 0x80 | (code & 0x3f);
    } else if (code < 0xd800 || code > 0xdfff) {
      buf[pos++] = 0xe0 | (code >> 12);
      buf[pos++] = 0x80 | ((code >> 6) & 0x3f);
      buf[pos++] = 0x80 | (code & 0x3f);
    } else {
      const low = code <= 0xdbff && i + 1 < length ? charCodeAt.call(text, i + 1) : 0;
      if (low >= 0xdc00 && low <= 0xdfff) {
        const point = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
        buf[pos++] = 0xf0 | (point >> 18);
        buf[pos++] = 0x80 | ((point >> 12) & 0x3f);
        buf[pos++] = 0x80 | ((point >> 6) & 0x3f);
        buf[pos++] = 0x80 | (point & 0x3f);
        i++;
      } else {
        buf[pos++] = 0xef;
        buf[pos++] = 0xbf;
        buf[pos++] = 0xbd;
      }
    }
  }
  return pos;
}

// One native conversion. Buffer#write converts fastest (twice TextEncoder#encodeInto's speed on
// one-byte strings) but only says how many bytes it wrote: it is used when the room left holds
// the worst case (3 bytes a unit), or may hold the string and is then seen to (it writes whole
// characters, none over 4 bytes, so 4 bytes of room left unused mean it wrote them all). In a
// document sized for ASCII text neither may hold; encodeInto then fills what fits, says how far
// it got, and the buffer grows for the rest.
function writeLongString(out: EncodeOutput, start: number, text: string): number {
  let buf = out.buf;
  if (start + 2 > buf.length) buf = grow(out, start, 2);
  buf[start] = STR_I;
  const textStart = start + 1;
  let pos = textStart;
  const room = buf.length - pos - 1;
  const mayFit = text.length <= room;
  const written = mayFit ? buf.write(text, pos, room, 'utf8') : 0;
  if (mayFit && (text.length * MAX_UTF8_BYTES_PER_UNIT <= room || room - written >= 4)) {
    pos += written;
  } else {
    let rest = text;
    for (;;) {
      const { read, written: part } = utf8.encodeInto(rest, buf.subarray(pos, buf.length - 1));
      pos += part;
      if (read === rest.length) break;
      rest = rest.slice(read);
      buf = grow(out, pos, rest.length * MAX_UTF8_BYTES_PER_UNIT + 1);
    }
  }
  // UTF-8 has a zero byte only for U+0000.
  if (buf.subarray(textStart, pos).indexOf(0) !== -1) throw nulError();
  buf[pos++] = 0;
  return pos;
}

function nulError(): WbxmlError {
  return new WbxmlError('unencodable', 'string contains NUL');
}

/** OPAQUE, the length as mb_u_int32, the bytes; returns the position after them. */
export function writeOpaque(out: EncodeOutput, start: number, bytes: Uint8Array): number {
  if (bytes.length > 0xffffffff) throw new WbxmlError('unencodable', 'opaque block over 4 GiB');
  let buf = out.buf;
  const size = 1 + mbUInt32Length(bytes.length) + bytes.length;
  if (start + size > buf.length) buf = grow(out, start, size);
  buf[start] = OPAQUE;
  const pos = writeMbUInt32(buf, start + 1, bytes.length);
  buf.set(bytes, pos);
  return pos + bytes.length;
}

export function mbUInt32Length(value: number): number {
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
