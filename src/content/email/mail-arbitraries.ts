// fast-check generators of mail for the converter's property tests: unicode subjects, display
// names and bodies, several recipients, attachments (some inline images), built into real MIME
// with nodemailer so the tests exercise the same parser path as stored mail.
// Test support only: nothing at run time imports this module.

import { Buffer } from 'node:buffer';
import fc from 'fast-check';
import MailComposer from 'nodemailer/lib/mail-composer';
import type { MailFlags, MailMessage } from '../../domain/item.js';
import { DEFAULT_MAIL_FLAGS } from '../../domain/item.js';

export interface GeneratedAddress {
  readonly name: string;
  readonly address: string;
}

export interface GeneratedAttachment {
  readonly filename: string;
  readonly content: Uint8Array;
  /** Set for an inline image referenced from the HTML body. */
  readonly cid?: string;
}

export interface GeneratedMail {
  readonly from: GeneratedAddress;
  readonly to: readonly GeneratedAddress[];
  readonly cc: readonly GeneratedAddress[];
  readonly subject: string;
  readonly text: string;
  readonly html?: string;
  readonly importance: 0 | 1 | 2;
  readonly attachments: readonly GeneratedAttachment[];
}

const NAME_CHARS = [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ', 'ä', 'ö', 'é', 'ß', 'ł', '日', '本', 'ж', '😀', ' ', '.', "'", ','];
const TEXT_CHARS = [...NAME_CHARS, '\n', '!', '?', '-', '€', '→', '"', '<', '>', '&', '=', '\t', '中', '🎉'];

/** Text without leading or trailing whitespace and without runs of spaces, as headers keep it. */
function tidyText(chars: readonly string[], maxLength: number, minLength = 0): fc.Arbitrary<string> {
  return fc.string({ unit: fc.constantFrom(...chars), minLength, maxLength })
    .map((s) => s.replace(/\s+/g, ' ').trim());
}

export const addressArb: fc.Arbitrary<GeneratedAddress> = fc.record({
  name: tidyText(NAME_CHARS.filter((c) => c !== ','), 24),
  address: fc.tuple(
    fc.stringMatching(/^[a-z][a-z0-9]{0,9}$/),
    fc.stringMatching(/^[a-z]{1,8}$/),
    fc.constantFrom('com', 'org', 'de', 'example'),
  ).map(([local, domain, tld]) => `${local}@${domain}.${tld}`),
});

const attachmentArb: fc.Arbitrary<GeneratedAttachment> = fc.record({
  filename: fc.tuple(tidyText(NAME_CHARS.filter((c) => c !== ',' && c !== "'"), 16, 1), fc.constantFrom('pdf', 'bin', 'txt', 'dat'))
    .map(([base, ext]) => `${base === '' ? 'file' : base}.${ext}`),
  content: fc.uint8Array({ minLength: 0, maxLength: 3000 }),
});

export const generatedMailArb: fc.Arbitrary<GeneratedMail> = fc.record({
  from: addressArb,
  to: fc.array(addressArb, { minLength: 1, maxLength: 4 }),
  cc: fc.array(addressArb, { maxLength: 3 }),
  subject: tidyText(TEXT_CHARS.filter((c) => c !== '\n' && c !== '\t'), 120),
  text: fc.string({ unit: fc.constantFrom(...TEXT_CHARS), minLength: 1, maxLength: 2000 }).map((s) => `${s.trim()}x`),
  withHtml: fc.boolean(),
  importance: fc.constantFrom(0 as const, 1 as const, 2 as const),
  attachments: fc.array(attachmentArb, { maxLength: 3 }),
  inlineImages: fc.integer({ min: 0, max: 2 }),
}).map(({ withHtml, inlineImages, ...mail }) => {
  const images: GeneratedAttachment[] = withHtml
    ? Array.from({ length: inlineImages }, (_, i) => ({ filename: `image${i}.png`, content: new Uint8Array([137, 80, 78, 71, i]), cid: `img${i}@test` }))
    : [];
  const html = withHtml
    ? `<p>${escapeHtml(mail.text)}</p>${images.map((img) => `<img src="cid:${img.cid}">`).join('')}`
    : undefined;
  return { ...mail, ...(html !== undefined ? { html } : {}), attachments: [...images, ...mail.attachments] };
});

const PRIORITY = ['low', 'normal', 'high'] as const;

/** The MIME nodemailer writes for a generated mail. */
export async function buildMime(mail: GeneratedMail, extraHeaders: Record<string, string> = {}): Promise<Uint8Array> {
  const composer = new MailComposer({
    from: mail.from,
    to: [...mail.to],
    ...(mail.cc.length > 0 ? { cc: [...mail.cc] } : {}),
    subject: mail.subject,
    text: mail.text,
    ...(mail.html !== undefined ? { html: mail.html } : {}),
    date: new Date('2024-03-01T10:00:00Z'),
    headers: { ...extraHeaders, Importance: PRIORITY[mail.importance] },
    attachments: mail.attachments.map((a) => ({
      filename: a.filename,
      content: Buffer.from(a.content),
      ...(a.cid !== undefined ? { cid: a.cid, contentType: 'image/png' } : { contentType: 'application/octet-stream' }),
    })),
  });
  const built = await composer.compile().build();
  return new Uint8Array(built.buffer, built.byteOffset, built.length);
}

/** A stored message around `mime`, as a MailStore would list it. */
export function storedMessage(mime: Uint8Array, flags: Partial<MailFlags> = {}, receivedAt = new Date('2024-03-01T10:05:00.250Z')): MailMessage {
  return {
    id: 'item-1',
    folderId: 'inbox',
    version: '1',
    modifiedAt: new Date('2024-03-02T00:00:00Z'),
    receivedAt,
    size: mime.length,
    flags: { ...DEFAULT_MAIL_FLAGS, ...flags },
    mime,
  };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
}
