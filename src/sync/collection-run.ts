// One Sync of one collection in progress: the id map as this request sees it (the committed map
// plus this request's own changes), the changes to commit with the new state, and the Responses
// and Commands of the reply. Lives for one request only; the engine commits it in one transaction.

import type { DeviceKey } from '../domain/device.js';
import type { ItemRef } from '../domain/item.js';
import type { ItemStore } from '../domain/item-store.js';
import type { CollectionStateStore, IdMapChange, ItemMapping } from '../domain/state-store.js';
import type { WbxmlElement } from '../eas/wbxml-body.js';
import type { ConverterCall, ItemConverter } from './item-converter.js';

/** Every class's store through the shape the engine drives (inputs come from the class's converter). */
export type SyncItemStore = ItemStore<unknown, ItemRef, ItemRef>;

interface Mapped {
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
  /** Mail FilterType: items received before this are not on the device (SoftDelete). */
  readonly cutoff?: Date;
}

export class CollectionRun {
  readonly idChanges: IdMapChange[] = [];
  readonly clientIds: Record<string, string> = {};
  readonly responses: WbxmlElement[] = [];
  readonly commands: WbxmlElement[] = [];
  private readonly byBackend = new Map<string, Mapped>();
  private readonly byServer = new Map<string, string>();

  constructor(
    readonly target: RunTarget,
    private readonly collections: CollectionStateStore,
    mappings: readonly ItemMapping[],
  ) {
    for (const mapping of mappings) this.remember(mapping.backendId, mapping.serverId, mapping.version);
  }

  static async open(target: RunTarget, collections: CollectionStateStore): Promise<CollectionRun> {
    return new CollectionRun(target, collections, await collections.listItems(target.key, target.collectionId));
  }

  get user(): string {
    return this.target.key.user;
  }

  backendIdOf(serverId: string): string | undefined {
    return this.byServer.get(serverId);
  }

  mappedBackendIds(): string[] {
    return [...this.byBackend.keys()];
  }

  mappingOf(backendId: string): Mapped | undefined {
    return this.byBackend.get(backendId);
  }

  /** ServerIds for `count` new items: "<collection>:<n>", never reused for this collection of this device. */
  async allocateServerIds(count: number): Promise<string[]> {
    if (count === 0) return [];
    const first = await this.collections.reserveItemNumbers(this.target.key, this.target.collectionId, count);
    return Array.from({ length: count }, (_, i) => `${this.target.collectionId}:${first + i}`);
  }

  map(backendId: string, serverId: string, version: string): void {
    this.remember(backendId, serverId, version);
    this.idChanges.push({ op: 'put', serverId, backendId, version });
  }

  unmap(serverId: string): void {
    const backendId = this.byServer.get(serverId);
    if (backendId !== undefined) this.byBackend.delete(backendId);
    this.byServer.delete(serverId);
    this.idChanges.push({ op: 'delete', serverId });
  }

  /** Whether anything in this run must be committed under a new key. */
  get changed(): boolean {
    return this.idChanges.length > 0 || this.responses.length > 0 || this.commands.length > 0;
  }

  private remember(backendId: string, serverId: string, version: string | null): void {
    this.byBackend.set(backendId, { serverId, version });
    this.byServer.set(serverId, backendId);
  }
}
