// MoveItems over the real embedded store and SQLite state store (no HTTP): a move answers Status 3
// with a DstMsgId and rewrites both id maps of the device, every failure gets its spec status
// (1, 2, 4, 5), an unexpected store failure is Status 5 in the log rather than an exception, and a
// move waits for a Sync of either collection holding the engine's lock.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, it } from 'node:test';
import pino from 'pino';
import { EmbeddedStore } from '../../backends/embedded/embedded-store.js';
import { buildMoveItems, readMoveItemsReply, type MoveSpec } from '../../client/item-commands.js';
import { deviceKey, type DeviceKey } from '../../domain/device.js';
import type { StateStore } from '../../domain/state-store.js';
import type { MailboxStores } from '../../domain/stores.js';
import { EasStatusError } from '../../eas/status.js';
import { SqliteStateStore } from '../../state/sqlite/sqlite-state-store.js';
import type { CommandContext } from '../registry.js';
import { createSyncEngine } from '../sync/index.js';
import { createMoveItemsCommand } from './move-items-command.js';
import type { CollectionLocks } from './move-item.js';

const USER = 'mover@example.org';
const DEVICE = 'movephone';
const mime = (subject: string): Uint8Array => new TextEncoder().encode(`From: a@example.org\r\nSubject: ${subject}\r\n\r\nbody\r\n`);

function context(lines: string[]): CommandContext {
  const sink = new Writable({ write(chunk: Buffer, _enc, done) { lines.push(chunk.toString()); done(); } });
  return {
    requestId: 'req-move', command: 'MoveItems', user: { username: USER }, deviceId: DEVICE, deviceType: 'iPhone',
    protocolVersion: '16.1', params: {}, log: pino({ level: 'debug' }, sink), signal: new AbortController().signal,
  };
}

