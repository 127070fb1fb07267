// The shared plumbing of the SQLite state store: opening the file with the pragmas the store
// relies on, write transactions, the clock, and device-key resolution that every part needs.

import Database from 'better-sqlite3';
import type { Database as SqliteDatabase, Statement, Transaction } from 'better-sqlite3';
import { normalizeDeviceId, type DeviceKey } from '../../domain/device.js';
import { StateStoreError } from '../../domain/state-store.js';
import { migrate } from './migrations.js';

/** How long a writer waits for another process holding the file's write lock before failing. */
const BUSY_TIMEOUT_MS = 5000;
/**
 * Page cache of the state store, in KiB (SQLite's negative cache_size). better-sqlite3 builds
 * SQLite with 16 MB a connection, which a server with thousands of devices fills and keeps for
 * good (BENCHMARKS.md, held-Ping memory). 8 MB holds the working set of ten devices taking
 * 10,000 messages each at once (the initial-sync benchmark: same CPU per message as 16 MB; 4 MB
 * cost 6 % more, 2 MB 25 %).
 */
const PAGE_CACHE_KIB = 8192;

export function openSqliteDatabase(file: string): SqliteDatabase {
  const db = new Database(file, { timeout: BUSY_TIMEOUT_MS });
  try {
    // WAL lets readers (other nodes' CLI, the admin routes) run beside the writer; NORMAL
    // sync in WAL mode keeps every committed transaction across a process crash.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.pragma(`cache_size = -${PAGE_CACHE_KIB}`);
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

export class SqliteContext {
  readonly db: SqliteDatabase;
  readonly now: () => number;
  private readonly selectPk: Statement<[string, string], { id: number }>;
  private readonly bumpSyncKey: Statement<[number], { last_sync_key: number }>;
  /** One transaction wrapper for every write: better-sqlite3 builds five functions per transaction() call. */
  private readonly transaction: Transaction<(fn: () => unknown) => unknown>;

  constructor(db: SqliteDatabase, now: () => number) {
    this.db = db;
    this.now = now;
    this.selectPk = db.prepare('SELECT id FROM devices WHERE user_name = ? AND device_id = ?');
    this.transaction = db.transaction((fn: () => unknown) => fn());
    this.bumpSyncKey = db.prepare(
      'UPDATE devices SET last_sync_key = last_sync_key + 1 WHERE id = ? RETURNING last_sync_key',
    );
  }

  /**
   * Runs fn in a BEGIN IMMEDIATE transaction: the write lock is taken up front, so two writers
   * (two processes on one file) serialize instead of failing on a lock upgrade.
   */
  write<T>(fn: () => T): T {
    return this.transaction.immediate(fn) as T;
  }

  devicePk(key: DeviceKey): number | undefined {
    return this.selectPk.get(key.user, normalizeDeviceId(key.deviceId))?.id;
  }

  requireDevicePk(key: DeviceKey): number {
    const pk = this.devicePk(key);
    if (pk === undefined) {
      throw new StateStoreError('unknown-device', `no device ${key.deviceId} for user ${key.user}`);
    }
    return pk;
  }

  /** SyncKeys come from one counter per device, so no key is ever issued twice, even across resets. */
  nextSyncKey(pk: number): number {
    const row = this.bumpSyncKey.get(pk);
    if (row === undefined) throw new StateStoreError('unknown-device', `device row ${pk} vanished`);
    return row.last_sync_key;
  }
}

export function toBytes(value: Buffer | null): Uint8Array | null {
  return value === null ? null : new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
}

export function toBlob(value: Uint8Array | null | undefined): Buffer | null {
  return value === undefined || value === null ? null : Buffer.from(value.buffer, value.byteOffset, value.byteLength);
}
