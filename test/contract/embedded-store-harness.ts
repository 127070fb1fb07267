// StoreHarness over the embedded store in a fresh temporary data directory. The open-database
// bound is tiny on purpose, so every suite also runs with databases being closed and reopened
// under it (LRU eviction) between operations.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedStore } from '../../src/backends/embedded/embedded-store.js';
import type { StoreHarness, StoreHarnessFactory } from './store-harness.js';

const MAX_OPEN_DATABASES = 2;

export const embeddedStoreHarness: StoreHarnessFactory = async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'pushbridge-embedded-'));
  const listenerErrors: unknown[] = [];
  const openStore = (): EmbeddedStore =>
    EmbeddedStore.open(dataDir, { maxOpenDatabases: MAX_OPEN_DATABASES, onListenerError: (error) => listenerErrors.push(error) });
  let store = openStore();
  let users = 0;
  const harness: StoreHarness = {
    get stores() {
      return store;
    },
    newUser: () => `user${++users}@example.org`,
    async expireChangeTokens(user: string) {
      // Everything written up to now falls outside the retention window.
      store.pruneChangeLog(user, new Date(Date.now() + 1000));
    },
    async reopen() {
      await store.close();
      store = openStore();
    },
    async close() {
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return harness;
};
