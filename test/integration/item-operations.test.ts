// ItemOperations over real HTTP with our EasClient: a synced message fetched whole as MIME and with
// its HTML body truncated, its attachment fetched by the FileReference Sync listed (whole, by
// Range, and in a multipart answer, also over the base64 request line), a fetch by LongId with no
// CollectionId (CLIENT-QUIRKS §7 #17, #18) that never reaches another user's mail, a document
// library fetch answered with a status, and EmptyFolderContents of Deleted Items followed by a Sync
// that sends the Deletes. Every WBXML answer, and part 0 of every multipart one, goes through
// libwbxml.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { itemOperations, itemOperationsFetch, readMultipart, type EasClient, type FetchSpec, type ItemOperationsResult } from '../../src/client/index.js';
import { formatLongId } from '../../src/commands/long-id.js';
import { element, firstChild, textContent, type WbxmlElement } from '../../src/eas/wbxml-body.js';
import { assertLibwbxmlAgrees } from '../helpers/libwbxml.js';
import { ALICE, BOB, startFolderApp, type FolderApp } from '../helpers/folder-http-kit.js';
import { SyncDevice, folderOfType } from './sync-kit.js';

const PNG = Uint8Array.from({ length: 1000 }, (_, i) => (i * 31 + 7) % 256);
const HTML = `<html><body><p>${'A long letter. '.repeat(60)}</p></body></html>`;

const message = (subject: string): Uint8Array => new TextEncoder().encode([
  'From: Bob <bob@example.org>', `To: ${ALICE.user}`, `Subject: ${subject}`, `Message-ID: <${subject.replace(/\W/g, '')}@example.org>`,
  'MIME-Version: 1.0', 'Content-Type: multipart/mixed; boundary="outer"', '', '--outer', 'Content-Type: text/html; charset=utf-8', '', HTML,
  '--outer', 'Content-Type: image/png; name="chart.png"', 'Content-Disposition: attachment; filename="chart.png"', 'Content-Transfer-Encoding: base64', '',
  Buffer.from(PNG).toString('base64').replace(/.{76}/g, '$&\r\n'), '--outer--', '',
].join('\r\n'));

const field = (data: WbxmlElement | undefined, name: string): string | undefined => {
  const el = data === undefined ? undefined : firstChild(data, name);
  return el === undefined ? undefined : textContent(el);
};

/** The answer checked with libwbxml: the WBXML body, or part 0 of a multipart one. */
async function checkedFetch(client: EasClient, fetches: FetchSpec[], multipart = false): Promise<ItemOperationsResult> {
  const result = await itemOperationsFetch(client, fetches, { multipart });
  assert.equal(result.response.status, 200);
  assert.equal(result.multipart, multipart);
  if (multipart) {
    assert.equal(result.response.headers.get('content-type'), 'application/vnd.ms-sync.multipart');
    await assertLibwbxmlAgrees(readMultipart(result.response.raw)[0] ?? new Uint8Array(0));
  } else {
    await assertLibwbxmlAgrees(result.response.raw);
  }
  assert.equal(result.status, 1);
  return result;
}

