import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { ALICE, bytesOf, folderChangeOf, folderSyncOf, openHierarchyFixture, type HierarchyFixture } from '../../test/helpers/hierarchy-kit.js';

describe('HierarchySync folder changes', () => {
  let fx: HierarchyFixture;
  let key: string;
  let ids: Map<string, string>;
  beforeEach(async () => {
    fx = await openHierarchyFixture();
    const initial = folderSyncOf(await fx.engine.folderSync(fx.device(), '0'));
    key = initial.syncKey ?? '';
    ids = new Map(initial.added.map((f) => [f.displayName, f.serverId]));
  });
  afterEach(() => fx.close());

  const create = (parentId: string, displayName: string, type = 12, syncKey = key) =>
    fx.engine.createFolder(fx.device(), { syncKey, parentId, displayName, type });
  const names = async (): Promise<string[]> => (await fx.stores.hierarchy.listFolders(ALICE)).folders.map((f) => f.displayName);

  it('creates a folder, hands out a new key, and does not report it back on the next FolderSync', async () => {
    const created = folderChangeOf(await create(ids.get('Inbox') ?? '', 'Work'), 'FolderCreate');
    assert.equal(created.status, 1);
    assert.match(created.serverId ?? '', /^\d+$/);
    assert.notEqual(created.syncKey, key);
    assert.ok((await names()).includes('Work'));
    const next = folderSyncOf(await fx.engine.folderSync(fx.device(), created.syncKey ?? ''));
    assert.deepEqual([next.status, next.syncKey, next.count], [1, created.syncKey, 0]);
    const other = folderSyncOf(await fx.engine.folderSync(fx.device('tablet'), '0'));
    assert.ok(other.added.some((f) => f.displayName === 'Work' && f.type === 12));
  });

  it('replays a FolderCreate resent with the previous key instead of creating twice', async () => {
    const first = await create('0', 'Trips', 13);
    const again = await create('0', 'Trips', 13);
    assert.deepEqual(bytesOf(again), bytesOf(first));
    assert.equal((await names()).filter((n) => n === 'Trips').length, 1);
    const different = folderChangeOf(await create('0', 'Other'), 'FolderCreate');
    assert.equal(different.status, 1);
    const stale = folderChangeOf(await create('0', 'Third', 12, folderChangeOf(first, 'FolderCreate').syncKey), 'FolderCreate');
    assert.equal(stale.status, 9);
  });

  it('answers every FolderCreate refusal with its status and no SyncKey', async () => {
    const inbox = ids.get('Inbox') ?? '';
    const cases: [string, Promise<unknown>, number][] = [
      ['duplicate name (case-insensitive)', create('0', 'inbox'), 2],
      ['parent unknown to the device', create('999', 'X'), 5],
      ['Recipient Information Cache type', create(inbox, 'RI', 19), 3],
      ['a default folder type', create(inbox, 'Second Inbox', 2), 10],
      ['no such type', create(inbox, 'Odd', 42), 10],
      ['empty name', create(inbox, '   '), 10],
      ['key 0', create(inbox, 'X', 12, '0'), 9],
      ['unknown key', create(inbox, 'X', 12, '12345'), 9],
      ['garbage key', create(inbox, 'X', 12, 'abc'), 9],
    ];
    for (const [label, pending, status] of cases) {
      const reply = folderChangeOf((await pending) as Parameters<typeof folderChangeOf>[0], 'FolderCreate');
      assert.equal(reply.status, status, label);
      assert.equal(reply.syncKey, undefined, label);
      assert.equal(reply.serverId, undefined, label);
    }
  });

  it('renames and moves a folder; the device keeps its own change, another device sees an Update', async () => {
    const tablet = folderSyncOf(await fx.engine.folderSync(fx.device('tablet'), '0'));
    const created = folderChangeOf(await create('0', 'Work'), 'FolderCreate');
    const tabletAdd = folderSyncOf(await fx.engine.folderSync(fx.device('tablet'), tablet.syncKey ?? ''));
    const update = { serverId: created.serverId ?? '', parentId: ids.get('Inbox') ?? '', displayName: 'Job' };
    const moved = folderChangeOf(await fx.engine.updateFolder(fx.device(), { ...update, syncKey: created.syncKey ?? '' }), 'FolderUpdate');
    assert.equal(moved.status, 1);
    const own = folderSyncOf(await fx.engine.folderSync(fx.device(), moved.syncKey ?? ''));
    assert.equal(own.count, 0);
    const seen = folderSyncOf(await fx.engine.folderSync(fx.device('tablet'), tabletAdd.syncKey ?? ''));
    const tabletId = tabletAdd.added[0]?.serverId;
    assert.deepEqual(seen.updated, [{ serverId: tabletId, parentId: tablet.added.find((f) => f.type === 2)?.serverId, displayName: 'Job', type: 12 }]);
    const retried = await fx.engine.updateFolder(fx.device(), { ...update, syncKey: created.syncKey ?? '' });
    assert.equal(retried.replayed, true);
    assert.equal(folderChangeOf(retried, 'FolderUpdate').syncKey, moved.syncKey);
  });

  it('answers every FolderUpdate refusal with its status', async () => {
    const a = folderChangeOf(await create('0', 'A'), 'FolderCreate');
    const b = folderChangeOf(await create(a.serverId ?? '', 'B', 12, a.syncKey), 'FolderCreate');
    await create('0', 'C', 12, b.syncKey);
    const current = folderSyncOf(await fx.engine.folderSync(fx.device(), b.syncKey ?? '')).syncKey ?? '';
    const update = (serverId: string, parentId: string, displayName: string, syncKey = current) =>
      fx.engine.updateFolder(fx.device(), { syncKey, serverId, parentId, displayName });
    const cases: [string, ReturnType<typeof update>, number][] = [
      ['rename a default folder', update(ids.get('Inbox') ?? '', '0', 'Mail'), 2],
      ['name taken under the new parent', update(a.serverId ?? '', '0', 'c'), 2],
      ['unknown folder', update('9999', '0', 'X'), 4],
      ['unknown parent', update(a.serverId ?? '', '9999', 'X'), 5],
      ['move under its own child', update(a.serverId ?? '', b.serverId ?? '', 'A'), 10],
      ['empty name', update(a.serverId ?? '', '0', ''), 10],
      ['stale key', update(a.serverId ?? '', '0', 'Z', key), 9],
    ];
    for (const [label, pending, status] of cases) {
      const reply = folderChangeOf(await pending, 'FolderUpdate');
      assert.deepEqual([reply.status, reply.syncKey], [status, undefined], label);
    }
  });

  it('deletes a folder with its subfolders and replays a resent FolderDelete', async () => {
    const a = folderChangeOf(await create('0', 'A'), 'FolderCreate');
    const b = folderChangeOf(await create(a.serverId ?? '', 'B', 12, a.syncKey), 'FolderCreate');
    const target = { serverId: a.serverId ?? '', syncKey: b.syncKey ?? '' };
    const deleted = await fx.engine.deleteFolder(fx.device(), target);
    assert.equal(folderChangeOf(deleted, 'FolderDelete').status, 1);
    assert.ok(!(await names()).some((n) => n === 'A' || n === 'B'));
    const again = await fx.engine.deleteFolder(fx.device(), target);
    assert.deepEqual(bytesOf(again), bytesOf(deleted));
    const next = folderSyncOf(await fx.engine.folderSync(fx.device(), folderChangeOf(deleted, 'FolderDelete').syncKey ?? ''));
    assert.equal(next.count, 0);
  });

  it('answers every FolderDelete refusal with its status', async () => {
    const remove = (serverId: string, syncKey = key) => fx.engine.deleteFolder(fx.device(), { syncKey, serverId });
    assert.equal(folderChangeOf(await remove(ids.get('Inbox') ?? ''), 'FolderDelete').status, 3);
    assert.equal(folderChangeOf(await remove(ids.get('Calendar') ?? ''), 'FolderDelete').status, 3);
    assert.equal(folderChangeOf(await remove('777'), 'FolderDelete').status, 4);
    assert.equal(folderChangeOf(await remove(ids.get('Inbox') ?? '', '0'), 'FolderDelete').status, 9);
    assert.ok((await names()).includes('Inbox'));
  });

  it('reports a folder deleted elsewhere as 4, then as a Delete on the next FolderSync', async () => {
    const a = folderChangeOf(await create('0', 'Gone'), 'FolderCreate');
    const backendId = (await fx.stores.hierarchy.listFolders(ALICE)).folders.find((f) => f.displayName === 'Gone')?.id ?? '';
    await fx.stores.hierarchy.deleteFolder(ALICE, backendId);
    const update = { syncKey: a.syncKey ?? '', serverId: a.serverId ?? '', parentId: '0', displayName: 'Back' };
    assert.equal(folderChangeOf(await fx.engine.updateFolder(fx.device(), update), 'FolderUpdate').status, 4);
    const next = folderSyncOf(await fx.engine.folderSync(fx.device(), a.syncKey ?? ''));
    assert.deepEqual(next.deleted, [a.serverId]);
  });

  it('answers a FolderSync with the key before a FolderCreate with the create as an Add', async () => {
    const created = folderChangeOf(await create('0', 'Lost reply'), 'FolderCreate');
    const sync = folderSyncOf(await fx.engine.folderSync(fx.device(), key));
    assert.equal(sync.status, 1);
    assert.deepEqual(sync.added.map((f) => [f.serverId, f.displayName]), [[created.serverId, 'Lost reply']]);
    assert.equal(folderSyncOf(await fx.engine.folderSync(fx.device(), created.syncKey ?? '')).status, 9);
    assert.equal(folderSyncOf(await fx.engine.folderSync(fx.device(), sync.syncKey ?? '')).count, 0);
  });

  it('refuses changes from the "validate" device without keeping state', async () => {
    const validate = fx.device('validate');
    const reply = await fx.engine.createFolder(validate, { syncKey: '1', parentId: '0', displayName: 'X', type: 12 });
    assert.equal(folderChangeOf(reply, 'FolderCreate').status, 9);
    assert.ok(!(await names()).includes('X'));
  });
});
