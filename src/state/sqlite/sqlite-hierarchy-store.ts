// HierarchyStateStore on SQLite: the folder ServerIds a device was given (from a per-device
// counter, never reused) and the current and previous FolderSync states, each a full snapshot of
// the folder set the device holds at that key.

import type { Database } from 'better-sqlite3';
import type { DeviceKey } from '../../domain/device.js';
import {
  StateStoreError,
  type FolderEntry,
  type FolderMapping,
  type HierarchyCommit,
  type HierarchyState,
  type HierarchyStateStore,
  type StatePair,
} from '../../domain/state-store.js';
import { toBlob, toBytes, type SqliteContext } from './sqlite-context.js';

interface StateRow {
  sync_key: number;
  folders: string;
  response: Buffer | null;
  created_at: number;
}

interface MappingRow {
  server_id: string;
  backend_id: string;
}

function prepareStatements(db: Database) {
  return {
    states: db.prepare<[number], StateRow>('SELECT * FROM hierarchy_states WHERE device = ? ORDER BY sync_key DESC'),
    insertState: db.prepare<[number, number, string, Buffer | null, number]>(
      'INSERT INTO hierarchy_states (device, sync_key, folders, response, created_at) VALUES (?, ?, ?, ?, ?)',
    ),
    keepStates: db.prepare<[number, number, number]>(
      'DELETE FROM hierarchy_states WHERE device = ? AND sync_key NOT IN (?, ?)',
    ),
    byServerId: db.prepare<[number, string], MappingRow>('SELECT * FROM folder_ids WHERE device = ? AND server_id = ?'),
    byBackendId: db.prepare<[number, string], MappingRow>('SELECT * FROM folder_ids WHERE device = ? AND backend_id = ?'),
    nextFolderNumber: db
      .prepare<[number], number>(
        'UPDATE devices SET last_folder_number = last_folder_number + 1 WHERE id = ? RETURNING last_folder_number',
      )
      .pluck(),
    insertMapping: db.prepare<[number, string, string]>(
      'INSERT INTO folder_ids (device, server_id, backend_id) VALUES (?, ?, ?)',
    ),
    retireMapping: db.prepare<[number, string]>('DELETE FROM folder_ids WHERE device = ? AND server_id = ?'),
    dropCollectionStates: db.prepare<[number, string]>(
      'DELETE FROM collection_states WHERE device = ? AND collection_id = ?',
    ),
    dropCollectionIds: db.prepare<[number, string]>('DELETE FROM id_map WHERE device = ? AND collection_id = ?'),
  };
}

export class SqliteHierarchyStore implements HierarchyStateStore {
  private readonly s: ReturnType<typeof prepareStatements>;

  constructor(private readonly ctx: SqliteContext) {
    this.s = prepareStatements(ctx.db);
  }

  async assignServerIds(key: DeviceKey, backendIds: readonly string[]): Promise<ReadonlyMap<string, string>> {
    return this.ctx.write(() => {
      const pk = this.ctx.requireDevicePk(key);
      const assigned = new Map<string, string>();
      for (const backendId of backendIds) {
        if (assigned.has(backendId)) continue;
        let serverId = this.s.byBackendId.get(pk, backendId)?.server_id;
        if (serverId === undefined) {
          serverId = String(this.s.nextFolderNumber.get(pk));
          this.s.insertMapping.run(pk, serverId, backendId);
        }
        assigned.set(backendId, serverId);
      }
      return assigned;
    });
  }

  async lookup(key: DeviceKey, serverId: string): Promise<FolderMapping | undefined> {
    const pk = this.ctx.devicePk(key);
    return pk === undefined ? undefined : toMapping(this.s.byServerId.get(pk, serverId));
  }

  async findByBackendId(key: DeviceKey, backendId: string): Promise<FolderMapping | undefined> {
    const pk = this.ctx.devicePk(key);
    return pk === undefined ? undefined : toMapping(this.s.byBackendId.get(pk, backendId));
  }

  async get(key: DeviceKey): Promise<StatePair<HierarchyState>> {
    const pk = this.ctx.devicePk(key);
    if (pk === undefined) return { current: null, previous: null };
    const [current, previous] = this.s.states.all(pk).map(stateFromRow);
    return { current: current ?? null, previous: previous ?? null };
  }

  async commit(key: DeviceKey, commit: HierarchyCommit): Promise<HierarchyState> {
    const folders = JSON.stringify(commit.folders);
    return this.ctx.write(() => {
      const pk = this.ctx.requireDevicePk(key);
      const kept = this.s.states.all(pk).map(stateFromRow);
      const [current, previous] = kept;
      if (commit.baseKey !== 0 && commit.baseKey !== current?.syncKey && commit.baseKey !== previous?.syncKey) {
        throw new StateStoreError('stale-key', `folder hierarchy SyncKey ${commit.baseKey} is not a kept state`);
      }
      this.checkMappings(pk, commit.folders);
      const syncKey = this.ctx.nextSyncKey(pk);
      const createdAt = this.ctx.now();
      const response = toBlob(commit.response);
      this.s.insertState.run(pk, syncKey, folders, response, createdAt);
      this.s.keepStates.run(pk, commit.baseKey, syncKey);
      const base = kept.find((state) => state.syncKey === commit.baseKey);
      this.retireMissing(pk, [base, current], commit.folders);
      return stateFromRow({ sync_key: syncKey, folders, response, created_at: createdAt });
    });
  }

  /** Every folder in a snapshot must carry the ServerId this device was given for it, once. */
  private checkMappings(pk: number, folders: readonly FolderEntry[]): void {
    const seen = new Set<string>();
    for (const folder of folders) {
      const mapped = this.s.byServerId.get(pk, folder.serverId);
      if (seen.has(folder.serverId) || mapped?.backend_id !== folder.backendId) {
        throw new StateStoreError(
          'folder-conflict',
          `folder ServerId ${folder.serverId} is not assigned (once) to backend folder ${folder.backendId}`,
        );
      }
      seen.add(folder.serverId);
    }
  }

  /** A folder gone from the hierarchy loses its ServerId for good, and its sync state with it. */
  private retireMissing(pk: number, earlier: readonly (HierarchyState | undefined)[], folders: readonly FolderEntry[]): void {
    const present = new Set(folders.map((folder) => folder.serverId));
    for (const state of earlier) {
      for (const folder of state?.folders ?? []) {
        if (present.has(folder.serverId)) continue;
        this.s.retireMapping.run(pk, folder.serverId);
        this.s.dropCollectionStates.run(pk, folder.serverId);
        this.s.dropCollectionIds.run(pk, folder.serverId);
      }
    }
  }
}

function toMapping(row: MappingRow | undefined): FolderMapping | undefined {
  return row === undefined ? undefined : { serverId: row.server_id, backendId: row.backend_id };
}

function stateFromRow(row: StateRow): HierarchyState {
  return {
    syncKey: row.sync_key,
    folders: JSON.parse(row.folders) as FolderEntry[],
    response: toBytes(row.response),
    createdAt: new Date(row.created_at),
  };
}
