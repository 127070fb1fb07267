// The replies of FolderSync, FolderCreate, FolderUpdate and FolderDelete as WBXML trees, in the
// element order of MS-ASCMD 6.10-6.16 (Status, SyncKey, then the command's own part; inside
// Changes: Count, Update*, Delete*, Add*), and the form a reply is kept in for replay.
//
// A committed state's SyncKey comes out of the commit itself, so the reply cannot be stored with
// its key in it. What the state store keeps is the reply without the SyncKey element; the key is
// put back from the state when the reply is sent or replayed. The encoding is deterministic, so a
// replay is byte for byte the reply first sent.

import type { FolderEntry } from '../domain/state-store.js';
import { decodeEasBody, element, encodeEasBody, qualifiedName, type WbxmlElement } from '../eas/wbxml-body.js';
import { changeCount, type HierarchyChanges } from './hierarchy-diff.js';

export type HierarchyCommand = 'FolderSync' | 'FolderCreate' | 'FolderUpdate' | 'FolderDelete';

/** MS-ASCMD 2.2.3.177.3-6: the status values the four hierarchy commands share. */
export const HierarchyStatus = {
  Success: 1,
  /** FolderCreate/FolderUpdate: the name exists; FolderUpdate: also "a special folder". */
  NameExistsOrSpecial: 2,
  /** The Recipient Information Cache (FolderCreate parent, FolderUpdate), any special folder (FolderDelete). */
  SpecialFolder: 3,
  FolderNotFound: 4,
  ParentNotFound: 5,
  ServerError: 6,
  InvalidSyncKey: 9,
  /** Semantic or syntactic error in the request, or an attempt to create a default folder. */
  MalformedRequest: 10,
  UnknownError: 11,
} as const;
export type HierarchyStatus = (typeof HierarchyStatus)[keyof typeof HierarchyStatus];

const NS = 'FolderHierarchy';

function statusElement(status: number): WbxmlElement {
  return element(`${NS}:Status`, String(status));
}

/** A failed request: Status alone; MS-ASCMD 2.2.3.181.1 forbids a SyncKey in it. */
export function statusReply(command: HierarchyCommand, status: HierarchyStatus): WbxmlElement {
  return element(`${NS}:${command}`, statusElement(status));
}

function folderElement(name: 'Add' | 'Update', entry: FolderEntry): WbxmlElement {
  return element(`${NS}:${name}`, [
    element(`${NS}:ServerId`, entry.serverId),
    element(`${NS}:ParentId`, entry.parentId),
    element(`${NS}:DisplayName`, entry.displayName),
    element(`${NS}:Type`, String(entry.type)),
  ]);
}

/** A successful FolderSync without its key. Changes is sent even when empty: Count 0 says "nothing new" (2.2.3.37). */
export function folderSyncBody(changes: HierarchyChanges): WbxmlElement {
  const list = element(`${NS}:Changes`, [
    element(`${NS}:Count`, String(changeCount(changes))),
    ...changes.updates.map((entry) => folderElement('Update', entry)),
    ...changes.deletes.map((entry) => element(`${NS}:Delete`, element(`${NS}:ServerId`, entry.serverId))),
    ...changes.adds.map((entry) => folderElement('Add', entry)),
  ]);
  return element(`${NS}:FolderSync`, [statusElement(HierarchyStatus.Success), list]);
}

/** A successful FolderCreate without its key: the new folder's ServerId (MS-ASCMD 6.10). */
export function folderCreateBody(serverId: string): WbxmlElement {
  return element(`${NS}:FolderCreate`, [statusElement(HierarchyStatus.Success), element(`${NS}:ServerId`, serverId)]);
}

/** A successful FolderUpdate or FolderDelete without its key. */
export function successBody(command: 'FolderUpdate' | 'FolderDelete'): WbxmlElement {
  return element(`${NS}:${command}`, statusElement(HierarchyStatus.Success));
}

/** The reply as sent: the SyncKey goes right after Status. */
export function withSyncKey(body: WbxmlElement, syncKey: string): WbxmlElement {
  const [status, ...rest] = body.children;
  if (status === undefined) throw new Error('a hierarchy reply starts with its Status');
  return { page: body.page, tag: body.tag, children: [status, element(`${NS}:SyncKey`, syncKey), ...rest] };
}

export function storedReply(body: WbxmlElement): Uint8Array {
  return encodeEasBody(body);
}

/** A stored reply of `command`, or undefined when the state holds none, another command's, or damaged bytes. */
export function loadStoredReply(bytes: Uint8Array | null, command: HierarchyCommand): WbxmlElement | undefined {
  if (bytes === null) return undefined;
  try {
    const body = decodeEasBody(bytes);
    return qualifiedName(body) === `${NS}:${command}` ? body : undefined;
  } catch {
    return undefined;
  }
}
