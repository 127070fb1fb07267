// A client Add the converter carries out without leaving an item in the synced folder
// (ItemConverter.create resolving to undefined, as a 16.x draft added with Email2:Send does), on
// the real engine, embedded store and SQLite state: the Add is answered with a ServerId, the
// device is told to delete it in its next reply and never in this one, a resent previous key gets
// the same reply without a second create, a loop-detection rebuild still owes the Delete, and a
// create that rejects the data is Status 6 with nothing owed. The converter is a stand-in for
// the mail converter: it files notes whose subject starts with "elsewhere" in another folder.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { EmbeddedStore } from '../backends/embedded/embedded-store.js';
import { deviceKey } from '../domain/device.js';
import { InvalidInputError } from '../domain/errors.js';
import type { NoteContent, StoredItem } from '../domain/item.js';
import type { NoteStore } from '../domain/note-store.js';
import type { StateStore } from '../domain/state-store.js';
import { childElements, element, firstChild, qualifiedName, textContent, type WbxmlElement } from '../eas/wbxml-body.js';
import { openStateStore } from '../state/open-state-store.js';
import type { ItemConverter } from './item-converter.js';
import { LOOP_REPLAY_LIMIT } from './loop-detection.js';
import { SyncEngine } from './sync-engine.js';
import type { ClientCommand, CollectionRequest, SyncDevice } from './sync-request.js';

const USER = 'adds@example.org';

const text = (parent: WbxmlElement | undefined, name: string): string | undefined => {
  const el = parent === undefined ? undefined : firstChild(parent, name);
  return el === undefined ? undefined : textContent(el);
};
const commands = (reply: WbxmlElement): string[] =>
  childElements(firstChild(reply, 'AirSync:Commands') ?? element('AirSync:Commands'))
    .map((c) => `${qualifiedName(c).slice('AirSync:'.length)} ${text(c, 'AirSync:ServerId') ?? ''}`);
const responses = (reply: WbxmlElement): Array<Record<string, string | undefined>> =>
  childElements(firstChild(reply, 'AirSync:Responses') ?? element('AirSync:Responses')).map((r) => ({
    kind: qualifiedName(r), clientId: text(r, 'AirSync:ClientId'), serverId: text(r, 'AirSync:ServerId'), status: text(r, 'AirSync:Status'),
  }));
const keyOf = (reply: WbxmlElement): string => text(reply, 'AirSync:SyncKey') ?? '';
const add = (clientId: string, subject: string): ClientCommand =>
  ({ kind: 'add', clientId, appData: element('AirSync:ApplicationData', element('Notes:Subject', subject)) });

