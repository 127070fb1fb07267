// Contacts:Picture ⇄ vCard PHOTO. EAS carries the image as base64 text (MS-ASCNTC 2.2.2.58); a
// vCard 3 card inlines it with ENCODING=b, a vCard 4 card as a data: URI (RFC 6350 6.2.4). The
// base64 the client sent is stored as it came, so a photo round-trips byte for byte. A photo by
// reference (an http URL) is not something EAS can carry: it is neither sent nor touched.

import { Buffer } from 'node:buffer';
import { ContactConversionError } from './contact-errors.js';
import { paramValues, unescapeText } from './vcard-text.js';
import type { VCardEntry, VCardVersion } from './vcard-document.js';

/**
 * MS-ASCNTC 2.2.2.58: the Picture value "MUST be limited to 48 KB" of base64 text. A larger photo
 * is not sent (the client never sees it, so its Change cannot remove it); a larger upload is
 * refused with Sync Status 6, as the section requires.
 */
export const PICTURE_MAX_BASE64_CHARS = 48 * 1024;

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** The base64 image a PHOTO line holds, whitespace removed; undefined for a photo by reference. */
export function photoBase64(entry: VCardEntry): string | undefined {
  const encoding = paramValues(entry, 'encoding')[0];
  if (encoding === 'b' || encoding === 'base64') return entry.rawValue.replace(/\s+/g, '');
  const value = unescapeText(entry.rawValue.trim());
  const match = /^data:[^,]*;base64,(.*)$/is.exec(value);
  return match?.[1] === undefined ? undefined : match[1].replace(/\s+/g, '');
}

/** A client's Picture value checked and normalised; throws for oversized or non-base64 data. */
export function clientPicture(value: string): string {
  const compact = value.replace(/\s+/g, '');
  if (compact.length > PICTURE_MAX_BASE64_CHARS) {
    throw new ContactConversionError(
      'picture-too-large',
      `Picture is ${compact.length} base64 characters, over the ${PICTURE_MAX_BASE64_CHARS} MS-ASCNTC 2.2.2.58 allows`,
    );
  }
  if (!BASE64.test(compact) || compact.length % 4 === 1) {
    throw new ContactConversionError('malformed-value', 'Picture is not base64 data');
  }
  return compact;
}

/** Image media type from the first bytes (JPEG, PNG, GIF, BMP, WebP); JPEG when unknown. */
export function imageSubtype(base64: string): 'jpeg' | 'png' | 'gif' | 'bmp' | 'webp' {
  const head = Buffer.from(base64.slice(0, 24), 'base64');
  const starts = (...bytes: number[]) => bytes.every((b, i) => head[i] === b);
  if (starts(0x89, 0x50, 0x4e, 0x47)) return 'png';
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'gif';
  if (starts(0x42, 0x4d)) return 'bmp';
  if (starts(0x52, 0x49, 0x46, 0x46) && head.subarray(8, 12).toString('latin1') === 'WEBP') return 'webp';
  return 'jpeg';
}

/** Prefix and value of a PHOTO line carrying `base64`, in the card's version's own form. */
export function photoParts(base64: string, version: VCardVersion, group?: string): { prefix: string; value: string } {
  const name = group === undefined ? 'PHOTO' : `${group}.PHOTO`;
  const subtype = imageSubtype(base64);
  if (version === '4.0') return { prefix: name, value: `data:image/${subtype};base64,${base64}` };
  return { prefix: `${name};ENCODING=b;TYPE=${subtype.toUpperCase()}`, value: base64 };
}
