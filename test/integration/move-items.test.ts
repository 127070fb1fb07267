// MoveItems over real HTTP with our EasClient: a mail moved from the Inbox to a user folder is in
// the destination under its new ServerId, the next Syncs send neither a duplicate Add in the
// destination nor a stray Delete in the source (CLIENT-QUIRKS §7 #25), a second device sees the
// move as a Delete and an Add, PIM items move between folders of their class, and moves across
// classes or with unknown ids get their MS-ASCMD 2.2.3.177.10 statuses. Every WBXML answer is
// checked with libwbxml.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { itemOperationsFetch, moveItems, type EasClient, type MoveItemsResult, type MoveSpec } from '../../src/client/index.js';
import { element, firstChild, textContent, type WbxmlElement } from '../../src/eas/wbxml-body.js';
import { assertLibwbxmlAgrees } from '../helpers/libwbxml.js';
import { ALICE, startFolderApp, type FolderApp } from '../helpers/folder-http-kit.js';
import { SyncDevice, noteData, subjectOf } from './sync-kit.js';

const PLAIN = [element('AirSyncBase:BodyPreference', [element('AirSyncBase:Type', '1'), element('AirSyncBase:TruncationSize', '1024')])];

const mime = (subject: string): Uint8Array => new TextEncoder().encode([
  'From: Bob <bob@example.org>', `To: ${ALICE.user}`, `Subject: ${subject}`, `Message-ID: <${subject.replace(/\W/g, '')}@example.org>`,
  'MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8', '', `Body of ${subject}`, '',
].join('\r\n'));

const field = (data: WbxmlElement | undefined, name: string): string | undefined => {
  const el = data === undefined ? undefined : firstChild(data, name);
  return el === undefined ? undefined : textContent(el);
};

async function move(client: EasClient, moves: MoveSpec[]): Promise<MoveItemsResult> {
  const result = await moveItems(client, moves);
  await assertLibwbxmlAgrees(result.response.raw);
  return result;
}

/** The ServerIds FolderSync gave the device, by display name. */
async function collectionsOf(client: EasClient): Promise<Map<string, string>> {
  const reply = await client.folderSync('0');
  assert.equal(reply.status, 1);
  await assertLibwbxmlAgrees(reply.response.raw);
  return new Map(reply.added.map((f) => [f.displayName, f.serverId]));
}