describe('client Adds that leave no item in the folder', () => {
  let dir: string;
  let state: StateStore;
  let stores: EmbeddedStore;
  let engine: SyncEngine;
  let folderId: string;
  let elsewhereId: string;
  let collectionId: string;
  const creates: string[] = [];
  const device: SyncDevice = { user: USER, deviceId: 'addphone', protocolVersion: '16.1' };
  const request = (syncKey: string, extra: Partial<CollectionRequest> = {}): CollectionRequest => ({
    collectionId, syncKey, getChanges: true, windowSize: 100, deletesAsMoves: false, options: { bodyPreferences: [] }, commands: [], ...extra,
  });

  const converter: ItemConverter = {
    encode: (item) => [element('Notes:Subject', (item as StoredItem<NoteContent>).content.subject)],
    decode: (appData) => ({ subject: text(appData, 'Notes:Subject') ?? '', body: '', categories: [] }),
    async create(target, input) {
      const note = input as NoteContent;
      creates.push(target.clientRef);
      if (note.subject === 'unreadable') throw new InvalidInputError('not a note this class can keep');
      const store = target.store as NoteStore;
      if (!note.subject.startsWith('elsewhere')) return store.createItem(target.user, target.folderId, note, { clientRef: target.clientRef });
      await store.createItem(target.user, elsewhereId, note, { clientRef: target.clientRef });
      return undefined;
    },
  };

  const syncFrom = async (syncKey: string, extra: Partial<CollectionRequest> = {}): Promise<WbxmlElement> =>
    (await engine.syncCollection(device, request(syncKey, extra))).element;
  const current = async (): Promise<string> => (await engine.currentKey(device, collectionId)) ?? '';
  const subjects = async (folder: string): Promise<string[]> => {
    const ids = (await stores.notes.listItems(USER, folder)).items.map((i) => i.id);
    return (await stores.notes.getItems(USER, folder, ids)).map((i) => i.content.subject);
  };

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pushbridge-client-adds-'));
    state = await openStateStore({ kind: 'sqlite', dataDir: dir });
    stores = EmbeddedStore.open(dir);
    engine = new SyncEngine({ state, stores, converters: { Notes: converter } });
    await state.devices.record({ user: USER, deviceId: device.deviceId, deviceType: 'iPhone' });
    const notes = (await stores.hierarchy.listFolders(USER)).folders.find((f) => f.type === 10);
    assert.ok(notes !== undefined);
    folderId = notes.id;
    elsewhereId = (await stores.hierarchy.createFolder(USER, { parentId: null, displayName: 'Elsewhere', type: 17 })).id;
    const ids = await state.hierarchy.assignServerIds(deviceKey(USER, device.deviceId), [folderId]);
    collectionId = ids.get(folderId) ?? '';
    await syncFrom('0');
  });
  after(async () => {
    await state.close();
    await stores.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('answers the ClientId with a ServerId and deletes it in the next reply, not in this one', async () => {
    const reply = await syncFrom(await current(), { commands: [add('c1', 'elsewhere one')] });
    const [answer] = responses(reply);
    assert.equal(answer?.status, '1');
    assert.equal(answer.clientId, 'c1');
    assert.ok(answer.serverId !== undefined && answer.serverId.startsWith(`${collectionId}:`));
    assert.deepEqual(commands(reply), []);
    assert.deepEqual(await subjects(folderId), []);
    assert.deepEqual(await subjects(elsewhereId), ['elsewhere one']);
    // A GetItemEstimate (and so a Ping) sees the Delete it owes.
    assert.deepEqual(await engine.estimate(device, collectionId, keyOf(reply), { bodyPreferences: [] }), { status: 1, estimate: 1 });

    const next = await syncFrom(keyOf(reply));
    assert.deepEqual(commands(next), [`Delete ${answer.serverId}`]);
    const after = await engine.syncCollection(device, request(keyOf(next)));
    assert.deepEqual([after.reported, commands(after.element)], [false, []]);
  });

  it('gives a resent previous key the same reply without creating again', async () => {
    const base = await current();
    creates.length = 0;
    const first = await syncFrom(base, { commands: [add('c2', 'elsewhere two')] });
    const again = await engine.syncCollection(device, request(base, { commands: [add('c2', 'elsewhere two')] }));
    assert.equal(again.replayed, true);
    assert.deepEqual(again.element, first);
    assert.equal(creates.length, 1);
    assert.deepEqual((await subjects(elsewhereId)).filter((s) => s === 'elsewhere two'), ['elsewhere two']);
    assert.deepEqual(commands(await syncFrom(keyOf(first))), [`Delete ${responses(first)[0]?.serverId}`]);
  });

  it('keeps the Delete for the next Sync when this one asks for no changes', async () => {
    const reply = await syncFrom(await current(), { getChanges: false, commands: [add('c3', 'elsewhere three')] });
    const serverId = responses(reply)[0]?.serverId;
    assert.deepEqual(commands(reply), []);
    assert.deepEqual(commands(await syncFrom(keyOf(reply))), [`Delete ${serverId}`]);
  });

  it('owes no Delete once the device deleted the item itself', async () => {
    const reply = await syncFrom(await current(), { commands: [add('c4', 'elsewhere four')] });
    const serverId = responses(reply)[0]?.serverId ?? '';
    const deleted = await syncFrom(keyOf(reply), { commands: [{ kind: 'delete', serverId }] });
    assert.deepEqual([responses(deleted), commands(deleted)], [[], []]);
    assert.equal((await engine.syncCollection(device, request(keyOf(deleted)))).reported, false);
  });

  it('answers Status 6 for data create rejects and owes nothing, while a kept item is mapped as usual', async () => {
    const reply = await syncFrom(await current(), { commands: [add('c5', 'unreadable'), add('c6', 'kept here')] });
    const [rejected, kept] = responses(reply);
    assert.deepEqual(rejected, { kind: 'AirSync:Add', clientId: 'c5', serverId: undefined, status: '6' });
    assert.equal(kept?.status, '1');
    assert.deepEqual(await subjects(folderId), ['kept here']);
    assert.equal((await engine.syncCollection(device, request(keyOf(reply)))).reported, false);
  });

  it('still owes the Delete after loop detection rebuilt the reply', async () => {
    const base = await current();
    await stores.notes.createItem(USER, folderId, { subject: 'server note', body: '', categories: [] });
    const first = await syncFrom(base, { commands: [add('c7', 'elsewhere seven')] });
    const serverId = responses(first)[0]?.serverId;
    assert.equal(commands(first).length, 1, 'the reply carries the server note, so its replays count');
    let rebuilt: WbxmlElement = first;
    for (let replay = 0; replay <= LOOP_REPLAY_LIMIT; replay += 1) rebuilt = await syncFrom(base, { commands: [add('c7', 'elsewhere seven')] });
    assert.notEqual(keyOf(rebuilt), keyOf(first), 'the last replay was rebuilt under a new key');
    assert.deepEqual(responses(rebuilt), responses(first));
    assert.ok(commands(await syncFrom(keyOf(rebuilt))).includes(`Delete ${serverId}`));
  });
});
