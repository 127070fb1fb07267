// Building the message a SmartReply or SmartForward sends when the client did not send it whole
// (no ReplaceMime, MS-ASCMD 2.2.3.148): the device wrote only the new text, and the server adds the
// original (MS-ASCMD 2.2.1.19, 2.2.1.20). A reply quotes the original's text and HTML body under
// the new text and keeps the inline images the quoted HTML shows; a forward includes the original
// body and all its attachments. The device's own header fields (From, To, Subject, In-Reply-To,
// Message-ID...) are kept as written; only the content fields are rebuilt. A signed or encrypted
// message cannot be altered without breaking it, so it is sent as it came.

import { Buffer } from 'node:buffer';
import MailComposer from 'nodemailer/lib/mail-composer';
import type { Attachment as ComposerAttachment } from 'nodemailer/lib/mailer';
import type { ParsedMail } from 'mailparser';
import { htmlToText, textToHtml } from '../../content/body/index.js';
import { formatAddressList, mailContentOf, parseMime } from '../../content/email/index.js';
import { headerField, headerValue, joinMessage, splitMessage, type HeaderField } from './mime-header-block.js';
import { rfc5322Date } from './outgoing-message.js';
import type { OriginalItem } from './source-message.js';

export type SmartKind = 'reply' | 'forward';

interface Bodies {
  readonly text: string;
  /** Undefined when neither message has HTML: the result is then plain text only. */
  readonly html?: string;
}

const QUOTE_STYLE = 'margin:0 0 0 .8ex;border-left:1px solid #ccc;padding-left:1ex';

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));

/** The content of an HTML document's body (or the fragment itself). */
function bodyInner(html: string): string {
  const lower = html.toLowerCase();
  const open = lower.indexOf('<body');
  const start = open === -1 ? 0 : lower.indexOf('>', open) + 1;
  const close = lower.lastIndexOf('</body');
  return html.slice(start, close >= start ? close : html.length);
}

function insertBeforeBodyEnd(html: string, addition: string): string {
  const close = html.toLowerCase().lastIndexOf('</body');
  return close === -1 ? html + addition : html.slice(0, close) + addition + html.slice(close);
}

function textOf(mail: ParsedMail): string {
  if (mail.text !== undefined) return mail.text;
  return typeof mail.html === 'string' ? htmlToText(mail.html) : '';
}

/** The lines introducing the original: "On <date>, <from> wrote:" or a forward's header summary. */
function introduction(kind: SmartKind, original: ParsedMail): string[] {
  const content = mailContentOf(original);
  const date = content.date === undefined ? '' : rfc5322Date(content.date);
  const from = formatAddressList(content.from);
  if (kind === 'reply') return [`On ${date === '' ? 'an earlier date' : date}, ${from === '' ? 'the sender' : from} wrote:`];
  const lines = ['-------- Original Message --------', `From: ${from}`];
  if (date !== '') lines.push(`Date: ${date}`);
  lines.push(`Subject: ${content.subject}`, `To: ${formatAddressList(content.to)}`);
  if (content.cc.length > 0) lines.push(`Cc: ${formatAddressList(content.cc)}`);
  return lines;
}

function combinedBodies(kind: SmartKind, reply: ParsedMail, original: ParsedMail): Bodies {
  const intro = introduction(kind, original);
  const originalText = textOf(original).replace(/\s+$/, '');
  const quotedText = kind === 'reply' ? originalText.split(/\r?\n/).map((line) => `> ${line}`).join('\n') : originalText;
  const text = `${textOf(reply).replace(/\s+$/, '')}\n\n${intro.join('\n')}\n${kind === 'forward' ? '\n' : ''}${quotedText}`;
  const replyHtml = typeof reply.html === 'string' ? reply.html : undefined;
  const originalHtml = typeof original.html === 'string' ? original.html : undefined;
  if (replyHtml === undefined && originalHtml === undefined) return { text };
  const inner = bodyInner(originalHtml ?? textToHtml(originalText));
  const head = `<div>${intro.map(escapeHtml).join('<br>')}</div>`;
  const quoted = kind === 'reply' ? `<br>${head}<blockquote type="cite" style="${QUOTE_STYLE}">${inner}</blockquote>` : `<br>${head}<br>${inner}`;
  return { text, html: insertBeforeBodyEnd(replyHtml ?? textToHtml(textOf(reply)), quoted) };
}