describe('MoveItems over HTTP', () => {
  let fx: FolderApp;
  before(async () => {
    fx = await startFolderApp();
  });
  after(() => fx.close());

  it('16.1: a moved mail is in the destination under its DstMsgId, with no duplicate Add and no stray Delete', async () => {
    const mailbox = fx.app.mailboxes;
    const inbox = (await mailbox.hierarchy.listFolders(ALICE.user)).folders.find((f) => f.type === 2);
    assert.ok(inbox !== undefined);
    const archive = await mailbox.hierarchy.createFolder(ALICE.user, { parentId: null, displayName: 'Archive', type: 12 });
    for (const subject of ['Keep me', 'File me']) await mailbox.mail.createItem(ALICE.user, inbox.id, { mime: mime(subject) });
    const clientA = fx.device('MoverA', '16.1');
    const clientB = fx.device('WatcherB', '16.1');
    const idsA = await collectionsOf(clientA);
    const idsB = await collectionsOf(clientB);
    const [inboxA, archiveA] = [idsA.get('Inbox') ?? '', idsA.get('Archive') ?? ''];
    const a = { inbox: new SyncDevice(clientA, inboxA), archive: new SyncDevice(clientA, archiveA) };
    const b = { inbox: new SyncDevice(clientB, idsB.get('Inbox') ?? ''), archive: new SyncDevice(clientB, idsB.get('Archive') ?? '') };
    const onA = await a.inbox.initial();
    assert.deepEqual(await a.archive.initial(), []);
    const onB = await b.inbox.initial();
    await b.archive.initial();
    const fileMe = onA.find((m) => field(m.data, 'Email:Subject') === 'File me')?.serverId ?? '';

    const result = await move(clientA, [{ srcMsgId: fileMe, srcFldId: inboxA, dstFldId: archiveA }]);
    assert.equal(result.status, undefined);
    const [moved] = result.moves;
    assert.equal(moved?.status, 3);
    assert.equal(moved?.srcMsgId, fileMe);
    const dstMsgId = moved?.dstMsgId ?? '';
    assert.match(dstMsgId, new RegExp(`^${archiveA}:\\d+$`));

    const destination = await a.archive.sync({ options: PLAIN });
    assert.deepEqual([destination.added, destination.changed, destination.deleted], [[], [], []], 'no duplicate Add in the destination');
    const source = await a.inbox.sync({ options: PLAIN });
    assert.deepEqual([source.added, source.deleted], [[], []], 'no stray Delete in the source');

    const fetched = await itemOperationsFetch(clientA, [{ collectionId: archiveA, serverId: dstMsgId }]);
    await assertLibwbxmlAgrees(fetched.response.raw);
    assert.equal(field(fetched.fetches[0]?.properties, 'Email:Subject'), 'File me');
    const archived = (await mailbox.mail.listItems(ALICE.user, archive.id)).items;
    assert.equal(archived.length, 1);
    await mailbox.mail.setFlags(ALICE.user, archive.id, archived[0]?.id ?? '', { read: true });
    const flagged = await a.archive.sync({ options: PLAIN });
    assert.deepEqual(flagged.changed.map((c) => [c.serverId, field(c.data, 'Email:Read')]), [[dstMsgId, '1']], 'the new ServerId is live');

    const seenByB = await b.inbox.sync({ options: PLAIN });
    assert.deepEqual(seenByB.deleted, [onB.find((m) => field(m.data, 'Email:Subject') === 'File me')?.serverId]);
    const arrivedAtB = await b.archive.sync({ options: PLAIN });
    assert.deepEqual(arrivedAtB.added.map((m) => field(m.data, 'Email:Subject')), ['File me']);
  });

  it('14.1: a note moves to another notes folder; moves across classes, to or from unknown folders, of unknown items fail', async () => {
    const mailbox = fx.app.mailboxes;
    const notes = (await mailbox.hierarchy.listFolders(ALICE.user)).folders.find((f) => f.type === 10);
    assert.ok(notes !== undefined);
    await mailbox.hierarchy.createFolder(ALICE.user, { parentId: null, displayName: 'Ideas', type: 17 });
    const client = fx.device('MoverNotes', '14.1');
    const ids = await collectionsOf(client);
    const [notesId, ideasId, calendarId] = [ids.get('Notes') ?? '', ids.get('Ideas') ?? '', ids.get('Calendar') ?? ''];
    const source = new SyncDevice(client, notesId);
    await source.initial();
    const added = await source.sync({ ops: [{ add: 'c1', data: noteData('Plan', 'Write it down') }] });
    const noteId = added.responses[0]?.serverId ?? '';
    assert.equal(added.responses[0]?.status, 1);
    const target = new SyncDevice(client, ideasId);
    await target.initial();

    const result = await move(client, [
      { srcMsgId: noteId, srcFldId: notesId, dstFldId: calendarId },
      { srcMsgId: noteId, srcFldId: notesId, dstFldId: '9999' },
      { srcMsgId: noteId, srcFldId: '9999', dstFldId: ideasId },
      { srcMsgId: `${notesId}:9999`, srcFldId: notesId, dstFldId: ideasId },
      { srcMsgId: noteId, srcFldId: notesId, dstFldId: notesId },
      { srcMsgId: noteId, srcFldId: notesId, dstFldId: ideasId },
    ]);
    assert.deepEqual(result.moves.map((m) => m.status), [5, 2, 1, 1, 4, 3]);
    const dstMsgId = result.moves[5]?.dstMsgId ?? '';
    assert.deepEqual((await target.sync()).added, []);
    assert.deepEqual((await source.sync()).deleted, []);
    const fetched = await itemOperationsFetch(client, [{ serverId: dstMsgId }]);
    await assertLibwbxmlAgrees(fetched.response.raw);
    assert.equal(subjectOf(fetched.fetches[0]?.properties), 'Plan');
  });

  it('2.5: statuses travel the same way to the oldest clients', async () => {
    const client = fx.device('MoverOld', '2.5');
    const ids = await collectionsOf(client);
    const result = await move(client, [
      { srcMsgId: 'nothing:1', srcFldId: ids.get('Inbox') ?? '', dstFldId: ids.get('Deleted Items') ?? '' },
      { srcMsgId: 'nothing:1', srcFldId: ids.get('Inbox') ?? '', dstFldId: ids.get('Contacts') ?? '' },
    ]);
    assert.deepEqual(result.moves.map((m) => [m.srcMsgId, m.status]), [['nothing:1', 1], ['nothing:1', 5]]);
  });
});
