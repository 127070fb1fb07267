// Cutting bodies to the client's limits without producing broken data: text is cut on a UTF-8
// character boundary (TruncationSize counts bytes, MS-ASAIRS 2.2.2.40.2 and AllOrNone 2.2.2.3.2),
// MIME after a line break so no header, base64 line or multipart delimiter is split in half
// (CLIENT-QUIRKS §6.2), and 2.5 bodies by characters (AirSync:Truncation counts characters,
// MS-ASCMD 2.2.3.185). Every function is linear in the part it keeps.

import { Buffer } from 'node:buffer';

export interface TruncatedText {
  readonly text: string;
  readonly truncated: boolean;
  /** UTF-8 size of the whole text, before any cut (EstimatedDataSize). */
  readonly fullBytes: number;
}

export interface TruncatedBytes {
  readonly bytes: Uint8Array;
  readonly truncated: boolean;
  readonly fullBytes: number;
}

/** The longest prefix of `text` whose UTF-8 form fits in `maxBytes`, never splitting a character. */
export function truncateUtf8(text: string, maxBytes: number | undefined): TruncatedText {
  const fullBytes = Buffer.byteLength(text, 'utf8');
  if (maxBytes === undefined || fullBytes <= maxBytes) return { text, truncated: false, fullBytes };
  // Every UTF-16 unit needs at least one byte, so the first maxBytes units already hold at least
  // maxBytes bytes: only that prefix is encoded. A surrogate half cut off at its end turns into a
  // 3-byte U+FFFD that always ends past maxBytes, so the boundary search below drops it.
  const head = Buffer.from(text.slice(0, Math.max(0, maxBytes)), 'utf8');
  const cut = utf8Boundary(head, Math.min(maxBytes, head.length));
  return { text: head.subarray(0, cut).toString('utf8'), truncated: true, fullBytes };
}

/** Cuts MIME bytes to at most `maxBytes`, after the last line break that fits when there is one. */
export function truncateMime(mime: Uint8Array, maxBytes: number | undefined): TruncatedBytes {
  const fullBytes = mime.length;
  if (maxBytes === undefined || fullBytes <= maxBytes) return { bytes: mime, truncated: false, fullBytes };
  const view = Buffer.from(mime.buffer, mime.byteOffset, mime.length);
  const lastBreak = maxBytes > 0 ? view.lastIndexOf(0x0a, maxBytes - 1) : -1;
  const cut = lastBreak >= 0 ? lastBreak + 1 : utf8Boundary(view, maxBytes);
  return { bytes: mime.subarray(0, cut), truncated: true, fullBytes };
}

export interface TruncatedChars {
  readonly text: string;
  readonly truncated: boolean;
  /** Characters (code points) of the whole text: the 2.5 BodySize (MS-ASEMAIL 2.2.2.12). */
  readonly fullChars: number;
}

/** The first `maxChars` code points of `text` (2.5 Truncation counts characters). */
export function truncateChars(text: string, maxChars: number | undefined): TruncatedChars {
  let chars = 0;
  let cutAt = -1;
  for (let i = 0; i < text.length; i++) {
    if (chars === maxChars && cutAt < 0) cutAt = i;
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    chars++;
  }
  if (cutAt < 0) return { text, truncated: false, fullChars: chars };
  return { text: text.slice(0, cutAt), truncated: true, fullChars: chars };
}

/** Largest index <= `limit` that does not fall inside a UTF-8 sequence of `bytes`. */
function utf8Boundary(bytes: Uint8Array, limit: number): number {
  let cut = Math.max(0, Math.min(limit, bytes.length));
  if (cut === bytes.length) return cut;
  while (cut > 0 && ((bytes[cut] as number) & 0xc0) === 0x80) cut--;
  return cut;
}