describe('MoveItems', () => {
  let dir: string;
  let state: StateStore;
  let stores: EmbeddedStore;
  let key: DeviceKey;
  /** Collection ServerIds by folder: inbox, archive (user mail), calendar. */
  let ids: { inbox: string; archive: string; calendar: string; inboxFolder: string; archiveFolder: string };

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pushbridge-move-'));
    state = await SqliteStateStore.open({ dataDir: dir });
    stores = EmbeddedStore.open(dir);
    key = deviceKey(USER, DEVICE);
    await state.devices.record({ user: USER, deviceId: DEVICE, deviceType: 'iPhone' });
    const { folders } = await stores.hierarchy.listFolders(USER);
    const inbox = folders.find((f) => f.type === 2);
    const calendar = folders.find((f) => f.type === 8);
    const archive = await stores.hierarchy.createFolder(USER, { parentId: null, displayName: 'Archive', type: 12 });
    assert.ok(inbox !== undefined && calendar !== undefined);
    const assigned = await state.hierarchy.assignServerIds(key, [inbox.id, archive.id, calendar.id]);
    ids = {
      inbox: assigned.get(inbox.id) ?? '', archive: assigned.get(archive.id) ?? '', calendar: assigned.get(calendar.id) ?? '',
      inboxFolder: inbox.id, archiveFolder: archive.id,
    };
  });
  afterEach(async () => {
    await state.close();
    await stores.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** A message in the Inbox the device holds as "<inbox>:1" (and a synced, empty Archive). */
  async function syncedMessage(): Promise<{ serverId: string; itemId: string }> {
    const item = await stores.mail.createItem(USER, ids.inboxFolder, { mime: mime('Move me') });
    const serverId = `${ids.inbox}:${await state.collections.reserveItemNumbers(key, ids.inbox, 1)}`;
    await state.collections.commit(key, ids.inbox, { baseKey: 0, state: null, idMap: [{ op: 'put', serverId, backendId: item.id, version: item.version }] });
    await state.collections.commit(key, ids.archive, { baseKey: 0, state: null });
    return { serverId, itemId: item.id };
  }

  async function run(moves: MoveSpec[], options: { lines?: string[]; locks?: CollectionLocks; stores?: MailboxStores } = {}) {
    const command = createMoveItemsCommand({ state, stores: options.stores ?? stores, clock: Date.now }, options.locks);
    const result = await command.handle(context(options.lines ?? []), { kind: 'wbxml', root: buildMoveItems(moves) });
    assert.equal(result.kind, 'wbxml');
    return readMoveItemsReply((result as { root: Parameters<typeof readMoveItemsReply>[0] }).root);
  }

  it('moves the item and rewrites both id maps: the ServerId leaves the source, the DstMsgId maps the moved version', async () => {
    const { serverId, itemId } = await syncedMessage();
    const reply = await run([{ srcMsgId: serverId, srcFldId: ids.inbox, dstFldId: ids.archive }]);
    const [move] = reply.moves;
    assert.equal(move?.status, 3);
    assert.equal(move?.srcMsgId, serverId);
    assert.match(move?.dstMsgId ?? '', new RegExp(`^${ids.archive}:\\d+$`));
    const [moved] = await stores.mail.getItems(USER, ids.archiveFolder, [itemId]);
    assert.ok(moved !== undefined);
    assert.equal(await state.collections.lookupItem(key, ids.inbox, serverId), undefined);
    assert.deepEqual(await state.collections.lookupItem(key, ids.archive, move?.dstMsgId ?? ''), { serverId: move?.dstMsgId, backendId: moved.id, version: moved.version });
  });

  it('answers 1 for an unknown source collection or item, 2 for an unknown destination, 4 for the same, 5 across classes', async () => {
    const { serverId } = await syncedMessage();
    const reply = await run([
      { srcMsgId: serverId, srcFldId: '999', dstFldId: ids.archive },
      { srcMsgId: `${ids.inbox}:77`, srcFldId: ids.inbox, dstFldId: ids.archive },
      { srcMsgId: '', srcFldId: ids.inbox, dstFldId: ids.archive },
      { srcMsgId: serverId, srcFldId: ids.inbox, dstFldId: '999' },
      { srcMsgId: serverId, srcFldId: ids.inbox, dstFldId: ids.inbox },
      { srcMsgId: serverId, srcFldId: ids.inbox, dstFldId: ids.calendar },
    ]);
    assert.deepEqual(reply.moves.map((m) => [m.status, m.dstMsgId]), [[1, undefined], [1, undefined], [1, undefined], [2, undefined], [4, undefined], [5, undefined]]);
    assert.ok(await state.collections.lookupItem(key, ids.inbox, serverId), 'a failed move leaves the map alone');
  });

  it('answers 1 when the backend item is gone, and a second move of the same ServerId is 1 too', async () => {
    const { serverId, itemId } = await syncedMessage();
    const other = await stores.mail.createItem(USER, ids.inboxFolder, { mime: mime('Second') });
    await state.collections.applyIdMapChanges(key, ids.inbox, [{ op: 'put', serverId: `${ids.inbox}:50`, backendId: other.id, version: other.version }]);
    await stores.mail.deleteItem(USER, ids.inboxFolder, other.id);
    const reply = await run([
      { srcMsgId: `${ids.inbox}:50`, srcFldId: ids.inbox, dstFldId: ids.archive },
      { srcMsgId: serverId, srcFldId: ids.inbox, dstFldId: ids.archive },
      { srcMsgId: serverId, srcFldId: ids.inbox, dstFldId: ids.archive },
    ]);
    assert.deepEqual(reply.moves.map((m) => m.status), [1, 3, 1]);
    assert.equal((await stores.mail.getItems(USER, ids.archiveFolder, [itemId])).length, 1);
  });

  it('refuses a body without a Move as InvalidXML', async () => {
    const command = createMoveItemsCommand({ state, stores, clock: Date.now });
    await assert.rejects(command.handle(context([]), { kind: 'empty' }), (error: unknown) => error instanceof EasStatusError && error.status === 103);
  });

  it('answers 5 and logs the cause when the store fails unexpectedly', async () => {
    const { serverId } = await syncedMessage();
    const failing: MailboxStores = { ...stores, hierarchy: stores.hierarchy, mail: Object.assign(Object.create(stores.mail) as typeof stores.mail, {
      moveItem: () => Promise.reject(new Error('disk on fire')),
    }) };
    const lines: string[] = [];
    const reply = await run([{ srcMsgId: serverId, srcFldId: ids.inbox, dstFldId: ids.archive }], { lines, stores: failing });
    assert.equal(reply.moves[0]?.status, 5);
    assert.ok(lines.some((line) => line.includes('disk on fire')));
  });

  it('waits while a Sync of the destination holds the engine lock', async () => {
    const { serverId } = await syncedMessage();
    const engine = createSyncEngine({ state, stores, clock: Date.now });
    const order: string[] = [];
    let release: () => void = () => undefined;
    const held = engine.withCollectionsLocked({ user: USER, deviceId: DEVICE }, [ids.archive], async () => {
      order.push('sync-start');
      await new Promise<void>((resolve) => { release = resolve; });
      order.push('sync-end');
    });
    const moving = run([{ srcMsgId: serverId, srcFldId: ids.inbox, dstFldId: ids.archive }], { locks: engine }).then((reply) => {
      order.push('moved');
      return reply;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.deepEqual(order, ['sync-start']);
    release();
    await held;
    assert.equal((await moving).moves[0]?.status, 3);
    assert.deepEqual(order, ['sync-start', 'sync-end', 'moved']);
  });
});
