// Drafts written by 16.x clients through Sync Add/Change in the Drafts folder (MS-ASEMAIL
// 2.2.2.42 IsDraft and siblings): To, Cc, Email2:Bcc, Subject, Importance, the body and
// AirSyncBase:Attachments Add/Delete become an RFC 5322 message built with nodemailer. A Change
// carries only what changed, so the stored draft supplies the rest. iOS and Nine may upload the
// whole draft as MIME instead (a Type 4 body, CLIENT-QUIRKS §1 "16.x"), which is kept as sent.
// Recipient fields may be ";"-separated (Android, §2.1); the From is always the authenticated
// user, since Samsung sends none (§2.2). An uploaded MIME draft that was cut off is refused.

import { Buffer } from 'node:buffer';
import MailComposer from 'nodemailer/lib/mail-composer';
import type { MailComposerAttachment } from 'nodemailer/lib/mail-composer';
import { InvalidInputError } from '../../domain/errors.js';
import { childElements, firstChild, textContent, type WbxmlElement } from '../../eas/wbxml-body.js';
import { readBody } from '../body/decode-body.js';
import { htmlToText } from '../body/html-text.js';
import type { ConversionContext } from '../conversion-context.js';
import { formatAddressList, parseRecipients } from './addresses.js';
import { parseFileReference } from './attachments.js';
import { mailContentOf, parseMime, type MailAddress } from './parse-mime.js';

export interface DraftOptions {
  /** The authenticated user's address, written as From. */
  readonly from: string;
  /** The draft's Date header; defaults to now. */
  readonly now?: Date;
}

export interface DraftResult {
  readonly mime: Uint8Array;
  /** Attachments the client added, with the part index their FileReference must carry. */
  readonly addedAttachments: readonly { readonly clientId: string; readonly partIndex: number }[];
}

interface DraftFields {
  to: MailAddress[];
  cc: MailAddress[];
  bcc: MailAddress[];
  subject: string;
  importance: 0 | 1 | 2;
  text?: string;
  html?: string;
  messageId?: string;
  attachments: MailComposerAttachment[];
}

const IMPORTANCE_HEADERS = [
  { Importance: 'low', 'X-Priority': '5 (Lowest)' },
  { Importance: 'normal', 'X-Priority': '3 (Normal)' },
  { Importance: 'high', 'X-Priority': '1 (Highest)' },
] as const;

/** The draft a client Add/Change describes, merged over `existingMime` for a Change. */
export async function decodeDraftApplicationData(
  appData: WbxmlElement,
  existingMime: Uint8Array | undefined,
  _ctx: ConversionContext,
  options: DraftOptions,
): Promise<DraftResult> {
  const uploaded = uploadedMime(appData);
  if (uploaded !== undefined) {
    checkUploadedMime(uploaded);
    return { mime: uploaded, addedAttachments: [] };
  }
  const fields = existingMime === undefined ? emptyDraft() : await draftFieldsOf(existingMime);
  applyClientFields(fields, appData);
  const deleted = deletedParts(appData);
  fields.attachments = fields.attachments.filter((_, index) => !deleted.has(index));
  const added = addedAttachments(appData);
  fields.attachments.push(...added.map((a) => a.attachment));
  const mime = await compose(fields, options);
  if (added.length === 0) return { mime, addedAttachments: [] };
  return { mime, addedAttachments: await locateAdded(mime, added) };
}

function emptyDraft(): DraftFields {
  return { to: [], cc: [], bcc: [], subject: '', importance: 1, attachments: [] };
}

async function draftFieldsOf(mime: Uint8Array): Promise<DraftFields> {
  const parsed = await parseMime(mime);
  const content = mailContentOf(parsed);
  return {
    to: [...content.to], cc: [...content.cc], bcc: [...content.bcc],
    subject: content.subject, importance: content.importance,
    ...(content.text !== undefined ? { text: content.text } : {}),
    ...(content.html !== undefined ? { html: content.html } : {}),
    ...(content.messageId !== undefined ? { messageId: content.messageId } : {}),
    attachments: parsed.attachments.map((a) => ({
      content: a.content,
      contentType: a.contentType,
      ...(a.filename !== undefined ? { filename: a.filename } : {}),
      ...(a.related === true && a.cid !== undefined ? { cid: a.cid } : {}),
      ...(a.contentDisposition !== undefined ? { contentDisposition: a.contentDisposition } : {}),
    })),
  };
}

function applyClientFields(fields: DraftFields, appData: WbxmlElement): void {
  const text = (name: string): string | undefined => {
    const el = firstChild(appData, name);
    return el === undefined ? undefined : textContent(el);
  };
  const to = text('Email:To');
  if (to !== undefined) fields.to = parseRecipients(to);
  const cc = text('Email:Cc');
  if (cc !== undefined) fields.cc = parseRecipients(cc);
  const bcc = text('Email2:Bcc');
  if (bcc !== undefined) fields.bcc = parseRecipients(bcc);
  const subject = text('Email:Subject');
  if (subject !== undefined) fields.subject = subject;
  const importance = text('Email:Importance')?.trim();
  if (importance === '0' || importance === '1' || importance === '2') fields.importance = Number(importance) as 0 | 1 | 2;
  const body = readBody(appData);
  if (body?.type === 2) {
    fields.html = body.data;
    fields.text = htmlToText(body.data);
  } else if (body !== undefined) {
    fields.text = body.data;
    delete fields.html;
  }
}

