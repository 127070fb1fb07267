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

function prepareStatements(db: Database) {
  return {
    live: db.prepare<[...Scope, string], LiveRow>(
      `SELECT rowid, ${COLUMNS}, added_key FROM id_map WHERE ${SCOPE} AND server_id = ? AND deleted_key IS NULL`,
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

  /** Applies a commit's changes as made by the state with key `syncKey`. */
  applyCommitted(scope: Scope, changes: readonly IdMapChange[], syncKey: number): void {
    for (const change of changes) {
      const live = this.s.live.get(...scope, change.serverId);
      if (change.op === 'delete') {
        if (live === undefined) continue;
        if (live.added_key === syncKey) this.s.deleteRow.run(live.rowid);
        else this.s.markDeleted.run(syncKey, live.rowid);
        continue;
      }
      const version = change.version ?? null;
      if (live !== undefined && live.backend_id === change.backendId && live.version === version) continue;
      guardUnique(change, () => {
        if (live !== undefined && live.added_key === syncKey) {
          this.s.rewrite.run(change.backendId, version, live.rowid);
          return;
        }
        if (live !== undefined) this.s.markDeleted.run(syncKey, live.rowid);
        this.s.insert.run(...scope, change.serverId, change.backendId, version, syncKey);
      });
    }
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
