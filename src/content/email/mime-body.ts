// Part bodies for the direct reader (direct-mail-content.ts), decoded the way mailparser decodes
// them: base64 and quoted-printable transfer encodings (anything else passes through), then for
// text parts format=flowed (RFC 3676) and the charset through libmime, line ends as LF. An
// attachment's size is counted without decoding it: Sync lists attachments but never sends them,
// and a 1 MB base64 attachment would otherwise cost a 1 MB buffer per listing.

import { Buffer } from 'node:buffer';
import libmime from 'libmime';
import { decode as decodeCharset } from 'libmime/lib/charset.js';
import libqp from 'libqp';
import type { EntityFields } from './mime-header-block.js';

/** 1 for the 64 symbols of the base64 alphabet (RFC 2045 6.8), 0 for every other byte. */
const BASE64_SYMBOL = new Uint8Array(256);
for (const symbol of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/') BASE64_SYMBOL[symbol.charCodeAt(0)] = 1;

/** Charsets mailparser reads as UTF-8 without a charset decoder. */
const UTF8_NAMES = new Set(['ascii', 'usascii', 'utf8']);

/** The transfer-decoded bytes of a body, or undefined when mailparser must decode it. */
export function transferDecode(body: Buffer, encoding: string): Buffer | undefined {
  if (encoding === 'quoted-printable') return libqp.decode(body);
  if (encoding !== 'base64') return body;
  if (!base64Clean(body)) return undefined;
  // Only the alphabet counts; mailparser's decoder drops every other byte as well.
  return Buffer.from(body.toString('latin1').replace(/[^a-zA-Z0-9+/=]/g, ''), 'base64');
}

/** The decoded size of a body, or undefined when mailparser must decode it. */
export function decodedSize(body: Buffer, encoding: string): number | undefined {
  if (encoding === 'quoted-printable') return libqp.decode(body).length;
  if (encoding !== 'base64') return body.length;
  let symbols = 0;
  for (let i = 0; i < body.length; i++) symbols += BASE64_SYMBOL[body[i] as number] as number;
  // Each symbol carries 6 bits; an incomplete last byte is dropped, as Buffer.from does.
  return base64Clean(body) ? Math.floor((symbols * 3) / 4) : undefined;
}

/** The text of an inline text part as mailparser's textContent, or undefined to decline. */
export function partText(body: Buffer, fields: EntityFields): string | undefined {
  let bytes = transferDecode(body, fields.encoding);
  if (bytes === undefined) return undefined;
  if (fields.flowed) bytes = Buffer.from(libmime.decodeFlowed(bytes.toString('binary'), fields.delSp), 'binary');
  const charset = fields.charset === '' ? 'utf-8' : fields.charset;
  const text = UTF8_NAMES.has(charset.toLowerCase().replace(/[^a-z0-9]+/g, ''))
    ? bytes.toString()
    // mailparser's charset stream hands on UTF-8 bytes, so lone surrogates come out as U+FFFD.
    : Buffer.from(decodeCharset(bytes, charset)).toString();
  return text.replaceAll('\r\n', '\n');
}

/**
 * Whether the body's base64 is one segment: padding only at its end. Several padded segments
 * (each line padded on its own) are decoded piecewise by mailparser, and left to it.
 */
function base64Clean(body: Buffer): boolean {
  const pad = body.indexOf(0x3d);
  if (pad < 0) return true;
  for (let i = pad + 1; i < body.length; i++) {
    if (BASE64_SYMBOL[body[i] as number] === 1) return false;
  }
  return true;
}
