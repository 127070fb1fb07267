// Turning STR_I bytes into JS strings. Short strings, what EAS is mostly made of (Status "1",
// ServerId "5:123", a folder or sender name), are built from char codes without a native call:
// each Buffer decode is a trip into C++ that takes several times as long as building a short
// string in V8's own builtins (BENCHMARKS.md, "Small documents"). Long text takes the fastest
// native route its bytes allow. Invalid UTF-8 always goes to Node's own decoder, which alone
// defines the replacement rules (U+FFFD, WHATWG), so every path returns what it would.

import * as nodeBuffer from 'node:buffer';

/** Non-ASCII text is decoded in JS up to this many bytes: past about 24 the chunks it is built
 *  from (8 units a call) cost more than Node's decoder. */
export const JS_UTF8_BYTES = 24;

/** From this size a probe of the bytes pays for itself: ASCII decodes as latin1 (about 20x
 *  faster than V8's UTF-8 decoder), other valid UTF-8 through ICU's transcoder to UTF-16 (10-15%
 *  faster than V8's at 1-1.5 KB, the size of a mail preview; 1.6x at 2 KB, 2.2x at 4 KB; level
 *  below 1 KB, where the probes' own cost catches up). */
export const PROBED_TEXT_BYTES = 1024;

// Absent from Node builds without ICU; text then takes V8's decoder, as any invalid UTF-8 does.
const transcode: typeof nodeBuffer.transcode | undefined = nodeBuffer.transcode;

const fromCharCode = String.fromCharCode;

/** Up to 8 char codes from `codes` at `at` as a string; arguments spelled out keep V8 on its fast path. */
function codesText(codes: ArrayLike<number>, at: number, length: number): string {
  const c = codes;
  switch (length) {
    case 0: return '';
    case 1: return fromCharCode(c[at] as number);
    case 2: return fromCharCode(c[at] as number, c[at + 1] as number);
    case 3: return fromCharCode(c[at] as number, c[at + 1] as number, c[at + 2] as number);
    case 4: return fromCharCode(c[at] as number, c[at + 1] as number, c[at + 2] as number, c[at + 3] as number);
    case 5: return fromCharCode(c[at] as number, c[at + 1] as number, c[at + 2] as number, c[at + 3] as number, c[at + 4] as number);
    case 6: return fromCharCode(c[at] as number, c[at + 1] as number, c[at + 2] as number, c[at + 3] as number, c[at + 4] as number, c[at + 5] as number);
    case 7: return fromCharCode(c[at] as number, c[at + 1] as number, c[at + 2] as number, c[at + 3] as number, c[at + 4] as number, c[at + 5] as number, c[at + 6] as number);
    default: return fromCharCode(c[at] as number, c[at + 1] as number, c[at + 2] as number, c[at + 3] as number, c[at + 4] as number, c[at + 5] as number, c[at + 6] as number, c[at + 7] as number);
  }
}

/** ASCII strings of 2 to this many bytes are kept in SHORT_TEXT_SLOTS: their 7-bit codes make one 28-bit key. */
export const CACHED_TEXT_BYTES = 4;
/** A power of two; a slot holds the last string that hashed to it. */
const SHORT_TEXT_SLOTS = 4096;
// The same short values recur through EAS documents (Status and Type codes like "12", counts,
// folder and collection ids like "f12" or "5:3"): handing back the string built last time for
// the same bytes costs a few loads where building one costs a call into V8's fromCharCode and an
// allocation (Ping decode -13 %, BENCHMARKS.md "Third round"). Strings are
// immutable, so sharing them between trees is invisible to callers; the table holds at most
// SHORT_TEXT_SLOTS strings of 4 characters.
const shortTextKeys = new Int32Array(SHORT_TEXT_SLOTS);
const shortTexts: string[] = Array.from({ length: SHORT_TEXT_SLOTS }, () => '');

