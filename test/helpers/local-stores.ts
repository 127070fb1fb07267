// The real stores without the application around them, for engine tests that reach inside a
// request: the SQLite state store and the embedded mailbox store side by side in one temporary
// directory, and the teardown that closes both and removes it.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedStore } from '../../src/backends/embedded/embedded-store.js';
import type { StateStore } from '../../src/domain/state-store.js';
import { openStateStore } from '../../src/state/open-state-store.js';

export interface LocalStores {
  readonly dir: string;
  readonly state: StateStore;
  readonly stores: EmbeddedStore;
  close(): Promise<void>;
}

/** Opens both stores in a fresh directory named after `purpose`; on a failed open nothing is left behind. */
export async function openLocalStores(purpose: string): Promise<LocalStores> {
  const dir = await mkdtemp(join(tmpdir(), `pushbridge-${purpose}-`));
  const removeDir = (): Promise<void> => rm(dir, { recursive: true, force: true });
  const state = await openStateStore({ kind: 'sqlite', dataDir: dir }).catch(async (error: unknown) => {
    await removeDir();
    throw error;
  });
  try {
    const stores = EmbeddedStore.open(dir);
    return {
      dir, state, stores,
      async close() {
        await state.close();
        await stores.close();
        await removeDir();
      },
    };
  } catch (error) {
    await state.close();
    await removeDir();
    throw error;
  }
}
