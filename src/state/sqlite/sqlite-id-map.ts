// The versioned id map of one collection (ServerId ↔ backend item id) on SQLite. Rows carry the
// SyncKey that added or deleted them (see migrations.ts), which gives two views — the current
// state's and the previous state's — and lets a retry roll the current state's changes back.
// Every method runs inside the caller's transaction.

import type { Database } from 'better-sqlite3';
import { StateStoreError, type IdMapChange, type ItemMapping, type StateView } from '../../domain/state-store.js';
import type { SqliteContext } from './sqlite-context.js';

interface MappingRow {
  server_id: string;
  backend_id: string;
  version: string | null;
}

interface LiveRow extends MappingRow {
  rowid: number;
  added_key: number | null;
}

type Scope = [device: number, collectionId: string];

const COLUMNS = 'server_id, backend_id, version';
const SCOPE = 'device = ? AND collection_id = ?';
// The previous view: rows live before the current commit, plus rows the current commit deleted.
const PREVIOUS_LIVE = `${SCOPE} AND deleted_key IS NULL AND added_key IS NULL`;
const PREVIOUS_DELETED = `${SCOPE} AND deleted_key IS NOT NULL`;
// Many ids in one statement: they travel as one JSON array, so the statement is the same for any count.
const IN_LIST = 'IN (SELECT value FROM json_each(?))';
/** Ids per statement of the batched reads: bounds the JSON argument and the rows held at once. */
const IDS_PER_QUERY = 256;

function prepareStatements(db: Database) {
  return {
    liveMany: db.prepare<[...Scope, string], LiveRow>(
      `SELECT rowid, ${COLUMNS}, added_key FROM id_map WHERE ${SCOPE} AND server_id ${IN_LIST} AND deleted_key IS NULL`,
    ),
    insert: db.prepare<[...Scope, string, string, string | null, number | null]>(
      `INSERT INTO id_map (device, collection_id, server_id, backend_id, version, added_key) VALUES (?, ?, ?, ?, ?, ?)`,
    ),
    rewrite: db.prepare<[string, string | null, number]>('UPDATE id_map SET backend_id = ?, version = ? WHERE rowid = ?'),
    markDeleted: db.prepare<[number, number]>('UPDATE id_map SET deleted_key = ? WHERE rowid = ?'),
    deleteRow: db.prepare<[number]>('DELETE FROM id_map WHERE rowid = ?'),
    dropAdded: db.prepare<[...Scope, number]>(`DELETE FROM id_map WHERE ${SCOPE} AND added_key = ?`),
    restoreDeleted: db.prepare<[...Scope, number]>(
      `UPDATE id_map SET deleted_key = NULL WHERE ${SCOPE} AND deleted_key = ?`,
    ),
    purgeDeleted: db.prepare<[...Scope, number]>(
      `DELETE FROM id_map WHERE ${SCOPE} AND deleted_key IS NOT NULL AND deleted_key != ?`,
    ),
    settleAdded: db.prepare<[...Scope, number]>(
      `UPDATE id_map SET added_key = NULL WHERE ${SCOPE} AND added_key IS NOT NULL AND added_key != ?`,
    ),
    deleteServerId: db.prepare<[...Scope, string]>(`DELETE FROM id_map WHERE ${SCOPE} AND server_id = ?`),
    deleteStaleBackendId: db.prepare<[...Scope, string]>(
      `DELETE FROM id_map WHERE ${SCOPE} AND backend_id = ? AND deleted_key IS NOT NULL`,
    ),
    clear: db.prepare<Scope>(`DELETE FROM id_map WHERE ${SCOPE}`),
    currentByServer: db.prepare<[...Scope, string], MappingRow>(
      `SELECT ${COLUMNS} FROM id_map WHERE ${SCOPE} AND server_id = ? AND deleted_key IS NULL`,
    ),
    currentByBackend: db.prepare<[...Scope, string], MappingRow>(
      `SELECT ${COLUMNS} FROM id_map WHERE ${SCOPE} AND backend_id = ? AND deleted_key IS NULL`,
    ),
    currentAll: db.prepare<Scope, MappingRow>(
      `SELECT ${COLUMNS} FROM id_map WHERE ${SCOPE} AND deleted_key IS NULL ORDER BY server_id`,
    ),
    currentByBackends: db.prepare<[...Scope, string], MappingRow>(
      `SELECT ${COLUMNS} FROM id_map WHERE ${SCOPE} AND backend_id ${IN_LIST} AND deleted_key IS NULL`,
    ),
    previousByBackends: db.prepare<[...Scope, string, ...Scope, string], MappingRow>(
      `SELECT ${COLUMNS} FROM id_map WHERE ${PREVIOUS_LIVE} AND backend_id ${IN_LIST}
       UNION ALL SELECT ${COLUMNS} FROM id_map WHERE ${PREVIOUS_DELETED} AND backend_id ${IN_LIST}`,
    ),
    previousByServer: db.prepare<[...Scope, string, ...Scope, string], MappingRow>(
      `SELECT ${COLUMNS} FROM id_map WHERE ${PREVIOUS_LIVE} AND server_id = ?
       UNION ALL SELECT ${COLUMNS} FROM id_map WHERE ${PREVIOUS_DELETED} AND server_id = ?`,
    ),
    previousByBackend: db.prepare<[...Scope, string, ...Scope, string], MappingRow>(
      `SELECT ${COLUMNS} FROM id_map WHERE ${PREVIOUS_LIVE} AND backend_id = ?
       UNION ALL SELECT ${COLUMNS} FROM id_map WHERE ${PREVIOUS_DELETED} AND backend_id = ?`,
    ),
    previousAll: db.prepare<[...Scope, ...Scope], MappingRow>(
      `SELECT ${COLUMNS} FROM id_map WHERE ${PREVIOUS_LIVE}
       UNION ALL SELECT ${COLUMNS} FROM id_map WHERE ${PREVIOUS_DELETED} ORDER BY server_id`,
    ),
  };
}

