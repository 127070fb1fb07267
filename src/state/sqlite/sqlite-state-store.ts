// The StateStore on one SQLite file, <dataDir>/state.sqlite: the default for a single node.
// Opening migrates the schema; every part shares one connection and its cached statements.

import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import type { StateStore } from '../../domain/state-store.js';
import { openSqliteDatabase, SqliteContext } from './sqlite-context.js';
import { SqliteCollectionStore } from './sqlite-collection-store.js';
import { SqliteDeviceStore } from './sqlite-device-store.js';
import { SqliteHierarchyStore } from './sqlite-hierarchy-store.js';
import { SqliteValueStore } from './sqlite-value-store.js';
import { withStateFailures } from './sqlite-state-failures.js';

export const STATE_FILE_NAME = 'state.sqlite';

export interface SqliteStateStoreOptions {
  readonly dataDir: string;
  /** Milliseconds since the epoch; tests pass a fixed clock. */
  readonly clock?: () => number;
}

export class SqliteStateStore implements StateStore {
  readonly devices: SqliteDeviceStore;
  readonly hierarchy: SqliteHierarchyStore;
  readonly collections: SqliteCollectionStore;
  readonly values: SqliteValueStore;
  readonly file: string;
  private readonly db: Database;

  private constructor(db: Database, file: string, clock: () => number) {
    const ctx = new SqliteContext(db, clock);
    this.db = db;
    this.file = file;
    // A busy or locked file surfaces as StoreUnavailableError (sqlite-state-failures.ts).
    this.devices = withStateFailures(new SqliteDeviceStore(ctx));
    this.hierarchy = withStateFailures(new SqliteHierarchyStore(ctx));
    this.collections = withStateFailures(new SqliteCollectionStore(ctx));
    this.values = withStateFailures(new SqliteValueStore(ctx));
  }

  static async open(options: SqliteStateStoreOptions): Promise<SqliteStateStore> {
    await mkdir(options.dataDir, { recursive: true });
    const file = join(options.dataDir, STATE_FILE_NAME);
    return new SqliteStateStore(openSqliteDatabase(file), file, options.clock ?? Date.now);
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
