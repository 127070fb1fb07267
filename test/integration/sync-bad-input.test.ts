// Bad or unusual client input over real HTTP, each answered with the status MS-ASCMD 2.2.3.177.17
// gives it (and every reply checked with libwbxml): a 16.x draft uploaded as MIME is stored as
// sent and one cut off in transit is 6; mail added outside Drafts or before 16.0 is 6; a Change to
// a contact or event another device deleted is 8; a ClientId used twice in one request is one
// item; an unknown collection is 12; too many collections is 15. And two traces of CLIENT-QUIRKS
// §7: iOS's two SyncKey 0 for one mail folder (#8) and a device that keeps resending its key (#28).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { element, firstChild, textContent, type WbxmlElement } from '../../src/eas/wbxml-body.js';
import { LOOP_REPLAY_LIMIT } from '../../src/sync/loop-detection.js';
import { MAX_SYNC_COLLECTIONS } from '../../src/sync/sync-request.js';
import { ALICE, startFolderApp, type FolderApp } from '../helpers/folder-http-kit.js';
import { SyncDevice, familyDevice, folderOfType, sendSync, syncRequest, type CollectionSpec } from './sync-kit.js';

const DRAFTS = 3;
const INBOX = 2;
const PLAIN = [element('AirSyncBase:BodyPreference', [element('AirSyncBase:Type', '1'), element('AirSyncBase:TruncationSize', '4096')])];
const subject = (data: WbxmlElement | undefined): string | undefined => {
  const el = data === undefined ? undefined : firstChild(data, 'Email:Subject');
  return el === undefined ? undefined : textContent(el);
};

const MIME_DRAFT = [
  `From: ${ALICE.user}`, 'To: bob@example.org', 'Subject: Uploaded draft', 'MIME-Version: 1.0', 'Content-Type: multipart/mixed; boundary="XyZ"', '',
  '--XyZ', 'Content-Type: text/plain; charset=utf-8', '', 'Draft text', '--XyZ', 'Content-Type: text/plain; name="a.txt"', 'Content-Disposition: attachment; filename="a.txt"', '', 'attached', '--XyZ--', '',
].join('\r\n');
const mimeBody = (mime: string) => [element('AirSyncBase:Body', [element('AirSyncBase:Type', '4'), element('AirSyncBase:Data', new TextEncoder().encode(mime))])];

