// The Sync engine against the real embedded store and SQLite state store (no HTTP): overlapping
// requests of one device serialize and the loser gets the winner's reply replayed, an item the
// converter cannot encode is skipped once instead of looping, and Conflict 0 lets the client win.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { EmbeddedStore } from '../backends/embedded/embedded-store.js';
import { deviceKey } from '../domain/device.js';
import type { NoteContent, StoredItem } from '../domain/item.js';
import type { StateStore } from '../domain/state-store.js';
import { element, firstChild, qualifiedName, textContent, type WbxmlElement } from '../eas/wbxml-body.js';
import { openStateStore } from '../state/open-state-store.js';
import type { ItemConverter } from './item-converter.js';
import { SyncEngine } from './sync-engine.js';
import type { CollectionRequest, SyncDevice } from './sync-request.js';

const USER = 'engine@example.org';

/** A minimal notes converter: subject only; a subject "broken" cannot be encoded. */
const subjectConverter: ItemConverter = {
  encode(item) {
    const { subject } = (item as StoredItem<NoteContent>).content;
    if (subject === 'broken') throw new Error('cannot encode');
    return [element('Notes:Subject', subject)];
  },
  decode(appData, existing) {
    const subject = textContent(firstChild(appData, 'Notes:Subject') ?? element('Notes:Subject'));
    const base = (existing as StoredItem<NoteContent> | undefined)?.content;
    return { subject, body: base?.body ?? '', categories: base?.categories ?? [] };
  },
};

const commandsOf = (el: WbxmlElement, name: string): WbxmlElement[] =>
  (firstChild(el, 'AirSync:Commands')?.children ?? []).filter((c): c is WbxmlElement => typeof c === 'object' && 'tag' in c && qualifiedName(c) === name);
const keyOf = (el: WbxmlElement): string => textContent(firstChild(el, 'AirSync:SyncKey') ?? element('AirSync:SyncKey'));

describe('SyncEngine', () => {
  let dir: string;
  let state: StateStore;
  let stores: EmbeddedStore;
  let engine: SyncEngine;
  let folderId: string;
  let collectionId: string;
  const device: SyncDevice = { user: USER, deviceId: 'enginephone', protocolVersion: '16.1' };
  const request = (syncKey: string, extra: Partial<CollectionRequest> = {}): CollectionRequest => ({
    collectionId, syncKey, getChanges: true, windowSize: 100, deletesAsMoves: true, options: { bodyPreferences: [] }, commands: [], ...extra,
  });

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pushbridge-engine-'));
    state = await openStateStore({ kind: 'sqlite', dataDir: dir });
    stores = EmbeddedStore.open(dir);
    engine = new SyncEngine({ state, stores, converters: { Notes: subjectConverter } });
    await state.devices.record({ user: USER, deviceId: device.deviceId, deviceType: 'iPhone' });
    const notes = (await stores.hierarchy.listFolders(USER)).folders.find((f) => f.type === 10);
    assert.ok(notes !== undefined);
    folderId = notes.id;
    const ids = await state.hierarchy.assignServerIds(deviceKey(USER, device.deviceId), [folderId]);
    collectionId = ids.get(folderId) ?? '';
  });
  after(async () => {
    await state.close();
    await stores.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('serializes overlapping requests: the second with the same key gets the first reply replayed', async () => {
    const start = await engine.syncCollection(device, request('0'));
    await stores.notes.createItem(USER, folderId, { subject: 'overlap', body: '', categories: [] });
    const [first, second] = await Promise.all([
      engine.syncCollection(device, request(keyOf(start.element))),
      engine.syncCollection(device, request(keyOf(start.element))),
    ]);
    assert.equal(commandsOf(first.element, 'AirSync:Add').length, 1);
    assert.deepEqual(second.element, first.element);
    assert.deepEqual([first.replayed, second.replayed], [false, true]);
  });

  it('skips an item the converter cannot encode once, and sends the rest', async () => {
    const key = await engine.currentKey(device, collectionId);
    await stores.notes.createItem(USER, folderId, { subject: 'broken', body: '', categories: [] });
    await stores.notes.createItem(USER, folderId, { subject: 'fine', body: '', categories: [] });
    const reply = await engine.syncCollection(device, request(key ?? ''));
    assert.equal(reply.skipped.length, 1);
    assert.equal(commandsOf(reply.element, 'AirSync:Add').length, 1);
    const next = await engine.syncCollection(device, request(keyOf(reply.element)));
    assert.deepEqual([next.skipped.length, next.reported], [0, false]);
  });

  it('lets the client win a conflict when it sends Conflict 0', async () => {
    const key = await engine.currentKey(device, collectionId);
    const created = await stores.notes.createItem(USER, folderId, { subject: 'contested', body: '', categories: [] });
    const sent = await engine.syncCollection(device, request(key ?? ''));
    const serverId = textContent(firstChild(commandsOf(sent.element, 'AirSync:Add')[0] ?? element('AirSync:Add'), 'AirSync:ServerId') ?? element('AirSync:ServerId'));
    await stores.notes.updateItem(USER, folderId, created.id, { subject: 'server edit', body: '', categories: [] });
    const change = { kind: 'change' as const, serverId, appData: element('AirSync:ApplicationData', element('Notes:Subject', 'client edit')) };
    const reply = await engine.syncCollection(device, request(keyOf(sent.element), { commands: [change], options: { bodyPreferences: [], conflict: 0 } }));
    assert.equal(firstChild(reply.element, 'AirSync:Responses'), undefined);
    const stored = await stores.notes.getItem(USER, folderId, created.id);
    assert.equal(stored.content.subject, 'client edit');
  });

  it('estimates what the next windows carry and reports an unknown collection', async () => {
    const key = await engine.currentKey(device, collectionId);
    await stores.notes.createItem(USER, folderId, { subject: 'pending', body: '', categories: [] });
    assert.deepEqual(await engine.estimate(device, collectionId, key ?? '', { bodyPreferences: [] }), { status: 1, estimate: 1 });
    assert.deepEqual(await engine.estimate(device, 'nope', '1', { bodyPreferences: [] }), { status: 2 });
  });
});
