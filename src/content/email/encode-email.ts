// A stored message as the children of AirSync:ApplicationData (also Search and ItemOperations
// Properties), MS-ASEMAIL 2.2.2, with exactly the elements the client's protocol version knows:
// the Email.xsd group is a free-order choice, so the order is Exchange's own, the one clients
// are tested against. DateReceived (iOS shows the sync time without it, CLIENT-QUIRKS §1) and
// Importance (AOSP reads a missing one as "low", §2.1) are always sent.

import type { MailFlags, MailMessage } from '../../domain/item.js';
import { versionAtLeast } from '../../eas/protocol-version.js';
import { element, type WbxmlElement } from '../../eas/wbxml-body.js';
import { stripNul as clean } from '../body/body-selection.js';
import { encodeBody } from '../body/encode-body.js';
import { nativeBodyType } from '../body/body-source.js';
import type { ConversionContext } from '../conversion-context.js';
import { addressSet, displayNames, formatAddressList } from './addresses.js';
import { encodeAttachments } from './attachments.js';
import { readDirectMailContent } from './direct-mail-content.js';
import { conversationIdOf, conversationIndexOf, threadTopicOf } from './conversation.js';
import { formatEasDateTime } from './email-dates.js';
import { encodeFlag } from './flag.js';
import { findMeetingInvitation, type MeetingInvitation } from './meeting-invitation.js';
import { meetingParts } from './meeting-request.js';
import { mailContentOf, parseMime, type MailContent } from './parse-mime.js';

export interface EmailEncodeOptions {
  /** The mailbox owner's addresses: ReceivedAsBcc (14.0+) is only sent when they are known. */
  readonly ownAddresses?: readonly string[];
  /** The message sits in the Drafts folder: Email2:IsDraft and Email2:Bcc (16.0+). */
  readonly isDraft?: boolean;
  /** The iTIP message the mail carries (meeting-invitation.ts): a meeting message class and MeetingRequest. */
  readonly meeting?: MeetingInvitation;
}

/** Email2:LastVerbExecuted values (MS-ASEMAIL 2.2.2.44). */
const LAST_VERB = { replyToSender: '1', replyToAll: '2', forward: '3' } as const;

/**
 * Reads the message's MIME and encodes it; see encodeParsedEmail. The direct reader takes most
 * mail; what it declines (meeting invitations among it) goes through mailparser.
 */
export async function encodeEmailApplicationData(
  message: MailMessage,
  ctx: ConversionContext,
  options: EmailEncodeOptions = {},
): Promise<WbxmlElement[]> {
  // Synchronous for most mail: the Sync engine yields between conversions (src/sync/time-slice.ts).
  const direct = readDirectMailContent(message.mime);
  if (direct !== undefined) return encodeParsedEmail(direct, message, ctx, options);
  const parsed = await parseMime(message.mime);
  const meeting = findMeetingInvitation(parsed);
  return encodeParsedEmail(mailContentOf(parsed), message, ctx, meeting === undefined ? options : { ...options, meeting });
}

/** The ApplicationData children for a message whose MIME was already parsed into `content`. */
export function encodeParsedEmail(
  content: MailContent,
  message: MailMessage,
  ctx: ConversionContext,
  options: EmailEncodeOptions = {},
): WbxmlElement[] {
  const v = ctx.protocolVersion;
  const out: WbxmlElement[] = [...envelope(content, message)];
  out.push(...encodeAttachments(content.attachments, ctx));
  const source = {
    ...(content.text !== undefined ? { plain: content.text } : {}),
    ...(content.html !== undefined ? { html: content.html } : {}),
    mime: message.mime,
    smime: content.smime !== undefined,
  };
  out.push(...encodeBody(source, ctx, 'Email'));
  const meeting = options.meeting === undefined ? undefined
    : meetingParts(options.meeting, ctx, { ...options, fallbackStamp: content.date ?? message.receivedAt });
  out.push(element('Email:MessageClass', meeting?.messageClass ?? messageClassOf(content)));
  if (meeting?.request !== undefined) out.push(meeting.request);
  // Bodies always go out as UTF-8 (MS-ASEMAIL InternetCPID: the code page of the body).
  out.push(element('Email:InternetCPID', '65001'));
  if (versionAtLeast(v, '12.0')) {
    out.push(encodeFlag(message.flags.flag, ctx.defaultTimeZone, message.modifiedAt));
    out.push(element('Email:ContentClass', meeting === undefined ? 'urn:content-classes:message' : 'urn:content-classes:calendarmessage'));
    out.push(element('AirSyncBase:NativeBodyType', String(nativeBodyType(source))));
  }
  if (versionAtLeast(v, '14.0')) out.push(...conversationElements(content, message, options));
  if (versionAtLeast(v, '16.0')) {
    out.push(element('Email2:IsDraft', options.isDraft === true ? '1' : '0'));
    if (options.isDraft === true && content.bcc.length > 0) out.push(element('Email2:Bcc', formatAddressList(content.bcc)));
  }
  return out;
}