function composerAttachment(attachment: ParsedMail['attachments'][number]): ComposerAttachment {
  return {
    content: attachment.content,
    contentType: attachment.contentType,
    contentDisposition: attachment.contentDisposition === 'inline' ? 'inline' : 'attachment',
    ...(attachment.filename === undefined ? {} : { filename: attachment.filename }),
    ...(attachment.cid === undefined ? {} : { cid: attachment.cid }),
  };
}

/** The original's attachments the new message carries: all for a forward, the quoted HTML's images for a reply. */
function carriedAttachments(kind: SmartKind, original: ParsedMail, html: string | undefined): ParsedMail['attachments'] {
  if (kind === 'forward') return original.attachments;
  if (html === undefined) return [];
  return original.attachments.filter((a) => a.cid !== undefined && a.cid !== '' && html.includes(`cid:${a.cid}`));
}

function isSmime(fields: readonly HeaderField[]): boolean {
  const type = (headerValue(fields, 'content-type') ?? '').toLowerCase();
  return type.startsWith('multipart/signed') || /^application\/(x-)?pkcs7-mime/.test(type);
}

/** Reply threading (RFC 5322 3.6.4) when the device did not write it. */
function threadingFields(kind: SmartKind, fields: readonly HeaderField[], original: ParsedMail | undefined): HeaderField[] {
  const messageId = original?.messageId;
  if (kind !== 'reply' || messageId === undefined || fields.some((f) => f.name === 'in-reply-to')) return [];
  const references = original?.references === undefined ? [] : [original.references].flat();
  return [headerField('In-Reply-To', messageId), headerField('References', [...references, messageId].join(' '))];
}

async function buildContent(kind: SmartKind, reply: ParsedMail, original: OriginalItem): Promise<{ fields: HeaderField[]; body: Uint8Array; parsed?: ParsedMail }> {
  const parsedOriginal = original.kind === 'mail' ? await parseMime(original.message.mime) : undefined;
  const bodies: Bodies = parsedOriginal === undefined
    ? { text: textOf(reply), ...(typeof reply.html === 'string' ? { html: reply.html } : {}) }
    : combinedBodies(kind, reply, parsedOriginal);
  const attachments = reply.attachments.map(composerAttachment);
  if (parsedOriginal !== undefined) attachments.push(...carriedAttachments(kind, parsedOriginal, bodies.html).map(composerAttachment));
  if (original.kind === 'event' && kind === 'forward') {
    attachments.push({ filename: 'invite.ics', content: original.icalendar, contentType: 'text/calendar; charset=utf-8' });
  }
  const built = await new MailComposer({ text: bodies.text, ...(bodies.html === undefined ? {} : { html: bodies.html }), attachments }).compile().build();
  const composed = splitMessage(new Uint8Array(built));
  return {
    fields: composed.fields.filter((f) => f.name.startsWith('content-')),
    body: composed.body,
    ...(parsedOriginal === undefined ? {} : { parsed: parsedOriginal }),
  };
}

/** The message to send: the device's new message with the original added. Throws MalformedMimeError. */
export async function composeSmartMessage(kind: SmartKind, clientMime: Uint8Array, original: OriginalItem): Promise<Uint8Array> {
  const client = splitMessage(clientMime);
  if (isSmime(client.fields)) return clientMime;
  const content = await buildContent(kind, await parseMime(clientMime), original);
  const kept = client.fields.filter((f) => !f.name.startsWith('content-') && f.name !== 'mime-version');
  const fields = [...kept, ...threadingFields(kind, kept, content.parsed), headerField('MIME-Version', '1.0'), ...content.fields];
  // MailComposer writes CRLF; one line ending throughout keeps the result well-formed.
  return joinMessage(fields, Buffer.from(content.body), '\r\n');
}
