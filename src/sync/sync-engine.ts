// The Sync engine (MS-ASCMD 2.2.1.21) for one collection of one device at a time:
//   - SyncKey 0 starts over and hands out a first key with no items; a second 0 before anything
//     was sent gets the same answer (CLIENT-QUIRKS §1: iOS re-inits while the first is running);
//   - the current key applies the client's commands, then sends a window of server changes, and
//     commits the new state with its id-map changes and ClientIds in one transaction;
//   - the previous key is a client whose reply was lost: it gets the stored reply again, byte for
//     byte, and nothing is applied twice (CLIENT-QUIRKS §6.4);
//   - any other key is Status 3; a collection the device's hierarchy does not name is 12.
// Requests for one collection of one device run one at a time (CLIENT-QUIRKS §5).

import { deviceKey, type DeviceKey } from '../domain/device.js';
import { FolderNotFoundError } from '../domain/errors.js';
import { FolderType, findDefaultFolder, type Folder } from '../domain/folder.js';
import type { CollectionState, StateStore } from '../domain/state-store.js';
import { itemStoreFor, type MailboxStores } from '../domain/stores.js';
import type { WbxmlElement } from '../eas/wbxml-body.js';
import { applyClientCommands } from './client-commands.js';
import { mailCutoff } from './filter-type.js';
import { FRESH_PROGRESS, enqueue, progressFromJson, progressToJson } from './collection-progress.js';
import { collectionBody, collectionFailure, loadCollectionBody, storeCollectionBody, withSyncKey } from './collection-reply.js';
import { CollectionRun, type RunTarget, type SyncItemStore } from './collection-run.js';
import type { ItemConverters } from './item-converter.js';
import { KeyedLock } from './keyed-lock.js';
import { countBacklog, refreshBacklog, sendWindow } from './server-changes.js';
import type { CollectionRequest, SyncDevice, SyncItemOptions } from './sync-request.js';
import { EstimateStatus, SyncStatus } from './sync-status.js';

export interface SyncEngineDeps {
  readonly state: Pick<StateStore, 'collections' | 'hierarchy'>;
  readonly stores: MailboxStores;
  readonly converters: ItemConverters;
  /** Milliseconds since the epoch, for FilterType cut-offs; defaults to Date.now. */
  readonly clock?: () => number;
}

export interface CollectionOutcome {
  readonly collectionId: string;
  readonly status: number;
  readonly element: WbxmlElement;
  /** Whether the reply tells the device anything (a new key, commands or responses). */
  readonly reported: boolean;
  readonly replayed: boolean;
  readonly moreAvailable: boolean;
  /** Backend ids the converter could not encode; the caller logs them. */
  readonly skipped: readonly string[];
  /** Server commands (Add, Change, Delete) the reply carries, against the request's WindowSize. */
  readonly sent: number;
}

export interface EstimateOutcome {
  readonly status: EstimateStatus;
  readonly estimate?: number;
}

/** Sync keys are the state store's positive integers, written in decimal. */
export function parseSyncKey(text: string): number | undefined {
  return /^[1-9]\d{0,15}$/.test(text.trim()) ? Number(text.trim()) : undefined;
}

const outcome = (collectionId: string, status: number, element: WbxmlElement, extra: Partial<CollectionOutcome> = {}): CollectionOutcome => ({
  collectionId, status, element, reported: true, replayed: false, moreAvailable: false, skipped: [], sent: 0, ...extra,
});

export class SyncEngine {
  private readonly lock = new KeyedLock();

  constructor(private readonly deps: SyncEngineDeps) {}

  syncCollection(device: SyncDevice, request: CollectionRequest): Promise<CollectionOutcome> {
    const key = deviceKey(device.user, device.deviceId);
    return this.lock.run(lockName(key, request.collectionId), async () => {
      const id = request.collectionId;
      const resolved = await this.resolve(key, id);
      if (typeof resolved === 'number') return outcome(id, resolved, collectionFailure(id, resolved));
      const pair = await this.deps.state.collections.get(key, id);
      if (request.syncKey.trim() === '0') return this.start(key, request, pair.current, pair.previous === null);
      const number = parseSyncKey(request.syncKey);
      const { current, previous } = pair;
      if (current !== null && number === current.syncKey) return this.proceed(device, key, resolved, request, current);
      const stored = current === null ? undefined : loadCollectionBody(current.response);
      if (current !== null && previous !== null && number === previous.syncKey && stored !== undefined) {
        return outcome(id, SyncStatus.Success, withSyncKey(stored, String(current.syncKey)), { replayed: true });
      }
      return outcome(id, SyncStatus.InvalidSyncKey, collectionFailure(id, SyncStatus.InvalidSyncKey, '0'));
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
      const target: RunTarget = { ...resolved, call: { protocolVersion: device.protocolVersion, options } };
      const run = await CollectionRun.open(target, this.deps.state.collections);
      const progress = await refreshBacklog(run, progressFromJson(current.state));
      return { status: EstimateStatus.Success, estimate: await countBacklog(run, progress) };
    });
  }

  /** The key the device holds for a collection, for a request that reuses cached parameters (14.0+). */
  async currentKey(device: Pick<SyncDevice, 'user' | 'deviceId'>, collectionId: string): Promise<string | undefined> {
    const { current } = await this.deps.state.collections.get(deviceKey(device.user, device.deviceId), collectionId);
    return current === null ? undefined : String(current.syncKey);
  }

