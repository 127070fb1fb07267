// Sync and GetItemEstimate statuses over real HTTP: unknown collection 12, unknown key 3, a
// repeated SyncKey 0 answered identically, an empty body with nothing cached 13 and with a cached
// request an empty 200 when nothing changed (never `<Collections/>`), partial Sync, Wait out of
// range 14 with Limit, Wait and HeartbeatInterval together 4, a held Sync woken by a change, and
// GetItemEstimate 2 / 3 / 4 and the count of pending changes.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { readGetItemEstimateReply } from '../../src/client/response-readers.js';
import { element } from '../../src/eas/wbxml-body.js';
import { ALICE, startFolderApp, type FolderApp } from '../helpers/folder-http-kit.js';
import { assertLibwbxmlAgrees } from '../helpers/libwbxml.js';
import { SyncDevice, folderOfType, sendSync, syncRequest } from './sync-kit.js';

const NOTES = 10;

describe('Sync statuses over HTTP', () => {
  let fx: FolderApp;
  let notesFolder: string;
  before(async () => {
    fx = await startFolderApp();
    const folders = await fx.app.mailboxes.hierarchy.listFolders(ALICE.user);
    notesFolder = folders.folders.find((f) => f.type === NOTES)?.id ?? '';
  });
  after(() => fx.close());

  const addNote = (subject: string) => fx.app.mailboxes.notes.createItem(ALICE.user, notesFolder, { subject, body: subject, categories: [] });

  it('an unknown collection is 12, an unknown key 3 with SyncKey 0', async () => {
    const client = fx.device('StatusKeys', '16.1');
    const device = new SyncDevice(client, await folderOfType(client, NOTES));
    const unknown = await sendSync(client, syncRequest([{ collectionId: '9999', syncKey: '0' }]));
    assert.deepEqual(unknown.collections.map((c) => [c.collectionId, c.status]), [['9999', 12]]);
    await device.initial();
    const bad = await device.sync({ syncKey: '424242' });
    assert.deepEqual([bad.status, bad.syncKey], [3, '0']);
    const garbage = await device.sync({ syncKey: 'not-a-key' });
    assert.equal(garbage.status, 3);
  });

  it('a second SyncKey 0 before anything was sent gets the same key', async () => {
    const client = fx.device('StatusZero', '16.1');
    const collectionId = await folderOfType(client, NOTES);
    const first = await sendSync(client, syncRequest([{ collectionId, syncKey: '0' }]));
    const second = await sendSync(client, syncRequest([{ collectionId, syncKey: '0' }]));
    assert.equal(first.collections[0]?.status, 1);
    assert.deepEqual(second.response.raw, first.response.raw);
  });

  it('an empty body is 13 with nothing cached, an empty 200 when nothing changed, the changes otherwise', async () => {
    const client = fx.device('StatusEmpty', '16.1');
    const device = new SyncDevice(client, await folderOfType(client, NOTES));
    const nothing = await sendSync(client, undefined);
    assert.deepEqual([nothing.status, nothing.collections.length], [13, 0]);
    await device.initial();
    const unchanged = await sendSync(client, undefined);
    assert.equal(unchanged.empty, true);
    await addNote('Empty body change');
    const changed = await sendSync(client, undefined);
    assert.equal(changed.collections.length, 1);
    assert.equal(changed.collections[0]?.added.length, 1);
    const partial = await sendSync(client, element('AirSync:Sync', element('AirSync:Partial')));
    assert.equal(partial.empty, true);
  });

  it('Wait out of range is 14 with Limit; Wait with HeartbeatInterval is 4; no CollectionId is 4', async () => {
    const client = fx.device('StatusWait', '16.1');
    const collectionId = await folderOfType(client, NOTES);
    const tooLong = await sendSync(client, syncRequest([{ collectionId, syncKey: '0' }], [element('AirSync:Wait', '60')]));
    assert.deepEqual([tooLong.status, tooLong.limit], [14, 59]);
    const tooShort = await sendSync(client, syncRequest([{ collectionId, syncKey: '0' }], [element('AirSync:HeartbeatInterval', '10')]));
    assert.deepEqual([tooShort.status, tooShort.limit], [14, 60]);
    const both = await sendSync(client, syncRequest([{ collectionId, syncKey: '0' }], [element('AirSync:Wait', '5'), element('AirSync:HeartbeatInterval', '300')]));
    assert.equal(both.status, 4);
    const malformed = await sendSync(client, element('AirSync:Sync', element('AirSync:Collections', element('AirSync:Collection', element('AirSync:SyncKey', '0')))));
    assert.equal(malformed.status, 4);
  });

  it('a held Sync (Wait) answers as soon as a note is added', async () => {
    const client = fx.device('StatusHold', '16.1');
    const device = new SyncDevice(client, await folderOfType(client, NOTES));
    await device.initial();
    const started = Date.now();
    const held = sendSync(client, syncRequest([{ collectionId: device.collectionId, syncKey: device.key }], [element('AirSync:Wait', '1')]));
    setTimeout(() => void addNote('Wakes the held Sync'), 300);
    const reply = await held;
    assert.ok(Date.now() - started < 10_000);
    assert.equal(reply.collections[0]?.added.length, 1);
  });

  it('a new Sync from the same device ends the one it holds', async () => {
    const client = fx.device('StatusTakeover', '16.1');
    const device = new SyncDevice(client, await folderOfType(client, NOTES));
    await device.initial();
    const started = Date.now();
    const held = sendSync(client, syncRequest([{ collectionId: device.collectionId, syncKey: device.key }], [element('AirSync:Wait', '5')]));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const second = await device.sync();
    const first = await held;
    assert.ok(Date.now() - started < 10_000);
    assert.deepEqual([first.collections[0]?.status, first.collections[0]?.syncKey, second.status], [1, device.key, 1]);
  });

  it('GetItemEstimate: 2 for an unknown collection, 3 before the first Sync, 4 for a bad key, else the count', async () => {
    const client = fx.device('StatusEstimate', '16.1');
    const device = new SyncDevice(client, await folderOfType(client, NOTES));
    const estimate = async (collectionId: string, syncKey: string) => {
      const body = element('GetItemEstimate:GetItemEstimate', element('GetItemEstimate:Collections', element('GetItemEstimate:Collection', [
        element('AirSync:SyncKey', syncKey), element('GetItemEstimate:CollectionId', collectionId),
      ])));
      const response = await client.send('GetItemEstimate', body);
      assert.equal(response.status, 200);
      await assertLibwbxmlAgrees(response.raw);
      assert.ok(response.body !== undefined);
      return readGetItemEstimateReply(response.body)[0];
    };
    assert.equal((await estimate('9999', '1'))?.status, 2);
    assert.equal((await estimate(device.collectionId, '0'))?.status, 3);
    await device.initial();
    assert.equal((await estimate(device.collectionId, '777777'))?.status, 4);
    assert.deepEqual([(await estimate(device.collectionId, device.key))?.status, (await estimate(device.collectionId, device.key))?.estimate], [1, 0]);
    for (let i = 0; i < 5; i += 1) await addNote(`Estimate ${i}`);
    const counted = await estimate(device.collectionId, device.key);
    assert.deepEqual([counted?.status, counted?.estimate], [1, 5]);
  });

  it('2.5: our client\'s own Sync and GetItemEstimate (Class first, TbSync order) on contacts', async () => {
    const client = fx.device('StatusLegacy', '2.5');
    const collectionId = await folderOfType(client, 9);
    const first = await client.sync(collectionId, { className: 'Contacts' });
    assert.equal(first.status, 1);
    const contacts = (await fx.app.mailboxes.hierarchy.listFolders(ALICE.user)).folders.find((f) => f.type === 9);
    await fx.app.mailboxes.contacts.createItem(ALICE.user, contacts?.id ?? '', { vcard: 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Grace Hopper\r\nN:Hopper;Grace;;;\r\nEND:VCARD\r\n' });
    const estimate = await client.getItemEstimate(collectionId, { className: 'Contacts' });
    await assertLibwbxmlAgrees(estimate.response.raw);
    assert.deepEqual([estimate.status, estimate.estimate], [1, 1]);
    const synced = await client.sync(collectionId, { className: 'Contacts' });
    await assertLibwbxmlAgrees(synced.response.raw);
    assert.equal(synced.added.length, 1);
  });
});
