// Codec of the embedded MailStore: a message is its RFC 5322 bytes in items.content, its received
// date in items.received_at and its flags as JSON in items.flags.

import { InvalidInputError } from '../../domain/errors.js';
import { DEFAULT_MAIL_FLAGS, mergeMailFlags, type MailFlags, type MailMessage, type MailSummary, type NewMailMessage } from '../../domain/item.js';
import type { ItemCodec } from './embedded-item-store.js';
import { toItemRef, type ItemFields, type ItemRow, type ItemSummaryRow } from './item-rows.js';
import { decodeMailFlags, encodeMailFlags } from './mail-flags-json.js';

function checkReceivedAt(value: unknown): number {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw new InvalidInputError('receivedAt must be a valid Date');
  return value.getTime();
}

export function mailSummary(row: ItemSummaryRow): MailSummary {
  let flags: MailFlags | undefined;
  return {
    ...toItemRef(row),
    receivedAt: new Date(row.received_at ?? row.modified_at),
    size: row.size,
    // Decoded on first read: a Sync lists the whole folder for its ids alone, and a message read
    // in full (`item` below) spreads this into a plain value at once.
    get flags(): MailFlags {
      flags ??= decodeMailFlags(row.flags);
      return flags;
    },
  };
}

export const MAIL_CODEC: ItemCodec<'Email', NewMailMessage, MailMessage, MailSummary> = {
  itemClass: 'Email',

  encode(input: NewMailMessage, previous: ItemSummaryRow | undefined, now: number): ItemFields {
    if (!(input.mime instanceof Uint8Array) || input.mime.length === 0) throw new InvalidInputError('a message needs its MIME bytes');
    const base = previous === undefined ? DEFAULT_MAIL_FLAGS : decodeMailFlags(previous.flags);
    const flags = mergeMailFlags(base, input.flags ?? {});
    const receivedAt = input.receivedAt !== undefined ? checkReceivedAt(input.receivedAt) : (previous?.received_at ?? now);
    // Copied: the caller's buffer may be a view into a larger request body it reuses.
    return { content: Buffer.from(input.mime), receivedAt, flags: encodeMailFlags(flags), subject: null, categories: null };
  },

  summary: mailSummary,

  item(row: ItemRow): MailMessage {
    return { ...mailSummary(row), mime: row.content };
  },
};
