// The existing data of the state-store benchmark: a fleet of provisioned devices (two per user),
// each with the folder hierarchy its FolderSync left, four synced collections with id maps of a
// few thousand rows in all, and the cached Ping of a device that holds one. Everything goes in
// through the StateStore port as the server writes it (devices.record and update, hierarchy
// assignment and commit, collection commits in windows, the Ping cache), so any implementation
// of the port can be seeded the same way. Ids and versions come from a seeded generator.

import { FolderType } from '../src/domain/folder.js';
import { deviceKey, type DeviceKey } from '../src/domain/device.js';
import type { FolderEntry, IdMapChange, StateStore } from '../src/domain/state-store.js';
import { EMPTY_PING_CACHE, savePingCache } from '../src/commands/ping/ping-cache.js';
import type { PingFolder } from '../src/commands/ping/ping-request.js';
import { progressToJson } from '../src/sync/collection-progress.js';
import { seededRandom } from './documents.js';

/** Folders of a device's hierarchy: the default folders and a few of the user's own. */
const FOLDERS: ReadonlyArray<{ name: string; type: number }> = [
  { name: 'Inbox', type: FolderType.Inbox }, { name: 'Drafts', type: FolderType.Drafts },
  { name: 'Deleted Items', type: FolderType.DeletedItems }, { name: 'Sent Items', type: FolderType.SentItems },
  { name: 'Outbox', type: FolderType.Outbox }, { name: 'Junk', type: FolderType.UserMail },
  { name: 'Archive', type: FolderType.UserMail }, { name: 'Projects', type: FolderType.UserMail },
  { name: 'Calendar', type: FolderType.Calendar }, { name: 'Contacts', type: FolderType.Contacts },
  { name: 'Tasks', type: FolderType.Tasks }, { name: 'Notes', type: FolderType.Notes },
];

/** Id-map rows per synced collection (by folder name): "id maps of a few thousand rows" per device. */
export const ID_MAP_ROWS: Readonly<Record<string, number>> = { Inbox: 2000, 'Sent Items': 500, Calendar: 300, Contacts: 400 };
/** Backend ids queued in the Inbox state: the mean backlog of a 1,000-message initial sync in windows of 100. */
export const INBOX_BACKLOG = 450;
/** Id-map changes per seeding commit (the benchmark's own windows are 100). */
const SEED_WINDOW = 500;
const HEARTBEAT_SECONDS = 1680;

export const DEVICE_TYPE = 'iPhone';
export const USER_AGENT = 'Apple-iPhone15C2/2104.92';
export const PROTOCOL_VERSION = '16.1';

export interface BenchDevice {
  readonly key: DeviceKey;
  /** Collection ServerIds by folder name. */
  readonly collections: Readonly<Record<string, string>>;
  /** The folders its Pings name: Inbox, Calendar, Contacts. */
  readonly pingFolders: readonly PingFolder[];
}

export interface Fleet {
  readonly devices: readonly BenchDevice[];
  readonly idMapRows: number;
}

const ID_ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/** 16-character ids like the embedded store's (80 random bits in base32), from a seeded generator. */
export function idGenerator(seed: number): () => string {
  const random = seededRandom(seed);
  return () => {
    let id = '';
    for (let i = 0; i < 16; i += 1) id += ID_ALPHABET.charAt(Math.floor(random() * 32));
    return id;
  };
}

function hierarchyOf(assigned: ReadonlyMap<string, string>, backendIds: readonly string[]): FolderEntry[] {
  return FOLDERS.map((folder, i) => {
    const backendId = backendIds[i] ?? '';
    return { serverId: assigned.get(backendId) ?? '', parentId: '0', displayName: folder.name, type: folder.type, backendId };
  });
}

/** A collection synced to the end: its id map filled window by window, an empty backlog (a backlog for the Inbox). */
async function seedCollection(store: StateStore, key: DeviceKey, collectionId: string, rows: number, nextId: () => string, backlog: number): Promise<void> {
  const token = (n: number): string => `${collectionId}.${n}`;
  let state = await store.collections.commit(key, collectionId, { baseKey: 0, state: progressToJson({ token: null, pending: [], initial: true }) });
  for (let done = 0; done < rows; done += SEED_WINDOW) {
    const count = Math.min(SEED_WINDOW, rows - done);
    const first = await store.collections.reserveItemNumbers(key, collectionId, count);
    const idMap: IdMapChange[] = Array.from({ length: count }, (_, i) => ({ op: 'put', serverId: `${collectionId}:${first + i}`, backendId: nextId(), version: '1' }));
    const last = done + count >= rows;
    const pending = last ? Array.from({ length: backlog }, nextId) : [];
    state = await store.collections.commit(key, collectionId, {
      baseKey: state.syncKey, state: progressToJson({ token: token(done + count), pending, initial: false }), idMap,
    });
  }
}

async function seedDevice(store: StateStore, user: string, deviceId: string, nextId: () => string, now: number): Promise<BenchDevice> {
  const key = deviceKey(user, deviceId);
  await store.devices.record({ user, deviceId, deviceType: DEVICE_TYPE, userAgent: USER_AGENT, protocolVersion: PROTOCOL_VERSION });
  await store.devices.update(key, {
    policy: { state: 'provisioned', policyKey: 1_000_000 + (now % 1_000_000), temporaryKey: null, policyHash: 'bench-policy', updatedAt: new Date(now) },
    information: { model: 'iPhone15,2', friendlyName: `${user}'s iPhone`, os: 'iOS 17.4', osLanguage: 'en', userAgent: USER_AGENT },
  });
  const backendIds = FOLDERS.map(() => nextId());
  const assigned = await store.hierarchy.assignServerIds(key, backendIds);
  const folders = hierarchyOf(assigned, backendIds);
  await store.hierarchy.commit(key, { baseKey: 0, folders });
  const collections: Record<string, string> = {};
  for (const folder of folders) {
    const rows = ID_MAP_ROWS[folder.displayName];
    if (rows === undefined) continue;
    collections[folder.displayName] = folder.serverId;
    await seedCollection(store, key, folder.serverId, rows, nextId, folder.displayName === 'Inbox' ? INBOX_BACKLOG : 0);
  }
  const pingFolders = ['Inbox', 'Calendar', 'Contacts'].map((name) => ({ id: collections[name] ?? '', className: name === 'Inbox' ? 'Email' : name }));
  await savePingCache(store.values, key, { heartbeatInterval: HEARTBEAT_SECONDS, folders: pingFolders, hierarchyToken: 'h.1', reported: {} }, EMPTY_PING_CACHE);
  return { key, collections, pingFolders };
}

export async function seedFleet(store: StateStore, devices: number, now: number): Promise<Fleet> {
  const nextId = idGenerator(7);
  const out: BenchDevice[] = [];
  for (let i = 0; i < devices; i += 1) {
    // Two devices per user (a phone and a tablet), DeviceIds as iOS writes them.
    const user = `user${Math.floor(i / 2)}@example.org`;
    out.push(await seedDevice(store, user, `ApplF${(100000 + i).toString(16).toUpperCase()}XQ${i % 2}`, nextId, now));
  }
  const perDevice = Object.values(ID_MAP_ROWS).reduce((sum, n) => sum + n, 0);
  return { devices: out, idMapRows: perDevice * devices };
}
