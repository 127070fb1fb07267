// Reading SendMail, SmartReply and SmartForward requests in both shapes. From 14.0 the body is
// WBXML (MS-ASCMD 2.2.1.17-2.2.1.19: ClientId, AccountId, SaveInSentItems, ReplaceMime, Source,
// Mime); before it the body is the raw message/rfc822 and the rest rides on the request line
// (SaveInSent=T, ItemId, CollectionId, LongId, Occurrence; CLIENT-QUIRKS §1 "Mail send / reply").
// A raw body is taken in any version: it is unambiguous, and lenient costs nothing here. A 16.x
// SmartForward of a calendar item may instead name Forwardees and an AirSyncBase:Body, and then
// carries no Mime (MS-ASCMD 2.2.3.169).

import { Buffer } from 'node:buffer';
import type { RequestLineParams } from '../../eas/request-line.js';
import { EasStatusError } from '../../eas/status.js';
import { childElements, firstChild, isElement, textContent, type WbxmlElement } from '../../eas/wbxml-body.js';
import type { CommandRequest } from '../registry.js';
import type { Forwardee } from './meeting-forward-ical.js';

export type ComposeCommandName = 'SendMail' | 'SmartReply' | 'SmartForward';

/** Where the message being replied to or forwarded lives (MS-ASCMD 2.2.3.173 Source). */
export interface SourceRef {
  /** A collection ServerId of the device; absent means the Inbox (MS-ASCMD 2.2.3.93). */
  readonly folderId?: string;
  /** An item ServerId within that collection. */
  readonly itemId?: string;
  /** A Search result's LongId; never together with folderId/itemId. */
  readonly longId?: string;
  /** The occurrence of a recurring meeting (MS-ASCMD 2.2.3.92.2). */
  readonly instanceId?: string;
}

export interface ComposeRequest {
  readonly command: ComposeCommandName;
  readonly mime: Uint8Array;
  readonly saveInSent: boolean;
  /** Up to 40 characters naming the message for duplicate detection (MS-ASCMD 2.2.3.28.1). */
  readonly clientId?: string;
  /** The client sent the whole message; the server must not add the original (MS-ASCMD 2.2.3.148). */
  readonly replaceMime: boolean;
  readonly source?: SourceRef;
  readonly accountId?: string;
  /** 16.x SmartForward of a calendar item by Forwardees (MS-ASCMD 2.2.3.79); `mime` is empty then. */
  readonly meetingForward?: MeetingForwardRequest;
}

export interface MeetingForwardRequest {
  readonly forwardees: readonly Forwardee[];
  /** The note the user wrote (AirSyncBase:Body, MS-ASAIRS 2.2.2.9): Type 2 is HTML, else text. */
  readonly body?: { readonly html: boolean; readonly data: string };
}

/** MS-ASCMD allows 40 characters; some room for clients that exceed it, a bound for those that abuse it. */
const MAX_CLIENT_ID_CHARS = 128;
/** FolderId and ItemId are at most 64 characters, LongId 256 (MS-ASCMD 2.2.3.74, 2.2.3.93, 2.2.3.98.4). */
const MAX_SOURCE_ID_CHARS = 256;

const invalidXml = (message: string): EasStatusError => new EasStatusError(103, { message: `InvalidXML: ${message}` });

function optionalText(parent: WbxmlElement, name: string, max: number): string | undefined {
  const el = firstChild(parent, `ComposeMail:${name}`);
  if (el === undefined) return undefined;
  const value = textContent(el).trim();
  if (value === '') return undefined;
  if (value.length > max) throw invalidXml(`${name} is longer than ${max} characters`);
  return value;
}

/** The Mime element's bytes: opaque data as sent, inline strings as their UTF-8. */
function mimeBytes(el: WbxmlElement): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const child of el.children) {
    if (typeof child === 'string') parts.push(Buffer.from(child, 'utf8'));
    else if (!isElement(child)) parts.push(child);
  }
  return new Uint8Array(Buffer.concat(parts));
}

function readSource(root: WbxmlElement): SourceRef | undefined {
  const source = firstChild(root, 'ComposeMail:Source');
  if (source === undefined) return undefined;
  const ref: SourceRef = {
    ...optionalEntry('folderId', optionalText(source, 'FolderId', MAX_SOURCE_ID_CHARS)),
    ...optionalEntry('itemId', optionalText(source, 'ItemId', MAX_SOURCE_ID_CHARS)),
    ...optionalEntry('longId', optionalText(source, 'LongId', MAX_SOURCE_ID_CHARS)),
    ...optionalEntry('instanceId', optionalText(source, 'InstanceId', MAX_SOURCE_ID_CHARS)),
  };
  // MS-ASCMD 2.2.3.173: LongId excludes FolderId and ItemId.
  if (ref.longId !== undefined && (ref.folderId !== undefined || ref.itemId !== undefined)) {
    throw new EasStatusError(105, { message: 'InvalidCombinationOfIDs: LongId together with FolderId/ItemId' });
  }
  if (ref.longId === undefined && ref.itemId === undefined) throw invalidXml('Source names neither an ItemId nor a LongId');
  return ref;
}

function optionalEntry<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: string };
}