function envelope(content: MailContent, message: MailMessage): WbxmlElement[] {
  const out: WbxmlElement[] = [];
  const text = (name: string, value: string): void => {
    out.push(element(name, clean(value) === '' ? [] : clean(value)));
  };
  if (content.to.length > 0) text('Email:To', formatAddressList(content.to));
  if (content.cc.length > 0) text('Email:Cc', formatAddressList(content.cc));
  if (content.from.length > 0) text('Email:From', formatAddressList(content.from));
  text('Email:Subject', content.subject);
  if (content.replyTo.length > 0) text('Email:ReplyTo', formatAddressList(content.replyTo, '; '));
  text('Email:DateReceived', receivedDate(message));
  if (content.to.length > 0) text('Email:DisplayTo', displayNames(content.to));
  text('Email:ThreadTopic', threadTopicOf(content));
  text('Email:Importance', String(content.importance));
  text('Email:Read', message.flags.read ? '1' : '0');
  return out;
}

function conversationElements(content: MailContent, message: MailMessage, options: EmailEncodeOptions): WbxmlElement[] {
  const out = [
    element('Email2:ConversationId', conversationIdOf(content, message.id)),
    element('Email2:ConversationIndex', conversationIndexOf(content, content.date ?? message.receivedAt)),
  ];
  out.push(...lastVerbElements(message.flags));
  if (options.ownAddresses !== undefined && options.ownAddresses.length > 0) {
    const visible = new Set([...addressSet(content.to), ...addressSet(content.cc)]);
    const own = options.ownAddresses.map((a) => a.toLowerCase());
    out.push(element('Email2:ReceivedAsBcc', own.some((a) => visible.has(a)) ? '0' : '1'));
  }
  const sender = content.sender[0];
  const from = content.from[0];
  if (sender !== undefined && sender.address.toLowerCase() !== from?.address.toLowerCase()) {
    out.push(element('Email2:Sender', clean(formatAddressList([sender]))));
  }
  out.push(element('Email:Categories', message.flags.categories.map((c) => element('Email:Category', clean(c)))));
  return out;
}

function lastVerbElements(flags: MailFlags): WbxmlElement[] {
  if (flags.lastVerb !== null) {
    const at = formatEasDateTime(flags.lastVerb.at);
    const out = [element('Email2:LastVerbExecuted', LAST_VERB[flags.lastVerb.verb])];
    if (at !== undefined) out.push(element('Email2:LastVerbExecutionTime', at));
    return out;
  }
  // Plain IMAP records only \Answered and $Forwarded: the verb without its time.
  if (flags.forwarded) return [element('Email2:LastVerbExecuted', LAST_VERB.forward)];
  if (flags.answered) return [element('Email2:LastVerbExecuted', LAST_VERB.replyToSender)];
  return [];
}

/** MS-ASEMAIL MessageClass: S/MIME messages need their own classes for clients to verify them. */
export function messageClassOf(content: MailContent): string {
  if (content.smime === 'signed') return 'IPM.Note.SMIME.MultipartSigned';
  if (content.smime === 'opaque') return 'IPM.Note.SMIME';
  return 'IPM.Note';
}

function receivedDate(message: MailMessage): string {
  return formatEasDateTime(message.receivedAt) ?? formatEasDateTime(message.modifiedAt) ?? new Date(0).toISOString();
}
