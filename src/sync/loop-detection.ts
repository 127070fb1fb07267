// Loop detection (CLIENT-QUIRKS §6.4 and §7 #28): a device that keeps sending the previous SyncKey
// of a collection after a reply that carried items has most likely choked on one of them and will
// loop on it forever. The idea is Z-Push's (lib/core/loopdetection.php); the design is ours:
//
//   1. A resent previous key is a lost reply first: it gets the stored reply again, byte for byte.
//      Each such replay of a reply with server commands is counted per device and collection in a
//      device value ("sync-loop:<collection>" = the key and how often it came back). Replies with
//      no server commands (only Responses, or nothing) are never counted: nothing in them can choke.
//   2. After LOOP_REPLAY_LIMIT replays of the same key, the reply is rebuilt instead: the store
//      rolls the current state back (a commit based on the previous key), the client's own part of
//      the reply (Responses, and the id-map changes its commands made, kept in the state) is kept,
//      and the server part goes out one item per reply ("probe") for as many items as the looping
//      reply carried. The device now moves past every item it can take, one at a time.
//   3. A reply that carried exactly one Add or Change and is replayed past the limit names the
//      culprit: that item, at that version, is skipped for this device (recorded in the collection
//      progress, so it stays skipped until it changes), the reply is rebuilt without it, probing
//      ends, and the command layer logs a warning with user, device, collection and backend id.
//
// What it must not catch: one legitimate retry (a lost reply is replayed LOOP_REPLAY_LIMIT times
// before anything changes, and even then nothing is skipped until one single-item reply failed as
// often again), and iOS's duplicate early SyncKey 0 (CLIENT-QUIRKS §1, Z-Push PR #186): key 0 is
// answered by the start path, which never counts, and a counter only ever counts one exact key —
// keys are never reused, so a re-init or a device that moved on leaves no stale count behind.

import type { DeviceKey } from '../domain/device.js';
import type { ValueStore } from '../domain/state-store.js';
import { firstChild, type WbxmlElement } from '../eas/wbxml-body.js';
import type { CollectionProgress } from './collection-progress.js';

/** Replays of one reply that are taken as lost replies; the next one is treated as a loop. */
export const LOOP_REPLAY_LIMIT = 3;

const valueName = (collectionId: string): string => `sync-loop:${collectionId}`;

export type LoopVerdict =
  | { readonly kind: 'replay' }
  /** Rebuild the reply with the server's items one at a time, for this many items. */
  | { readonly kind: 'probe'; readonly items: number }
  /** Rebuild the reply without this item, which the device failed on alone. */
  | { readonly kind: 'skip'; readonly backendId: string };

/** Server commands (Add, Change, Delete, SoftDelete) in a stored reply. */
export function serverCommandCount(reply: WbxmlElement): number {
  return firstChild(reply, 'AirSync:Commands')?.children.length ?? 0;
}

/** Counts one more replay of `syncKey` for the collection; resolves to the count including this one. */
export async function countReplay(values: ValueStore, key: DeviceKey, collectionId: string, syncKey: number): Promise<number> {
  const stored = await values.getDeviceValue(key, valueName(collectionId));
  const before = stored !== null && typeof stored === 'object' && !Array.isArray(stored) && stored.key === syncKey && typeof stored.replays === 'number'
    ? stored.replays
    : 0;
  const replays = before + 1;
  await values.setDeviceValue(key, valueName(collectionId), { key: syncKey, replays });
  return replays;
}

/** Forgets the count once the reply was rebuilt: the rebuilt reply gets its own LOOP_REPLAY_LIMIT. */
export function forgetReplays(values: ValueStore, key: DeviceKey, collectionId: string): Promise<void> {
  return values.setDeviceValue(key, valueName(collectionId), undefined);
}

/** What the n-th replay of a stored reply with `serverCommands` commands gets; `progress` is the replayed state's. */
export function loopVerdict(replays: number, serverCommands: number, progress: CollectionProgress): LoopVerdict {
  if (serverCommands === 0 || replays <= LOOP_REPLAY_LIMIT) return { kind: 'replay' };
  if (progress.single !== undefined) return { kind: 'skip', backendId: progress.single };
  return { kind: 'probe', items: serverCommands };
}
