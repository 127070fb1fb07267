// Loop detection (CLIENT-QUIRKS §6.4, §7 #28) on the real engine, store and state store: a device
// that chokes on one item and keeps resending the previous SyncKey gets the stored reply three
// times, then the server's items one per reply, and once a one-item reply fails as often the item
// is skipped for that device (and logged), while everything else arrives. One legitimate retry,
// iOS's duplicate SyncKey 0 and a request that also carried client Adds are not harmed.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { deviceKey } from '../../src/domain/device.js';
import { FolderType } from '../../src/domain/folder.js';
import type { CollectionOutcome } from '../../src/sync/sync-engine.js';
import { LOOP_REPLAY_LIMIT } from '../../src/sync/loop-detection.js';
import type { SyncDevice } from '../../src/sync/sync-request.js';
import {
  ENGINE_USER, collectionRequest, engineDevice, keyOf, noteAppData, openEngineFixture, responsesOf, serverCommands, subjectOfNote, type EngineFixture,
} from './sync-engine-kit.js';

describe('Sync loop detection', () => {
  let fx: EngineFixture;
  let folderId: string;
  before(async () => {
    fx = await openEngineFixture();
    folderId = (await fx.folder(FolderType.Notes)).id;
  });
  after(() => fx.close());

  const addNote = (subject: string) => fx.stores.notes.createItem(ENGINE_USER, folderId, { subject, body: subject, categories: [] });

  async function emptyFolder(): Promise<void> {
    for (const item of (await fx.stores.notes.listItems(ENGINE_USER, folderId)).items) await fx.stores.notes.deleteItem(ENGINE_USER, folderId, item.id);
  }

  async function startDevice(name: string): Promise<{ device: SyncDevice; collectionId: string; key: string }> {
    const device = engineDevice(name);
    const collectionId = await fx.collection(device, folderId);
    const start = await fx.engine.syncCollection(device, collectionRequest(collectionId, '0'));
    return { device, collectionId, key: keyOf(start.element) };
  }

  /** A device that never takes a reply carrying a note named "poison": it resends its key instead. */
  async function chokingDevice(name: string, windowSize: number) {
    const { device, collectionId, key: first } = await startDevice(name);
    let key = first;
    const received: string[] = [];
    const outcomes: CollectionOutcome[] = [];
    for (let round = 0; round < 40; round += 1) {
      const outcome = await fx.engine.syncCollection(device, collectionRequest(collectionId, key, { windowSize }));
      outcomes.push(outcome);
      const subjects = serverCommands(outcome.element).map((c) => subjectOfNote(c.data) ?? '');
      if (subjects.includes('poison')) continue;
      received.push(...subjects);
      key = keyOf(outcome.element);
      if (subjects.length === 0 && !outcome.moreAvailable) return { device, collectionId, key, received, outcomes };
    }
    throw new Error('the device never got past the poison');
  }

  it(`replays ${LOOP_REPLAY_LIMIT} times, then probes one item at a time, then skips the poison and delivers the rest`, async () => {
    await emptyFolder();
    for (const subject of ['one', 'two', 'poison', 'four', 'five', 'six']) await addNote(subject);
    const poisonId = (await fx.stores.notes.listItems(ENGINE_USER, folderId)).items[2]?.id;
    const run = await chokingDevice('choker', 10);
    assert.deepEqual(run.received.sort(), ['five', 'four', 'one', 'six', 'two']);
    const [looping, ...rest] = run.outcomes;
    assert.ok(looping !== undefined);
    assert.equal(serverCommands(looping.element).length, 6);
    // The lost-reply path: byte-identical replays, LOOP_REPLAY_LIMIT of them.
    const replays = rest.slice(0, LOOP_REPLAY_LIMIT);
    assert.ok(replays.every((o) => o.replayed && JSON.stringify(o.element) === JSON.stringify(looping.element)));
    // Then probing: one item per reply until the poison is isolated.
    const probe = rest[LOOP_REPLAY_LIMIT];
    assert.ok(probe !== undefined && !probe.replayed);
    assert.deepEqual(serverCommands(probe.element).map((c) => subjectOfNote(c.data)), ['one']);
    const quarantined = run.outcomes.flatMap((o) => o.quarantined);
    assert.deepEqual(quarantined, [poisonId]);
    assert.ok(run.outcomes.length <= 2 * (LOOP_REPLAY_LIMIT + 1) + 5, `took ${run.outcomes.length} requests`);

    // The skip holds for this version only: once the note changes, the device gets it again.
    await fx.stores.notes.updateItem(ENGINE_USER, folderId, poisonId ?? '', { subject: 'cured', body: 'cured', categories: [] });
    const cured = await fx.engine.syncCollection(run.device, collectionRequest(run.collectionId, run.key));
    assert.deepEqual(serverCommands(cured.element).map((c) => [c.name, subjectOfNote(c.data)]), [['Add', 'cured']]);
  });

  it('skips at once when the looping reply carried the poison alone', async () => {
    await emptyFolder();
    await addNote('poison');
    const run = await chokingDevice('lonely', 10);
    assert.deepEqual(run.received, []);
    assert.equal(run.outcomes.length, 1 + LOOP_REPLAY_LIMIT + 1);
    assert.equal(run.outcomes.flatMap((o) => o.quarantined).length, 1);
  });

  it('one lost reply is replayed byte for byte and changes nothing else', async () => {
    await emptyFolder();
    for (const subject of ['a', 'b', 'c']) await addNote(subject);
    const { device, collectionId, key } = await startDevice('retrier');
    const first = await fx.engine.syncCollection(device, collectionRequest(collectionId, key, { windowSize: 2 }));
    const again = await fx.engine.syncCollection(device, collectionRequest(collectionId, key, { windowSize: 2 }));
    assert.deepEqual(again.element, first.element);
    assert.equal(again.replayed, true);
    const next = await fx.engine.syncCollection(device, collectionRequest(collectionId, keyOf(first.element), { windowSize: 2 }));
    assert.deepEqual(serverCommands(next.element).map((c) => subjectOfNote(c.data)), ['c']);
    assert.equal(next.quarantined.length, 0);
  });

  it('iOS\'s duplicate early SyncKey 0 counts as no replay and sends every item once', async () => {
    await emptyFolder();
    for (const subject of ['x', 'y', 'z']) await addNote(subject);
    const device = engineDevice('twicezero');
    const collectionId = await fx.collection(device, folderId);
    const [zeroA, zeroB] = await Promise.all([
      fx.engine.syncCollection(device, collectionRequest(collectionId, '0')),
      fx.engine.syncCollection(device, collectionRequest(collectionId, '0')),
    ]);
    assert.equal(keyOf(zeroA.element), keyOf(zeroB.element));
    const items = await fx.engine.syncCollection(device, collectionRequest(collectionId, keyOf(zeroA.element)));
    assert.deepEqual(serverCommands(items.element).map((c) => subjectOfNote(c.data)).sort(), ['x', 'y', 'z']);
    assert.equal(await fx.state.values.getDeviceValue(deviceKey(ENGINE_USER, 'twicezero'), `sync-loop:${collectionId}`), undefined);
  });

  it('a rebuilt reply keeps the client\'s own Adds: same ServerIds, no duplicates, no echo', async () => {
    await emptyFolder();
    for (const subject of ['s1', 's2', 's3']) await addNote(subject);
    const { device, collectionId, key } = await startDevice('adder');
    const adds = [{ kind: 'add' as const, clientId: 'c1', appData: noteAppData('mine 1') }, { kind: 'add' as const, clientId: 'c2', appData: noteAppData('mine 2') }];
    const request = collectionRequest(collectionId, key, { commands: adds });
    const first = await fx.engine.syncCollection(device, request);
    let rebuilt = first;
    for (let i = 0; i <= LOOP_REPLAY_LIMIT; i += 1) rebuilt = await fx.engine.syncCollection(device, request);
    assert.equal(rebuilt.replayed, false);
    assert.deepEqual(responsesOf(rebuilt.element), responsesOf(first.element));
    assert.equal(serverCommands(rebuilt.element).length, 1);
    let current = keyOf(rebuilt.element);
    const seen = serverCommands(rebuilt.element).map((c) => subjectOfNote(c.data));
    for (let round = 0; round < 10; round += 1) {
      const next = await fx.engine.syncCollection(device, collectionRequest(collectionId, current));
      seen.push(...serverCommands(next.element).map((c) => subjectOfNote(c.data)));
      current = keyOf(next.element);
      if (!next.moreAvailable && serverCommands(next.element).length === 0) break;
    }
    assert.deepEqual(seen.sort(), ['s1', 's2', 's3']);
    const stored = await fx.stores.notes.getItems(ENGINE_USER, folderId, (await fx.stores.notes.listItems(ENGINE_USER, folderId)).items.map((i) => i.id));
    assert.deepEqual(stored.map((n) => n.content.subject).sort(), ['mine 1', 'mine 2', 's1', 's2', 's3']);
  });
});
