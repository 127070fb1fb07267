// Reading an RFC 5322 message into the few facts the Email class needs. mailparser does the MIME
// work in one streaming pass (linear in the message; bare LF and CRLF may be mixed, as Nine
// writes them, CLIENT-QUIRKS §2.3). Options keep it cheap and faithful: no HTML-to-text (done
// lazily by the body builder, only when a client asks for text), no text-to-HTML, no inlining of
// cid: images as data: URLs, no attachment checksums.

import { Buffer } from 'node:buffer';
import { simpleParser, type AddressObject, type ParsedMail, type StructuredHeader } from 'mailparser';

export interface MailAddress {
  readonly name: string;
  readonly address: string;
}

export interface MailAttachmentInfo {
  /** Position among the message's attachments: the part index of its FileReference. */
  readonly index: number;
  readonly contentType: string;
  /** File name as shown to the user; embedded messages always end in ".eml" (CLIENT-QUIRKS §2.1). */
  readonly displayName: string;
  /** Decoded size in bytes (EstimatedDataSize; Android needs it, CLIENT-QUIRKS §2.1). */
  readonly size: number;
  readonly contentId?: string;
  readonly contentLocation?: string;
  /** Shown in the body (a cid: image in multipart/related) rather than listed. */
  readonly inline: boolean;
  /** A message/rfc822 part: AirSyncBase Method 5 (MS-ASAIRS 2.2.2.31). */
  readonly embeddedMessage: boolean;
}

export type SmimeKind = 'signed' | 'opaque';

export interface MailContent {
  readonly subject: string;
  readonly from: readonly MailAddress[];
  readonly sender: readonly MailAddress[];
  readonly to: readonly MailAddress[];
  readonly cc: readonly MailAddress[];
  readonly bcc: readonly MailAddress[];
  readonly replyTo: readonly MailAddress[];
  readonly date?: Date;
  readonly messageId?: string;
  readonly inReplyTo?: string;
  readonly references: readonly string[];
  /** The Thread-Topic header, when the sender wrote one. */
  readonly threadTopic?: string;
  /** MS-ASEMAIL Importance: 0 low, 1 normal, 2 high. */
  readonly importance: 0 | 1 | 2;
  readonly text?: string;
  readonly html?: string;
  readonly attachments: readonly MailAttachmentInfo[];
  /** multipart/signed ("signed") or application/pkcs7-mime ("opaque"). */
  readonly smime?: SmimeKind;
}

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

/** The Email-class facts of a message. */
export async function readMailContent(mime: Uint8Array | string): Promise<MailContent> {
  return mailContentOf(await parseMime(mime));
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
  const contentType = attachment.contentType.toLowerCase();
  const embeddedMessage = contentType === 'message/rfc822';
  const location = attachment.headers.get('content-location');
  const contentId = attachment.cid ?? attachment.contentId?.replace(/^<|>$/g, '');
  return {
    index,
    contentType,
    displayName: displayNameOf(attachment.filename, contentType, embeddedMessage, index),
    size: attachment.size,
    ...(contentId !== undefined && contentId !== '' ? { contentId } : {}),
    ...(typeof location === 'string' && location !== '' ? { contentLocation: location } : {}),
    inline: attachment.related === true || (attachment.contentDisposition === 'inline' && contentId !== undefined),
    embeddedMessage,
  };
}

const EXTENSIONS: Readonly<Record<string, string>> = {
  'text/plain': 'txt', 'text/html': 'html', 'text/calendar': 'ics', 'text/vcard': 'vcf', 'text/x-vcard': 'vcf',
  'image/jpeg': 'jpg', 'image/png': 'png', 'image/gif': 'gif', 'application/pdf': 'pdf',
  'application/pkcs7-signature': 'p7s', 'application/x-pkcs7-signature': 'p7s',
};

function displayNameOf(fileName: string | undefined, contentType: string, embedded: boolean, index: number): string {
  const name = fileName?.trim() ?? '';
  if (embedded) return name.toLowerCase().endsWith('.eml') ? name : `${name === '' ? 'message' : name}.eml`;
  if (name !== '') return name;
  const extension = EXTENSIONS[contentType];
  return `attachment-${index + 1}${extension === undefined ? '' : `.${extension}`}`;
}

function smimeOf(contentType: StructuredHeader | undefined): { smime?: SmimeKind } {
  const value = contentType?.value.toLowerCase();
  if (value === 'multipart/signed' && /pkcs7-signature/i.test(contentType?.params['protocol'] ?? '')) return { smime: 'signed' };
  if (value === 'application/pkcs7-mime' || value === 'application/x-pkcs7-mime') return { smime: 'opaque' };
  return {};
}