/** Forwardee Email and Name are ordinary addresses; a bound keeps a hostile list small. */
const MAX_FORWARDEE_CHARS = 320;
const MAX_FORWARDEES = 100;

function readForwardees(root: WbxmlElement): Forwardee[] {
  const list = firstChild(root, 'ComposeMail:Forwardees');
  const entries = list === undefined ? [] : childElements(list, 'ComposeMail:Forwardee');
  if (entries.length === 0) throw invalidXml('a meeting forward names no Forwardee');
  if (entries.length > MAX_FORWARDEES) throw invalidXml(`more than ${MAX_FORWARDEES} Forwardees`);
  return entries.map((entry) => {
    const email = optionalText(entry, 'ForwardeeEmail', MAX_FORWARDEE_CHARS);
    const name = optionalText(entry, 'ForwardeeName', MAX_FORWARDEE_CHARS);
    if (email === undefined || !email.includes('@')) throw invalidXml('a Forwardee has no e-mail address');
    return { email, ...(name === undefined ? {} : { name }) };
  });
}

function readMeetingForward(root: WbxmlElement): MeetingForwardRequest {
  // MS-ASCMD 2.2.3.169: with Forwardees or Body, Mime, SaveInSentItems and ReplaceMime MUST NOT be present.
  for (const name of ['Mime', 'SaveInSentItems', 'ReplaceMime']) {
    if (firstChild(root, `ComposeMail:${name}`) !== undefined) throw invalidXml(`${name} together with Forwardees or Body`);
  }
  const body = firstChild(root, 'AirSyncBase:Body');
  const data = body === undefined ? undefined : firstChild(body, 'AirSyncBase:Data');
  const type = body === undefined ? undefined : firstChild(body, 'AirSyncBase:Type');
  return {
    forwardees: readForwardees(root),
    ...(data === undefined ? {} : { body: { html: type !== undefined && textContent(type).trim() === '2', data: textContent(data) } }),
  };
}

function readWbxml(command: ComposeCommandName, root: WbxmlElement): ComposeRequest {
  if (command === 'SmartForward' && (firstChild(root, 'ComposeMail:Forwardees') !== undefined || firstChild(root, 'AirSyncBase:Body') !== undefined)) {
    return readMeetingForwardRequest(root);
  }
  const mime = firstChild(root, 'ComposeMail:Mime');
  if (mime === undefined) throw invalidXml(`${command} has no Mime element`);
  const source = command === 'SendMail' ? undefined : readSource(root);
  if (command !== 'SendMail' && source === undefined) throw invalidXml(`${command} has no Source element`);
  const clientId = optionalText(root, 'ClientId', MAX_CLIENT_ID_CHARS);
  const accountId = optionalText(root, 'AccountId', MAX_SOURCE_ID_CHARS);
  return {
    command,
    mime: mimeBytes(mime),
    saveInSent: firstChild(root, 'ComposeMail:SaveInSentItems') !== undefined,
    replaceMime: firstChild(root, 'ComposeMail:ReplaceMime') !== undefined,
    ...(clientId === undefined ? {} : { clientId }),
    ...(accountId === undefined ? {} : { accountId }),
    ...(source === undefined ? {} : { source }),
  };
}

function readMeetingForwardRequest(root: WbxmlElement): ComposeRequest {
  const source = readSource(root);
  if (source === undefined) throw invalidXml('SmartForward has no Source element');
  const clientId = optionalText(root, 'ClientId', MAX_CLIENT_ID_CHARS);
  const accountId = optionalText(root, 'AccountId', MAX_SOURCE_ID_CHARS);
  return {
    command: 'SmartForward', mime: new Uint8Array(0), saveInSent: false, replaceMime: false, source,
    meetingForward: readMeetingForward(root),
    ...(clientId === undefined ? {} : { clientId }),
    ...(accountId === undefined ? {} : { accountId }),
  };
}

function legacySource(command: ComposeCommandName, params: RequestLineParams): SourceRef | undefined {
  if (command === 'SendMail') return undefined;
  const ref: SourceRef = {
    ...optionalEntry('folderId', params.collectionId),
    ...optionalEntry('itemId', params.itemId),
    ...optionalEntry('longId', params.longId),
    ...optionalEntry('instanceId', params.occurrence),
  };
  if (ref.itemId === undefined && ref.longId === undefined) throw invalidXml(`${command} names no ItemId or LongId on the request line`);
  return ref;
}

/** The request in one shape, whatever the version. Throws EasStatusError 101/103/105. */
export function readComposeRequest(command: ComposeCommandName, request: CommandRequest, params: RequestLineParams): ComposeRequest {
  switch (request.kind) {
    case 'empty':
      throw new EasStatusError(101, { message: `InvalidContent: ${command} carries no message` });
    case 'wbxml':
      if (childElements(request.root).length === 0) throw invalidXml(`${command} is empty`);
      return readWbxml(command, request.root);
    case 'raw': {
      const source = legacySource(command, params);
      return {
        command,
        mime: request.bytes,
        saveInSent: params.saveInSent === true,
        replaceMime: false,
        ...(source === undefined ? {} : { source }),
      };
    }
  }
}
