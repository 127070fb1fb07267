// Sync of notes over real HTTP between two devices of one user on 14.1 and 16.1: key 0 gives a
// key and no items, A's Adds get ServerIds and reach B, A's Change and Delete follow, nothing is
// echoed back to A, a retried request with the previous key gets the identical reply with no
// duplicate, and 1,000 notes arrive in windows of 100 with none lost or duplicated.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ALICE, startFolderApp, type FolderApp } from '../helpers/folder-http-kit.js';
import { SyncDevice, folderOfType, noteData, sendSync, subjectOf, syncRequest } from './sync-kit.js';

const NOTES = 10;

describe('Sync of notes over HTTP', () => {
  let fx: FolderApp;
  before(async () => {
    fx = await startFolderApp();
  });
  after(() => fx.close());

  for (const version of ['14.1', '16.1'] as const) {
    const tag = version.replace('.', '');

    it(`${version}: what device A adds, changes and deletes reaches device B`, async () => {
      const clientA = fx.device(`NotesA${tag}`, version);
      const clientB = fx.device(`NotesB${tag}`, version);
      const a = new SyncDevice(clientA, await folderOfType(clientA, NOTES));
      const b = new SyncDevice(clientB, await folderOfType(clientB, NOTES));
      const before = (await a.initial()).length;
      const added = await a.sync({ ops: [{ add: 'c1', data: noteData(`One ${tag}`, 'first') }, { add: 'c2', data: noteData(`Two ${tag}`, 'second') }] });
      assert.equal(added.status, 1);
      assert.deepEqual(added.responses.map((r) => [r.kind, r.clientId, r.status]), [['Add', 'c1', 1], ['Add', 'c2', 1]]);
      assert.deepEqual(added.added, [], 'no echo of the device its own Adds');
      const [one, two] = added.responses.map((r) => r.serverId ?? '');
      assert.ok(one !== undefined && two !== undefined && one !== two);

      const seen = await b.initial();
      assert.equal(seen.length, before + 2);
      assert.ok(seen.some((item) => subjectOf(item.data) === `One ${tag}`));

      const echo = await a.sync();
      assert.deepEqual([echo.added.length, echo.changed.length, echo.deleted.length], [0, 0, 0]);

      await a.sync({ ops: [{ change: one, data: noteData(`One changed ${tag}`, 'edited') }, { delete: two }] });
      const later = await b.sync();
      assert.deepEqual(later.changed.map((item) => subjectOf(item.data)), [`One changed ${tag}`]);
      assert.equal(later.deleted.length, 1);
      const afterA = await a.sync();
      assert.deepEqual([afterA.added.length, afterA.changed.length, afterA.deleted.length], [0, 0, 0]);
    });

    it(`${version}: a request resent with the previous key gets the identical reply and no duplicate`, async () => {
      const client = fx.device(`NotesRetry${tag}`, version);
      const device = new SyncDevice(client, await folderOfType(client, NOTES));
      await device.initial();
      const key = device.key;
      const request = syncRequest([{ collectionId: device.collectionId, syncKey: key, ops: [{ add: 'r1', data: noteData(`Retry ${tag}`, 'once') }] }]);
      const first = await sendSync(client, request);
      const second = await sendSync(client, request);
      assert.deepEqual(second.response.raw, first.response.raw);
      const listing = await fx.app.mailboxes.notes.listItems(ALICE.user, (await fx.app.mailboxes.hierarchy.listFolders(ALICE.user)).folders.find((f) => f.type === NOTES)?.id ?? '');
      const ids = await fx.app.mailboxes.notes.getItems(ALICE.user, listing.items[0]?.folderId ?? '', listing.items.map((i) => i.id));
      assert.equal(ids.filter((n) => n.content.subject === `Retry ${tag}`).length, 1);
      // The retried reply's key is the one the device goes on with.
      const newKey = first.collections[0]?.syncKey ?? '';
      device.key = newKey;
      const next = await device.sync();
      assert.equal(next.status, 1);
      assert.deepEqual(next.added, []);
    });
  }

  it('1,000 notes arrive in windows of 100 with MoreAvailable, none lost or duplicated', async () => {
    const folders = await fx.app.mailboxes.hierarchy.listFolders(ALICE.user);
    const folder = folders.folders.find((f) => f.type === NOTES);
    assert.ok(folder !== undefined);
    const client = fx.device('NotesWindow', '16.1');
    const existing = (await fx.app.mailboxes.notes.listItems(ALICE.user, folder.id)).items.length;
    const device = new SyncDevice(client, await folderOfType(client, NOTES));
    assert.equal((await device.initial()).length, existing);
    for (let i = 0; i < 1000; i += 1) {
      await fx.app.mailboxes.notes.createItem(ALICE.user, folder.id, { subject: `Bulk ${i}`, body: `n${i}`, categories: [] });
    }
    const rounds: number[] = [];
    const subjects: string[] = [];
    const serverIds = new Set<string>();
    for (;;) {
      const reply = await device.sync({ windowSize: 100 });
      rounds.push(reply.added.length);
      for (const item of reply.added) {
        serverIds.add(item.serverId);
        subjects.push(subjectOf(item.data) ?? '');
      }
      if (!reply.moreAvailable) break;
    }
    assert.deepEqual(rounds, Array.from({ length: 10 }, () => 100));
    assert.equal(serverIds.size, 1000);
    assert.deepEqual(new Set(subjects), new Set(Array.from({ length: 1000 }, (_, i) => `Bulk ${i}`)));
    const settled = await device.sync({ windowSize: 100 });
    assert.deepEqual([settled.added.length, settled.moreAvailable], [0, false]);
  });
});
