// The SQLite collection store's batched id-map read (findItems, which the Sync engine uses for a
// window's lookups) answers exactly what findItem answers id by id, in both views and past one
// statement's worth of ids; and a commit whose changes touch one ServerId several times ends as
// applying them one by one would. States read by `get` carry their stored reply lazily.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { deviceKey } from '../../domain/device.js';
import type { IdMapChange, ItemMapping, StateView } from '../../domain/state-store.js';
import { SqliteStateStore } from './sqlite-state-store.js';

const phone = deviceKey('alice@example.org', 'phone1');
const INBOX = '1';
const CALENDAR = '2';
const byBackend = (a: ItemMapping, b: ItemMapping): number => a.backendId.localeCompare(b.backendId);

describe('SqliteCollectionStore', () => {
  let dataDir: string;
  let store: SqliteStateStore;
  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'pushbridge-collection-store-'));
    store = await SqliteStateStore.open({ dataDir });
    await store.devices.record({ ...phone, deviceType: 'iPhone' });
  });
  after(async () => {
    await store.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  async function oneByOne(ids: readonly string[], view: StateView): Promise<ItemMapping[]> {
    const found = await Promise.all(ids.map((id) => store.collections.findItem(phone, INBOX, id, view)));
    return found.filter((m): m is ItemMapping => m !== undefined).sort(byBackend);
  }

  it('finds what findItem finds, in the current and the previous view', async () => {
    const first: IdMapChange[] = Array.from({ length: 300 }, (_, i) => ({ op: 'put', serverId: `1:${i}`, backendId: `b${i}`, version: 'v1' }));
    const k1 = await store.collections.commit(phone, INBOX, { baseKey: 0, state: null, idMap: first });
    const k2 = await store.collections.commit(phone, INBOX, { baseKey: k1.syncKey, state: null, idMap: [{ op: 'put', serverId: '1:300', backendId: 'b300' }] });
    await store.collections.commit(phone, INBOX, {
      baseKey: k2.syncKey,
      state: null,
      idMap: [
        { op: 'delete', serverId: '1:5' },
        { op: 'put', serverId: '1:6', backendId: 'b6', version: 'v2' },
        { op: 'put', serverId: '1:301', backendId: 'b5' },
        { op: 'put', serverId: '1:302', backendId: 'b302' },
      ],
    });
    const ids = [...Array.from({ length: 310 }, (_, i) => `b${i}`), 'unknown'];
    for (const view of ['current', 'previous'] as const) {
      const batched = await store.collections.findItems(phone, INBOX, ids, view);
      assert.deepEqual([...batched].sort(byBackend), await oneByOne(ids, view), view);
    }
    assert.deepEqual([...(await store.collections.findItems(phone, INBOX, ['b5', 'b6'], 'current'))].sort(byBackend), [
      { serverId: '1:301', backendId: 'b5', version: null },
      { serverId: '1:6', backendId: 'b6', version: 'v2' },
    ]);
    assert.deepEqual(await store.collections.findItems(deviceKey('alice@example.org', 'ghost'), INBOX, ['b1'], 'current'), []);
  });

  it('applies changes that touch one ServerId several times in order', async () => {
    const { current } = await store.collections.get(phone, INBOX);
    assert.ok(current !== null);
    await store.collections.commit(phone, INBOX, {
      baseKey: current.syncKey,
      state: null,
      idMap: [
        { op: 'put', serverId: '1:900', backendId: 'x' },
        { op: 'put', serverId: '1:900', backendId: 'y', version: 'v' },
        { op: 'delete', serverId: '1:900' },
        { op: 'put', serverId: '1:900', backendId: 'z' },
        { op: 'put', serverId: '1:0', backendId: 'b0', version: 'v9' },
        { op: 'delete', serverId: '1:0' },
      ],
    });
    assert.deepEqual(await store.collections.lookupItem(phone, INBOX, '1:900'), { serverId: '1:900', backendId: 'z', version: null });
    assert.equal(await store.collections.lookupItem(phone, INBOX, '1:900', 'previous'), undefined);
    assert.equal(await store.collections.lookupItem(phone, INBOX, '1:0'), undefined);
    assert.deepEqual(await store.collections.lookupItem(phone, INBOX, '1:0', 'previous'), { serverId: '1:0', backendId: 'b0', version: 'v1' });
    assert.deepEqual(await store.collections.findItems(phone, INBOX, ['x', 'y', 'z'], 'current'), [{ serverId: '1:900', backendId: 'z', version: null }]);
  });

  it('reads each state\'s own reply when asked, and a state retired since the read as having none', async () => {
    const reply = (text: string): Uint8Array => new Uint8Array(Buffer.from(text));
    const k1 = await store.collections.commit(phone, CALENDAR, { baseKey: 0, state: 1, response: reply('first') });
    const k2 = await store.collections.commit(phone, CALENDAR, { baseKey: k1.syncKey, state: 2, response: reply('second') });
    const read = await store.collections.get(phone, CALENDAR);
    assert.deepEqual(read.current?.response, reply('second'));
    assert.equal(read.current?.syncKey, k2.syncKey);
    const stale = await store.collections.get(phone, CALENDAR);
    await store.collections.commit(phone, CALENDAR, { baseKey: k2.syncKey, state: 3, response: reply('third') });
    assert.equal(stale.previous?.syncKey, k1.syncKey);
    assert.equal(stale.previous?.response, null);
    assert.deepEqual(stale.current?.response, reply('second'));
  });
});
