// One Sync of one collection in progress: the id map as this request sees it (the committed map
// plus this request's own changes), the changes to commit with the new state, and the Responses
// and Commands of the reply. Lives for one request only; the engine commits it in one transaction.
//
// The id map is read lazily: a Sync looks up only the ServerIds its client commands name and the
// backend ids of the window it sends, a handful of indexed reads however large the collection is
// (10,000 items cost the same as 10). Only a relisting (an expired change token, a new FilterType,
// an ageing window) or an estimate over a long backlog loads the whole map, once.

import type { DeviceKey } from '../domain/device.js';
import type { ItemRef } from '../domain/item.js';
import type { ItemStore } from '../domain/item-store.js';
import type { CollectionStateStore, IdMapChange, ItemMapping, StateView } from '../domain/state-store.js';
import type { WbxmlElement } from '../eas/wbxml-body.js';
import type { ItemFilter } from './filter-type.js';
import type { ConverterCall, ItemConverter } from './item-converter.js';

/** Every class's store through the shape the engine drives (inputs come from the class's converter). */
export type SyncItemStore = ItemStore<unknown, ItemRef, ItemRef>;

/** Above this many unknown ids one listing of the whole map is cheaper than a lookup each. */
const FULL_READ_THRESHOLD = 512;

export interface Mapped {
  readonly serverId: string;
  readonly version: string | null;
}

export interface RunTarget {
  readonly key: DeviceKey;
  readonly collectionId: string;
  /** The backend folder the collection ServerId names. */
  readonly folderId: string;
  readonly store: SyncItemStore;
  readonly converter: ItemConverter;
  readonly call: ConverterCall;
  /** Where a client Delete moves the item instead (DeletesAsMoves, MS-ASCMD 2.2.3.43): mail only, and not in Deleted Items itself. */
  readonly trashFolderId?: string;
  /** FilterType window: items outside it are not on the device (SoftDelete). */
  readonly filter?: ItemFilter;
}

export class CollectionRun {
  readonly idChanges: IdMapChange[] = [];
  readonly clientIds: Record<string, string> = {};
  readonly responses: WbxmlElement[] = [];
  readonly commands: WbxmlElement[] = [];
  /**
   * Backend ids whose command waits for the next reply: the placeholders of Adds that left no item
   * in the folder (client-commands.ts). The window passes them by; the engine queues them after it.
   */
  readonly deferred = new Set<string>();
  /** null: known to be unmapped. */
  private readonly byBackend = new Map<string, Mapped | null>();
  private readonly byServer = new Map<string, string | null>();
  /** Ids this run mapped or unmapped: a later full read must not overwrite them. */
  private readonly touched = new Set<string>();
  private complete = false;

  constructor(
    readonly target: RunTarget,
    private readonly collections: CollectionStateStore,
    /** 'previous' when a reply is rebuilt on the state before the current one (loop detection). */
    private readonly view: StateView = 'current',
  ) {}

  get user(): string {
    return this.target.key.user;
  }

  async backendIdOf(serverId: string): Promise<string | undefined> {
    if (!this.complete && !this.byServer.has(serverId)) {
      const found = await this.collections.lookupItem(this.target.key, this.target.collectionId, serverId, this.view);
      this.learn(found, serverId, undefined);
    }
    return this.byServer.get(serverId) ?? undefined;
  }

  async mappingOf(backendId: string): Promise<Mapped | undefined> {
    if (!this.complete && !this.byBackend.has(backendId)) {
      const found = await this.collections.findItem(this.target.key, this.target.collectionId, backendId, this.view);
      this.learn(found, undefined, backendId);
    }
    return this.byBackend.get(backendId) ?? undefined;
  }

