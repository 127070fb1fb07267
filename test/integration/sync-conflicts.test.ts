// Conflicts and per-item failures over real HTTP: a Change to an item another device changed
// first gets Status 7 and the server's version in the same reply (server wins) in both
// directions; a Change to an item another device deleted gets 8; a reused ClientId returns its
// first ServerId without a duplicate; a Fetch of an unknown ServerId gets 8.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ALICE, startFolderApp, type FolderApp } from '../helpers/folder-http-kit.js';
import { SyncDevice, folderOfType, noteData, subjectOf } from './sync-kit.js';

const NOTES = 10;

describe('Sync conflicts and per-item statuses over HTTP', () => {
  let fx: FolderApp;
  let a: SyncDevice;
  let b: SyncDevice;
  before(async () => {
    fx = await startFolderApp();
    const clientA = fx.device('ConflictA', '16.1');
    const clientB = fx.device('ConflictB', '16.1');
    a = new SyncDevice(clientA, await folderOfType(clientA, NOTES));
    b = new SyncDevice(clientB, await folderOfType(clientB, NOTES));
    await a.initial();
    await b.initial();
  });
  after(() => fx.close());

  async function shared(subject: string): Promise<{ onA: string; onB: string }> {
    const added = await a.sync({ ops: [{ add: subject, data: noteData(subject, 'v1') }] });
    const onA = added.responses[0]?.serverId ?? '';
    const seen = await b.sync();
    const onB = seen.added.find((item) => subjectOf(item.data) === subject)?.serverId ?? '';
    assert.ok(onA !== '' && onB !== '');
    return { onA, onB };
  }

  it('server wins when B changed the note first: A gets 7 and B\'s version', async () => {
    const { onA, onB } = await shared('Conflict AB');
    await b.sync({ ops: [{ change: onB, data: noteData('Conflict AB by B', 'v2') }] });
    const reply = await a.sync({ ops: [{ change: onA, data: noteData('Conflict AB by A', 'v3') }] });
    assert.deepEqual(reply.responses.map((r) => [r.kind, r.serverId, r.status]), [['Change', onA, 7]]);
    assert.deepEqual(reply.changed.map((item) => [item.serverId, subjectOf(item.data)]), [[onA, 'Conflict AB by B']]);
    const onBAfter = await b.sync();
    assert.deepEqual([onBAfter.changed.length, onBAfter.added.length], [0, 0]);
  });

  it('and the other way round: B gets 7 and A\'s version', async () => {
    const { onA, onB } = await shared('Conflict BA');
    await a.sync({ ops: [{ change: onA, data: noteData('Conflict BA by A', 'v2') }] });
    const reply = await b.sync({ ops: [{ change: onB, data: noteData('Conflict BA by B', 'v3') }] });
    assert.deepEqual(reply.responses.map((r) => [r.kind, r.status]), [['Change', 7]]);
    assert.deepEqual(reply.changed.map((item) => subjectOf(item.data)), ['Conflict BA by A']);
  });

  it('a Change to a note the other device deleted is 8, then the Delete follows', async () => {
    const { onA, onB } = await shared('Deleted elsewhere');
    await a.sync({ ops: [{ delete: onA }] });
    const reply = await b.sync({ ops: [{ change: onB, data: noteData('Too late', 'v2') }] });
    assert.deepEqual(reply.responses.map((r) => [r.kind, r.serverId, r.status]), [['Change', onB, 8]]);
    assert.deepEqual(reply.deleted, [onB]);
  });

  it('a ClientId reused in the next request gets its first ServerId, not a duplicate', async () => {
    const first = await a.sync({ ops: [{ add: 'dup-1', data: noteData('Reused ClientId', 'v1') }] });
    const again = await a.sync({ ops: [{ add: 'dup-1', data: noteData('Reused ClientId', 'v1') }] });
    assert.equal(again.responses[0]?.serverId, first.responses[0]?.serverId);
    assert.equal(again.responses[0]?.status, 1);
    const folder = (await fx.app.mailboxes.hierarchy.listFolders(ALICE.user)).folders.find((f) => f.type === NOTES);
    const listing = await fx.app.mailboxes.notes.listItems(ALICE.user, folder?.id ?? '');
    const notes = await fx.app.mailboxes.notes.getItems(ALICE.user, folder?.id ?? '', listing.items.map((i) => i.id));
    assert.equal(notes.filter((n) => n.content.subject === 'Reused ClientId').length, 1);
  });

  it('Fetch returns the item, and 8 for an unknown ServerId; Delete of an unknown one is 8', async () => {
    const { onA } = await shared('Fetch me');
    const reply = await a.sync({ ops: [{ fetch: onA }, { fetch: `${a.collectionId}:999999` }, { delete: `${a.collectionId}:999998` }] });
    assert.deepEqual(reply.responses.map((r) => [r.kind, r.status]), [['Fetch', 1], ['Fetch', 8], ['Delete', 8]]);
    assert.equal(subjectOf(reply.responses[0]?.data), 'Fetch me');
  });
});
