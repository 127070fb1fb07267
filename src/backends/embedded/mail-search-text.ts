// The text of a message the embedded mailbox search indexes: subject, the people in From, To and
// Cc (names and addresses), and the text body, or for an HTML-only message its HTML stripped to
// text. Bodies are capped: search is for what a person reads near the top, and one pasted log
// must not grow the index by megabytes. The commonest messages are read directly
// (simple-message-text.ts); the rest go through mailparser.

import { Buffer } from 'node:buffer';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import { simpleMessageText } from './simple-message-text.js';

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

/** The indexed fields from a message's text body (preferred) or else its HTML body. */
function searchText(subject: string, people: string, text: string | undefined, html: string | undefined): MailSearchText {
  // mailparser leaves text empty, not absent, for an HTML-only message when it does not convert.
  const plain = text !== undefined && text.trim() !== '' ? text : undefined;
  const body = plain ?? (html === undefined ? '' : htmlToSearchText(html));
  return { subject, people, body: body.slice(0, MAX_INDEXED_BODY_CHARS) };
}

function searchTextOf(parsed: ParsedMail): MailSearchText {
  const people = [...addresses(parsed.from), ...addresses(parsed.to), ...addresses(parsed.cc)].join('\n');
  return searchText(parsed.subject ?? '', people, parsed.text, typeof parsed.html === 'string' ? parsed.html : undefined);
}

/**
 * The searchable text of a message. A message mailparser gives up on is indexed as its raw text,
 * so it can still be found by words in its headers or body.
 */
export async function mailSearchText(mime: Uint8Array): Promise<MailSearchText> {
  const input = Buffer.from(mime.buffer, mime.byteOffset, mime.length);
  const simple = simpleMessageText(input);
  if (simple !== undefined) return searchText(simple.subject, simple.people, simple.html ? undefined : simple.body, simple.html ? simple.body : undefined);
  return mailparserSearchText(input);
}

/** The searchable text by mailparser alone: what the direct reader must agree with. */
export async function mailparserSearchText(input: Buffer): Promise<MailSearchText> {
  try {
    return searchTextOf(await simpleParser(input, PARSE_OPTIONS));
  } catch {
    return { subject: '', people: '', body: input.toString('utf8', 0, Math.min(input.length, MAX_INDEXED_BODY_CHARS)) };
  }
}
