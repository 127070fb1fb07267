// High-level commands as a device uses them: build the request, send it (with the client's
// provisioning recovery), read the reply and advance the saved keys. Each result keeps the raw
// response so a caller can look further than these readers do.

import type { EasCommandName } from '../eas/commands.js';
import { EasClientError } from './client-errors.js';
import type { CommandChannel, EasResponse } from './client-types.js';
import {
  buildFolderSync, buildGetItemEstimate, buildPing, buildSettingsDeviceInformation, buildSync,
  type DeviceInformation, type PingFolder, type SyncCollectionRequest,
} from './request-builders.js';
import {
  readFolderSyncReply, readGetItemEstimateReply, readPingReply, readSettingsReply, readSyncReply,
  type FolderSyncReply, type PingReply, type SyncCollectionReply,
} from './response-readers.js';

/** Extra time on top of the heartbeat before a held Ping counts as lost. */
const PING_GRACE_MS = 30_000;
/** MS-ASCMD 2.2.3.177.5 / 2.2.3.177.17: the server lost or rejected our key. */
const FOLDERSYNC_BAD_KEY = 9;
const SYNC_BAD_KEY = 3;

function requireBody(command: EasCommandName, response: EasResponse): NonNullable<EasResponse['body']> {
  if (response.status !== 200) {
    const hint = response.status === 449 ? ' (provisioning required)' : response.status === 401 ? ' (credentials rejected)' : '';
    throw new EasClientError('http', `${command} answered HTTP ${response.status}${hint}`, { httpStatus: response.status });
  }
  if (response.body === undefined) {
    throw new EasClientError('bad-response', `${command} answered 200 without a WBXML body`, { httpStatus: 200 });
  }
  return response.body;
}

export interface SettingsResult {
  status: number | undefined;
  deviceInformationStatus?: number;
  response: EasResponse;
}

export async function settingsDeviceInformation(channel: CommandChannel, info?: DeviceInformation): Promise<SettingsResult> {
  const response = await channel.send('Settings', buildSettingsDeviceInformation(channel.protocolVersion, info ?? channel.deviceInformation));
  return { ...readSettingsReply(requireBody('Settings', response)), response };
}

export interface FolderSyncResult extends FolderSyncReply {
  response: EasResponse;
}

export async function folderSync(channel: CommandChannel, syncKey?: string): Promise<FolderSyncResult> {
  const state = channel.mutableState;
  const response = await channel.send('FolderSync', buildFolderSync(syncKey ?? state.folderSyncKey));
  const reply = readFolderSyncReply(requireBody('FolderSync', response));
  if (reply.status === 1 && reply.syncKey !== undefined) state.folderSyncKey = reply.syncKey;
  if (reply.status === FOLDERSYNC_BAD_KEY) state.folderSyncKey = '0';
  return { ...reply, response };
}

export type SyncRequestOptions = Omit<SyncCollectionRequest, 'collectionId' | 'syncKey'> & { syncKey?: string };

export interface SyncResult extends SyncCollectionReply {
  /** Sync-level Status when the whole request failed; otherwise undefined. */
  globalStatus: number | undefined;
  /** 14.0+ servers may answer an unchanged collection with an empty body. */
  empty: boolean;
  response: EasResponse;
}

export async function sync(channel: CommandChannel, collectionId: string, options: SyncRequestOptions = {}): Promise<SyncResult> {
  const state = channel.mutableState;
  const syncKey = options.syncKey ?? state.syncKeys[collectionId] ?? '0';
  const response = await channel.send('Sync', buildSync(channel.protocolVersion, { ...options, collectionId, syncKey }));
  if (response.status === 200 && response.raw.length === 0) {
    return {
      collectionId, status: 1, syncKey, moreAvailable: false, added: [], changed: [], deleted: [],
      globalStatus: undefined, empty: true, response,
    };
  }
  const reply = readSyncReply(requireBody('Sync', response));
  const collection = reply.collections.find((c) => c.collectionId === collectionId) ?? reply.collections[0];
  const result: SyncResult = collection === undefined
    ? { collectionId, status: reply.status, moreAvailable: false, added: [], changed: [], deleted: [], globalStatus: reply.status, empty: false, response }
    : { ...collection, globalStatus: reply.status, empty: false, response };
  if (result.status === 1 && result.syncKey !== undefined) state.syncKeys[collectionId] = result.syncKey;
  if (result.status === SYNC_BAD_KEY) delete state.syncKeys[collectionId];
  return result;
}

export interface EstimateResult {
  status: number | undefined;
  estimate?: number;
  response: EasResponse;
}

export async function getItemEstimate(
  channel: CommandChannel, collectionId: string, options: { className?: string; filterType?: number } = {},
): Promise<EstimateResult> {
  const syncKey = channel.mutableState.syncKeys[collectionId] ?? '0';
  const body = buildGetItemEstimate(channel.protocolVersion, { collectionId, syncKey, ...options });
  const response = await channel.send('GetItemEstimate', body);
  const replies = readGetItemEstimateReply(requireBody('GetItemEstimate', response));
  const reply = replies.find((r) => r.collectionId === collectionId) ?? replies[0] ?? { status: undefined };
  return { ...reply, response };
}

export interface PingResult extends PingReply {
  response: EasResponse;
}

/** Ping with an optional heartbeat and folder list; omitting both sends an empty body (cached parameters). */
export async function ping(
  channel: CommandChannel, request: { heartbeatInterval?: number; folders?: readonly PingFolder[] },
): Promise<PingResult> {
  const body = buildPing(request);
  const heartbeatMs = (request.heartbeatInterval ?? 3540) * 1000;
  const response = await channel.send('Ping', body, { timeoutMs: heartbeatMs + PING_GRACE_MS });
  // CLIENT-QUIRKS §6.5: an empty Ping reply is an error to AOSP, so it is one here too.
  return { ...readPingReply(requireBody('Ping', response)), response };
}
