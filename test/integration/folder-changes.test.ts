// FolderCreate, FolderUpdate and FolderDelete over real HTTP: a folder created, renamed, moved and
// deleted on device A of a user shows up on device B of the same user and never for another user;
// A's own next FolderSync does not repeat its changes; a resent FolderCreate gets the same reply;
// and every bad request gets the spec's status (MS-ASCMD 2.2.3.177.3, .4, .6), never a 5xx.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { EasClient, FolderChangeResult, FolderSyncResult } from '../../src/client/index.js';
import { folderCreate, folderDelete, folderUpdate } from '../../src/client/index.js';
import { BOB, FLOW_VERSIONS, checked, startFolderApp, type FolderApp } from '../helpers/folder-http-kit.js';

function changes(reply: FolderSyncResult): number {
  return reply.added.length + reply.updated.length + reply.deleted.length;
}

describe('folder changes over HTTP', () => {
  let fx: FolderApp;
  before(async () => {
    fx = await startFolderApp();
  });
  after(() => fx.close());

  /** Syncs a device and returns the reply, checking the key moved on exactly when something changed. */
  async function sync(device: EasClient): Promise<FolderSyncResult> {
    const before = device.mutableState.folderSyncKey;
    const reply = await checked(device.folderSync());
    assert.equal(reply.status, 1);
    if (before !== '0') assert.equal(reply.syncKey === before, changes(reply) === 0, `key ${before} -> ${reply.syncKey}`);
    return reply;
  }

  for (const version of FLOW_VERSIONS) {
    it(`${version}: create, rename, move and delete on device A reach device B, not another user`, async () => {
      const tag = version.replace('.', '');
      const a = fx.device(`PhoneA${tag}`, version);
      const b = fx.device(`TabletB${tag}`, version);
      const bob = fx.device(`BobPhone${tag}`, version, BOB);
      const inboxA = (await sync(a)).added.find((f) => f.type === 2)?.serverId ?? '';
      const inboxB = (await sync(b)).added.find((f) => f.type === 2)?.serverId ?? '';
      await sync(bob);

      const created = await checked(folderCreate(a, { parentId: inboxA, displayName: `Projects ${tag}`, type: 12 }));
      assert.equal(created.status, 1);
      assert.equal(changes(await sync(a)), 0);
      const added = (await sync(b)).added;
      assert.deepEqual(added.map((f) => [f.displayName, f.parentId, f.type]), [[`Projects ${tag}`, inboxB, 12]]);
      const onB = added[0]?.serverId ?? '';

      const renamed = await checked(folderUpdate(a, { serverId: created.serverId ?? '', parentId: inboxA, displayName: `Work ${tag}` }));
      assert.equal(renamed.status, 1);
      assert.deepEqual((await sync(b)).updated, [{ serverId: onB, parentId: inboxB, displayName: `Work ${tag}`, type: 12 }]);

      const moved = await checked(folderUpdate(a, { serverId: created.serverId ?? '', parentId: '0', displayName: `Work ${tag}` }));
      assert.equal(moved.status, 1);
      assert.deepEqual((await sync(b)).updated.map((f) => [f.serverId, f.parentId]), [[onB, '0']]);

      const child = await checked(folderCreate(a, { parentId: created.serverId ?? '', displayName: 'Sub', type: 13 }));
      assert.equal(child.status, 1);
      const childOnB = (await sync(b)).added[0]?.serverId;
      const deleted = await checked(folderDelete(a, { serverId: created.serverId ?? '' }));
      assert.equal(deleted.status, 1);
      assert.equal(changes(await sync(a)), 0);
      assert.deepEqual((await sync(b)).deleted, [childOnB, onB]);

      assert.equal(changes(await sync(bob)), 0);
    });
  }

  it('replays a FolderCreate resent with the previous key', async () => {
    const device = fx.device('Retrier01', '14.1');
    await sync(device);
    const key = device.mutableState.folderSyncKey;
    const first = await checked(folderCreate(device, { parentId: '0', displayName: 'Once', type: 12, syncKey: key }));
    const again = await checked(folderCreate(device, { parentId: '0', displayName: 'Once', type: 12, syncKey: key }));
    assert.equal(first.status, 1);
    assert.deepEqual(again.response.raw, first.response.raw);
    const names = (await fx.app.mailboxes.hierarchy.listFolders('alice@example.org')).folders.map((f) => f.displayName);
    assert.equal(names.filter((n) => n === 'Once').length, 1);
  });

  it('answers bad requests with the spec statuses and no SyncKey', async () => {
    const device = fx.device('BadInput01', '14.1');
    const initial = await sync(device);
    const inbox = initial.added.find((f) => f.type === 2)?.serverId ?? '';
    const created = await checked(folderCreate(device, { parentId: '0', displayName: 'Taken', type: 12 }));
    // Two commits later the first key is neither current nor previous: really stale.
    await checked(folderCreate(device, { parentId: '0', displayName: 'Also taken', type: 12 }));
    const current = device.mutableState.folderSyncKey;
    const cases: [string, Promise<FolderChangeResult>, number][] = [
      ['FolderCreate with an empty name', folderCreate(device, { parentId: inbox, displayName: '', type: 12 }), 10],
      ['FolderCreate under an unknown parent', folderCreate(device, { parentId: '424242', displayName: 'X', type: 12 }), 5],
      ['FolderCreate with a name that exists', folderCreate(device, { parentId: '0', displayName: 'TAKEN', type: 12 }), 2],
      ['FolderCreate of a default folder type', folderCreate(device, { parentId: '0', displayName: 'Inbox 2', type: 2 }), 10],
      ['FolderDelete of a default folder', folderDelete(device, { serverId: inbox }), 3],
      ['FolderDelete of an unknown folder', folderDelete(device, { serverId: '424242' }), 4],
      ['FolderUpdate of a default folder', folderUpdate(device, { serverId: inbox, parentId: '0', displayName: 'Mail' }), 2],
      ['FolderUpdate with a stale key', folderUpdate(device, { serverId: created.serverId ?? '', parentId: '0', displayName: 'Y', syncKey: initial.syncKey ?? '' }), 9],
    ];
    for (const [label, pending, status] of cases) {
      const reply = await checked(pending);
      assert.deepEqual([reply.status, reply.syncKey], [status, undefined], label);
      assert.equal(device.mutableState.folderSyncKey, current, label);
    }
    assert.equal(changes(await sync(device)), 0);
  });
});
