// The facts of a message the Email class is built from (MailContent), whichever reader produced
// them: mailparser (parse-mime.ts) or the direct reader (direct-mail-content.ts); and how an
// attachment is listed from the facts of its part, the same way for both, so that both readers
// name and number attachments alike.

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

/** What an attachment's listing is built from, whichever reader found the part. */
export interface AttachmentFacts {
  /** As the part names it (application/octet-stream refined from the file name). */
  readonly contentType: string;
  readonly filename?: string;
  /** Decoded size in bytes. */
  readonly size: number;
  /** Content-ID without its angle brackets. */
  readonly contentId?: string;
  /** The Content-Location header, when there is exactly one. */
  readonly contentLocation?: string;
  /** A Content-ID part inside a multipart/related. */
  readonly related: boolean;
  readonly disposition?: string;
}

/** The listing of the attachment at position `index` from its facts. */
export function attachmentListing(facts: AttachmentFacts, index: number): MailAttachmentInfo {
  const contentType = facts.contentType.toLowerCase();
  const embeddedMessage = contentType === 'message/rfc822';
  const contentId = facts.contentId;
  return {
    index,
    contentType,
    displayName: displayNameOf(facts.filename, contentType, embeddedMessage, index),
    size: facts.size,
    ...(contentId !== undefined && contentId !== '' ? { contentId } : {}),
    ...(facts.contentLocation !== undefined && facts.contentLocation !== '' ? { contentLocation: facts.contentLocation } : {}),
    inline: facts.related || (facts.disposition === 'inline' && contentId !== undefined),
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