/** A Type 4 body is the whole draft as MIME, taken byte for byte. */
function uploadedMime(appData: WbxmlElement): Uint8Array | undefined {
  const body = firstChild(appData, 'AirSyncBase:Body');
  const type = body === undefined ? undefined : firstChild(body, 'AirSyncBase:Type');
  const data = body === undefined ? undefined : firstChild(body, 'AirSyncBase:Data');
  if (type === undefined || data === undefined || textContent(type).trim() !== '4') return undefined;
  const parts = data.children.map((c) => (typeof c === 'string' ? Buffer.from(c, 'utf8') : c instanceof Uint8Array ? c : new Uint8Array(0)));
  const bytes = Buffer.concat(parts);
  return bytes.length === 0 ? undefined : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
}

/** Bytes of the header block looked at: a header larger than this is not a draft a phone wrote. */
const MAX_HEADER_BYTES = 256 * 1024;

/**
 * An uploaded draft must be a whole message: a header block that ends, and for a multipart body
 * its closing boundary (RFC 2046 5.1.1). A body cut off in transit is refused (Sync Status 6)
 * rather than stored as a draft that silently lost its end and its attachments.
 */
function checkUploadedMime(mime: Uint8Array): void {
  const head = Buffer.from(mime.buffer, mime.byteOffset, Math.min(mime.length, MAX_HEADER_BYTES)).toString('latin1');
  const end = /\r?\n\r?\n/.exec(head);
  if (end === null || !/^[!-9;-~]+:/.test(head)) throw new InvalidInputError('the uploaded draft has no complete header block');
  const headers = head.slice(0, end.index).replace(/\r?\n[ \t]+/g, ' ');
  const type = /^content-type:\s*multipart\/[^\r\n]*?boundary=(?:"([^"]+)"|([^;\s]+))/im.exec(headers);
  const boundary = type?.[1] ?? type?.[2];
  if (boundary === undefined) return;
  const closing = Buffer.from(`--${boundary}--`, 'latin1');
  if (Buffer.from(mime.buffer, mime.byteOffset, mime.length).lastIndexOf(closing) < end.index) {
    throw new InvalidInputError('the uploaded draft ends before its closing MIME boundary');
  }
}

function deletedParts(appData: WbxmlElement): Set<number> {
  const attachments = firstChild(appData, 'AirSyncBase:Attachments');
  const out = new Set<number>();
  if (attachments === undefined) return out;
  for (const del of childElements(attachments, 'AirSyncBase:Delete')) {
    const ref = firstChild(del, 'AirSyncBase:FileReference');
    const parsed = ref === undefined ? undefined : parseFileReference(textContent(ref).trim());
    if (parsed !== undefined) out.add(parsed.partIndex);
  }
  return out;
}

interface AddedAttachment {
  readonly clientId: string;
  readonly attachment: MailComposerAttachment & { filename: string; content: Buffer };
}

function addedAttachments(appData: WbxmlElement): AddedAttachment[] {
  const attachments = firstChild(appData, 'AirSyncBase:Attachments');
  if (attachments === undefined) return [];
  return childElements(attachments, 'AirSyncBase:Add').map((add, i) => {
    const text = (name: string): string | undefined => {
      const el = firstChild(add, name);
      return el === undefined ? undefined : textContent(el).trim();
    };
    const contentEl = firstChild(add, 'AirSyncBase:Content');
    const content = Buffer.concat((contentEl?.children ?? []).map((c) =>
      (typeof c === 'string' ? Buffer.from(c, 'utf8') : c instanceof Uint8Array ? c : new Uint8Array(0))));
    const embedded = text('AirSyncBase:Method') === '5';
    const contentType = text('AirSyncBase:ContentType') || (embedded ? 'message/rfc822' : 'application/octet-stream');
    const cid = text('AirSyncBase:ContentId');
    const inline = text('AirSyncBase:IsInline') === '1';
    return {
      clientId: text('AirSyncBase:ClientId') ?? String(i),
      attachment: {
        filename: text('AirSyncBase:DisplayName') || `attachment-${i + 1}`,
        content,
        contentType,
        ...(inline && cid !== undefined && cid !== '' ? { cid, contentDisposition: 'inline' } : {}),
      },
    };
  });
}

async function compose(fields: DraftFields, options: DraftOptions): Promise<Uint8Array> {
  const composer = new MailComposer({
    from: options.from,
    ...(fields.to.length > 0 ? { to: formatAddressList(fields.to) } : {}),
    ...(fields.cc.length > 0 ? { cc: formatAddressList(fields.cc) } : {}),
    ...(fields.bcc.length > 0 ? { bcc: formatAddressList(fields.bcc) } : {}),
    subject: fields.subject,
    date: options.now ?? new Date(),
    ...(fields.messageId !== undefined ? { messageId: fields.messageId } : {}),
    text: fields.text ?? '',
    ...(fields.html !== undefined ? { html: fields.html } : {}),
    attachments: fields.attachments,
    headers: { ...IMPORTANCE_HEADERS[fields.importance] },
  });
  const node = composer.compile();
  // A draft keeps its Bcc: the recipients must survive until the draft is sent.
  node.keepBcc = true;
  const built = await node.build();
  return new Uint8Array(built.buffer, built.byteOffset, built.length);
}

/** Where each added attachment landed among the built message's parts. */
async function locateAdded(mime: Uint8Array, added: readonly AddedAttachment[]): Promise<DraftResult['addedAttachments']> {
  const parsed = await parseMime(mime);
  const taken = new Set<number>();
  const out: { clientId: string; partIndex: number }[] = [];
  for (const { clientId, attachment } of added) {
    const index = parsed.attachments.findIndex((p, i) => !taken.has(i)
      && p.filename === attachment.filename && p.size === attachment.content.length);
    if (index >= 0) {
      taken.add(index);
      out.push({ clientId, partIndex: index });
    }
  }
  return out;
}