export class SqliteIdMap {
  private readonly s: ReturnType<typeof prepareStatements>;

  constructor(ctx: SqliteContext) {
    this.s = prepareStatements(ctx.db);
  }

  /**
   * Applies a commit's changes as made by the state with key `syncKey`. The live rows they touch
   * are read up front in one statement per IDS_PER_QUERY ServerIds (a window maps a hundred
   * items), then kept current in `live` as each change writes, in order.
   */
  applyCommitted(scope: Scope, changes: readonly IdMapChange[], syncKey: number): void {
    const live = this.liveRows(scope, changes);
    for (const change of changes) {
      const row = live.get(change.serverId);
      if (change.op === 'delete') {
        if (row === undefined) continue;
        if (row.added_key === syncKey) this.s.deleteRow.run(row.rowid);
        else this.s.markDeleted.run(syncKey, row.rowid);
        live.delete(change.serverId);
        continue;
      }
      const version = change.version ?? null;
      if (row !== undefined && row.backend_id === change.backendId && row.version === version) continue;
      guardUnique(change, () => {
        if (row !== undefined && row.added_key === syncKey) {
          this.s.rewrite.run(change.backendId, version, row.rowid);
          live.set(change.serverId, { ...row, backend_id: change.backendId, version });
          return;
        }
        if (row !== undefined) this.s.markDeleted.run(syncKey, row.rowid);
        const { lastInsertRowid } = this.s.insert.run(...scope, change.serverId, change.backendId, version, syncKey);
        live.set(change.serverId, { rowid: Number(lastInsertRowid), server_id: change.serverId, backend_id: change.backendId, version, added_key: syncKey });
      });
    }
  }

