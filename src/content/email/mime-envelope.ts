// The message-level facts the Email class needs (subject, addresses, date, threading ids,
// Thread-Topic, importance) from the top header block, for the direct reader
// (direct-mail-content.ts). Each field follows mailparser's header map: the first non-empty
// value of a single-valued field wins, To/Cc/Bcc/References add up over repeated lines, encoded
// words are decoded where mailparser decodes them. What mailparser reads in a way the direct
// reader does not reproduce (an unparseable Date, which it replaces by the parse time; an encoded
// word inside an address; a punycode domain) makes the reader decline, and mailparser reads it.

import addressparser, { type Address } from 'nodemailer/lib/addressparser';
import { decodeWordsSafely, mapValue, type HeaderLine } from './mime-header-block.js';
import type { MailAddress, MailContent } from './mail-content.js';

export type Envelope = Omit<MailContent, 'text' | 'html' | 'attachments' | 'smime'>;

/** Single-valued fields (mailparser keeps the first), besides the address fields below. */
const FIRST_OF = new Set(['subject', 'date', 'message-id', 'in-reply-to']);
const PRIORITY_KEYS = new Set(['priority', 'x-priority', 'x-msmail-priority', 'importance']);
/** Address fields that keep their first line, and those whose lines add up. */
const FIRST_ADDRESS = new Set(['from', 'sender', 'reply-to']);
const ALL_ADDRESSES = new Set(['to', 'cc', 'bcc']);
const ENCODED_WORD = /=\?[^?]+\?[BbQq]\?[^?]*\?=/;

/** The envelope of a top header block, or undefined when mailparser has to read it. */
export function readEnvelope(lines: readonly HeaderLine[]): Envelope | undefined {
  const first = new Map<string, string>();
  const addresses = new Map<string, MailAddress[]>();
  const references: string[] = [];
  const topics: string[] = [];
  let priority: string | undefined;
  for (const line of lines) {
    const key = line.key;
    if (FIRST_ADDRESS.has(key) || ALL_ADDRESSES.has(key)) {
      if (FIRST_ADDRESS.has(key) && addresses.has(key)) continue;
      const list = addressList(mapValue(line));
      if (list === undefined) return undefined;
      addresses.set(key, [...(addresses.get(key) ?? []), ...list]);
    } else if (FIRST_OF.has(key) && !first.has(key)) {
      // An empty Date still counts: mailparser turns it into the parse time, and this reader declines.
      const value = fieldValue(key, mapValue(line));
      if (value !== '' || key === 'date') first.set(key, value);
    } else if (key === 'references') {
      references.push(...decodeWordsSafely(mapValue(line)).split(/\s+/).map(messageIdFormat).filter((id) => id !== ''));
    } else if (PRIORITY_KEYS.has(key)) {
      priority ??= parsePriority(mapValue(line));
    } else if (key === 'thread-topic') {
      const topic = mapValue(line);
      if (topic !== '') topics.push(topic);
    }
  }
  const dateText = first.get('date');
  const date = dateText === undefined ? undefined : new Date(dateText);
  if (date !== undefined && Number.isNaN(date.getTime())) return undefined;
  const messageId = first.get('message-id');
  const inReplyTo = first.get('in-reply-to');
  // mailparser keeps repeated Thread-Topic lines as a list, which the Email class ignores.
  const topic = topics.length === 1 ? topics[0]?.trim() : undefined;
  return {
    subject: first.get('subject') ?? '',
    from: addresses.get('from') ?? [],
    sender: addresses.get('sender') ?? [],
    to: addresses.get('to') ?? [],
    cc: addresses.get('cc') ?? [],
    bcc: addresses.get('bcc') ?? [],
    replyTo: addresses.get('reply-to') ?? [],
    ...(date !== undefined ? { date } : {}),
    ...(messageId !== undefined ? { messageId } : {}),
    ...(inReplyTo !== undefined ? { inReplyTo } : {}),
    references,
    ...(topic !== undefined && topic !== '' ? { threadTopic: topic } : {}),
    importance: priority === 'high' ? 2 : priority === 'low' ? 0 : 1,
  };
}

function fieldValue(key: string, value: string): string {
  if (key === 'date') return value;
  const decoded = decodeWordsSafely(value);
  return key === 'subject' ? decoded : messageIdFormat(decoded);
}

/** mailparser's ensureMessageIDFormat: angle brackets added where missing; '' stays ''. */
function messageIdFormat(value: string): string {
  if (value === '') return '';
  return `${value.startsWith('<') ? '' : '<'}${value}${value.endsWith('>') ? '' : '>'}`;
}

/** The mailboxes of an address field, groups flattened, or undefined for one mailparser must read. */
function addressList(value: string): MailAddress[] | undefined {
  const out: MailAddress[] = [];
  const visit = (entries: readonly Address[]): boolean => {
    for (const entry of entries) {
      if (entry.group !== undefined) {
        if (!visit(entry.group)) return false;
        continue;
      }
      // mailparser validates encoded words in an address and decodes punycode domains.
      if (ENCODED_WORD.test(entry.address) || /@xn--/.test(entry.address)) return false;
      const trimmed = entry.name.trim();
      if (entry.address !== '') out.push({ name: trimmed === '' ? '' : decodeWordsSafely(trimmed), address: entry.address });
    }
    return true;
  };
  return visit(singleMailbox(value) ?? addressparser(value)) ? out : undefined;
}

/** An address of the plain kind: the local part and domain of a hostname. */
const ADDRESS = /[A-Za-z0-9._+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*/.source;
/** A quoted display name of single-spaced words without specials; the quotes' inner spaces are dropped. */
const QUOTED_NAME = /" *((?:[^"\\\s<>@,;:()[\]]+(?: [^"\\\s<>@,;:()[\]]+)*)?) *"/.source;
/** An unquoted display name of single-spaced ASCII words. */
const WORD_NAME = /([A-Za-z0-9.'_-]+(?: [A-Za-z0-9.'_-]+)*)/.source;
const BARE = new RegExp(`^ *(${ADDRESS}) *$`);
const ANGLED = new RegExp(`^ *<(${ADDRESS})> *$`);
const QUOTED_NAMED = new RegExp(`^ *${QUOTED_NAME} *<(${ADDRESS})> *$`);
const WORD_NAMED = new RegExp(`^ *${WORD_NAME} *<(${ADDRESS})> *$`);

/**
 * The one mailbox of a field in the forms nearly every From and To takes (`a@b`, `<a@b>`,
 * `"Name" <a@b>`, `Name <a@b>`), read without addressparser's general tokenizer; undefined for
 * anything else. The results are addressparser's own (a property test holds them to it).
 */
export function singleMailbox(value: string): Address[] | undefined {
  const bare = BARE.exec(value) ?? ANGLED.exec(value);
  if (bare !== null) return [{ name: '', address: bare[1] as string }];
  const named = QUOTED_NAMED.exec(value) ?? WORD_NAMED.exec(value);
  return named === null ? undefined : [{ name: named[1] as string, address: named[2] as string }];
}

/** mailparser's parsePriority over Priority, X-Priority, X-MSMail-Priority and Importance. */
function parsePriority(raw: string): 'high' | 'normal' | 'low' {
  const value = raw.toLowerCase().trim();
  const level = parseInt(value, 10);
  if (!Number.isNaN(level)) return level === 3 ? 'normal' : level > 3 ? 'low' : 'high';
  if (value === 'non-urgent' || value === 'low') return 'low';
  if (value === 'urgent' || value === 'high') return 'high';
  return 'normal';
}
