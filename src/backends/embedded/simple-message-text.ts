// The searchable text of the commonest message, read directly: one text/plain or text/html part,
// UTF-8 or ASCII, plain ASCII headers. mailparser's stream pipeline costs ~0.5 ms per message even
// for a 300-byte note, most of a delivery's index cost; this reads such a message in a few
// microseconds with the same decoders mailparser uses (libmime, libqp). Anything else (multipart,
// other charsets, attachments, flowed text, comments or groups in addresses, 8-bit headers) is
// declined, and mail-search-text.ts hands it to mailparser.

import { Buffer } from 'node:buffer';
import libmime from 'libmime';
import libqp from 'libqp';

export interface SimpleMessageText {
  readonly subject: string;
  /** From, To and Cc, one per line, as mailparser's address texts would give their words. */
  readonly people: string;
  /** The decoded body, and whether it is HTML. */
  readonly body: string;
  readonly html: boolean;
}

const WANTED = new Set(['subject', 'from', 'to', 'cc', 'content-type', 'content-transfer-encoding', 'content-disposition']);
const ENCODINGS = new Set(['7bit', '8bit', 'binary', 'quoted-printable', 'base64']);
const CHARSETS = new Set(['utf8', 'ascii', 'usascii']);
// Headers above 0x7f, or controls other than tab, are for mailparser's rules.
const PLAIN_HEADER = /^[\t\x20-\x7e\r\n]*$/;
const FIELD_NAME = /^[\x21-\x39\x3b-\x7e]+$/;

/** The header block's wanted fields (lower-cased names, unfolded), or undefined to decline. */
function headerFields(block: string): Map<string, string> | undefined {
  if (!PLAIN_HEADER.test(block)) return undefined;
  const fields = new Map<string, string>();
  for (const line of block.replace(/\r?\n(?=[ \t])/g, '').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    const name = line.slice(0, Math.max(colon, 0)).toLowerCase();
    // RFC 5322 field names: printable ASCII without space or colon (an mbox "From " line is none).
    if (!FIELD_NAME.test(name)) return undefined;
    if (!WANTED.has(name)) continue;
    // mailparser's choice between repeated fields is its own; leave those to it.
    if (fields.has(name)) return undefined;
    fields.set(name, line.slice(colon + 1).trim());
  }
  return fields;
}

/** Whether a single text part with only a charset parameter: its subtype, else undefined. */
function textSubtype(contentType: string | undefined): 'plain' | 'html' | undefined {
  if (contentType === undefined) return 'plain';
  const parsed = libmime.parseHeaderValue(contentType);
  const type = parsed.value.toLowerCase();
  if (type !== 'text/plain' && type !== 'text/html') return undefined;
  for (const [key, value] of Object.entries(parsed.params)) {
    if (key !== 'charset' || !CHARSETS.has(value.toLowerCase().replace(/[^a-z0-9]+/g, ''))) return undefined;
  }
  return type === 'text/plain' ? 'plain' : 'html';
}

function decodeBody(raw: Buffer, encoding: string): string {
  if (encoding === 'quoted-printable') return libqp.decode(raw.toString('latin1')).toString('utf8');
  if (encoding === 'base64') return Buffer.from(raw.toString('latin1'), 'base64').toString('utf8');
  return raw.toString('utf8');
}

function decodeWords(value: string | undefined): string | undefined {
  if (value === undefined) return '';
  try {
    return libmime.decodeWords(value);
  } catch {
    return undefined;
  }
}

/** The message's text, or undefined when it is not one this reader takes on. */
export function simpleMessageText(mime: Buffer): SimpleMessageText | undefined {
  let end = mime.indexOf('\r\n\r\n');
  let bodyStart = end + 4;
  const lfEnd = mime.indexOf('\n\n');
  if (end < 0 || (lfEnd >= 0 && lfEnd < end)) {
    end = lfEnd;
    bodyStart = end + 2;
  }
  if (end < 0) return undefined;
  const fields = headerFields(mime.toString('latin1', 0, end));
  if (fields === undefined || fields.has('content-disposition')) return undefined;
  const subtype = textSubtype(fields.get('content-type'));
  const encoding = (fields.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  if (subtype === undefined || !ENCODINGS.has(encoding)) return undefined;
  const people: string[] = [];
  for (const name of ['from', 'to', 'cc']) {
    const value = fields.get(name);
    if (value === undefined) continue;
    // Comments and groups change what mailparser's address parser keeps.
    if (/[():;]/.test(value)) return undefined;
    const decoded = decodeWords(value);
    if (decoded === undefined) return undefined;
    people.push(decoded);
  }
  const subject = decodeWords(fields.get('subject'));
  if (subject === undefined) return undefined;
  const body = decodeBody(mime.subarray(bodyStart), encoding).replace(/\r?\n/g, '\n');
  return { subject, people: people.join('\n'), body, html: subtype === 'html' };
}
