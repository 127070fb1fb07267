// The Sync engine (MS-ASCMD 2.2.1.21) for one collection of one device at a time:
//   - SyncKey 0 starts over and hands out a first key with no items; a second 0 before anything
//     was sent gets the same answer (CLIENT-QUIRKS §1: iOS re-inits while the first is running);
//   - the current key applies the client's commands, then sends a window of server changes, and
//     commits the new state with its id-map changes and ClientIds in one transaction
//     (collection-sync.ts);
//   - the previous key is a client whose reply was lost: it gets the stored reply again, byte for
//     byte, and nothing is applied twice (CLIENT-QUIRKS §6.4) — unless it keeps coming back, when
//     loop detection rebuilds the reply (loop-detection.ts);
//   - any other key is Status 3; a collection the device's hierarchy does not name is 12; a full
//     store is 9 and a transient store failure 16, with nothing committed (store-failures.ts).
// Requests for one collection of one device run one at a time (CLIENT-QUIRKS §5).

import { deviceKey, type DeviceKey } from '../domain/device.js';
import { FolderNotFoundError } from '../domain/errors.js';
import type { CollectionState, StateStore } from '../domain/state-store.js';
import { itemStoreFor, type MailboxStores } from '../domain/stores.js';
import type { WbxmlElement } from '../eas/wbxml-body.js';
import { collectionOutcome, type CollectionOutcome } from './collection-outcome.js';
import { FRESH_PROGRESS, progressFromJson, progressToJson } from './collection-progress.js';
import { collectionBody, collectionFailure, loadCollectionBody, storeCollectionBody, withSyncKey } from './collection-reply.js';
import { CollectionRun, type SyncItemStore } from './collection-run.js';
import { advanceCollection, rebuildCollection, runTarget, type ResolvedCollection, type SyncEnv } from './collection-sync.js';
import type { ItemConverters } from './item-converter.js';
import { KeyedLock } from './keyed-lock.js';
import { filterFor } from './filter-type.js';
import { countReplay, forgetReplays, loopVerdict, serverCommandCount } from './loop-detection.js';
import { countBacklog, refreshBacklog } from './server-changes.js';
import { statusForStoreFailure } from './store-failures.js';
import type { CollectionRequest, SyncDevice, SyncItemOptions } from './sync-request.js';
import { EstimateStatus, SyncStatus } from './sync-status.js';

export type { CollectionOutcome } from './collection-outcome.js';

export interface SyncEngineDeps {
  readonly state: Pick<StateStore, 'collections' | 'hierarchy' | 'values'>;
  readonly stores: MailboxStores;
  readonly converters: ItemConverters;
  /** Milliseconds since the epoch, for FilterType cut-offs; defaults to Date.now. */
  readonly clock?: () => number;
}

export interface EstimateOutcome {
  readonly status: EstimateStatus;
  readonly estimate?: number;
}

/** Sync keys are the state store's positive integers, written in decimal. */
export function parseSyncKey(text: string): number | undefined {
  return /^[1-9]\d{0,15}$/.test(text.trim()) ? Number(text.trim()) : undefined;
}

export class SyncEngine {
  private readonly lock = new KeyedLock();

  constructor(private readonly deps: SyncEngineDeps) {}

  syncCollection(device: SyncDevice, request: CollectionRequest): Promise<CollectionOutcome> {
    const key = deviceKey(device.user, device.deviceId);
    const id = request.collectionId;
    return this.lock.run(lockName(key, id), async () => {
      try {
        return await this.route(device, key, request);
      } catch (error) {
        const status = statusForStoreFailure(error);
        if (status === undefined) throw error;
        // Nothing was committed: the client keeps its key and resends (16) or tells the user (9).
        const echoed = parseSyncKey(request.syncKey) === undefined ? undefined : request.syncKey.trim();
        return collectionOutcome(id, status, collectionFailure(id, status, echoed), { failure: error });
      }
    });
  }

  /** GetItemEstimate (MS-ASCMD 2.2.1.9): how many commands the next Sync windows would carry. */
  estimate(device: SyncDevice, collectionId: string, syncKey: string, options: SyncItemOptions): Promise<EstimateOutcome> {
    const key = deviceKey(device.user, device.deviceId);
    return this.lock.run(lockName(key, collectionId), async () => {
      const resolved = await this.resolve(key, collectionId);
      if (typeof resolved === 'number') return { status: EstimateStatus.InvalidCollection };
      const { current, previous } = await this.deps.state.collections.get(key, collectionId);
      if (syncKey.trim() === '0' || current === null) return { status: EstimateStatus.NotPrimed };
      const number = parseSyncKey(syncKey);
      if (number !== current.syncKey && number !== previous?.syncKey) return { status: EstimateStatus.InvalidSyncKey };
      const stored = progressFromJson(current.state);
      const request: CollectionRequest = { collectionId, syncKey, getChanges: true, windowSize: 1, deletesAsMoves: false, options, commands: [] };
      // The window the device's items were chosen for, whatever this request's Options say.
      const run = new CollectionRun(await runTarget(this.env(), device, resolved, request, stored, stored.filterType), this.deps.state.collections);
      const progress = await refreshBacklog(run, stored);
      return { status: EstimateStatus.Success, estimate: await countBacklog(run, progress) };
    });
  }

  /** The key the device holds for a collection, for a request that reuses cached parameters (14.0+). */
  async currentKey(device: Pick<SyncDevice, 'user' | 'deviceId'>, collectionId: string): Promise<string | undefined> {
    const { current } = await this.deps.state.collections.get(deviceKey(device.user, device.deviceId), collectionId);
    return current === null ? undefined : String(current.syncKey);
  }

