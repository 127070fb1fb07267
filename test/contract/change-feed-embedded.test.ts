// Runs the ChangeFeed contract on the embedded store twice: writes and subscriptions on one
// EmbeddedStore, and subscriptions on a store watching for foreign writes while a second
// EmbeddedStore on the same data directory writes, as another process would (its own SQLite
// connections, no shared memory; only the file events reach the watcher).

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedStore } from '../../src/backends/embedded/embedded-store.js';
import type { MailboxStores } from '../../src/domain/stores.js';
import { changeFeedContract } from './change-feed.contract.js';
import { embeddedStoreHarness } from './embedded-store-harness.js';
import type { StoreHarness, StoreHarnessFactory } from './store-harness.js';

const MAX_OPEN_DATABASES = 2;

const foreignWriterHarness: StoreHarnessFactory = async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'pushbridge-foreign-feed-'));
  const listenerErrors: unknown[] = [];
  const watcherWarnings: string[] = [];
  const openPair = (): { watching: EmbeddedStore; writing: EmbeddedStore } => ({
    watching: EmbeddedStore.open(dataDir, {
      maxOpenDatabases: MAX_OPEN_DATABASES,
      watchForeignWrites: true,
      onListenerError: (error) => listenerErrors.push(error),
      onWatcherWarning: (message) => watcherWarnings.push(message),
    }),
    writing: EmbeddedStore.open(dataDir, { maxOpenDatabases: MAX_OPEN_DATABASES }),
  });
  let pair = openPair();
  // Every port from the writer except the feed, which is the watcher's.
  const stores = (): MailboxStores => ({ ...pick(pair.writing), changes: pair.watching.changes });
  let users = 0;
  const harness: StoreHarness = {
    get stores() {
      return stores();
    },
    newUser: () => `user${++users}@example.org`,
    async expireChangeTokens(user: string) {
      pair.writing.pruneChangeLog(user, new Date(Date.now() + 1000));
    },
    async reopen() {
      await Promise.all([pair.watching.close(), pair.writing.close()]);
      pair = openPair();
    },
    async close() {
      await Promise.all([pair.watching.close(), pair.writing.close()]);
      rmSync(dataDir, { recursive: true, force: true });
      assert.deepEqual(watcherWarnings, [], 'the watcher ran without trouble');
    },
  };
  return harness;
};

function pick(store: EmbeddedStore): Omit<MailboxStores, 'changes'> {
  return { hierarchy: store.hierarchy, mail: store.mail, calendar: store.calendar, contacts: store.contacts, tasks: store.tasks, notes: store.notes };
}

changeFeedContract('embedded', embeddedStoreHarness);
changeFeedContract('embedded, written by another store on the same data directory', foreignWriterHarness);
