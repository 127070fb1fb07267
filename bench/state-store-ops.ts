// The operations the state-store benchmark times, each the sequence of StateStore calls the server
// makes for it (BENCHMARKING.md "State store"), on a device picked at random from the fleet:
//   - sync-advance: one Sync window of 100 new items (SyncEngine.route and advanceCollection):
//     the collection's folder mapping and states, the window's id-map read (findItems, as
//     CollectionRun.prefetch), the ServerId reservation, then the commit of the new state with its
//     100 id-map puts, the backlog and the stored reply;
//   - ping-register / ping-repeat: what a Ping does to the store before it is held (ping-command.ts
//     and ping-watch.ts): the cached Ping read and, when the request changed it, written; each
//     pinged folder's mapping and collection state (the backlog check). A repeated Ping writes
//     nothing. The backend's part (folder lookup, change-log read) is not the store's and is left out;
//   - device-lookup: what every request reads, device admission's record (nothing new: a read)
//     and the PolicyGate's get; device-lookup-refresh is the same request once its last-seen time
//     is due, which writes the record.

import type { StateStore } from '../src/domain/state-store.js';
import { loadPingCache, savePingCache } from '../src/commands/ping/ping-cache.js';
import { progressFromJson, progressToJson } from '../src/sync/collection-progress.js';
import { DEVICE_TYPE, PROTOCOL_VERSION, USER_AGENT, type BenchDevice, type Fleet } from './state-store-data.js';
import type { Operation } from './state-store-measure.js';

/** MS-ASCMD WindowSize of the advance: BENCHMARKING.md's "SyncKey advance with 100 id-map rows". */
export const WINDOW = 100;

export interface OpsEnv {
  readonly store: StateStore;
  readonly fleet: Fleet;
  /** The reply a window stores for replays (collection-reply.ts storeCollectionBody). */
  readonly reply: Uint8Array;
  readonly random: () => number;
  readonly nextId: () => string;
  /** Moves the store's clock on, in milliseconds. */
  readonly advanceClock: (ms: number) => void;
}

function pick(env: OpsEnv): BenchDevice {
  const device = env.fleet.devices[Math.floor(env.random() * env.fleet.devices.length)];
  if (device === undefined) throw new Error('the fleet has no devices');
  return device;
}

function inboxOf(device: BenchDevice): string {
  const id = device.collections.Inbox;
  if (id === undefined) throw new Error(`device ${device.key.deviceId} has no Inbox collection`);
  return id;
}

export function syncAdvance(env: OpsEnv): Operation {
  const { store } = env;
  return async (ctx) => {
    const device = pick(env);
    const { key } = device;
    const collectionId = inboxOf(device);
    if ((await store.hierarchy.lookup(key, collectionId)) === undefined) throw new Error(`collection ${collectionId} is not in the hierarchy`);
    const { current } = await store.collections.get(key, collectionId);
    if (current === null) throw new Error(`collection ${collectionId} has no state`);
    const progress = progressFromJson(current.state);
    const window = progress.pending.slice(0, WINDOW);
    const known = store.collections.findItems === undefined
      ? await Promise.all(window.map((id) => store.collections.findItem(key, collectionId, id)))
      : await store.collections.findItems(key, collectionId, window);
    if (known.some((mapping) => mapping !== undefined)) throw new Error('a new item of the window is mapped already');
    const first = await store.collections.reserveItemNumbers(key, collectionId, window.length);
    const idMap = window.map((backendId, i) => ({ op: 'put' as const, serverId: `${collectionId}:${first + i}`, backendId, version: '1' }));
    // New mail keeps the backlog at its length: the same work every window.
    const pending = [...progress.pending.slice(WINDOW), ...Array.from({ length: window.length }, env.nextId)];
    const state = progressToJson({ token: `${collectionId}.${current.syncKey}`, pending, initial: false });
    return ctx.commit(() => store.collections.commit(key, collectionId, { baseKey: current.syncKey, state, response: env.reply, clientIds: {}, idMap }));
  };
}

/** `register`: the request changes the cached Ping (here its HeartbeatInterval), so it is written. */
export function pingRegistration(env: OpsEnv, register: boolean): Operation {
  const { store } = env;
  return async (ctx) => {
    const device = pick(env);
    const { key } = device;
    const cached = await loadPingCache(store.values, key);
    const base = cached.heartbeatInterval ?? 1680;
    const next = { ...cached, heartbeatInterval: register ? (base === 1680 ? 1740 : 1680) : base, folders: device.pingFolders };
    if (register) await ctx.commit(() => savePingCache(store.values, key, next, cached));
    else await savePingCache(store.values, key, next, cached);
    for (const folder of device.pingFolders) {
      if ((await store.hierarchy.lookup(key, folder.id)) === undefined) throw new Error(`pinged folder ${folder.id} is not in the hierarchy`);
    }
    const states = await Promise.all(device.pingFolders.map((folder) => store.collections.get(key, folder.id)));
    return states.map(({ current }) => (current === null ? 0 : progressFromJson(current.state).pending.length));
  };
}

/** `refresh`: the device's first request in an hour, so its last-seen time is due and the record is written. */
export function deviceLookup(env: OpsEnv, refresh: boolean): Operation {
  const { store } = env;
  return async (ctx) => {
    const { key } = pick(env);
    const request = { user: key.user, deviceId: key.deviceId, deviceType: DEVICE_TYPE, userAgent: USER_AGENT, protocolVersion: PROTOCOL_VERSION };
    if (refresh) env.advanceClock(3_600_000);
    const device = refresh ? await ctx.commit(() => store.devices.record(request)) : await store.devices.record(request);
    if (device.blocked) throw new Error(`device ${device.deviceId} is blocked`);
    const gated = await store.devices.get(key);
    if (gated?.policy.state !== 'provisioned') throw new Error(`device ${key.deviceId} is not provisioned`);
    return gated;
  };
}
