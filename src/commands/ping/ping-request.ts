// Reads a Ping request body (MS-ASCMD 2.2.1.13, schema 6.29): an optional HeartbeatInterval and
// an optional Folders list of Id + Class. Either may be left out to reuse the cached value
// (3.1.5.8); what is there must be well formed, or the command answers Status 4.

import { childElements, firstChild, qualifiedName, textContent, type WbxmlElement } from '../../eas/wbxml-body.js';

/** MS-ASCMD 6.29: a Ping folder Id is at most 64 characters. */
export const MAX_FOLDER_ID_LENGTH = 64;

export class PingRequestError extends Error {
  override readonly name = 'PingRequestError';
}

export interface PingFolder {
  /** The folder's ServerId from FolderSync. */
  readonly id: string;
  /** Email, Calendar, Contacts, Tasks or Notes; kept as sent, the store knows the real class. */
  readonly className: string;
}

export interface PingRequestBody {
  /** Seconds. */
  readonly heartbeatInterval?: number;
  /** Without duplicates, in the order sent. */
  readonly folders?: readonly PingFolder[];
}

function heartbeatOf(root: WbxmlElement): number | undefined {
  const el = firstChild(root, 'Ping:HeartbeatInterval');
  if (el === undefined) return undefined;
  const text = textContent(el).trim();
  if (!/^\d{1,9}$/.test(text)) throw new PingRequestError(`HeartbeatInterval is not a number: ${JSON.stringify(text)}`);
  return Number(text);
}

function folderOf(el: WbxmlElement): PingFolder {
  const idEl = firstChild(el, 'Ping:Id');
  const id = idEl === undefined ? '' : textContent(idEl).trim();
  if (id === '' || id.length > MAX_FOLDER_ID_LENGTH) throw new PingRequestError(`Folder without a valid Id: ${JSON.stringify(id)}`);
  const classEl = firstChild(el, 'Ping:Class');
  return { id, className: classEl === undefined ? '' : textContent(classEl).trim() };
}

function foldersOf(root: WbxmlElement): PingFolder[] | undefined {
  const list = firstChild(root, 'Ping:Folders');
  if (list === undefined) return undefined;
  const folders = childElements(list, 'Ping:Folder').map(folderOf);
  // MS-ASCMD 6.29: Folders holds at least one Folder.
  if (folders.length === 0) throw new PingRequestError('Folders without a Folder');
  const seen = new Set<string>();
  return folders.filter((folder) => !seen.has(folder.id) && seen.add(folder.id));
}

/** Throws PingRequestError for a body the command cannot act on. */
export function readPingRequest(root: WbxmlElement): PingRequestBody {
  if (qualifiedName(root) !== 'Ping:Ping') throw new PingRequestError(`expected Ping:Ping, got ${qualifiedName(root)}`);
  const heartbeatInterval = heartbeatOf(root);
  const folders = foldersOf(root);
  // MS-ASCMD 2.2.1.13: a Ping element carries HeartbeatInterval, Folders or both.
  if (heartbeatInterval === undefined && folders === undefined) throw new PingRequestError('Ping with neither HeartbeatInterval nor Folders');
  return {
    ...(heartbeatInterval === undefined ? {} : { heartbeatInterval }),
    ...(folders === undefined ? {} : { folders }),
  };
}
