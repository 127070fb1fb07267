// FolderSync over real HTTP on every protocol generation: key 0 lists the default folders with
// their types, an unchanged hierarchy keeps the key (Count 0), a change moves it on, a resent
// previous key gets the lost reply byte for byte, an unknown key is Status 9, a request without a
// SyncKey is 10, and AOSP's "validate" device is answered without keeping a hierarchy.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { deviceKey } from '../../src/domain/device.js';
import { element } from '../../src/eas/wbxml-body.js';
import { readFolderSyncReply } from '../../src/client/response-readers.js';
import { ALICE, FLOW_VERSIONS, checked, startFolderApp, type FolderApp } from '../helpers/folder-http-kit.js';
import { assertLibwbxmlAgrees } from '../helpers/libwbxml.js';

const DEFAULT_FOLDERS: readonly [string, number][] = [
  ['Inbox', 2], ['Drafts', 3], ['Deleted Items', 4], ['Sent Items', 5], ['Outbox', 6],
  ['Tasks', 7], ['Calendar', 8], ['Contacts', 9], ['Notes', 10], ['Journal', 11],
];

describe('FolderSync over HTTP', () => {
  let fx: FolderApp;
  before(async () => {
    fx = await startFolderApp();
  });
  after(() => fx.close());

  it('runs on 2.5, 12.1, 14.1 and 16.1', () => {
    assert.deepEqual(FLOW_VERSIONS, ['2.5', '12.1', '14.1', '16.1']);
  });

  for (const version of FLOW_VERSIONS) {
    it(`${version}: lists the default folders, keeps the key while unchanged, replays a lost reply`, async () => {
      const tag = version.replace('.', '');
      const device = fx.device(`FolderPhone${tag}`, version);
      const initial = await checked(device.folderSync());
      assert.equal(initial.status, 1);
      // Earlier versions' runs left folders of their own; the defaults are all there, at the top.
      const defaults = initial.added.filter((f) => f.type >= 2 && f.type <= 11);
      assert.deepEqual(defaults.map((f) => [f.displayName, f.type]).sort(), [...DEFAULT_FOLDERS].sort());
      assert.ok(defaults.every((f) => f.parentId === '0'));
      const listed = await fx.app.mailboxes.hierarchy.listFolders(ALICE.user);
      assert.equal(initial.added.length, listed.folders.length);
      const k1 = initial.syncKey ?? '';

      const unchanged = await checked(device.folderSync(k1));
      assert.deepEqual([unchanged.status, unchanged.syncKey, unchanged.added.length], [1, k1, 0]);

      const inbox = (await fx.app.mailboxes.hierarchy.listFolders(ALICE.user)).folders.find((f) => f.type === 2);
      await fx.app.mailboxes.hierarchy.createFolder(ALICE.user, { parentId: inbox?.id ?? null, displayName: `Server ${tag}`, type: 12 });
      const changed = await checked(device.folderSync(k1));
      assert.notEqual(changed.syncKey, k1);
      assert.deepEqual(changed.added.map((f) => [f.displayName, f.parentId]), [[`Server ${tag}`, initial.added.find((f) => f.type === 2)?.serverId]]);

      const retried = await checked(device.folderSync(k1));
      assert.deepEqual(retried.response.raw, changed.response.raw);

      const settled = await checked(device.folderSync(changed.syncKey));
      assert.deepEqual([settled.syncKey, settled.added.length + settled.updated.length + settled.deleted.length], [changed.syncKey, 0]);
    });

    it(`${version}: answers an unknown key with 9 and a request without SyncKey with 10`, async () => {
      const device = fx.device(`BadKeys${version.replace('.', '')}`, version);
      await checked(device.folderSync());
      const unknown = await checked(device.folderSync('987654'));
      assert.deepEqual([unknown.status, unknown.syncKey], [9, undefined]);
      const response = await device.send('FolderSync', element('FolderHierarchy:FolderSync'));
      assert.equal(response.status, 200);
      await assertLibwbxmlAgrees(response.raw);
      assert.equal(readFolderSyncReply(response.body ?? element('FolderHierarchy:FolderSync')).status, 10);
      const recovered = await checked(device.folderSync('0'));
      assert.equal(recovered.status, 1);
    });
  }

  it('answers the AOSP "validate" device and keeps no hierarchy for it', async () => {
    const validator = fx.device('validate', '14.1');
    const reply = await checked(validator.folderSync());
    assert.equal(reply.status, 1);
    assert.equal(reply.added.length, (await fx.app.mailboxes.hierarchy.listFolders(ALICE.user)).folders.length);
    assert.deepEqual(await fx.app.state.hierarchy.get(deviceKey(ALICE.user, 'validate')), { current: null, previous: null });
  });

  it('serializes concurrent FolderSyncs of one device', async () => {
    const device = fx.device('Overlapping01', '14.1');
    await checked(device.folderSync());
    const [a, b] = await Promise.all([checked(device.folderSync('0')), checked(device.folderSync('0'))]);
    assert.equal(a.syncKey, b.syncKey);
    assert.equal((await checked(device.folderSync(a.syncKey))).status, 1);
  });
});
