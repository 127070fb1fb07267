// The text of a message the embedded mailbox search indexes: subject, the people in From, To and
// Cc (names and addresses), and the text body, or for an HTML-only message its HTML stripped to
// text. Bodies are capped: search is for what a person reads near the top, and one pasted log
// must not grow the index by megabytes.

import { Buffer } from 'node:buffer';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';

export interface MailSearchText {
  readonly subject: string;
  readonly people: string;
  readonly body: string;
}

/** Characters of body text indexed per message. */
export const MAX_INDEXED_BODY_CHARS = 200_000;

/** HTML characters looked at to find that much text. */
const MAX_HTML_CHARS = 4 * MAX_INDEXED_BODY_CHARS;

const PARSE_OPTIONS = {
  // The HTML is reduced below, cheaply and within a bound; mailparser's converter has neither.
  // Attachment checksums are never needed for search (false turns them off).
  skipHtmlToText: true,
  skipTextToHtml: true,
  skipTextLinks: true,
  skipImageLinks: true,
  keepCidLinks: true,
  checksumAlgo: false,
} as const;

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntity(entity: string, name: string): string {
  if (name.startsWith('#x') || name.startsWith('#X')) return codePoint(Number.parseInt(name.slice(2), 16), entity);
  if (name.startsWith('#')) return codePoint(Number.parseInt(name.slice(1), 10), entity);
  return ENTITIES[name.toLowerCase()] ?? entity;
}

function codePoint(value: number, fallback: string): string {
  return Number.isInteger(value) && value > 0 && value <= 0x10ffff ? String.fromCodePoint(value) : fallback;
}

/** Visible text of an HTML body, good enough to index: no scripts, styles, comments or tags. */
export function htmlToSearchText(html: string): string {
  return html
    .slice(0, MAX_HTML_CHARS)
    .replace(/<!--[\s\S]*?(?:-->|$)/g, ' ')
    .replace(/<(script|style|head)\b[\s\S]*?(?:<\/\1\s*>|$)/gi, ' ')
    .replace(/<[^>]*>?/g, ' ')
    .replace(/&(#\d{1,7}|#x[0-9a-f]{1,6}|[a-z]{2,8});/gi, decodeEntity)
    .replace(/\s+/g, ' ')
    .trim();
}

function addresses(list: AddressObject | AddressObject[] | undefined): string[] {
  if (list === undefined) return [];
  return [list].flat().map((entry) => entry.text);
}

function searchTextOf(parsed: ParsedMail): MailSearchText {
  // mailparser leaves text empty, not absent, for an HTML-only message when it does not convert.
  const text = parsed.text !== undefined && parsed.text.trim() !== '' ? parsed.text : undefined;
  const body = text ?? (typeof parsed.html === 'string' ? htmlToSearchText(parsed.html) : '');
  return {
    subject: parsed.subject ?? '',
    people: [...addresses(parsed.from), ...addresses(parsed.to), ...addresses(parsed.cc)].join('\n'),
    body: body.slice(0, MAX_INDEXED_BODY_CHARS),
  };
}

/**
 * The searchable text of a message. A message mailparser gives up on is indexed as its raw text,
 * so it can still be found by words in its headers or body.
 */
export async function mailSearchText(mime: Uint8Array): Promise<MailSearchText> {
  const input = Buffer.from(mime.buffer, mime.byteOffset, mime.length);
  try {
    return searchTextOf(await simpleParser(input, PARSE_OPTIONS));
  } catch {
    return { subject: '', people: '', body: input.toString('utf8', 0, Math.min(input.length, MAX_INDEXED_BODY_CHARS)) };
  }
}