describe('Sync of bad or unusual client input', () => {
  let fx: FolderApp;
  before(async () => {
    fx = await startFolderApp();
  });
  after(() => fx.close());

  const drafts = async () => (await fx.app.mailboxes.hierarchy.listFolders(ALICE.user)).folders.find((f) => f.type === DRAFTS)?.id ?? '';

  async function device(name: string, type: number, version: '14.1' | '16.1' = '16.1', family: 'iPhone' | 'Android' = 'iPhone'): Promise<SyncDevice> {
    const client = familyDevice(fx, family, name, version);
    const d = new SyncDevice(client, await folderOfType(client, type));
    await d.sync({ syncKey: '0', options: PLAIN });
    await d.drain();
    return d;
  }

  it('16.1: a draft uploaded as MIME is stored byte for byte in Drafts and reaches the other device', async () => {
    const a = await device('DraftUpA', DRAFTS);
    const b = await device('DraftUpB', DRAFTS, '16.1', 'Android');
    const added = await a.sync({ options: PLAIN, ops: [{ add: 'm1', data: mimeBody(MIME_DRAFT) }] });
    assert.deepEqual(added.responses.map((r) => [r.kind, r.status]), [['Add', 1]]);
    const stored = await fx.app.mailboxes.mail.getItems(ALICE.user, await drafts(), (await fx.app.mailboxes.mail.listItems(ALICE.user, await drafts())).items.map((i) => i.id));
    assert.ok(stored.some((m) => Buffer.from(m.mime).toString('utf8') === MIME_DRAFT));
    const seen = await b.sync({ options: PLAIN });
    const draft = seen.added.find((m) => subject(m.data) === 'Uploaded draft');
    assert.ok(draft?.data !== undefined);
    assert.equal(textContent(firstChild(draft.data, 'Email2:IsDraft') ?? element('Email2:IsDraft')), '1');
  });

  it('16.1: a MIME draft cut off before its closing boundary is 6 and nothing is stored', async () => {
    const a = await device('DraftCut', DRAFTS);
    const before = (await fx.app.mailboxes.mail.listItems(ALICE.user, await drafts())).items.length;
    const cut = MIME_DRAFT.slice(0, MIME_DRAFT.indexOf('attached') + 4);
    const reply = await a.sync({ options: PLAIN, ops: [{ add: 'cut', data: mimeBody(cut) }] });
    assert.deepEqual(reply.responses.map((r) => [r.kind, r.clientId, r.status]), [['Add', 'cut', 6]]);
    assert.equal((await fx.app.mailboxes.mail.listItems(ALICE.user, await drafts())).items.length, before);
  });

  it('mail added outside Drafts, or in Drafts before 16.0, is 6', async () => {
    const inbox = await device('MailAddInbox', INBOX);
    const old = await device('MailAdd141', DRAFTS, '14.1');
    const fields = [element('Email:To', 'bob@example.org'), element('Email:Subject', 'Nope')];
    assert.deepEqual((await inbox.sync({ options: PLAIN, ops: [{ add: 'i1', data: fields }] })).responses.map((r) => r.status), [6]);
    assert.deepEqual((await old.sync({ options: PLAIN, ops: [{ add: 'o1', data: fields }] })).responses.map((r) => r.status), [6]);
  });

  for (const [name, type, data] of [
    ['contact', 9, [element('Contacts:FirstName', 'Gone'), element('Contacts:LastName', 'Elsewhere')]],
    ['event', 8, [element('Calendar:DtStamp', '20261120T090000Z'), element('Calendar:StartTime', '20261201T100000Z'), element('Calendar:Subject', 'Gone'), element('Calendar:EndTime', '20261201T110000Z')]],
  ] as const) {
    it(`a Change to a ${name} another device deleted is 8, and the Delete follows`, async () => {
      const a = await device(`Deleted${name}A`, type);
      const b = await device(`Deleted${name}B`, type, '16.1', 'Android');
      const onA = (await a.sync({ ops: [{ add: 'x', data: [...data] }] })).responses[0]?.serverId ?? '';
      const onB = (await b.sync()).added[0]?.serverId ?? '';
      await a.sync({ ops: [{ delete: onA }] });
      const reply = await b.sync({ ops: [{ change: onB, data: [...data] }] });
      assert.deepEqual(reply.responses.map((r) => [r.kind, r.serverId, r.status]), [['Change', onB, 8]]);
      assert.deepEqual(reply.deleted, [onB]);
    });
  }

  it('a ClientId used twice in one request is one item with one ServerId', async () => {
    const a = await device('TwiceInOne', 9);
    const data = [element('Contacts:FirstName', 'Twice'), element('Contacts:LastName', 'Sent')];
    const reply = await a.sync({ ops: [{ add: 'same', data }, { add: 'same', data }] });
    assert.deepEqual(reply.responses.map((r) => [r.kind, r.status]), [['Add', 1], ['Add', 1]]);
    assert.equal(reply.responses[0]?.serverId, reply.responses[1]?.serverId);
  });

  it(`an unknown collection is 12; more than ${MAX_SYNC_COLLECTIONS} collections in one request is 15`, async () => {
    const client = familyDevice(fx, 'Android', 'TooMany', '14.1');
    const notes = await folderOfType(client, 10);
    const unknown = await sendSync(client, syncRequest([{ collectionId: '999999', syncKey: '0' }]));
    assert.deepEqual(unknown.collections.map((c) => c.status), [12]);
    const many: CollectionSpec[] = Array.from({ length: MAX_SYNC_COLLECTIONS + 1 }, () => ({ collectionId: notes, syncKey: '0' }));
    const refused = await sendSync(client, syncRequest(many));
    assert.deepEqual([refused.status, refused.collections.length], [15, 0]);
  });

  it('CLIENT-QUIRKS §7 #8: two SyncKey 0 for one mail folder at once, then every message exactly once', async () => {
    const folder = await fx.app.mailboxes.hierarchy.createFolder(ALICE.user, { parentId: null, displayName: 'Twice zero', type: 12 });
    for (let i = 0; i < 5; i += 1) {
      const mime = `From: bob@example.org\r\nTo: ${ALICE.user}\r\nSubject: Zero ${i}\r\nMessage-ID: <zero${i}@example.org>\r\n\r\nHello\r\n`;
      await fx.app.mailboxes.mail.createItem(ALICE.user, folder.id, { mime: new TextEncoder().encode(mime) });
    }
    const client = familyDevice(fx, 'iPhone', 'TwiceZero', '16.1');
    const d = new SyncDevice(client, await folderOfType(client, 12));
    const zero = syncRequest([{ collectionId: d.collectionId, syncKey: '0', options: PLAIN }]);
    const [first, second] = await Promise.all([sendSync(client, zero), sendSync(client, zero)]);
    assert.deepEqual(second.response.raw, first.response.raw);
    d.key = first.collections[0]?.syncKey ?? '';
    const items = await d.drain(2);
    assert.deepEqual(items.map((m) => subject(m.data)).sort(), ['Zero 0', 'Zero 1', 'Zero 2', 'Zero 3', 'Zero 4']);
  });

  it(`CLIENT-QUIRKS §7 #28: a key resent ${LOOP_REPLAY_LIMIT} times is replayed, the next time the items come one at a time`, async () => {
    const d = await device('Resender', 10);
    const notes = (await fx.app.mailboxes.hierarchy.listFolders(ALICE.user)).folders.find((f) => f.type === 10)?.id ?? '';
    for (let i = 0; i < 4; i += 1) await fx.app.mailboxes.notes.createItem(ALICE.user, notes, { subject: `Resent ${i}`, body: '', categories: [] });
    const key = d.key;
    const first = await d.sync();
    assert.equal(first.added.length, 4);
    for (let i = 0; i < LOOP_REPLAY_LIMIT; i += 1) {
      const again = await d.sync({ syncKey: key });
      assert.deepEqual(again.exchange.response.raw, first.exchange.response.raw);
    }
    const probe = await d.sync({ syncKey: key });
    assert.equal(probe.added.length, 1);
    assert.notEqual(probe.syncKey, first.syncKey);
    assert.equal(probe.moreAvailable, true);
  });
});
