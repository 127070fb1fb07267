// The held part of a Ping: which backend folders the pinged ServerIds name (an id the device's
// hierarchy does not know, or a folder gone from the store, is Status 7), then — already watching,
// so nothing committed meanwhile is missed — whether the device's hierarchy is stale (7) or a
// folder has changes it has not fetched (2 at once), and only then the wait on the push hub.
// Ten thousand Pings wait at once, so what stays alive during the wait is kept small: the checks
// run in frames of their own that end before the wait, and only the pinged ids and keys remain.

import type { DeviceKey } from '../../domain/device.js';
import { FolderNotFoundError } from '../../domain/errors.js';
import type { Folder } from '../../domain/folder.js';
import { collectionBacklog } from '../../sync/push-hub-backlog.js';
import { checkDeviceHierarchy } from '../../sync/push-hub-hierarchy.js';
import type { PushHub, PushOutcome } from '../../sync/push-hub.js';
import type { CommandDeps } from '../command-deps.js';
import { loadPingCache, reportedEnough, savePingCache, type PingCache } from './ping-cache.js';
import type { PingFolder } from './ping-request.js';

export interface PingTarget {
  /** The collection ServerId the device pinged. */
  readonly collectionId: string;
  readonly folder: Folder;
}

/** A pinged folder while the Ping waits. */
export interface WatchedFolder {
  readonly collectionId: string;
  readonly folderId: string;
  /** The key the device holds for the collection, as seen before holding (0: never synced). */
  readonly syncKey: number;
}

export interface HeldPingResult {
  readonly outcome: PushOutcome;
  readonly watched: readonly WatchedFolder[];
}

export interface PreparedPing {
  readonly key: DeviceKey;
  readonly targets: readonly PingTarget[];
  readonly reported: PingCache['reported'];
  readonly hierarchyToken?: string;
  readonly heartbeatMs: number;
}

/** The pinged folders, or undefined when one of them needs a FolderSync first (Status 7). */
export async function resolveTargets(deps: CommandDeps, key: DeviceKey, folders: readonly PingFolder[]): Promise<PingTarget[] | undefined> {
  const targets: PingTarget[] = [];
  for (const { id } of folders) {
    const mapping = await deps.state.hierarchy.lookup(key, id);
    if (mapping === undefined) return undefined;
    try {
      targets.push({ collectionId: id, folder: await deps.stores.hierarchy.getFolder(key.user, mapping.backendId) });
    } catch (error) {
      if (error instanceof FolderNotFoundError) return undefined;
      throw error;
    }
  }
  return targets;
}

interface Looked {
  /** Set when the Ping answers without waiting. */
  readonly outcome?: PushOutcome;
  readonly watched: readonly WatchedFolder[];
}

/** What a Ping finds before it waits: a stale hierarchy, or folders with changes the device has not fetched. */
async function lookBeforeHolding(deps: CommandDeps, ping: PreparedPing, signal: AbortSignal): Promise<Looked> {
  // A newer request of the device (or the client leaving) while this one read its state.
  if (signal.aborted) return { outcome: { kind: 'ended' }, watched: [] };
  const { key, targets } = ping;
  const hierarchy = await checkDeviceHierarchy({ state: deps.state, folders: deps.stores.hierarchy }, key, ping.hierarchyToken);
  if (!hierarchy.current) return { outcome: { kind: 'hierarchy-changed' }, watched: [] };
  if (hierarchy.token !== ping.hierarchyToken) {
    const cache = await loadPingCache(deps.state.values, key);
    await savePingCache(deps.state.values, key, { ...cache, hierarchyToken: hierarchy.token }, cache);
  }
  const backlogs = await Promise.all(targets.map((t) => collectionBacklog(deps, key, t.collectionId, t.folder)));
  const watched = targets.map((t, i) => ({ collectionId: t.collectionId, folderId: t.folder.id, syncKey: backlogs[i]?.syncKey ?? 0 }));
  if (signal.aborted) return { outcome: { kind: 'ended' }, watched };
  const due = watched.filter((w, i) => backlogs[i]?.changed === true && !reportedEnough(ping.reported, w.collectionId, w.syncKey));
  return due.length === 0 ? { watched } : { outcome: { kind: 'changed', folderIds: due.map((w) => w.folderId) }, watched };
}

/**
 * Runs as the device's held request; `signal` aborts when the client goes or a newer request takes
 * over. Written as a promise chain rather than an async function, whose suspended frame would keep
 * `ping` (folders, cached reports) alive for the whole heartbeat.
 */
export function holdPing(deps: CommandDeps, hub: PushHub, ping: PreparedPing, signal: AbortSignal): Promise<HeldPingResult> {
  const watch = hub.watch({ user: ping.key.user, folderIds: ping.targets.map((t) => t.folder.id), hierarchy: true, signal });
  const { heartbeatMs } = ping;
  // The watch closes itself when its wait settles; it is closed here only when no wait began.
  return lookBeforeHolding(deps, ping, signal).then(
    ({ outcome, watched }): HeldPingResult | Promise<HeldPingResult> => {
      if (outcome === undefined) return watch.wait(heartbeatMs).then((waited) => ({ outcome: waited, watched }));
      watch.close();
      return { outcome, watched };
    },
    (error: unknown) => {
      watch.close();
      throw error;
    },
  );
}
