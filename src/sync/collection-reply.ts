// The AirSync:Collection element of a Sync reply (MS-ASCMD 2.2.3.29.2, response order: SyncKey,
// CollectionId, Status, MoreAvailable, Commands, Responses), and its storage for replay: the
// reply is kept without its SyncKey, because the key is only known once the state holding the
// reply is committed, and a replay puts the committed state's key back in front.

import { decodeEasBody, element, encodeEasBody, firstChild, type WbxmlElement } from '../eas/wbxml-body.js';

/** A stored reply is our own output, already bounded by the window; the request limits do not apply to it. */
const OWN_REPLY_LIMITS = {
  maxBytes: Number.MAX_SAFE_INTEGER,
  maxElements: Number.MAX_SAFE_INTEGER,
  maxStringBytes: Number.MAX_SAFE_INTEGER,
  maxOpaqueBytes: Number.MAX_SAFE_INTEGER,
};

export interface CollectionReplyParts {
  readonly collectionId: string;
  readonly status: number;
  readonly moreAvailable?: boolean;
  readonly commands?: readonly WbxmlElement[];
  readonly responses?: readonly WbxmlElement[];
}

/** The reply without its SyncKey. */
export function collectionBody(parts: CollectionReplyParts): WbxmlElement {
  const children: WbxmlElement[] = [
    element('AirSync:CollectionId', parts.collectionId),
    element('AirSync:Status', String(parts.status)),
  ];
  if (parts.moreAvailable === true) children.push(element('AirSync:MoreAvailable'));
  if (parts.commands !== undefined && parts.commands.length > 0) children.push(element('AirSync:Commands', [...parts.commands]));
  if (parts.responses !== undefined && parts.responses.length > 0) children.push(element('AirSync:Responses', [...parts.responses]));
  return element('AirSync:Collection', children);
}

export function withSyncKey(body: WbxmlElement, syncKey: string): WbxmlElement {
  return { ...body, children: [element('AirSync:SyncKey', syncKey), ...body.children] };
}

/** A collection failure: Status 3 carries SyncKey 0 so the client knows to start over. */
export function collectionFailure(collectionId: string, status: number, syncKey?: string): WbxmlElement {
  const body = collectionBody({ collectionId, status });
  return syncKey === undefined ? body : withSyncKey(body, syncKey);
}

export function storeCollectionBody(body: WbxmlElement): Uint8Array {
  return encodeEasBody(element('AirSync:Sync', element('AirSync:Collections', body)));
}

export function loadCollectionBody(bytes: Uint8Array | null): WbxmlElement | undefined {
  if (bytes === null) return undefined;
  try {
    const collections = firstChild(decodeEasBody(bytes, OWN_REPLY_LIMITS, 'AirSync:Sync'), 'AirSync:Collections');
    return collections === undefined ? undefined : firstChild(collections, 'AirSync:Collection');
  } catch {
    return undefined;
  }
}
