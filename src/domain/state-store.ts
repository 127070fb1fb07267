// StateStore port: everything Pushbridge remembers per device between requests — the device
// record, the folder hierarchy the device knows (FolderSync), per-collection sync states with
// their id maps (Sync), and small per-user / per-device values (Oof, cached Ping and Sync
// parameters). Split by capability so a command depends only on the part it uses. Every method
// is async so SQL servers fit behind the same port as the embedded SQLite file.
//
// SyncKey rule (ARCHITECTURE.md "SyncKey and retries"): for the hierarchy and for each collection
// the store keeps the CURRENT committed state and the PREVIOUS one it was built on. A commit names
// the key it was built on (its base): the current key is the normal path, the previous key is a
// client retrying after a lost reply (the discarded current state and its id-map changes are
// rolled back first), 0 starts over. Any other base is rejected, so a stale writer never wins.

import type { Device, DeviceKey, DevicePatch, DeviceRequest } from './device.js';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export type StateStoreErrorCode =
  /** The device has no record yet; call devices.record first. */
  | 'unknown-device'
  /** A commit's base key is neither the current nor the previous key (nor 0). */
  | 'stale-key'
  /** An id-map change would map a ServerId or backend id twice. */
  | 'id-conflict'
  /** A hierarchy commit names a ServerId that is not assigned to that backend folder. */
  | 'folder-conflict'
  /** The stored data was written by a newer Pushbridge or is damaged. */
  | 'schema';

export class StateStoreError extends Error {
  readonly code: StateStoreErrorCode;

  constructor(code: StateStoreErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StateStoreError';
    this.code = code;
  }
}

/** The two committed states kept per hierarchy or collection. */
export interface StatePair<S> {
  readonly current: S | null;
  /** The state `current` was built on; null after a start from 0. */
  readonly previous: S | null;
}

/** Which committed state an id-map read sees. */
export type StateView = 'current' | 'previous';

// ---- devices ----

export type DeviceUpdate = DevicePatch | ((current: Device) => DevicePatch | undefined);

export interface DeviceStore {
  /** Creates the device on its first request, else refreshes last seen, type, User-Agent and version. */
  record(request: DeviceRequest): Promise<Device>;
  get(key: DeviceKey): Promise<Device | undefined>;
  /** All devices, or one user's; ordered by user, then DeviceId. */
  list(user?: string): Promise<Device[]>;
  /**
   * Applies a patch atomically. A function sees the stored device inside the same transaction
   * (a compare-and-set, e.g. "acknowledge only if this temporary key is pending") and returns
   * the patch, or undefined to change nothing. Resolves to the device after the change, or
   * undefined when there is no such device.
   */
  update(key: DeviceKey, change: DeviceUpdate): Promise<Device | undefined>;
  /** Removes the device and every state, id map and value it owns. */
  remove(key: DeviceKey): Promise<boolean>;
  /** Removes all of a user's devices and per-user values; resolves to the number of devices. */
  removeUser(user: string): Promise<number>;
  /**
   * Drops the hierarchy and collection states and id maps, so any non-zero SyncKey the device
   * sends is unknown and it starts over from 0. Folder ServerIds and key counters are kept, so no
   * id or key is ever handed out twice. Device values are kept.
   */
  resetSyncState(key: DeviceKey): Promise<void>;
  /** If an admin asked for a resync, clears the marker and resets the sync state in one transaction. */
  takeResyncRequest(key: DeviceKey): Promise<boolean>;
}

// ---- folder hierarchy (FolderSync) ----

export interface FolderEntry {
  readonly serverId: string;
  /** "0" for a top-level folder (MS-ASCMD FolderSync ParentId). */
  readonly parentId: string;
  readonly displayName: string;
  /** MS-ASCMD 2.2.3.186.3 folder type (2 Inbox ... 19 user-created mail ...). */
  readonly type: number;
  readonly backendId: string;
}

export interface HierarchyState {
  readonly syncKey: number;
  /** The whole folder set the device holds once it has this key. */
  readonly folders: readonly FolderEntry[];
  /** The reply that handed out this key, for replaying it to a retried request. */
  readonly response: Uint8Array | null;
  readonly createdAt: Date;
}

export interface HierarchyCommit {
  /** The key the request was answered from: current, previous, or 0. */
  readonly baseKey: number;
  readonly folders: readonly FolderEntry[];
  readonly response?: Uint8Array | null;
}

export interface FolderMapping {
  readonly serverId: string;
  readonly backendId: string;
}