  /** Reads the mappings of `backendIds` ahead of mappingOf, in one listing when there are many. */
  async prefetch(backendIds: readonly string[]): Promise<void> {
    if (this.complete) return;
    const unknown = backendIds.filter((id) => !this.byBackend.has(id));
    if (unknown.length > FULL_READ_THRESHOLD) {
      await this.loadAll();
      return;
    }
    if (this.collections.findItems === undefined || unknown.length < 2) {
      for (const id of unknown) await this.mappingOf(id);
      return;
    }
    const found = await this.collections.findItems(this.target.key, this.target.collectionId, unknown, this.view);
    const byBackend = new Map(found.map((mapping) => [mapping.backendId, mapping]));
    for (const id of unknown) if (!this.byBackend.has(id)) this.learn(byBackend.get(id), undefined, id);
  }

  /** Every backend id the device holds (a relisting compares them with the folder). */
  async mappedBackendIds(): Promise<string[]> {
    await this.loadAll();
    return [...this.byBackend].filter(([, mapped]) => mapped !== null).map(([id]) => id);
  }

  /** ServerIds for `count` new items: "<collection>:<n>", never reused for this collection of this device. */
  async allocateServerIds(count: number): Promise<string[]> {
    if (count === 0) return [];
    const first = await this.collections.reserveItemNumbers(this.target.key, this.target.collectionId, count);
    return Array.from({ length: count }, (_, i) => `${this.target.collectionId}:${first + i}`);
  }

  map(backendId: string, serverId: string, version: string | null): void {
    this.remember(backendId, serverId, version);
    this.idChanges.push({ op: 'put', serverId, backendId, version });
  }

  unmap(serverId: string): void {
    const backendId = this.byServer.get(serverId);
    if (backendId !== undefined && backendId !== null) {
      this.byBackend.set(backendId, null);
      this.touched.add(backendId);
    }
    this.byServer.set(serverId, null);
    this.touched.add(serverId);
    this.idChanges.push({ op: 'delete', serverId });
  }

  /** Replays id-map changes recorded earlier (a rebuilt reply keeps what the client's commands did). */
  replay(changes: readonly IdMapChange[]): void {
    for (const change of changes) {
      if (change.op === 'put') this.map(change.backendId, change.serverId, change.version ?? null);
      else this.unmap(change.serverId);
    }
  }

  /** Whether anything in this run must be committed under a new key. */
  get changed(): boolean {
    return this.idChanges.length > 0 || this.responses.length > 0 || this.commands.length > 0;
  }

  private async loadAll(): Promise<void> {
    if (this.complete) return;
    const all: readonly ItemMapping[] = await this.collections.listItems(this.target.key, this.target.collectionId, this.view);
    for (const mapping of all) {
      if (this.touched.has(mapping.backendId) || this.touched.has(mapping.serverId)) continue;
      this.byBackend.set(mapping.backendId, { serverId: mapping.serverId, version: mapping.version });
      this.byServer.set(mapping.serverId, mapping.backendId);
    }
    this.complete = true;
  }

  private learn(found: ItemMapping | undefined, serverId: string | undefined, backendId: string | undefined): void {
    if (found !== undefined) {
      if (this.touched.has(found.backendId) || this.touched.has(found.serverId)) {
        // This run moved that mapping on already; what the store says about it is stale.
        if (serverId !== undefined && !this.byServer.has(serverId)) this.byServer.set(serverId, null);
        if (backendId !== undefined && !this.byBackend.has(backendId)) this.byBackend.set(backendId, null);
        return;
      }
      this.byBackend.set(found.backendId, { serverId: found.serverId, version: found.version });
      this.byServer.set(found.serverId, found.backendId);
      return;
    }
    if (serverId !== undefined) this.byServer.set(serverId, null);
    if (backendId !== undefined) this.byBackend.set(backendId, null);
  }

  private remember(backendId: string, serverId: string, version: string | null): void {
    const previous = this.byBackend.get(backendId);
    if (previous !== undefined && previous !== null && previous.serverId !== serverId) this.byServer.set(previous.serverId, null);
    this.byBackend.set(backendId, { serverId, version });
    this.byServer.set(serverId, backendId);
    this.touched.add(backendId);
    this.touched.add(serverId);
  }
}
