// SendMail, SmartReply and SmartForward as a device sends them (MS-ASCMD 2.2.1.17, 2.2.1.20,
// 2.2.1.19): from 14.0 a ComposeMail WBXML body in the request schemas' element order (6.39,
// 6.41, 6.43) with the MIME as opaque data, as iOS writes it; before 14.0 the raw message/rfc822
// body with SaveInSent, ItemId, CollectionId, LongId and Occurrence on the request line
// (CLIENT-QUIRKS §1 "Mail send / reply"). Success is an empty 200 either way; a failure is a
// Status in the reply (14.0+) or an HTTP status (older). 16.x forwards a calendar item by
// Forwardees instead of MIME (forwardMeeting).

import { randomUUID } from 'node:crypto';
import { element, type WbxmlElement } from '../wbxml/index.js';
import { RFC822_CONTENT_TYPE } from '../eas/headers.js';
import { versionAtLeast } from '../eas/protocol-version.js';
import type { RequestLineParams } from '../eas/request-line.js';
import { EasClientError } from './client-errors.js';
import type { CommandChannel, EasResponse } from './client-types.js';
import { readCommandStatus } from './response-readers.js';

export interface SendMailOptions {
  readonly saveInSent?: boolean;
  /** 14.0+ duplicate detection id (MS-ASCMD 2.2.3.28.1); a fresh one when absent. */
  readonly clientId?: string;
}

/** The message replied to or forwarded (MS-ASCMD 2.2.3.173). */
export interface ComposeSource {
  /** Collection ServerId; before 14.0 it travels as CollectionId. */
  readonly folderId?: string;
  readonly itemId?: string;
  readonly longId?: string;
  /** A meeting occurrence (InstanceId, or Occurrence on a pre-14.0 request line). */
  readonly instanceId?: string;
}

export interface SmartOptions extends SendMailOptions {
  readonly source: ComposeSource;
  /** 14.0+: the MIME is the whole message; the server must not add the original. */
  readonly replaceMime?: boolean;
}

export interface ComposeResult {
  readonly response: EasResponse;
  /** 200 with an empty body. */
  readonly ok: boolean;
  /** The reply's Status (14.0+), or the HTTP status of a failure (older versions). */
  readonly status?: number;
}

type ComposeCommand = 'SendMail' | 'SmartReply' | 'SmartForward';

const bytesOf = (mime: Uint8Array | string): Uint8Array => (typeof mime === 'string' ? new TextEncoder().encode(mime) : mime);

function sourceElement(source: ComposeSource): WbxmlElement {
  const children: WbxmlElement[] = [];
  if (source.folderId !== undefined) children.push(element('ComposeMail:FolderId', source.folderId));
  if (source.itemId !== undefined) children.push(element('ComposeMail:ItemId', source.itemId));
  if (source.longId !== undefined) children.push(element('ComposeMail:LongId', source.longId));
  if (source.instanceId !== undefined) children.push(element('ComposeMail:InstanceId', source.instanceId));
  return element('ComposeMail:Source', children);
}

/** The 14.0+ request body. */
export function buildComposeRequest(command: ComposeCommand, mime: Uint8Array | string, options: SendMailOptions & Partial<SmartOptions>): WbxmlElement {
  const children: WbxmlElement[] = [element('ComposeMail:ClientId', options.clientId ?? randomUUID())];
  if (command !== 'SendMail' && options.source !== undefined) children.push(sourceElement(options.source));
  if (options.saveInSent === true) children.push(element('ComposeMail:SaveInSentItems'));
  if (command !== 'SendMail' && options.replaceMime === true) children.push(element('ComposeMail:ReplaceMime'));
  children.push(element('ComposeMail:Mime', bytesOf(mime)));
  return element(`ComposeMail:${command}`, children);
}

function legacyParams(options: SendMailOptions & Partial<SmartOptions>): RequestLineParams {
  const source = options.source;
  return {
    ...(options.saveInSent === true ? { saveInSent: true } : {}),
    ...(source?.itemId === undefined ? {} : { itemId: source.itemId }),
    ...(source?.folderId === undefined ? {} : { collectionId: source.folderId }),
    ...(source?.longId === undefined ? {} : { longId: source.longId }),
    ...(source?.instanceId === undefined ? {} : { occurrence: source.instanceId }),
  };
}

async function compose(channel: CommandChannel, command: ComposeCommand, mime: Uint8Array | string, options: SendMailOptions & Partial<SmartOptions>): Promise<ComposeResult> {
  const modern = versionAtLeast(channel.protocolVersion, '14.0');
  const response = modern
    ? await channel.send(command, buildComposeRequest(command, mime, options))
    : await channel.send(command, bytesOf(mime), { contentType: RFC822_CONTENT_TYPE, params: legacyParams(options) });
  return composeResult(response);
}

function composeResult(response: EasResponse): ComposeResult {
  if (response.status !== 200) return { response, ok: false, status: response.status };
  const status = response.body === undefined ? undefined : readCommandStatus(response.body);
  return { response, ok: response.raw.length === 0, ...(status === undefined ? {} : { status }) };
}

export function sendMail(channel: CommandChannel, mime: Uint8Array | string, options: SendMailOptions = {}): Promise<ComposeResult> {
  return compose(channel, 'SendMail', mime, options);
}

export function smartReply(channel: CommandChannel, mime: Uint8Array | string, options: SmartOptions): Promise<ComposeResult> {
  return compose(channel, 'SmartReply', mime, options);
}

export function smartForward(channel: CommandChannel, mime: Uint8Array | string, options: SmartOptions): Promise<ComposeResult> {
  return compose(channel, 'SmartForward', mime, options);
}

/** A 16.x meeting forward (MS-ASCMD 2.2.3.79): the calendar item goes to these people, no MIME. */
export interface MeetingForwardOptions {
  readonly source: ComposeSource;
  readonly forwardees: readonly { readonly email: string; readonly name?: string }[];
  /** The note to the forwardees, as plain text (AirSyncBase:Body Type 1). */
  readonly note?: string;
  readonly clientId?: string;
}

/** MS-ASCMD 2.2.3.169 order; Mime, SaveInSentItems and ReplaceMime MUST NOT be present. */
export function buildMeetingForward(options: MeetingForwardOptions): WbxmlElement {
  const children: WbxmlElement[] = [element('ComposeMail:ClientId', options.clientId ?? randomUUID()), sourceElement(options.source)];
  if (options.note !== undefined) {
    children.push(element('AirSyncBase:Body', [element('AirSyncBase:Type', '1'), element('AirSyncBase:Data', options.note)]));
  }
  children.push(element('ComposeMail:Forwardees', options.forwardees.map((f) => element('ComposeMail:Forwardee', [
    ...(f.name === undefined ? [] : [element('ComposeMail:ForwardeeName', f.name)]),
    element('ComposeMail:ForwardeeEmail', f.email),
  ]))));
  return element('ComposeMail:SmartForward', children);
}

export async function forwardMeeting(channel: CommandChannel, options: MeetingForwardOptions): Promise<ComposeResult> {
  if (!versionAtLeast(channel.protocolVersion, '16.0')) {
    throw new EasClientError('unsupported', `Forwardees need protocol 16.0 or later, not ${channel.protocolVersion}`);
  }
  return composeResult(await channel.send('SmartForward', buildMeetingForward(options)));
}
