// Header blocks of MIME entities for the direct reader (direct-mail-content.ts), read exactly as
// mailparser reads them: the logical lines as its splitter (@zone-eu/mailsplit) cuts them, the
// structure fields (type, charset, transfer encoding, disposition, file name, boundary) as the
// splitter derives them, through the same libmime calls. Lines are "binary" strings, one char per
// byte. A block the direct reader does not take on (an mbox "From " line, a line without a
// colon, a folded first line, comments in the transfer encoding) reads as undefined, and the
// message goes to mailparser.

import { Buffer } from 'node:buffer';
import { extname } from 'node:path';
import libmime from 'libmime';

export interface HeaderLine {
  /** Lower-cased field name. */
  readonly key: string;
  /** The whole logical line, name included, folds kept as CRLF, one char per byte. */
  readonly line: string;
}

/** What the MIME structure needs of an entity's header (mailsplit's MimeNode fields). */
export interface EntityFields {
  /** Lower-cased type; '' when the header names none (the direct reader declines those). */
  readonly contentType: string;
  /** The charset parameter as written, '' when absent. */
  readonly charset: string;
  /** Lower-cased Content-Transfer-Encoding, '' when absent. */
  readonly encoding: string;
  /** Lower-cased disposition type, '' when absent. */
  readonly disposition: string;
  /** Disposition filename, else type name parameter, decoded; '' when neither. */
  readonly filename: string;
  /** text/plain; format=flowed (RFC 3676), with its DelSp. */
  readonly flowed: boolean;
  readonly delSp: boolean;
  /** The multipart boundary: ASCII, trailing whitespace dropped; '' when absent or unusable. */
  readonly boundary: string;
}

/** The logical header lines of a block (bytes before the empty line, as a binary string). */
export function headerLines(block: string): HeaderLine[] | undefined {
  let end = block.length;
  while (end > 0 && (block.charCodeAt(end - 1) === 0x0a || block.charCodeAt(end - 1) === 0x0d)) end--;
  if (end === 0) return [];
  const raw = block.slice(0, end).split(/\r?\n/);
  const first = raw[0] ?? '';
  if (isFolding(first) || /^(?:From|POST) /i.test(first)) return undefined;
  const lines: Array<{ key: string; line: string }> = [];
  for (const current of raw) {
    const last = lines[lines.length - 1];
    if (isFolding(current) && last !== undefined) {
      last.line += `\r\n${current}`;
      continue;
    }
    const colon = current.indexOf(':');
    if (colon < 0) return undefined;
    lines.push({ key: current.slice(0, colon).toLowerCase().trim(), line: current });
  }
  return lines;
}

/** The value mailsplit reads for the first line of `key` (UTF-8 when the bytes are valid UTF-8). */
export function firstValue(lines: readonly HeaderLine[], key: string): string | undefined {
  const found = lines.find((l) => l.key === key);
  if (found === undefined) return undefined;
  const utf8 = asUtf8(found.line);
  return libmime.decodeHeader(utf8.includes('\uFFFD') ? found.line : utf8).value.trim();
}

const NON_ASCII = /[\x80-\xff]/;

/** A binary string's bytes read as UTF-8 (invalid sequences as U+FFFD); ASCII needs no decoding. */
function asUtf8(binary: string): string {
  return NON_ASCII.test(binary) ? Buffer.from(binary, 'binary').toString('utf8') : binary;
}

/** The value mailparser's header map starts from for a line: unfolded, trimmed, bytes read as UTF-8. */
export function mapValue(line: HeaderLine): string {
  return asUtf8(libmime.decodeHeader(line.line).value.trim());
}

/** decodeWords, keeping the input when a charset is unknown (mailparser ignores that error too). */
export function decodeWordsSafely(value: string): string {
  // Every rewrite decodeWords makes starts at an encoded word's "=?".
  if (!value.includes('=?')) return value;
  try {
    return libmime.decodeWords(value);
  } catch {
    return value;
  }
}

/** mailsplit's MimeNode.parseHeaders: the structure fields, or undefined for a block left to mailparser. */
export function entityFields(lines: readonly HeaderLine[]): EntityFields | undefined {
  const encodingValue = firstValue(lines, 'content-transfer-encoding') ?? '';
  // mailsplit strips comments from the transfer encoding its own way; they never occur in practice.
  if (encodingValue.includes('(')) return undefined;
  const disposition = libmime.parseHeaderValue(firstValue(lines, 'content-disposition') ?? '', { stripComments: true });
  const type = libmime.parseHeaderValue(firstValue(lines, 'content-type') ?? defaultType(disposition), { stripComments: true });
  const contentType = (type.value || '').toLowerCase().trim();
  let dispositionType = (disposition.value || '').toLowerCase().trim();
  if (dispositionType !== '') dispositionType = decodeWordsSafely(dispositionType);
  const fromDisposition = disposition.params['filename'] ?? '';
  let filename = fromDisposition || (type.params['name'] ?? '');
  const rfc2231 = fromDisposition !== '' ? disposition.decodedParams.includes('filename') : type.decodedParams.includes('name');
  if (filename !== '' && !rfc2231) filename = decodeWordsSafely(filename);
  const flowed = contentType === 'text/plain' && (type.params['format'] ?? '').toLowerCase().trim() === 'flowed';
  const boundary = (type.params['boundary'] ?? '').trimEnd();
  return {
    contentType,
    charset: type.params['charset'] ?? '',
    encoding: encodingValue.toLowerCase().trim(),
    disposition: dispositionType,
    filename,
    flowed,
    delSp: flowed && (type.params['delsp'] ?? '').toLowerCase().trim() === 'yes',
    // A non-ASCII boundary counts as none for mailsplit.
    boundary: Buffer.byteLength(boundary) === boundary.length ? boundary : '',
  };
}

/** The type mailsplit assumes without a Content-Type: from the file extension, else by disposition. */
function defaultType(disposition: { value: string; params: Record<string, string> }): string {
  const filename = disposition.params['filename'];
  if (filename !== undefined && filename !== '') {
    const extension = extname(filename).replace(/^\./, '');
    if (extension !== '') return libmime.detectMimeType(extension);
  }
  return /^attachment$/i.test(disposition.value) ? 'application/octet-stream' : 'text/plain';
}

function isFolding(line: string): boolean {
  const code = line.charCodeAt(0);
  return code === 0x20 || code === 0x09;
}
