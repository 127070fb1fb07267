import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { deviceKey } from '../domain/device.js';
import { ChangeTokenExpiredError } from '../domain/errors.js';
import type { HierarchyStore } from '../domain/hierarchy-store.js';
import { ALICE, BOB, bytesOf, folderSyncOf, openHierarchyFixture, type HierarchyFixture } from '../../test/helpers/hierarchy-kit.js';
import { HierarchySync } from './hierarchy-sync.js';

const DEFAULT_TYPES = [2, 3, 4, 5, 6, 7, 8, 9, 10, 11];

describe('HierarchySync FolderSync', () => {
  let fx: HierarchyFixture;
  beforeEach(async () => {
    fx = await openHierarchyFixture();
  });
  afterEach(() => fx.close());

  const topLevelId = async (name: string, user = ALICE): Promise<string> => {
    const listing = await fx.stores.hierarchy.listFolders(user);
    const folder = listing.folders.find((f) => f.displayName === name);
    assert.ok(folder, `no folder ${name}`);
    return folder.id;
  };

  it('answers key 0 with the whole hierarchy, top-level ParentIds "0", and a new key', async () => {
    const reply = await fx.engine.folderSync(fx.device(), '0');
    const sync = folderSyncOf(reply);
    assert.equal(sync.status, 1);
    assert.match(sync.syncKey ?? '', /^[1-9]\d*$/);
    assert.deepEqual(sync.added.map((f) => f.type).sort((a, b) => a - b), DEFAULT_TYPES);
    assert.ok(sync.added.every((f) => f.parentId === '0' && f.serverId !== '' && f.displayName !== ''));
    assert.equal(new Set(sync.added.map((f) => f.serverId)).size, sync.added.length);
    assert.deepEqual(sync.updated, []);
    assert.deepEqual(sync.deleted, []);
    const state = await fx.state.hierarchy.get(deviceKey(ALICE, 'ApplPhone01'));
    assert.equal(String(state.current?.syncKey), sync.syncKey);
    assert.equal(state.current?.folders.length, 10);
  });

  it('keeps the key and answers Count 0 while nothing changes', async () => {
    const first = folderSyncOf(await fx.engine.folderSync(fx.device(), '0'));
    const before = await fx.state.hierarchy.get(deviceKey(ALICE, 'ApplPhone01'));
    for (let i = 0; i < 3; i += 1) {
      const again = folderSyncOf(await fx.engine.folderSync(fx.device(), first.syncKey ?? ''));
      assert.deepEqual([again.status, again.syncKey, again.count], [1, first.syncKey, 0]);
    }
    assert.deepEqual(await fx.state.hierarchy.get(deviceKey(ALICE, 'ApplPhone01')), before);
  });

  it('reports adds, renames, moves and deletes made elsewhere, then nothing again', async () => {
    const initial = folderSyncOf(await fx.engine.folderSync(fx.device(), '0'));
    const inbox = await topLevelId('Inbox');
    const work = await fx.stores.hierarchy.createFolder(ALICE, { parentId: inbox, displayName: 'Work', type: 12 });
    await fx.stores.hierarchy.createFolder(ALICE, { parentId: work.id, displayName: 'Sub', type: 12 });
    const added = folderSyncOf(await fx.engine.folderSync(fx.device(), initial.syncKey ?? ''));
    assert.notEqual(added.syncKey, initial.syncKey);
    const inboxId = initial.added.find((f) => f.type === 2)?.serverId;
    assert.deepEqual(added.added.map((f) => [f.displayName, f.type]), [['Work', 12], ['Sub', 12]]);
    assert.equal(added.added[0]?.parentId, inboxId);
    assert.equal(added.added[1]?.parentId, added.added[0]?.serverId);

    await fx.stores.hierarchy.updateFolder(ALICE, work.id, { parentId: null, displayName: 'Job' });
    const updated = folderSyncOf(await fx.engine.folderSync(fx.device(), added.syncKey ?? ''));
    assert.deepEqual(updated.updated, [{ serverId: added.added[0]?.serverId, parentId: '0', displayName: 'Job', type: 12 }]);
    assert.equal(updated.count, 1);

    await fx.stores.hierarchy.deleteFolder(ALICE, work.id);
    const deleted = folderSyncOf(await fx.engine.folderSync(fx.device(), updated.syncKey ?? ''));
    assert.deepEqual(deleted.deleted, [added.added[1]?.serverId, added.added[0]?.serverId]);
    const quiet = folderSyncOf(await fx.engine.folderSync(fx.device(), deleted.syncKey ?? ''));
    assert.deepEqual([quiet.syncKey, quiet.count], [deleted.syncKey, 0]);
  });

  it('replays the lost reply byte for byte to a client that resends the previous key', async () => {
    const initial = folderSyncOf(await fx.engine.folderSync(fx.device(), '0'));
    await fx.stores.hierarchy.createFolder(ALICE, { parentId: null, displayName: 'Travel', type: 13 });
    const lost = await fx.engine.folderSync(fx.device(), initial.syncKey ?? '');
    await fx.stores.hierarchy.createFolder(ALICE, { parentId: null, displayName: 'Later', type: 12 });
    const retried = await fx.engine.folderSync(fx.device(), initial.syncKey ?? '');
    assert.deepEqual(bytesOf(retried), bytesOf(lost));
    assert.equal(retried.replayed, true);
    const next = folderSyncOf(await fx.engine.folderSync(fx.device(), folderSyncOf(lost).syncKey ?? ''));
    assert.deepEqual(next.added.map((f) => f.displayName), ['Later']);
    const stale = folderSyncOf(await fx.engine.folderSync(fx.device(), initial.syncKey ?? ''));
    assert.equal(stale.status, 9);
  });

  it('answers Status 9 only for keys that name no kept state', async () => {
    assert.equal(folderSyncOf(await fx.engine.folderSync(fx.device(), '5')).status, 9);
    const initial = folderSyncOf(await fx.engine.folderSync(fx.device(), '0'));
    for (const key of ['', 'abc', '-1', String(Number(initial.syncKey) + 100)]) {
      const reply = folderSyncOf(await fx.engine.folderSync(fx.device(), key));
      assert.equal(reply.status, 9, `key ${JSON.stringify(key)}`);
      assert.equal(reply.syncKey, undefined);
    }
    assert.equal(folderSyncOf(await fx.engine.folderSync(fx.device(), initial.syncKey ?? '')).status, 1);
  });

  it('gives a repeated key 0 the first answer while nothing changed, a fresh one after a change', async () => {
    const first = await fx.engine.folderSync(fx.device(), '0');
    const second = await fx.engine.folderSync(fx.device(), '0');
    assert.deepEqual(bytesOf(second), bytesOf(first));
    await fx.stores.hierarchy.createFolder(ALICE, { parentId: null, displayName: 'New', type: 12 });
    const third = folderSyncOf(await fx.engine.folderSync(fx.device(), '0'));
    assert.notEqual(third.syncKey, folderSyncOf(first).syncKey);
    assert.equal(third.added.length, 11);
    const ids = new Map(folderSyncOf(first).added.map((f) => [f.displayName, f.serverId]));
    for (const folder of third.added.filter((f) => f.displayName !== 'New')) assert.equal(folder.serverId, ids.get(folder.displayName));
  });

  it('serializes concurrent requests of one device: two key-0 syncs share one key', async () => {
    const [a, b] = await Promise.all([fx.engine.folderSync(fx.device(), '0'), fx.engine.folderSync(fx.device(), '0')]);
    assert.equal(folderSyncOf(a).syncKey, folderSyncOf(b).syncKey);
    const key = folderSyncOf(a).syncKey ?? '';
    assert.equal(folderSyncOf(await fx.engine.folderSync(fx.device(), key)).status, 1);
  });

  it('keeps devices and users apart', async () => {
    const phone = folderSyncOf(await fx.engine.folderSync(fx.device('phone'), '0'));
    const bob = folderSyncOf(await fx.engine.folderSync(fx.device('phone', BOB), phone.syncKey ?? ''));
    assert.equal(bob.status, 9);
    await fx.stores.hierarchy.createFolder(BOB, { parentId: null, displayName: 'Bobs', type: 12 });
    assert.equal(folderSyncOf(await fx.engine.folderSync(fx.device('phone'), phone.syncKey ?? '')).count, 0);
  });

  it('answers the AOSP "validate" device with the hierarchy and keeps nothing for it', async () => {
    const reply = folderSyncOf(await fx.engine.folderSync(fx.device('validate'), '0'));
    assert.equal(reply.status, 1);
    assert.equal(reply.added.length, 10);
    assert.equal(await fx.state.devices.get(deviceKey(ALICE, 'validate')), undefined);
    assert.equal((await fx.state.devices.list()).length, 0);
  });

  it('records a device it has not seen and answers a store failure with a status or an error', async () => {
    await fx.engine.folderSync({ ...fx.device('fresh'), userAgent: 'Apple-iPhone/1' }, '0');
    assert.equal((await fx.state.devices.get(deviceKey(ALICE, 'fresh')))?.userAgent, 'Apple-iPhone/1');
    // The real store with a listing that fails: Object.create keeps every other method working.
    const failing = (error: unknown): HierarchyStore =>
      Object.assign(Object.create(fx.stores.hierarchy) as HierarchyStore, {
        listFolders: async () => {
          throw error;
        },
      });
    const odd = new HierarchySync({ state: fx.state, folders: failing(new ChangeTokenExpiredError('t')) });
    assert.equal(folderSyncOf(await odd.folderSync(fx.device(), '0')).status, 11);
    const broken = new HierarchySync({ state: fx.state, folders: failing(new Error('disk gone')) });
    await assert.rejects(broken.folderSync(fx.device(), '0'), /disk gone/);
    assert.equal(folderSyncOf(await fx.engine.folderSync(fx.device(), '0')).status, 1);
  });
});