  /** The backend folder behind a collection ServerId, or undefined when the device's hierarchy names none. */
  async folderOf(device: Pick<SyncDevice, 'user' | 'deviceId'>, collectionId: string): Promise<string | undefined> {
    return (await this.deps.state.hierarchy.lookup(deviceKey(device.user, device.deviceId), collectionId))?.backendId;
  }

  private async resolve(key: DeviceKey, collectionId: string): Promise<Omit<RunTarget, 'call'> | SyncStatus> {
    const mapping = await this.deps.state.hierarchy.lookup(key, collectionId);
    if (mapping === undefined) return SyncStatus.FolderHierarchyChanged;
    let folder: Folder;
    try {
      folder = await this.deps.stores.hierarchy.getFolder(key.user, mapping.backendId);
    } catch (error) {
      if (error instanceof FolderNotFoundError) return SyncStatus.FolderHierarchyChanged;
      throw error;
    }
    const store = itemStoreFor(this.deps.stores, folder.itemClass) as SyncItemStore | undefined;
    const converter = this.deps.converters[folder.itemClass];
    if (store === undefined || converter === undefined) return SyncStatus.ServerError;
    return { key, collectionId, folderId: mapping.backendId, store, converter };
  }

  /** The Deleted Items folder a mail Delete moves to, when the client asked for DeletesAsMoves. */
  private async trashFor(user: string, folderId: string, request: CollectionRequest, target: Omit<RunTarget, 'call'>): Promise<string | undefined> {
    if (!request.deletesAsMoves || target.store.itemClass !== 'Email') return undefined;
    const trash = findDefaultFolder((await this.deps.stores.hierarchy.listFolders(user)).folders, FolderType.DeletedItems);
    return trash === undefined || trash.id === folderId ? undefined : trash.id;
  }

  private async start(key: DeviceKey, request: CollectionRequest, current: CollectionState | null, fromZero: boolean): Promise<CollectionOutcome> {
    const id = request.collectionId;
    const stored = current === null ? undefined : loadCollectionBody(current.response);
    if (current !== null && fromZero && progressFromJson(current.state).initial && stored !== undefined) {
      return outcome(id, SyncStatus.Success, withSyncKey(stored, String(current.syncKey)), { replayed: true });
    }
    // MS-ASCMD 2.2.3.181.4: no items with key 0; commands sent with it are ignored (CLIENT-QUIRKS §6.4).
    const body = collectionBody({ collectionId: id, status: SyncStatus.Success });
    const progress = request.supported === undefined ? FRESH_PROGRESS : { ...FRESH_PROGRESS, supported: request.supported };
    const state = await this.deps.state.collections.commit(key, id, {
      baseKey: 0, state: progressToJson(progress), response: storeCollectionBody(body),
    });
    return outcome(id, SyncStatus.Success, withSyncKey(body, String(state.syncKey)));
  }

  private async proceed(
    device: SyncDevice, key: DeviceKey, resolved: Omit<RunTarget, 'call'>, request: CollectionRequest, current: CollectionState,
  ): Promise<CollectionOutcome> {
    const id = request.collectionId;
    let progress = progressFromJson(current.state);
    const call = { protocolVersion: device.protocolVersion, options: request.options, ...(progress.supported === undefined ? {} : { supported: progress.supported }) };
    const trashFolderId = await this.trashFor(key.user, resolved.folderId, request, resolved);
    const cutoff = resolved.store.itemClass === 'Email' ? mailCutoff(request.options.filterType, (this.deps.clock ?? Date.now)()) : undefined;
    const run = await CollectionRun.open({
      ...resolved, call, ...(trashFolderId === undefined ? {} : { trashFolderId }), ...(cutoff === undefined ? {} : { cutoff }),
    }, this.deps.state.collections);
    const resend = await applyClientCommands(run, request.commands, {
      knownClientIds: current.clientIds, clientWins: request.options.conflict === 0,
    });
    let moreAvailable = false;
    let skipped: readonly string[] = [];
    if (resend.length > 0) progress = { ...progress, pending: enqueue(progress.pending, resend, true) };
    if (request.getChanges) {
      const window = await sendWindow(run, await refreshBacklog(run, progress), request.windowSize);
      ({ progress, moreAvailable, skipped } = window);
    }
    const body = collectionBody({ collectionId: id, status: SyncStatus.Success, moreAvailable, commands: run.commands, responses: run.responses });
    if (!run.changed && skipped.length === 0) {
      return outcome(id, SyncStatus.Success, withSyncKey(body, String(current.syncKey)), { reported: false });
    }
    const state = await this.deps.state.collections.commit(key, id, {
      baseKey: current.syncKey, state: progressToJson(progress), response: storeCollectionBody(body),
      clientIds: run.clientIds, idMap: run.idChanges,
    });
    return outcome(id, SyncStatus.Success, withSyncKey(body, String(state.syncKey)), { moreAvailable, skipped, reported: run.changed, sent: run.commands.length });
  }
}

function lockName(key: DeviceKey, collectionId: string): string {
  return `${key.user}\u0000${key.deviceId}\u0000${collectionId}`;
}