  /**
   * Runs `task` while no Sync or GetItemEstimate of these collections of the device runs, for
   * commands that rewrite id maps outside a Sync (MoveItems). Locks are taken in sorted order,
   * so two such tasks over overlapping collections cannot deadlock.
   */
  withCollectionsLocked<T>(device: Pick<SyncDevice, 'user' | 'deviceId'>, collectionIds: readonly string[], task: () => Promise<T>): Promise<T> {
    const key = deviceKey(device.user, device.deviceId);
    const names = [...new Set(collectionIds.map((id) => lockName(key, id)))].sort();
    const step = (index: number): Promise<T> => {
      const name = names[index];
      return name === undefined ? task() : this.lock.run(name, () => step(index + 1));
    };
    return step(0);
  }

  /** The backend folder behind a collection ServerId, or undefined when the device's hierarchy names none. */
  async folderOf(device: Pick<SyncDevice, 'user' | 'deviceId'>, collectionId: string): Promise<string | undefined> {
    return (await this.deps.state.hierarchy.lookup(deviceKey(device.user, device.deviceId), collectionId))?.backendId;
  }

  private env(): SyncEnv {
    return { collections: this.deps.state.collections, stores: this.deps.stores, now: (this.deps.clock ?? Date.now)() };
  }

  private async route(device: SyncDevice, key: DeviceKey, request: CollectionRequest): Promise<CollectionOutcome> {
    const id = request.collectionId;
    const resolved = await this.resolve(key, id);
    if (typeof resolved === 'number') return collectionOutcome(id, resolved, collectionFailure(id, resolved));
    const { current, previous } = await this.deps.state.collections.get(key, id);
    if (request.syncKey.trim() === '0') return this.start(resolved, request, current, previous === null);
    const number = parseSyncKey(request.syncKey);
    if (current !== null && number === current.syncKey) return advanceCollection(this.env(), device, resolved, request, current);
    const stored = current === null ? undefined : loadCollectionBody(current.response);
    if (current !== null && previous !== null && number === previous.syncKey && stored !== undefined) {
      return this.replay(device, resolved, request, { current, previous }, stored);
    }
    return collectionOutcome(id, SyncStatus.InvalidSyncKey, collectionFailure(id, SyncStatus.InvalidSyncKey, '0'));
  }

  /** The previous key: the stored reply again, or a rebuilt one once the device keeps coming back (loop-detection.ts). */
  private async replay(
    device: SyncDevice, resolved: ResolvedCollection, request: CollectionRequest,
    states: { current: CollectionState; previous: CollectionState }, stored: WbxmlElement,
  ): Promise<CollectionOutcome> {
    const { key, collectionId } = resolved;
    const commands = serverCommandCount(stored);
    const replays = commands === 0 ? 0 : await countReplay(this.deps.state.values, key, collectionId, states.previous.syncKey);
    const verdict = loopVerdict(replays, commands, progressFromJson(states.current.state));
    if (verdict.kind === 'replay') {
      return collectionOutcome(collectionId, SyncStatus.Success, withSyncKey(stored, String(states.current.syncKey)), { replayed: true, sent: commands });
    }
    const rebuilt = await rebuildCollection(this.env(), device, resolved, request, states, stored, verdict);
    await forgetReplays(this.deps.state.values, key, collectionId);
    return rebuilt;
  }

  private async resolve(key: DeviceKey, collectionId: string): Promise<ResolvedCollection | SyncStatus> {
    const mapping = await this.deps.state.hierarchy.lookup(key, collectionId);
    if (mapping === undefined) return SyncStatus.FolderHierarchyChanged;
    try {
      const folder = await this.deps.stores.hierarchy.getFolder(key.user, mapping.backendId);
      const store = itemStoreFor(this.deps.stores, folder.itemClass) as SyncItemStore | undefined;
      const converter = this.deps.converters[folder.itemClass];
      if (store === undefined || converter === undefined) return SyncStatus.ServerError;
      return { key, collectionId, folder, store, converter };
    } catch (error) {
      if (error instanceof FolderNotFoundError) return SyncStatus.FolderHierarchyChanged;
      throw error;
    }
  }

  private async start(resolved: ResolvedCollection, request: CollectionRequest, current: CollectionState | null, fromZero: boolean): Promise<CollectionOutcome> {
    const { key, collectionId: id } = resolved;
    const stored = current === null ? undefined : loadCollectionBody(current.response);
    if (current !== null && fromZero && progressFromJson(current.state).initial && stored !== undefined) {
      return collectionOutcome(id, SyncStatus.Success, withSyncKey(stored, String(current.syncKey)), { replayed: true });
    }
    // MS-ASCMD 2.2.3.181.4: no items with key 0; commands sent with it are ignored (CLIENT-QUIRKS §6.4).
    const body = collectionBody({ collectionId: id, status: SyncStatus.Success });
    // The window the first items are chosen for; a FilterType the class does not define is none.
    const filterType = filterFor(resolved.folder.itemClass, request.options.filterType, 0) === undefined ? undefined : request.options.filterType;
    const progress = {
      ...FRESH_PROGRESS,
      ...(request.supported === undefined ? {} : { supported: request.supported }),
      ...(filterType === undefined || filterType === 0 ? {} : { filterType }),
    };
    const state = await this.deps.state.collections.commit(key, id, {
      baseKey: 0, state: progressToJson(progress), response: storeCollectionBody(body),
    });
    return collectionOutcome(id, SyncStatus.Success, withSyncKey(body, String(state.syncKey)));
  }
}

function lockName(key: DeviceKey, collectionId: string): string {
  return `${key.user}\u0000${key.deviceId}\u0000${collectionId}`;
}
