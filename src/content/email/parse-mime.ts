// Reading an RFC 5322 message into the few facts the Email class needs (MailContent,
// mail-content.ts). The direct reader (direct-mail-content.ts) takes the common shapes of mail in
// one synchronous pass; mailparser reads the rest, and everything that needs its parts' content
// (smart reply and forward, meeting messages, drafts). mailparser works in one streaming pass
// (linear in the message; bare LF and CRLF may be mixed, as Nine writes them, CLIENT-QUIRKS
// §2.3). Options keep it cheap and faithful: no HTML-to-text (done lazily by the body builder,
// only when a client asks for text), no text-to-HTML, no inlining of cid: images as data: URLs,
// no attachment checksums.

import { Buffer } from 'node:buffer';
import { simpleParser, type AddressObject, type ParsedMail, type StructuredHeader } from 'mailparser';
import { readDirectMailContent } from './direct-mail-content.js';
import { attachmentListing, type MailAddress, type MailAttachmentInfo, type MailContent, type SmimeKind } from './mail-content.js';

export type { AttachmentFacts, MailAddress, MailAttachmentInfo, MailContent, SmimeKind } from './mail-content.js';

const PARSE_OPTIONS = {
  keepCidLinks: true,
  skipHtmlToText: true,
  skipTextToHtml: true,
  skipImageLinks: true,
  checksumAlgo: false,
} as const;

/** Runs mailparser over a message with the options every mail converter shares. */
export function parseMime(mime: Uint8Array | string): Promise<ParsedMail> {
  const input = typeof mime === 'string' ? Buffer.from(mime, 'utf8') : Buffer.from(mime.buffer, mime.byteOffset, mime.length);
  return simpleParser(input, PARSE_OPTIONS);
}

/** The Email-class facts of a message: the direct reader's, else mailparser's. */
export async function readMailContent(mime: Uint8Array | string): Promise<MailContent> {
  const bytes = typeof mime === 'string' ? Buffer.from(mime, 'utf8') : mime;
  return readDirectMailContent(bytes) ?? mailContentOf(await parseMime(bytes));
}

export function mailContentOf(parsed: ParsedMail): MailContent {
  const headers = parsed.headers;
  const topic = headers.get('thread-topic');
  const priority = headers.get('priority');
  const references = parsed.references === undefined ? [] : [parsed.references].flat();
  return {
    subject: parsed.subject ?? '',
    from: addresses(parsed.from),
    sender: addresses(headers.get('sender') as AddressObject | undefined),
    to: addresses(parsed.to),
    cc: addresses(parsed.cc),
    bcc: addresses(parsed.bcc),
    replyTo: addresses(parsed.replyTo),
    ...(parsed.date !== undefined && !Number.isNaN(parsed.date.getTime()) ? { date: parsed.date } : {}),
    ...(parsed.messageId !== undefined ? { messageId: parsed.messageId } : {}),
    ...(parsed.inReplyTo !== undefined ? { inReplyTo: parsed.inReplyTo } : {}),
    references,
    ...(typeof topic === 'string' && topic.trim() !== '' ? { threadTopic: topic.trim() } : {}),
    importance: priority === 'high' ? 2 : priority === 'low' ? 0 : 1,
    ...(parsed.text !== undefined ? { text: parsed.text } : {}),
    ...(typeof parsed.html === 'string' ? { html: parsed.html } : {}),
    attachments: parsed.attachments.map((attachment, index) => attachmentInfo(attachment, index)),
    ...smimeOf(headers.get('content-type') as StructuredHeader | undefined),
  };
}

function addresses(value: AddressObject | AddressObject[] | undefined): MailAddress[] {
  if (value === undefined) return [];
  const out: MailAddress[] = [];
  const visit = (entries: AddressObject['value']): void => {
    for (const entry of entries) {
      if (entry.group !== undefined) visit(entry.group);
      else if (entry.address !== undefined && entry.address !== '') out.push({ name: entry.name, address: entry.address });
    }
  };
  for (const header of [value].flat()) visit(header.value);
  return out;
}

/** The listing facts of one parsed attachment at position `index`. */
export function attachmentInfo(attachment: ParsedMail['attachments'][number], index: number): MailAttachmentInfo {
  const location = attachment.headers.get('content-location');
  const contentId = attachment.cid ?? attachment.contentId?.replace(/^<|>$/g, '');
  return attachmentListing({
    contentType: attachment.contentType,
    ...(attachment.filename !== undefined ? { filename: attachment.filename } : {}),
    size: attachment.size,
    ...(contentId !== undefined ? { contentId } : {}),
    ...(typeof location === 'string' ? { contentLocation: location } : {}),
    related: attachment.related === true,
    ...(attachment.contentDisposition !== undefined ? { disposition: attachment.contentDisposition } : {}),
  }, index);
}

function smimeOf(contentType: StructuredHeader | undefined): { smime?: SmimeKind } {
  const value = contentType?.value.toLowerCase();
  if (value === 'multipart/signed' && /pkcs7-signature/i.test(contentType?.params['protocol'] ?? '')) return { smime: 'signed' };
  if (value === 'application/pkcs7-mime' || value === 'application/x-pkcs7-mime') return { smime: 'opaque' };
  return {};
}
