// The Ping's look for changes the device has not fetched, against the real embedded store, SQLite
// state and Sync engine: a never-synced collection and a fresh key 0 count as changed, a drained
// collection does not, a change committed after the last Sync does, and the Sync that fetches it
// clears it again.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { EmbeddedStore } from '../backends/embedded/embedded-store.js';
import { deviceKey, type DeviceKey } from '../domain/device.js';
import type { Folder } from '../domain/folder.js';
import type { NoteContent, StoredItem } from '../domain/item.js';
import type { StateStore } from '../domain/state-store.js';
import { element, firstChild, textContent, type WbxmlElement } from '../eas/wbxml-body.js';
import { openStateStore } from '../state/open-state-store.js';
import type { ItemConverter } from './item-converter.js';
import { collectionBacklog } from './push-hub-backlog.js';
import { SyncEngine } from './sync-engine.js';
import type { SyncDevice } from './sync-request.js';

const USER = 'backlog@example.org';

const subjectConverter: ItemConverter = {
  encode: (item) => [element('Notes:Subject', (item as StoredItem<NoteContent>).content.subject)],
  decode: (appData) => ({ subject: textContent(firstChild(appData, 'Notes:Subject') ?? element('Notes:Subject')), body: '', categories: [] }),
};

const keyOf = (el: WbxmlElement): string => textContent(firstChild(el, 'AirSync:SyncKey') ?? element('AirSync:SyncKey'));

describe('collectionBacklog', () => {
  let dir: string;
  let state: StateStore;
  let stores: EmbeddedStore;
  let engine: SyncEngine;
  let notes: Folder;
  let collectionId: string;
  const device: SyncDevice = { user: USER, deviceId: 'backlogphone', protocolVersion: '16.1' };
  const key: DeviceKey = deviceKey(USER, device.deviceId);
  let syncKey = '0';

  const sync = async (): Promise<void> => {
    const outcome = await engine.syncCollection(device, {
      collectionId, syncKey, getChanges: syncKey !== '0', windowSize: 1, deletesAsMoves: true, options: { bodyPreferences: [] }, commands: [],
    });
    syncKey = keyOf(outcome.element);
  };
  const backlog = () => collectionBacklog({ state, stores }, key, collectionId, notes);

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pushbridge-backlog-'));
    state = await openStateStore({ kind: 'sqlite', dataDir: dir });
    stores = EmbeddedStore.open(dir);
    engine = new SyncEngine({ state, stores, converters: { Notes: subjectConverter } });
    await state.devices.record({ user: USER, deviceId: device.deviceId, deviceType: 'iPhone' });
    const folder = (await stores.hierarchy.listFolders(USER)).folders.find((f) => f.type === 10);
    assert.ok(folder !== undefined);
    notes = folder;
    collectionId = (await state.hierarchy.assignServerIds(key, [notes.id])).get(notes.id) ?? '';
    await stores.notes.createItem(USER, notes.id, { subject: 'one', body: '', categories: [] });
    await stores.notes.createItem(USER, notes.id, { subject: 'two', body: '', categories: [] });
  });
  after(async () => {
    await state.close();
    await stores.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('a collection the device never synced counts as changed, with key 0', async () => {
    assert.deepEqual(await backlog(), { syncKey: 0, changed: true });
  });

  it('after key 0 the items are still to come; with MoreAvailable some are still queued', async () => {
    await sync();
    assert.deepEqual(await backlog(), { syncKey: Number(syncKey), changed: true });
    await sync();
    assert.deepEqual(await backlog(), { syncKey: Number(syncKey), changed: true });
  });

  it('a drained collection has nothing; a change committed afterwards has, until a Sync fetches it', async () => {
    await sync();
    assert.deepEqual(await backlog(), { syncKey: Number(syncKey), changed: false });
    await stores.notes.createItem(USER, notes.id, { subject: 'three', body: '', categories: [] });
    assert.deepEqual(await backlog(), { syncKey: Number(syncKey), changed: true });
    await sync();
    assert.deepEqual(await backlog(), { syncKey: Number(syncKey), changed: false });
  });
});