/** Short ASCII text, straight from its bytes (1 to 8 of them, none 0 or above 0x7F). */
export function asciiCodesText(bytes: Uint8Array, at: number, length: number): string {
  // One character comes from V8's single-character table, allocating nothing.
  if (length < 2 || length > CACHED_TEXT_BYTES) return codesText(bytes, at, length);
  // No byte is 0 (it would have ended the string), so the key tells every length apart.
  let key = ((bytes[at] as number) << 7) | (bytes[at + 1] as number);
  if (length > 2) key = (key << 7) | (bytes[at + 2] as number);
  if (length > 3) key = (key << 7) | (bytes[at + 3] as number);
  const slot = Math.imul(key, 0x9e3779b1) >>> 20;
  if (shortTextKeys[slot] === key) return shortTexts[slot] as string;
  const text = codesText(bytes, at, length);
  shortTextKeys[slot] = key;
  shortTexts[slot] = text;
  return text;
}

/**
 * bytes[start..stop) decoded as UTF-8 in JS, or undefined if they are not strictly valid UTF-8
 * (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF), which the caller then
 * decodes natively. `units` is the caller's scratch for the UTF-16 code units.
 */
export function utf8CodesText(bytes: Uint8Array, start: number, stop: number, units: number[]): string | undefined {
  let n = 0;
  let i = start;
  while (i < stop) {
    const b0 = bytes[i] as number;
    if (b0 < 0x80) {
      units[n++] = b0;
      i += 1;
      continue;
    }
    const b1 = i + 1 < stop ? bytes[i + 1] as number : 0;
    if (b0 >= 0xc2 && b0 <= 0xdf) {
      if ((b1 & 0xc0) !== 0x80) return undefined;
      units[n++] = ((b0 & 0x1f) << 6) | (b1 & 0x3f);
      i += 2;
      continue;
    }
    const b2 = i + 2 < stop ? bytes[i + 2] as number : 0;
    if (b0 >= 0xe0 && b0 <= 0xef) {
      // E0 needs A0-BF (else overlong), ED needs 80-9F (else a surrogate).
      const low = b0 === 0xe0 ? 0xa0 : 0x80;
      const high = b0 === 0xed ? 0x9f : 0xbf;
      if (b1 < low || b1 > high || (b2 & 0xc0) !== 0x80) return undefined;
      units[n++] = ((b0 & 0x0f) << 12) | ((b1 & 0x3f) << 6) | (b2 & 0x3f);
      i += 3;
      continue;
    }
    const b3 = i + 3 < stop ? bytes[i + 3] as number : 0;
    if (b0 >= 0xf0 && b0 <= 0xf4) {
      // F0 needs 90-BF (else overlong), F4 needs 80-8F (else above U+10FFFF).
      const low = b0 === 0xf0 ? 0x90 : 0x80;
      const high = b0 === 0xf4 ? 0x8f : 0xbf;
      if (b1 < low || b1 > high || (b2 & 0xc0) !== 0x80 || (b3 & 0xc0) !== 0x80) return undefined;
      const point = (((b0 & 0x07) << 18) | ((b1 & 0x3f) << 12) | ((b2 & 0x3f) << 6) | (b3 & 0x3f)) - 0x10000;
      units[n++] = 0xd800 | (point >> 10);
      units[n++] = 0xdc00 | (point & 0x3ff);
      i += 4;
      continue;
    }
    return undefined;
  }
  let text = '';
  let at = 0;
  for (; n - at > 8; at += 8) text += codesText(units, at, 8);
  return text + codesText(units, at, n - at);
}

/** buf[start..stop) as UTF-8 text, for text of PROBED_TEXT_BYTES or more. */
export function longText(buf: Buffer, start: number, stop: number): string {
  const bytes = buf.subarray(start, stop);
  if (nodeBuffer.isAscii(bytes)) return buf.toString('latin1', start, stop);
  if (transcode !== undefined && nodeBuffer.isUtf8(bytes)) return transcode(bytes, 'utf8', 'utf16le').toString('utf16le');
  return buf.toString('utf8', start, stop);
}