describe('ItemOperations over HTTP', () => {
  let fx: FolderApp;
  let inboxFolder: string;
  before(async () => {
    fx = await startFolderApp();
    const inbox = (await fx.app.mailboxes.hierarchy.listFolders(ALICE.user)).folders.find((f) => f.type === 2);
    assert.ok(inbox !== undefined);
    inboxFolder = inbox.id;
    await fx.app.mailboxes.mail.createItem(ALICE.user, inbox.id, { mime: message('Quarterly report') });
  });
  after(() => fx.close());

  it('16.1: fetches a synced message as MIME and as truncated HTML, and its attachment by the FileReference Sync listed', async () => {
    const client = fx.device('FetchA', '16.1');
    const inbox = new SyncDevice(client, await folderOfType(client, 2));
    await inbox.sync({ syncKey: '0' });
    const [synced] = (await inbox.sync({ options: [element('AirSyncBase:BodyPreference', [element('AirSyncBase:Type', '1'), element('AirSyncBase:TruncationSize', '200')])] })).added;
    assert.ok(synced !== undefined);
    const attachment = firstChild(firstChild(synced.data ?? element('AirSync:ApplicationData'), 'AirSyncBase:Attachments') ?? element('AirSyncBase:Attachments'), 'AirSyncBase:Attachment');
    const fileReference = field(attachment, 'AirSyncBase:FileReference') ?? '';
    assert.equal(field(attachment, 'AirSyncBase:DisplayName'), 'chart.png');

    const reply = await checkedFetch(client, [
      { collectionId: inbox.collectionId, serverId: synced.serverId, bodyPreferences: [{ type: 4 }], mimeSupport: 2 },
      { collectionId: inbox.collectionId, serverId: synced.serverId, bodyPreferences: [{ type: 2, truncationSize: 120 }] },
      { fileReference },
      { fileReference, range: '0-99' },
    ]);
    const [asMime, asHtml, whole, ranged] = reply.fetches;
    assert.equal(asMime?.className, 'Email');
    assert.match(Buffer.from(asMime?.body ?? []).toString('utf8'), /^From: Bob[\s\S]*Subject: Quarterly report[\s\S]*Content-Type: image\/png/);
    const htmlBody = asHtml?.properties === undefined ? undefined : firstChild(asHtml.properties, 'AirSyncBase:Body');
    assert.deepEqual([field(htmlBody, 'AirSyncBase:Type'), field(htmlBody, 'AirSyncBase:Truncated')], ['2', '1']);
    assert.ok((asHtml?.body?.length ?? 0) <= 120 && (asHtml?.body?.length ?? 0) > 0);
    assert.equal(field(whole?.properties, 'AirSyncBase:ContentType'), 'image/png');
    assert.deepEqual(Buffer.from(whole?.data ?? []), Buffer.from(PNG));
    assert.deepEqual([field(ranged?.properties, 'ItemOperations:Range'), field(ranged?.properties, 'ItemOperations:Total')], ['0-99', '1000']);
    assert.deepEqual(Buffer.from(ranged?.data ?? []), Buffer.from(PNG.subarray(0, 100)));
  });

  it('14.1: answers in multipart when asked, by header and by the base64 request line, with the data in parts', async () => {
    const plain = fx.device('FetchMulti', '14.1');
    const base64 = fx.client({ deviceId: 'FetchB64', deviceType: 'WindowsOutlook15', protocolVersion: '14.1', requestLineForm: 'base64' });
    const longId = formatLongId({ folderId: inboxFolder, itemId: (await fx.app.mailboxes.mail.listItems(ALICE.user, inboxFolder)).items[0]?.id ?? '' }) ?? '';
    for (const client of [plain, base64]) {
      const reply = await checkedFetch(client, [{ fileReference: `${longId}:0` }, { longId, bodyPreferences: [{ type: 2 }] }], true);
      assert.deepEqual(Buffer.from(reply.fetches[0]?.data ?? []), Buffer.from(PNG));
      assert.equal(Buffer.from(reply.fetches[1]?.body ?? []).toString('utf8'), HTML);
      const properties = reply.fetches[0]?.properties;
      assert.ok(properties !== undefined && firstChild(properties, 'ItemOperations:Part') !== undefined && firstChild(properties, 'ItemOperations:Data') === undefined);
    }
  });

  it('12.1: a LongId fetch needs no CollectionId, and another user LongId or ServerId never resolves', async () => {
    const client = fx.device('FetchLong', '12.1');
    await folderOfType(client, 2);
    const bobInbox = (await fx.app.mailboxes.hierarchy.listFolders(BOB.user)).folders.find((f) => f.type === 2);
    assert.ok(bobInbox !== undefined);
    const bobs = await fx.app.mailboxes.mail.createItem(BOB.user, bobInbox.id, { mime: message('Bob private') });
    const bobDevice = fx.device('BobPhone', '12.1', BOB);
    const bobInboxId = await folderOfType(bobDevice, 2);
    const bobSync = new SyncDevice(bobDevice, bobInboxId);
    const [bobItem] = await bobSync.initial();
    const aliceLongId = formatLongId({ folderId: inboxFolder, itemId: (await fx.app.mailboxes.mail.listItems(ALICE.user, inboxFolder)).items[0]?.id ?? '' }) ?? '';
    const reply = await checkedFetch(client, [
      { longId: aliceLongId, schema: ['Email:Subject'] },
      { longId: formatLongId({ folderId: bobInbox.id, itemId: bobs.id }) ?? '' },
      { collectionId: bobInboxId, serverId: bobItem?.serverId ?? '' },
      { fileReference: `${formatLongId({ folderId: bobInbox.id, itemId: bobs.id })}:0` },
      { store: 'DocumentLibrary', linkId: 'file://fileserver/share/report.docx' },
    ]);
    assert.deepEqual(reply.fetches.map((f) => f.status), [1, 6, 6, 15, 9]);
    assert.equal(field(reply.fetches[0]?.properties, 'Email:Subject'), 'Quarterly report');
    assert.equal(reply.fetches[0]?.collectionId, undefined);
  });

  it('16.1: EmptyFolderContents of Deleted Items, then the next Sync sends a Delete for each message', async () => {
    const trash = (await fx.app.mailboxes.hierarchy.listFolders(ALICE.user)).folders.find((f) => f.type === 4);
    assert.ok(trash !== undefined);
    for (const subject of ['Old one', 'Old two']) await fx.app.mailboxes.mail.createItem(ALICE.user, trash.id, { mime: message(subject) });
    const client = fx.device('Emptier', '16.1');
    const device = new SyncDevice(client, await folderOfType(client, 4));
    const held = (await device.initial()).map((m) => m.serverId).sort();
    assert.equal(held.length, 2);
    const result = await itemOperations(client, [{ emptyFolder: { collectionId: device.collectionId, deleteSubfolders: true } }, { emptyFolder: { collectionId: await folderOfType(client, 8) } }]);
    await assertLibwbxmlAgrees(result.response.raw);
    assert.deepEqual(result.emptied.map((e) => [e.collectionId, e.status]), [[device.collectionId, 1], [await folderOfType(client, 8), 156]]);
    const after = await device.sync();
    assert.deepEqual([...after.deleted].sort(), held);
    assert.equal((await fx.app.mailboxes.mail.listItems(ALICE.user, trash.id)).items.length, 0);
  });
});
