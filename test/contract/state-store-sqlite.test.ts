// Runs the StateStore contract on the SQLite implementation, plus what only a file can show:
// surviving a killed process, two processes sharing one file, a file locked past the busy timeout,
// the pragmas and the schema version.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { StoreUnavailableError } from '../../src/domain/errors.js';
import { StateStoreError } from '../../src/domain/state-store.js';
import { openStateStore } from '../../src/state/open-state-store.js';
import { SCHEMA_VERSION } from '../../src/state/sqlite/migrations.js';
import { SqliteStateStore, STATE_FILE_NAME } from '../../src/state/sqlite/sqlite-state-store.js';
import { statusForStoreFailure } from '../../src/sync/store-failures.js';
import { SyncStatus } from '../../src/sync/sync-status.js';
import { runStateStoreContract, type StateStoreHarnessFactory } from './state-store.contract.js';
import { alicePhone, recordDevice } from './state-store-kit.js';

const run = promisify(execFile);
const storeModule = pathToFileURL(fileURLToPath(new URL('../../src/state/sqlite/sqlite-state-store.ts', import.meta.url))).href;

const sqliteHarness: StateStoreHarnessFactory = async (clock) => {
  const dataDir = await mkdtemp(join(tmpdir(), 'pushbridge-state-'));
  return {
    open: () => SqliteStateStore.open({ dataDir, clock }),
    destroy: () => rm(dataDir, { recursive: true, force: true }),
  };
};

runStateStoreContract('SQLite', sqliteHarness);

/** Runs a script in a fresh Node process (through tsx, like the tests) with the store module imported as `Store`. */
async function runChild(dataDir: string, name: string, body: string): Promise<{ stdout: string; signal: string | null }> {
  const script = join(dataDir, `${name}.mts`);
  await writeFile(script, `import { SqliteStateStore as Store } from ${JSON.stringify(storeModule)};\n${body}\n`);
  try {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', script, dataDir], { cwd: process.cwd() });
    return { stdout, signal: null };
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string; signal?: string | null };
    if (failed.signal === 'SIGKILL') return { stdout: failed.stdout ?? '', signal: failed.signal };
    throw new Error(`child ${name} failed: ${failed.stderr ?? String(error)}`, { cause: error });
  }
}

async function withDataDir(test: (dataDir: string) => Promise<void>): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'pushbridge-state-'));
  try {
    await test(dataDir);
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

describe('SQLite state store', () => {
  it('keeps every commit of a process that is killed without closing the store', () =>
    withDataDir(async (dataDir) => {
      const child = await runChild(
        dataDir,
        'crash',
        `import { writeSync } from 'node:fs';
        const store = await Store.open({ dataDir: process.argv[2] });
        const key = { user: 'alice@example.com', deviceId: 'ApplF4KD1234' };
        await store.devices.record({ ...key, deviceType: 'iPhone' });
        const ids = await store.hierarchy.assignServerIds(key, ['mail/INBOX']);
        const folders = [{ serverId: ids.get('mail/INBOX'), parentId: '0', displayName: 'Inbox', type: 2, backendId: 'mail/INBOX' }];
        const hierarchy = await store.hierarchy.commit(key, { baseKey: 0, folders });
        const sync = await store.collections.commit(key, folders[0].serverId, {
          baseKey: 0, state: { cursor: 42 }, idMap: [{ op: 'put', serverId: '1:1', backendId: 'uid-1' }],
        });
        writeSync(1, JSON.stringify({ hierarchy: hierarchy.syncKey, sync: sync.syncKey, collection: folders[0].serverId }));
        process.kill(process.pid, 'SIGKILL');`,
      );
      assert.equal(child.signal, 'SIGKILL');
      const written = JSON.parse(child.stdout) as { hierarchy: number; sync: number; collection: string };
      const store = await SqliteStateStore.open({ dataDir });
      try {
        assert.equal((await store.devices.get(alicePhone))?.deviceType, 'iPhone');
        assert.equal((await store.hierarchy.get(alicePhone)).current?.syncKey, written.hierarchy);
        const { current } = await store.collections.get(alicePhone, written.collection);
        assert.equal(current?.syncKey, written.sync);
        assert.deepEqual(current?.state, { cursor: 42 });
        assert.deepEqual(await store.collections.listItems(alicePhone, written.collection), [
          { serverId: '1:1', backendId: 'uid-1', version: null },
        ]);
      } finally {
        await store.close();
      }
    }));

  it('serializes two processes that create, migrate and write one new file at once', () =>
    withDataDir(async (dataDir) => {
      const body = `const store = await Store.open({ dataDir: process.argv[2] });
        const key = { user: 'alice@example.com', deviceId: 'ApplF4KD1234' };
        await store.devices.record({ ...key, deviceType: 'iPhone' });
        const numbers = [];
        for (let i = 0; i < 150; i += 1) numbers.push(await store.collections.reserveItemNumbers(key, '1', 1));
        await store.close();
        console.log(JSON.stringify(numbers));`;
      const outputs = await Promise.all([runChild(dataDir, 'writer-a', body), runChild(dataDir, 'writer-b', body)]);
      const numbers = outputs.flatMap((output) => JSON.parse(output.stdout) as number[]).sort((a, b) => a - b);
      assert.deepEqual(numbers, Array.from({ length: 300 }, (_, i) => i + 1));
      const store = await SqliteStateStore.open({ dataDir });
      assert.equal((await store.devices.list()).length, 1);
      await store.close();
    }));

  it('answers a file another connection keeps locked past the busy timeout with StoreUnavailableError (Sync Status 16)', () =>
    withDataDir(async (dataDir) => {
      const store = await SqliteStateStore.open({ dataDir });
      const other = new Database(join(dataDir, STATE_FILE_NAME));
      try {
        await recordDevice(store, alicePhone);
        other.prepare('BEGIN IMMEDIATE').run();
        const failure = await store.devices.update(alicePhone, { blocked: true }).then(
          () => assert.fail('the update went through a held write lock'),
          (error: unknown) => error,
        );
        assert.ok(failure instanceof StoreUnavailableError);
        assert.equal(statusForStoreFailure(failure), SyncStatus.Retry);
        other.prepare('ROLLBACK').run();
        assert.equal((await store.devices.update(alicePhone, { blocked: true }))?.blocked, true);
      } finally {
        other.close();
        await store.close();
      }
    }));

  it('creates the data directory and opens the file in WAL mode at the current schema version', () =>
    withDataDir(async (dataDir) => {
      const store = await openStateStore({ kind: 'sqlite', dataDir: join(dataDir, 'nested') });
      await store.close();
      const db = new Database(join(dataDir, 'nested', STATE_FILE_NAME), { readonly: true });
      try {
        assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
        assert.equal(db.pragma('user_version', { simple: true }), SCHEMA_VERSION);
      } finally {
        db.close();
      }
      const again = await SqliteStateStore.open({ dataDir: join(dataDir, 'nested') });
      await recordDevice(again, alicePhone);
      await again.close();
      await again.close();
    }));

  it('refuses a file written by a newer schema', () =>
    withDataDir(async (dataDir) => {
      const db = new Database(join(dataDir, STATE_FILE_NAME));
      db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
      db.close();
      await assert.rejects(
        SqliteStateStore.open({ dataDir }),
        (error: unknown) => error instanceof StateStoreError && error.code === 'schema',
      );
    }));
});
