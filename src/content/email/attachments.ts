// Attachments of a message as the client lists and fetches them. 12.0+ lists AirSyncBase:
// Attachment entries (MS-ASAIRS 2.2.2.7) whose FileReference the client later hands to
// ItemOperations Fetch (CLIENT-QUIRKS §1 "Attachments"); 2.5 lists Email:Attachment entries whose
// AttName it hands to GetAttachment. Either reference is the context's prefix (which makes it
// resolvable on its own: collection and item) followed by the part index, the attachment's
// position in the parsed message. Parsing is deterministic, so the index finds the same part again.

import { versionAtLeast } from '../../eas/protocol-version.js';
import { element, type WbxmlElement } from '../../eas/wbxml-body.js';
import { stripNul } from '../body/body-selection.js';
import type { ConversionContext } from '../conversion-context.js';
import { extractDirectAttachment } from './direct-mail-content.js';
import { attachmentInfo, parseMime, type MailAttachmentInfo } from './parse-mime.js';

/** AirSyncBase:Method values (MS-ASAIRS 2.2.2.31). */
const METHOD_NORMAL = '1';
const METHOD_EMBEDDED_MESSAGE = '5';

export interface ExtractedAttachment {
  readonly contentType: string;
  readonly fileName: string;
  readonly bytes: Uint8Array;
}

export function fileReferenceOf(ctx: ConversionContext, partIndex: number): string {
  return `${ctx.fileReferencePrefix ?? ''}${partIndex}`;
}

/**
 * Splits a FileReference into the caller's prefix and the part index (the trailing decimal
 * digits). Undefined when there are no trailing digits or the number is absurd.
 */
export function parseFileReference(reference: string): { prefix: string; partIndex: number } | undefined {
  let start = reference.length;
  while (start > 0 && isDigit(reference.charCodeAt(start - 1))) start--;
  const digits = reference.slice(start);
  if (digits === '' || digits.length > 6) return undefined;
  return { prefix: reference.slice(0, start), partIndex: Number(digits) };
}

/** The Attachments element for the client's version, or nothing when there are none. */
export function encodeAttachments(attachments: readonly MailAttachmentInfo[], ctx: ConversionContext): WbxmlElement[] {
  if (attachments.length === 0) return [];
  if (!versionAtLeast(ctx.protocolVersion, '12.0')) {
    // Email.xsd (2.5): AttName, AttSize, AttMethod, DisplayName in that sequence.
    return [element('Email:Attachments', attachments.map((a) => element('Email:Attachment', [
      element('Email:AttName', fileReferenceOf(ctx, a.index)),
      element('Email:AttSize', String(a.size)),
      element('Email:AttMethod', a.embeddedMessage ? METHOD_EMBEDDED_MESSAGE : METHOD_NORMAL),
      element('Email:DisplayName', stripNul(a.displayName)),
    ])))];
  }
  return [element('AirSyncBase:Attachments', attachments.map((a) => {
    const children = [
      element('AirSyncBase:DisplayName', stripNul(a.displayName)),
      element('AirSyncBase:FileReference', fileReferenceOf(ctx, a.index)),
      element('AirSyncBase:Method', a.embeddedMessage ? METHOD_EMBEDDED_MESSAGE : METHOD_NORMAL),
      element('AirSyncBase:EstimatedDataSize', String(a.size)),
    ];
    if (a.contentId !== undefined) children.push(element('AirSyncBase:ContentId', stripNul(a.contentId)));
    if (a.contentLocation !== undefined) children.push(element('AirSyncBase:ContentLocation', stripNul(a.contentLocation)));
    if (a.inline) children.push(element('AirSyncBase:IsInline', '1'));
    return element('AirSyncBase:Attachment', children);
  }))];
}

/** The decoded content of attachment `partIndex` of a message, or undefined if it has none such. */
export async function extractAttachment(mime: Uint8Array, partIndex: number): Promise<ExtractedAttachment | undefined> {
  if (!Number.isSafeInteger(partIndex) || partIndex < 0) return undefined;
  // The reader that listed the message's attachments numbers them: the direct one when it takes
  // the message on, which it decides the same way every time.
  const direct = extractDirectAttachment(mime, partIndex);
  if (direct !== undefined) return direct.found;
  const parsed = await parseMime(mime);
  const attachment = parsed.attachments[partIndex];
  if (attachment === undefined) return undefined;
  return {
    contentType: attachment.contentType.toLowerCase(),
    fileName: attachmentInfo(attachment, partIndex).displayName,
    bytes: new Uint8Array(attachment.content.buffer, attachment.content.byteOffset, attachment.content.length),
  };
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}
