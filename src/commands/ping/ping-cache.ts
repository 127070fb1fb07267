// What the server remembers of a device's Pings, in the ValueStore as device value "ping":
// the last accepted HeartbeatInterval and folder list (MS-ASCMD 3.1.5.8: an empty or partial Ping
// reuses them; iOS sends empty Pings, CLIENT-QUIRKS §1), and for each folder the SyncKey the
// device held when a Ping last told it that folder had changes, and how often it was told at that
// key. The latter stops a loop: a change the Sync skips (mail older than the FilterType, the
// device's own write coming back) stays in the backlog without moving the key, and would answer
// every Ping at once. A second report at one key is still allowed, because the first answer may
// have been lost on the way to the device; new changes always wake a held Ping.

import type { DeviceKey } from '../../domain/device.js';
import type { JsonValue, ValueStore } from '../../domain/state-store.js';
import type { PingFolder } from './ping-request.js';

const VALUE_NAME = 'ping';

/** How many Pings may report one folder's backlog while the device's key for it stays the same. */
export const MAX_REPORTS_PER_KEY = 2;

export interface ReportedFolder {
  /** The SyncKey the device held when a Ping reported the folder (0: never synced). */
  readonly key: number;
  readonly times: number;
}

export interface PingCache {
  readonly heartbeatInterval?: number;
  readonly folders?: readonly PingFolder[];
  /** The store's hierarchy token for which the device's FolderSync set was last found current. */
  readonly hierarchyToken?: string;
  /** By collection ServerId. */
  readonly reported: Readonly<Record<string, ReportedFolder>>;
}

export const EMPTY_PING_CACHE: PingCache = Object.freeze({ reported: Object.freeze({}) });

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function foldersFrom(value: unknown): PingFolder[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const folders = value.filter((f): f is { id: string; className: string } => isRecord(f) && typeof f.id === 'string' && typeof f.className === 'string');
  return folders.length === 0 ? undefined : folders.map((f) => ({ id: f.id, className: f.className }));
}

const isReported = (value: unknown): value is ReportedFolder =>
  isRecord(value) && Number.isSafeInteger(value.key) && Number.isSafeInteger(value.times);

function reportedFrom(value: unknown): Record<string, ReportedFolder> {
  if (!isRecord(value)) return {};
  const entries = Object.entries(value).filter((entry): entry is [string, ReportedFolder] => isReported(entry[1]));
  return Object.fromEntries(entries.map(([id, r]) => [id, { key: r.key, times: r.times }]));
}

/** Whether the backlog of a folder at `key` was reported as often as allowed already. */
export function reportedEnough(reported: PingCache['reported'], collectionId: string, key: number): boolean {
  const entry = reported[collectionId];
  return entry !== undefined && entry.key === key && entry.times >= MAX_REPORTS_PER_KEY;
}

/** The cache after a Status 2 naming `keys` (collection ServerId -> key); entries of folders no longer pinged go. */
export function withReported(cache: PingCache, keys: ReadonlyMap<string, number>, pinged: readonly PingFolder[]): PingCache {
  const reported: Record<string, ReportedFolder> = {};
  for (const { id } of pinged) {
    const before = cache.reported[id];
    const key = keys.get(id);
    if (key === undefined) {
      if (before !== undefined) reported[id] = before;
      continue;
    }
    reported[id] = { key, times: before?.key === key ? before.times + 1 : 1 };
  }
  return { ...cache, reported };
}

/** The stored value, or the empty cache when there is none or it is unreadable (the device then gets Status 3). */
export async function loadPingCache(values: ValueStore, key: DeviceKey): Promise<PingCache> {
  const value = await values.getDeviceValue(key, VALUE_NAME);
  if (!isRecord(value)) return EMPTY_PING_CACHE;
  const heartbeat = value.heartbeatInterval;
  const folders = foldersFrom(value.folders);
  return {
    ...(Number.isSafeInteger(heartbeat) ? { heartbeatInterval: heartbeat as number } : {}),
    ...(folders === undefined ? {} : { folders }),
    ...(typeof value.hierarchyToken === 'string' ? { hierarchyToken: value.hierarchyToken } : {}),
    reported: reportedFrom(value.reported),
  };
}

function toJson(cache: PingCache): JsonValue {
  const reported = Object.fromEntries(Object.entries(cache.reported).map(([id, r]) => [id, { key: r.key, times: r.times }]));
  const out: { [key: string]: JsonValue } = { reported };
  if (cache.heartbeatInterval !== undefined) out.heartbeatInterval = cache.heartbeatInterval;
  if (cache.folders !== undefined) out.folders = cache.folders.map((f) => ({ id: f.id, className: f.className }));
  if (cache.hierarchyToken !== undefined) out.hierarchyToken = cache.hierarchyToken;
  return out;
}

/** Writes the cache unless it equals `before` (most Pings repeat the last one: no write then). */
export async function savePingCache(values: ValueStore, key: DeviceKey, cache: PingCache, before: PingCache): Promise<void> {
  const json = toJson(cache);
  if (JSON.stringify(json) === JSON.stringify(toJson(before))) return;
  await values.setDeviceValue(key, VALUE_NAME, json);
}