  private liveRows(scope: Scope, changes: readonly IdMapChange[]): Map<string, LiveRow> {
    const serverIds = [...new Set(changes.map((change) => change.serverId))];
    const live = new Map<string, LiveRow>();
    for (let start = 0; start < serverIds.length; start += IDS_PER_QUERY) {
      const rows = this.s.liveMany.all(...scope, JSON.stringify(serverIds.slice(start, start + IDS_PER_QUERY)));
      for (const row of rows) live.set(row.server_id, row);
    }
    return live;
  }

  /** Changes made outside a Sync: they hold in both views, so a later retry cannot undo them. */
  applyUnversioned(scope: Scope, changes: readonly IdMapChange[]): void {
    for (const change of changes) {
      this.s.deleteServerId.run(...scope, change.serverId);
      if (change.op === 'delete') continue;
      this.s.deleteStaleBackendId.run(...scope, change.backendId);
      guardUnique(change, () => this.s.insert.run(...scope, change.serverId, change.backendId, change.version ?? null, null));
    }
  }

  /** Undoes everything the state with key `syncKey` changed, restoring the view it was built on. */
  rollback(scope: Scope, syncKey: number): void {
    this.s.dropAdded.run(...scope, syncKey);
    this.s.restoreDeleted.run(...scope, syncKey);
  }

  /** After commit `syncKey`: forget rows no view can see, and mark older additions as shared by both views. */
  settle(scope: Scope, syncKey: number): void {
    this.s.purgeDeleted.run(...scope, syncKey);
    this.s.settleAdded.run(...scope, syncKey);
  }

  clear(scope: Scope): void {
    this.s.clear.run(...scope);
  }

  byServerId(scope: Scope, serverId: string, view: StateView): ItemMapping | undefined {
    const row =
      view === 'current'
        ? this.s.currentByServer.get(...scope, serverId)
        : this.s.previousByServer.get(...scope, serverId, ...scope, serverId);
    return row === undefined ? undefined : toMapping(row);
  }

  byBackendId(scope: Scope, backendId: string, view: StateView): ItemMapping | undefined {
    const row =
      view === 'current'
        ? this.s.currentByBackend.get(...scope, backendId)
        : this.s.previousByBackend.get(...scope, backendId, ...scope, backendId);
    return row === undefined ? undefined : toMapping(row);
  }

  /** The mappings of those of `backendIds` that have one in the view, in no particular order. */
  byBackendIds(scope: Scope, backendIds: readonly string[], view: StateView): ItemMapping[] {
    const found = new Map<string, ItemMapping>();
    for (let start = 0; start < backendIds.length; start += IDS_PER_QUERY) {
      const ids = JSON.stringify(backendIds.slice(start, start + IDS_PER_QUERY));
      const rows = view === 'current' ? this.s.currentByBackends.all(...scope, ids) : this.s.previousByBackends.all(...scope, ids, ...scope, ids);
      // The first row per id, as byBackendId's single-row read takes it.
      for (const row of rows) if (!found.has(row.backend_id)) found.set(row.backend_id, toMapping(row));
    }
    return [...found.values()];
  }

  all(scope: Scope, view: StateView): ItemMapping[] {
    const rows = view === 'current' ? this.s.currentAll.all(...scope) : this.s.previousAll.all(...scope, ...scope);
    return rows.map(toMapping);
  }
}

function toMapping(row: MappingRow): ItemMapping {
  return { serverId: row.server_id, backendId: row.backend_id, version: row.version };
}

function guardUnique(change: IdMapChange, write: () => void): void {
  try {
    write();
  } catch (error) {
    if (isUniqueViolation(error) && change.op === 'put') {
      throw new StateStoreError(
        'id-conflict',
        `backend item ${change.backendId} is already mapped to another ServerId than ${change.serverId}`,
        { cause: error },
      );
    }
    throw error;
  }
}

export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'SQLITE_CONSTRAINT_UNIQUE';
}
