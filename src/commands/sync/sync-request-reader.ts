// Reads a Sync request body (MS-ASCMD 2.2.3.180, 2.2.3.29.2) into the engine's request shapes. A
// body the engine cannot act on (no SyncKey or CollectionId, a command without its ServerId or
// ClientId, a number that is not one) is a SyncRequestError: the command answers Status 4.

import { childElements, firstChild, qualifiedName, textContent, type WbxmlElement } from '../../eas/wbxml-body.js';
import type { ClientCommand, SyncBodyPreference, SyncItemOptions } from '../../sync/sync-request.js';

export class SyncRequestError extends Error {
  override readonly name = 'SyncRequestError';
}

/** One Collection as the client sent it; omitted fields come from the cached request (14.0+ partial Sync). */
export interface RequestedCollection {
  readonly collectionId: string;
  readonly syncKey: string;
  readonly getChanges?: boolean;
  readonly windowSize?: number;
  readonly deletesAsMoves?: boolean;
  readonly options?: SyncItemOptions;
  readonly supported?: readonly string[];
  readonly commands: readonly ClientCommand[];
}

export interface SyncRequestBody {
  readonly collections: readonly RequestedCollection[];
  /** Partial, or no Collections at all: the cached request fills in the rest. */
  readonly partial: boolean;
  /** Minutes (MS-ASCMD 2.2.3.198). */
  readonly wait?: number;
  /** Seconds (MS-ASCMD 2.2.3.88.2). */
  readonly heartbeatInterval?: number;
  readonly windowSize?: number;
}

function integer(el: WbxmlElement | undefined, what: string): number | undefined {
  if (el === undefined) return undefined;
  const text = textContent(el).trim();
  if (!/^\d{1,9}$/.test(text)) throw new SyncRequestError(`${what} is not a number: ${JSON.stringify(text)}`);
  return Number(text);
}

/** An empty flag element means true; "0" means false (MS-ASCMD 2.2.3.43, 2.2.3.84). */
function flag(el: WbxmlElement | undefined): boolean | undefined {
  if (el === undefined) return undefined;
  return textContent(el).trim() !== '0';
}

function required(parent: WbxmlElement, name: string): string {
  const el = firstChild(parent, name);
  if (el === undefined) throw new SyncRequestError(`${qualifiedName(parent)} has no ${name}`);
  return textContent(el).trim();
}

function bodyPreference(el: WbxmlElement): SyncBodyPreference {
  const type = integer(firstChild(el, 'AirSyncBase:Type'), 'BodyPreference Type');
  if (type === undefined || type < 1 || type > 4) throw new SyncRequestError('BodyPreference without a valid Type');
  const truncationSize = integer(firstChild(el, 'AirSyncBase:TruncationSize'), 'TruncationSize');
  const preview = integer(firstChild(el, 'AirSyncBase:Preview'), 'Preview');
  const allOrNone = flag(firstChild(el, 'AirSyncBase:AllOrNone'));
  return {
    type: type as SyncBodyPreference['type'],
    ...(truncationSize === undefined ? {} : { truncationSize }),
    ...(preview === undefined ? {} : { preview }),
    ...(allOrNone === undefined ? {} : { allOrNone }),
  };
}

/** The Options for the collection's own class; an SMS Options block (Class SMS, 14.0+) is not ours to serve. */
function readOptions(collection: WbxmlElement): SyncItemOptions | undefined {
  const blocks = childElements(collection, 'AirSync:Options');
  const el = blocks.find((block) => {
    const cls = firstChild(block, 'AirSync:Class');
    return cls === undefined || textContent(cls).trim() !== 'SMS';
  });
  if (el === undefined) return undefined;
  const mimeSupport = integer(firstChild(el, 'AirSync:MIMESupport'), 'MIMESupport');
  const filterType = integer(firstChild(el, 'AirSync:FilterType'), 'FilterType');
  const conflict = integer(firstChild(el, 'AirSync:Conflict'), 'Conflict');
  return {
    bodyPreferences: childElements(el, 'AirSyncBase:BodyPreference').map(bodyPreference),
    ...(mimeSupport === 0 || mimeSupport === 1 || mimeSupport === 2 ? { mimeSupport } : {}),
    ...(filterType === undefined ? {} : { filterType }),
    ...(conflict === 0 || conflict === 1 ? { conflict } : {}),
  };
}

function readCommand(el: WbxmlElement): ClientCommand {
  const name = qualifiedName(el);
  const appData = (): WbxmlElement => {
    const data = firstChild(el, 'AirSync:ApplicationData');
    if (data === undefined) throw new SyncRequestError(`${name} without ApplicationData`);
    // MS-ASEMAIL 2.2.2.69: Email2:Send is ApplicationData's sibling; the converter reads it inside.
    const send = firstChild(el, 'Email2:Send');
    return send === undefined ? data : { ...data, children: [...data.children, send] };
  };
  switch (name) {
    case 'AirSync:Add':
      return { kind: 'add', clientId: required(el, 'AirSync:ClientId'), appData: appData() };
    case 'AirSync:Change':
      return { kind: 'change', serverId: required(el, 'AirSync:ServerId'), appData: appData() };
    case 'AirSync:Delete':
      return { kind: 'delete', serverId: required(el, 'AirSync:ServerId') };
    case 'AirSync:Fetch':
      return { kind: 'fetch', serverId: required(el, 'AirSync:ServerId') };
    default:
      throw new SyncRequestError(`unknown command ${name}`);
  }
}

function readCollection(el: WbxmlElement): RequestedCollection {
  const supportedEl = firstChild(el, 'AirSync:Supported');
  const options = readOptions(el);
  const getChanges = flag(firstChild(el, 'AirSync:GetChanges'));
  const windowSize = integer(firstChild(el, 'AirSync:WindowSize'), 'WindowSize');
  const deletesAsMoves = flag(firstChild(el, 'AirSync:DeletesAsMoves'));
  const commandsEl = firstChild(el, 'AirSync:Commands');
  return {
    collectionId: required(el, 'AirSync:CollectionId'),
    syncKey: required(el, 'AirSync:SyncKey'),
    commands: commandsEl === undefined ? [] : childElements(commandsEl).map(readCommand),
    ...(supportedEl === undefined ? {} : { supported: childElements(supportedEl).map(qualifiedName) }),
    ...(options === undefined ? {} : { options }),
    ...(getChanges === undefined ? {} : { getChanges }),
    ...(windowSize === undefined ? {} : { windowSize }),
    ...(deletesAsMoves === undefined ? {} : { deletesAsMoves }),
  };
}

export function readSyncRequest(root: WbxmlElement): SyncRequestBody {
  const collectionsEl = firstChild(root, 'AirSync:Collections');
  const collections = collectionsEl === undefined ? [] : childElements(collectionsEl, 'AirSync:Collection').map(readCollection);
  const wait = integer(firstChild(root, 'AirSync:Wait'), 'Wait');
  const heartbeatInterval = integer(firstChild(root, 'AirSync:HeartbeatInterval'), 'HeartbeatInterval');
  const windowSize = integer(firstChild(root, 'AirSync:WindowSize'), 'WindowSize');
  return {
    collections,
    partial: firstChild(root, 'AirSync:Partial') !== undefined || collectionsEl === undefined,
    ...(wait === undefined ? {} : { wait }),
    ...(heartbeatInterval === undefined ? {} : { heartbeatInterval }),
    ...(windowSize === undefined ? {} : { windowSize }),
  };
}
