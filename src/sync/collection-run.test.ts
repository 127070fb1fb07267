// The lazy id map of one Sync: lookups read only what they are asked for (once each), a long
// prefetch turns into one listing, a full read never overwrites what the run changed itself, and
// the 'previous' view is the one asked for (loop detection rebuilds on it).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CollectionStateStore, ItemMapping, StateView } from '../domain/state-store.js';
import { CollectionRun, type RunTarget } from './collection-run.js';

/** An in-memory id map that counts how it is read. */
function countingMap(mappings: readonly ItemMapping[]) {
  const calls = { lookupItem: 0, findItem: 0, listItems: 0, views: new Set<StateView>() };
  const store = {
    async lookupItem(_key, _collection, serverId, view = 'current') {
      calls.lookupItem += 1;
      calls.views.add(view);
      return mappings.find((m) => m.serverId === serverId);
    },
    async findItem(_key, _collection, backendId, view = 'current') {
      calls.findItem += 1;
      calls.views.add(view);
      return mappings.find((m) => m.backendId === backendId);
    },
    async listItems(_key, _collection, view = 'current') {
      calls.listItems += 1;
      calls.views.add(view);
      return [...mappings];
    },
  } as Pick<CollectionStateStore, 'lookupItem' | 'findItem' | 'listItems'> as CollectionStateStore;
  return { store, calls };
}

/** The same map with the SQLite store's batched lookup, which CollectionRun uses when a store has it. */
function batchingMap(mappings: readonly ItemMapping[]) {
  const { store, calls } = countingMap(mappings);
  const batches: Array<{ ids: readonly string[]; view: StateView }> = [];
  const findItems = async (_key: unknown, _collection: string, backendIds: readonly string[], view: StateView): Promise<ItemMapping[]> => {
    batches.push({ ids: backendIds, view });
    return mappings.filter((m) => backendIds.includes(m.backendId));
  };
  return { store: Object.assign(store, { findItems }), calls, batches };
}

const target = { key: { user: 'u', deviceId: 'd' }, collectionId: '7' } as RunTarget;
const many = Array.from({ length: 10_000 }, (_, i) => ({ serverId: `7:${i + 1}`, backendId: `b${i + 1}`, version: '1' }));

describe('CollectionRun id map', () => {
  it('looks up only the ids asked for, each once, whatever the size of the map', async () => {
    const { store, calls } = countingMap(many);
    const run = new CollectionRun(target, store);
    assert.equal(await run.backendIdOf('7:42'), 'b42');
    assert.equal(await run.backendIdOf('7:42'), 'b42');
    assert.deepEqual(await run.mappingOf('b42'), { serverId: '7:42', version: '1' });
    assert.equal(await run.mappingOf('nope'), undefined);
    assert.equal(await run.mappingOf('nope'), undefined);
    await run.prefetch(Array.from({ length: 100 }, (_, i) => `b${i + 500}`));
    assert.deepEqual([calls.lookupItem, calls.findItem, calls.listItems], [1, 101, 0]);
  });

  it('reads the whole map once for a long prefetch or a relisting', async () => {
    const { store, calls } = countingMap(many);
    const run = new CollectionRun(target, store);
    await run.prefetch(many.map((m) => m.backendId));
    assert.equal((await run.mappedBackendIds()).length, 10_000);
    assert.equal(await run.backendIdOf('7:9999'), 'b9999');
    assert.deepEqual([calls.lookupItem, calls.findItem, calls.listItems], [0, 0, 1]);
  });

  it('reads a window of unknown ids in one batch when the store offers it, and never again', async () => {
    const { store, calls, batches } = batchingMap(many);
    const run = new CollectionRun(target, store);
    run.map('b3', '7:3000', '9');
    assert.deepEqual(await run.mappingOf('b1'), { serverId: '7:1', version: '1' });
    const window = ['b1', 'b2', 'b3', 'nope', 'b4'];
    await run.prefetch(window);
    assert.deepEqual(batches, [{ ids: ['b2', 'nope', 'b4'], view: 'current' }], 'only the ids not known yet, in the view of the run');
    assert.deepEqual(await run.mappingOf('b2'), { serverId: '7:2', version: '1' });
    assert.deepEqual(await run.mappingOf('b3'), { serverId: '7:3000', version: '9' }, 'its own change wins over the store');
    assert.equal(await run.mappingOf('nope'), undefined);
    assert.equal(await run.backendIdOf('7:4'), 'b4');
    assert.deepEqual([calls.lookupItem, calls.findItem, calls.listItems, batches.length], [0, 1, 0, 1]);
  });

  it('keeps its own changes over a later full read', async () => {
    const { store } = countingMap(many.slice(0, 3));
    const run = new CollectionRun(target, store);
    await run.backendIdOf('7:1');
    run.unmap('7:1');
    run.map('b2', '7:2', '2');
    run.map('new', '7:99', '1');
    const mapped = await run.mappedBackendIds();
    assert.deepEqual(mapped.sort(), ['b2', 'b3', 'new']);
    assert.equal(await run.backendIdOf('7:1'), undefined);
    assert.deepEqual(await run.mappingOf('b2'), { serverId: '7:2', version: '2' });
    assert.deepEqual(run.idChanges.map((c) => c.op), ['delete', 'put', 'put']);
  });

  it('replays recorded changes and reads the view it was opened on', async () => {
    const { store, calls } = countingMap(many.slice(0, 3));
    const run = new CollectionRun(target, store, 'previous');
    run.replay([{ op: 'put', serverId: '7:50', backendId: 'x', version: '4' }, { op: 'delete', serverId: '7:3' }]);
    assert.deepEqual(await run.mappingOf('x'), { serverId: '7:50', version: '4' });
    assert.equal(await run.backendIdOf('7:3'), undefined);
    assert.equal(await run.backendIdOf('7:2'), 'b2');
    assert.deepEqual([...calls.views], ['previous']);
    assert.equal(run.changed, true);
  });
});
