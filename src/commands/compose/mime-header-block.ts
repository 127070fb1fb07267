// The header block of an RFC 5322 message as a list of fields, for the edits a send needs (drop
// Bcc, add From/Date/Message-ID, swap the content fields of a SmartReply) without re-encoding
// anything else: fields keep their raw lines and the body stays the exact bytes the device sent.
// Bytes are read as Latin-1 so 8-bit header text survives the round trip. Lines may end in CRLF
// or bare LF, even mixed within one message (Nine, CLIENT-QUIRKS §2.3).

import { Buffer } from 'node:buffer';

/** The message cannot be read as RFC 5322 (MS-ASCMD common Status 107 InvalidMIME). */
export class MalformedMimeError extends Error {
  override readonly name = 'MalformedMimeError';
}

export interface HeaderField {
  /** Lower-cased field name. */
  readonly name: string;
  /** The field's lines as written, without their line breaks; continuation lines start with white space. */
  readonly lines: readonly string[];
}

export interface SplitMessage {
  readonly fields: readonly HeaderField[];
  /** The line ending the message mostly uses; added fields are written with it. */
  readonly eol: '\r\n' | '\n';
  /** Everything after the empty line that ends the header block (empty when there is none). */
  readonly body: Uint8Array;
}

const LATIN1 = 'latin1';
// RFC 5322 2.2: printable US-ASCII except ":", then the colon (white space before it is obsolete syntax, still seen).
const FIELD_START = /^([\x21-\x39\x3b-\x7e]+)[ \t]*:/;
/** Far more than any real header block; a bound on what a hostile one costs. */
const MAX_HEADER_BYTES = 1024 * 1024;

/** Splits a message into its header fields and body. Throws MalformedMimeError. */
export function splitMessage(mime: Uint8Array): SplitMessage {
  const head = Buffer.from(mime.buffer, mime.byteOffset, Math.min(mime.length, MAX_HEADER_BYTES)).toString(LATIN1);
  const fields: { name: string; lines: string[] }[] = [];
  let crlf = 0;
  let lf = 0;
  let offset = 0;
  let bodyStart = -1;
  while (offset < head.length) {
    const newline = head.indexOf('\n', offset);
    const end = newline === -1 ? head.length : newline;
    const line = head.slice(offset, end).replace(/\r$/, '');
    if (newline !== -1) {
      if (head[newline - 1] === '\r') crlf += 1;
      else lf += 1;
    }
    offset = end + 1;
    if (line === '') {
      bodyStart = offset;
      break;
    }
    const previous = fields[fields.length - 1];
    if (line.startsWith(' ') || line.startsWith('\t')) {
      if (previous === undefined) throw new MalformedMimeError('the message starts with a continuation line');
      previous.lines.push(line);
      continue;
    }
    const match = FIELD_START.exec(line);
    if (match?.[1] === undefined) throw new MalformedMimeError(`not a header field: ${JSON.stringify(line.slice(0, 60))}`);
    fields.push({ name: match[1].toLowerCase(), lines: [line] });
  }
  if (bodyStart === -1 && mime.length > MAX_HEADER_BYTES) throw new MalformedMimeError('the header block has no end');
  if (fields.length === 0) throw new MalformedMimeError('the message has no header fields');
  const body = bodyStart === -1 ? new Uint8Array(0) : mime.subarray(Math.min(bodyStart, mime.length));
  return { fields, eol: lf > crlf ? '\n' : '\r\n', body };
}

/** The unfolded value of a field (RFC 5322 2.2.3), trimmed. */
export function fieldValue(field: HeaderField): string {
  const [first = '', ...rest] = field.lines;
  const value = first.slice(first.indexOf(':') + 1);
  return [value, ...rest].join('').trim();
}

/** The value of the first field of that name, if any. */
export function headerValue(fields: readonly HeaderField[], name: string): string | undefined {
  const field = fields.find((f) => f.name === name);
  return field === undefined ? undefined : fieldValue(field);
}

/** Every value of fields of that name (To may legally appear once, but clients repeat it). */
export function headerValues(fields: readonly HeaderField[], name: string): string[] {
  return fields.filter((f) => f.name === name).map(fieldValue);
}

/** A new field; `value` must already be in header syntax (ASCII, encoded words where needed). */
export function headerField(name: string, value: string): HeaderField {
  return { name: name.toLowerCase(), lines: [`${name}: ${value}`] };
}

/** Serialises fields and body back into a message. */
export function joinMessage(fields: readonly HeaderField[], body: Uint8Array, eol: '\r\n' | '\n'): Uint8Array {
  const head = Buffer.from(fields.map((f) => f.lines.join(eol) + eol).join('') + eol, LATIN1);
  const out = new Uint8Array(head.length + body.length);
  out.set(head, 0);
  out.set(body, head.length);
  return out;
}
