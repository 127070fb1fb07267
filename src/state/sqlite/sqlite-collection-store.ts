// CollectionStateStore on SQLite: per (device, collection) the current and previous Sync states,
// the versioned id map, and the item-number counter that keeps ServerIds from being reused.

import type { Database } from 'better-sqlite3';
import type { DeviceKey } from '../../domain/device.js';
import {
  StateStoreError,
  type CollectionCommit,
  type CollectionState,
  type CollectionStateStore,
  type CollectionSummary,
  type IdMapChange,
  type ItemMapping,
  type JsonValue,
  type StatePair,
  type StateView,
} from '../../domain/state-store.js';
import { toBlob, toBytes, type SqliteContext } from './sqlite-context.js';
import { SqliteIdMap } from './sqlite-id-map.js';

interface StateRow {
  collection_id: string;
  sync_key: number;
  state: string;
  client_ids: string;
  created_at: number;
}

/** Reads a state's stored reply, on the first use of `response`. */
type ResponseSource = () => Buffer | null;

type Scope = [device: number, collectionId: string];

function prepareStatements(db: Database) {
  return {
    // Without the stored replies: a window's reply is up to a few hundred KB, needed only to
    // replay a retried Sync, while every Ping's backlog check and every Sync reads both states
    // (~0.3 ms of a Ping's ~0.6 ms of store CPU went to copying two unused replies,
    // BENCHMARKS.md "State store").
    states: db.prepare<Scope, StateRow>(
      `SELECT collection_id, sync_key, state, client_ids, created_at FROM collection_states
       WHERE device = ? AND collection_id = ? ORDER BY sync_key DESC`,
    ),
    response: db
      .prepare<[...Scope, number], Buffer | null>('SELECT response FROM collection_states WHERE device = ? AND collection_id = ? AND sync_key = ?')
      .pluck(),
    keys: db
      .prepare<Scope, number>('SELECT sync_key FROM collection_states WHERE device = ? AND collection_id = ? ORDER BY sync_key DESC')
      .pluck(),
    insertState: db.prepare<[...Scope, number, string, Buffer | null, string, number]>(
      `INSERT INTO collection_states (device, collection_id, sync_key, state, response, client_ids, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ),
    deleteState: db.prepare<[...Scope, number]>(
      'DELETE FROM collection_states WHERE device = ? AND collection_id = ? AND sync_key = ?',
    ),
    keepStates: db.prepare<[...Scope, number, number]>(
      'DELETE FROM collection_states WHERE device = ? AND collection_id = ? AND sync_key NOT IN (?, ?)',
    ),
    dropStates: db.prepare<Scope>('DELETE FROM collection_states WHERE device = ? AND collection_id = ?'),
    summaries: db.prepare<[number], CollectionSummary>(
      `SELECT collection_id AS collectionId, MAX(sync_key) AS syncKey FROM collection_states
       WHERE device = ? GROUP BY collection_id ORDER BY collection_id`,
    ),
    reserve: db.prepare<[...Scope, number], { last_item_number: number }>(
      `INSERT INTO collection_counters (device, collection_id, last_item_number) VALUES (?, ?, ?)
       ON CONFLICT (device, collection_id) DO UPDATE SET last_item_number = last_item_number + excluded.last_item_number
       RETURNING last_item_number`,
    ),
  };
}

export class SqliteCollectionStore implements CollectionStateStore {
  private readonly s: ReturnType<typeof prepareStatements>;
  private readonly idMap: SqliteIdMap;

  constructor(private readonly ctx: SqliteContext) {
    this.s = prepareStatements(ctx.db);
    this.idMap = new SqliteIdMap(ctx);
  }

  async reserveItemNumbers(key: DeviceKey, collectionId: string, count: number): Promise<number> {
    if (!Number.isSafeInteger(count) || count < 1) throw new RangeError(`cannot reserve ${count} item numbers`);
    return this.ctx.write(() => {
      const row = this.s.reserve.get(this.ctx.requireDevicePk(key), collectionId, count);
      if (row === undefined) throw new Error('item counter returned no row');
      return row.last_item_number - count + 1;
    });
  }

  async get(key: DeviceKey, collectionId: string): Promise<StatePair<CollectionState>> {
    const pk = this.ctx.devicePk(key);
    if (pk === undefined) return { current: null, previous: null };
    const [current, previous] = this.s.states.all(pk, collectionId).map((row) =>
      stateFromRow(row, () => this.s.response.get(pk, collectionId, row.sync_key) ?? null));
    return { current: current ?? null, previous: previous ?? null };
  }

  async list(key: DeviceKey): Promise<CollectionSummary[]> {
    const pk = this.ctx.devicePk(key);
    return pk === undefined ? [] : this.s.summaries.all(pk);
  }

  async commit(key: DeviceKey, collectionId: string, commit: CollectionCommit): Promise<CollectionState> {
    const state = JSON.stringify(commit.state);
    const clientIds = JSON.stringify(commit.clientIds ?? {});
    return this.ctx.write(() => {
      const scope: Scope = [this.ctx.requireDevicePk(key), collectionId];
      this.prepareBase(scope, commit.baseKey);
      const syncKey = this.ctx.nextSyncKey(scope[0]);
      const createdAt = this.ctx.now();
      const response = toBlob(commit.response);
      this.s.insertState.run(...scope, syncKey, state, response, clientIds, createdAt);
      this.idMap.applyCommitted(scope, commit.idMap ?? [], syncKey);
      this.s.keepStates.run(...scope, commit.baseKey, syncKey);
      this.idMap.settle(scope, syncKey);
      return stateFromRow({ collection_id: collectionId, sync_key: syncKey, state, client_ids: clientIds, created_at: createdAt }, () => response);
    });
  }

  async drop(key: DeviceKey, collectionId: string): Promise<void> {
    this.ctx.write(() => {
      const pk = this.ctx.devicePk(key);
      if (pk === undefined) return;
      this.s.dropStates.run(pk, collectionId);
      this.idMap.clear([pk, collectionId]);
    });
  }

  async lookupItem(key: DeviceKey, collectionId: string, serverId: string, view: StateView = 'current'): Promise<ItemMapping | undefined> {
    const scope = this.readScope(key, collectionId, view);
    return scope === undefined ? undefined : this.idMap.byServerId(scope, serverId, view);
  }

  async findItem(key: DeviceKey, collectionId: string, backendId: string, view: StateView = 'current'): Promise<ItemMapping | undefined> {
    const scope = this.readScope(key, collectionId, view);
    return scope === undefined ? undefined : this.idMap.byBackendId(scope, backendId, view);
  }

  /**
   * The mappings of those of `backendIds` that have one, in one read: a Sync window's lookups at
   * once (the engine's CollectionRun uses it when the store has it; not part of the port).
   */
  async findItems(key: DeviceKey, collectionId: string, backendIds: readonly string[], view: StateView = 'current'): Promise<ItemMapping[]> {
    const scope = this.readScope(key, collectionId, view);
    return scope === undefined ? [] : this.idMap.byBackendIds(scope, backendIds, view);
  }

  async listItems(key: DeviceKey, collectionId: string, view: StateView = 'current'): Promise<ItemMapping[]> {
    const scope = this.readScope(key, collectionId, view);
    return scope === undefined ? [] : this.idMap.all(scope, view);
  }

  async applyIdMapChanges(key: DeviceKey, collectionId: string, changes: readonly IdMapChange[]): Promise<void> {
    this.ctx.write(() => this.idMap.applyUnversioned([this.ctx.requireDevicePk(key), collectionId], changes));
  }

  /** Readies the collection for a state built on baseKey: 0 starts over, the previous key rolls the current state back. */
  private prepareBase(scope: Scope, baseKey: number): void {
    if (baseKey === 0) {
      this.s.dropStates.run(...scope);
      this.idMap.clear(scope);
      return;
    }
    const [current, previous] = this.s.keys.all(...scope);
    if (current === baseKey) return;
    if (current !== undefined && previous === baseKey) {
      this.idMap.rollback(scope, current);
      this.s.deleteState.run(...scope, current);
      return;
    }
    throw new StateStoreError('stale-key', `SyncKey ${baseKey} is not a kept state of collection ${scope[1]}`);
  }

  /** The previous view only exists while a previous state does. */
  private readScope(key: DeviceKey, collectionId: string, view: StateView): Scope | undefined {
    const pk = this.ctx.devicePk(key);
    if (pk === undefined) return undefined;
    if (view === 'previous' && this.s.keys.all(pk, collectionId).length < 2) return undefined;
    return [pk, collectionId];
  }
}

// The reply is read on first use, in the same request that read the state (the engine reads the
// current one's right after `get`, to replay it); a state retired in between reads as no reply,
// which the engine already handles as a key it cannot replay.
function stateFromRow(row: StateRow, readResponse: ResponseSource): CollectionState {
  let state: JsonValue | undefined;
  let response: Uint8Array | null | undefined;
  return {
    collectionId: row.collection_id,
    syncKey: row.sync_key,
    // Parsed on first read: the backlog may hold thousands of ids, and only the current state's is
    // read on the usual path (the previous one's on a replay; a fresh commit's by nobody).
    get state(): JsonValue {
      state ??= JSON.parse(row.state) as JsonValue;
      return state;
    },
    get response(): Uint8Array | null {
      if (response === undefined) response = toBytes(readResponse());
      return response;
    },
    clientIds: JSON.parse(row.client_ids) as Record<string, string>,
    createdAt: new Date(row.created_at),
  };
}