export interface HierarchyStateStore {
  /**
   * The device's ServerId for each backend folder, allocating new ones from a per-device counter
   * for folders it has none for. A ServerId is never given to a second folder (CLIENT-QUIRKS §6.6).
   */
  assignServerIds(key: DeviceKey, backendIds: readonly string[]): Promise<ReadonlyMap<string, string>>;
  lookup(key: DeviceKey, serverId: string): Promise<FolderMapping | undefined>;
  findByBackendId(key: DeviceKey, backendId: string): Promise<FolderMapping | undefined>;
  get(key: DeviceKey): Promise<StatePair<HierarchyState>>;
  /**
   * Stores a new state under a fresh key. Folders that were in the base or current state and are
   * missing from the new one are retired: their ServerId mapping and collection states go.
   */
  commit(key: DeviceKey, commit: HierarchyCommit): Promise<HierarchyState>;
}

// ---- collections (Sync) ----

export interface ItemMapping {
  readonly serverId: string;
  readonly backendId: string;
  /** The item version the device holds (modseq, ETag, change counter), when the engine tracks it. */
  readonly version: string | null;
}

export type IdMapChange =
  | { readonly op: 'put'; readonly serverId: string; readonly backendId: string; readonly version?: string | null }
  | { readonly op: 'delete'; readonly serverId: string };

export interface CollectionState {
  readonly collectionId: string;
  readonly syncKey: number;
  /** Opaque to the store: the engine's position in the backend's change stream and whatever else it needs. */
  readonly state: JsonValue;
  /** The reply that handed out this key, for replaying it to a retried request. */
  readonly response: Uint8Array | null;
  /** ClientId → ServerId of the client Adds answered with this key, so a retried Add gets the same ServerIds. */
  readonly clientIds: Readonly<Record<string, string>>;
  readonly createdAt: Date;
}

export interface CollectionCommit {
  /** The key the request was answered from: current, previous, or 0 (which also clears the id map). */
  readonly baseKey: number;
  readonly state: JsonValue;
  readonly response?: Uint8Array | null;
  readonly clientIds?: Readonly<Record<string, string>>;
  /** Applied in order in the same transaction as the state. */
  readonly idMap?: readonly IdMapChange[];
}

export interface CollectionSummary {
  readonly collectionId: string;
  readonly syncKey: number;
}

export interface CollectionStateStore {
  /** The first of `count` consecutive numbers never handed out before for this collection of this device. */
  reserveItemNumbers(key: DeviceKey, collectionId: string, count: number): Promise<number>;
  get(key: DeviceKey, collectionId: string): Promise<StatePair<CollectionState>>;
  /** Collections that have a current state, ordered by collection id. */
  list(key: DeviceKey): Promise<CollectionSummary[]>;
  commit(key: DeviceKey, collectionId: string, commit: CollectionCommit): Promise<CollectionState>;
  /** Drops the collection's states and id map (its number counter is kept). */
  drop(key: DeviceKey, collectionId: string): Promise<void>;
  lookupItem(key: DeviceKey, collectionId: string, serverId: string, view?: StateView): Promise<ItemMapping | undefined>;
  findItem(key: DeviceKey, collectionId: string, backendId: string, view?: StateView): Promise<ItemMapping | undefined>;
  /**
   * The mappings of many backend ids at once (ids without one are left out), so a Sync window's
   * hundred lookups are one read. Optional: without it the engine calls findItem for each.
   */
  findItems?(key: DeviceKey, collectionId: string, backendIds: readonly string[], view?: StateView): Promise<ItemMapping[]>;
  /** The id map as the given state sees it (default current), ordered by ServerId. */
  listItems(key: DeviceKey, collectionId: string, view?: StateView): Promise<ItemMapping[]>;
  /** Id-map changes outside a Sync (MoveItems): visible in both the current and the previous view. */
  applyIdMapChanges(key: DeviceKey, collectionId: string, changes: readonly IdMapChange[]): Promise<void>;
}

// ---- small values ----

/**
 * Named JSON values. Per user: "oof" (Settings Oof). Per device: cached Ping and partial-Sync
 * parameters, loop-detection counters, the Settings DevicePassword. Setting undefined deletes.
 */
export interface ValueStore {
  getUserValue(user: string, name: string): Promise<JsonValue | undefined>;
  setUserValue(user: string, name: string, value: JsonValue | undefined): Promise<void>;
  getDeviceValue(key: DeviceKey, name: string): Promise<JsonValue | undefined>;
  setDeviceValue(key: DeviceKey, name: string, value: JsonValue | undefined): Promise<void>;
}

export interface StateStore {
  readonly devices: DeviceStore;
  readonly hierarchy: HierarchyStateStore;
  readonly collections: CollectionStateStore;
  readonly values: ValueStore;
  /** Flushes and releases the storage; the store is unusable afterwards. */
  close(): Promise<void>;
}
