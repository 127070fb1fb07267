// Chooses and opens the StateStore implementation named by the configuration; the composition
// root calls this once at start-up and closes the store on shutdown.

import type { StateStore } from '../domain/state-store.js';
import { SqliteStateStore } from './sqlite/sqlite-state-store.js';

export interface SqliteStateOptions {
  readonly kind: 'sqlite';
  /** The store's file is <dataDir>/state.sqlite. */
  readonly dataDir: string;
  readonly clock?: () => number;
}

/** One variant per implementation; PostgreSQL joins here. */
export type StateStoreOptions = SqliteStateOptions;

export async function openStateStore(options: StateStoreOptions): Promise<StateStore> {
  switch (options.kind) {
    case 'sqlite':
      return SqliteStateStore.open({ dataDir: options.dataDir, clock: options.clock });
  }
}
