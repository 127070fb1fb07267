// Sync of mail over real HTTP between two devices of one user: delivered messages arrive as Adds
// with their subject and a plain-text body, a Read flag set on A reaches B as a Change, and a
// Delete with DeletesAsMoves moves the message to Deleted Items and reaches B as a Delete;
// FilterType keeps old mail off a device and takes an old message it holds away as SoftDelete.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { element, firstChild, textContent, type WbxmlElement } from '../../src/eas/wbxml-body.js';
import { ALICE, startFolderApp, type FolderApp } from '../helpers/folder-http-kit.js';
import { SyncDevice, folderOfType } from './sync-kit.js';

const INBOX = 2;
const PLAIN = [element('AirSyncBase:BodyPreference', [element('AirSyncBase:Type', '1'), element('AirSyncBase:TruncationSize', '2048')])];

const mime = (subject: string): Uint8Array => new TextEncoder().encode([
  'From: Bob <bob@example.org>', `To: ${ALICE.user}`, `Subject: ${subject}`, 'Date: Fri, 20 Nov 2026 10:00:00 +0000',
  'Message-ID: <' + subject.replace(/\W/g, '') + '@example.org>', 'MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8', '', `Body of ${subject}`, '',
].join('\r\n'));

const field = (data: WbxmlElement | undefined, name: string): string | undefined => {
  const el = data === undefined ? undefined : firstChild(data, name);
  return el === undefined ? undefined : textContent(el);
};

describe('Sync of mail over HTTP', () => {
  let fx: FolderApp;
  before(async () => {
    fx = await startFolderApp();
  });
  after(() => fx.close());

  it('16.1: delivered mail reaches both devices; Read and DeletesAsMoves travel from A to B', async () => {
    const { folders } = await fx.app.mailboxes.hierarchy.listFolders(ALICE.user);
    const inbox = folders.find((f) => f.type === INBOX);
    const trash = folders.find((f) => f.type === 4);
    assert.ok(inbox !== undefined && trash !== undefined);
    for (const subject of ['Mail one', 'Mail two', 'Mail three']) {
      await fx.app.mailboxes.mail.createItem(ALICE.user, inbox.id, { mime: mime(subject) });
    }
    const clientA = fx.device('MailA', '16.1');
    const clientB = fx.device('MailB', '16.1');
    const a = new SyncDevice(clientA, await folderOfType(clientA, INBOX));
    const b = new SyncDevice(clientB, await folderOfType(clientB, INBOX));
    await a.sync({ syncKey: '0' });
    const onA = (await a.sync({ options: PLAIN })).added;
    await b.sync({ syncKey: '0' });
    const onB = (await b.sync({ options: PLAIN })).added;
    assert.deepEqual(onA.map((m) => field(m.data, 'Email:Subject')).sort(), ['Mail one', 'Mail three', 'Mail two']);
    const body = onA[0]?.data === undefined ? undefined : firstChild(onA[0].data, 'AirSyncBase:Body');
    assert.match(field(body, 'AirSyncBase:Data') ?? '', /^Body of Mail/);
    const bySubject = (list: typeof onA, subject: string) => list.find((m) => field(m.data, 'Email:Subject') === subject)?.serverId ?? '';

    await a.sync({ options: PLAIN, ops: [{ change: bySubject(onA, 'Mail one'), data: [element('Email:Read', '1')] }] });
    const read = await b.sync({ options: PLAIN });
    assert.deepEqual(read.changed.map((m) => [m.serverId, field(m.data, 'Email:Read')]), [[bySubject(onB, 'Mail one'), '1']]);

    await a.sync({ options: PLAIN, ops: [{ delete: bySubject(onA, 'Mail two') }] });
    const gone = await b.sync({ options: PLAIN });
    assert.deepEqual(gone.deleted, [bySubject(onB, 'Mail two')]);
    const inTrash = await fx.app.mailboxes.mail.listItems(ALICE.user, trash.id);
    assert.equal(inTrash.items.length, 1);
  });

  it('16.1: FilterType keeps old mail off the device, and an old message it holds leaves as SoftDelete', async () => {
    const archive = await fx.app.mailboxes.hierarchy.createFolder(ALICE.user, { parentId: null, displayName: 'Filtered', type: 12 });
    const old = await fx.app.mailboxes.mail.createItem(ALICE.user, archive.id, { mime: mime('Old mail'), receivedAt: new Date(Date.now() - 10 * 86_400_000) });
    await fx.app.mailboxes.mail.createItem(ALICE.user, archive.id, { mime: mime('New mail') });
    const week = [element('AirSync:FilterType', '3'), ...PLAIN];

    const filtered = fx.device('MailFiltered', '16.1');
    const f = new SyncDevice(filtered, await folderOfType(filtered, 12));
    await f.sync({ syncKey: '0', options: week });
    const seen = await f.sync({ options: week });
    assert.deepEqual(seen.added.map((m) => field(m.data, 'Email:Subject')), ['New mail']);

    const all = fx.device('MailUnfiltered', '16.1');
    const u = new SyncDevice(all, await folderOfType(all, 12));
    await u.sync({ syncKey: '0', options: PLAIN });
    const everything = await u.sync({ options: PLAIN });
    assert.equal(everything.added.length, 2);
    const oldId = everything.added.find((m) => field(m.data, 'Email:Subject') === 'Old mail')?.serverId;
    await fx.app.mailboxes.mail.setFlags(ALICE.user, archive.id, old.id, { read: true });
    const narrowed = await u.sync({ options: week });
    assert.deepEqual(narrowed.softDeleted, [oldId]);
  });
});
