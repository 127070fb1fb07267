// FolderCreate, FolderUpdate and FolderDelete as a device sends them (MS-ASCMD 2.2.1.3, 2.2.1.4,
// 2.2.1.6): requests in the element order of the request schemas (6.9, 6.11, 6.17), replies read
// tolerantly, and the saved hierarchy key moved on after a success, as a device does, because the
// reply's SyncKey replaces the one the request carried.

import { element, firstChild, textContent, type WbxmlElement } from '../wbxml/index.js';
import { EasClientError } from './client-errors.js';
import type { CommandChannel, EasResponse } from './client-types.js';
import { expectRoot, readCommandStatus } from './response-readers.js';

export type FolderChangeCommand = 'FolderCreate' | 'FolderUpdate' | 'FolderDelete';

export interface FolderChangeReply {
  status: number | undefined;
  syncKey?: string;
  /** FolderCreate only: the new folder's ServerId. */
  serverId?: string;
}

export interface FolderChangeResult extends FolderChangeReply {
  response: EasResponse;
}

const NS = 'FolderHierarchy';

export function buildFolderCreate(syncKey: string, folder: { parentId: string; displayName: string; type: number }): WbxmlElement {
  return element(`${NS}:FolderCreate`, [
    element(`${NS}:SyncKey`, syncKey),
    element(`${NS}:ParentId`, folder.parentId),
    element(`${NS}:DisplayName`, folder.displayName),
    element(`${NS}:Type`, String(folder.type)),
  ]);
}

export function buildFolderUpdate(syncKey: string, change: { serverId: string; parentId: string; displayName: string }): WbxmlElement {
  return element(`${NS}:FolderUpdate`, [
    element(`${NS}:SyncKey`, syncKey),
    element(`${NS}:ServerId`, change.serverId),
    element(`${NS}:ParentId`, change.parentId),
    element(`${NS}:DisplayName`, change.displayName),
  ]);
}

export function buildFolderDelete(syncKey: string, serverId: string): WbxmlElement {
  return element(`${NS}:FolderDelete`, [element(`${NS}:SyncKey`, syncKey), element(`${NS}:ServerId`, serverId)]);
}

export function readFolderChangeReply(root: WbxmlElement, command: FolderChangeCommand): FolderChangeReply {
  expectRoot(root, `${NS}:${command}`);
  const reply: FolderChangeReply = { status: readCommandStatus(root) };
  const syncKey = firstChild(root, `${NS}:SyncKey`);
  const serverId = firstChild(root, `${NS}:ServerId`);
  if (syncKey !== undefined) reply.syncKey = textContent(syncKey);
  if (serverId !== undefined) reply.serverId = textContent(serverId);
  return reply;
}

async function sendFolderChange(channel: CommandChannel, command: FolderChangeCommand, body: WbxmlElement): Promise<FolderChangeResult> {
  const response = await channel.send(command, body);
  if (response.status !== 200 || response.body === undefined) {
    throw new EasClientError('http', `${command} answered HTTP ${response.status}${response.body === undefined ? ' without a WBXML body' : ''}`, {
      httpStatus: response.status,
    });
  }
  const reply = readFolderChangeReply(response.body, command);
  if (reply.status === 1 && reply.syncKey !== undefined) channel.mutableState.folderSyncKey = reply.syncKey;
  return { ...reply, response };
}

/** Creates a folder under `parentId` ("0" = top) with the saved key, or the key given. */
export function folderCreate(
  channel: CommandChannel,
  folder: { parentId: string; displayName: string; type: number; syncKey?: string },
): Promise<FolderChangeResult> {
  return sendFolderChange(channel, 'FolderCreate', buildFolderCreate(folder.syncKey ?? channel.mutableState.folderSyncKey, folder));
}

/** Renames and/or moves a folder. */
export function folderUpdate(
  channel: CommandChannel,
  change: { serverId: string; parentId: string; displayName: string; syncKey?: string },
): Promise<FolderChangeResult> {
  return sendFolderChange(channel, 'FolderUpdate', buildFolderUpdate(change.syncKey ?? channel.mutableState.folderSyncKey, change));
}

export function folderDelete(channel: CommandChannel, target: { serverId: string; syncKey?: string }): Promise<FolderChangeResult> {
  return sendFolderChange(channel, 'FolderDelete', buildFolderDelete(target.syncKey ?? channel.mutableState.folderSyncKey, target.serverId));
}
