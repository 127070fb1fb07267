// StateStore contract, collections (Sync): item-number reservation, the current/previous state
// pair, the id map and its two views, id-map changes outside a Sync, dropping, and isolation.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deviceKey } from '../../src/domain/device.js';
import { StateStoreError } from '../../src/domain/state-store.js';
import { ALICE, alicePhone, aliceTablet, bobPhone, bytes, recordDevice, useStore, type StateStoreHarnessFactory } from './state-store-kit.js';

const isCode = (code: string) => (error: unknown) => error instanceof StateStoreError && error.code === code;
const INBOX = '1';
const CONTACTS = '7';

export function collectionContract(factory: StateStoreHarnessFactory): void {
  describe('collections', () => {
    const fx = useStore(factory);

    it('reserves item numbers that never repeat per collection, across drops and resets', async () => {
      const { store } = fx();
      await recordDevice(store, alicePhone);
      assert.equal(await store.collections.reserveItemNumbers(alicePhone, INBOX, 100), 1);
      assert.equal(await store.collections.reserveItemNumbers(alicePhone, INBOX, 1), 101);
      assert.equal(await store.collections.reserveItemNumbers(alicePhone, CONTACTS, 5), 1);
      await store.collections.drop(alicePhone, INBOX);
      await store.devices.resetSyncState(alicePhone);
      assert.equal(await store.collections.reserveItemNumbers(alicePhone, INBOX, 10), 102);
      await assert.rejects(store.collections.reserveItemNumbers(alicePhone, INBOX, 0), RangeError);
      await assert.rejects(store.collections.reserveItemNumbers(alicePhone, INBOX, 1.5), RangeError);
      await assert.rejects(store.collections.reserveItemNumbers(deviceKey(ALICE, 'ghost'), INBOX, 1), isCode('unknown-device'));
    });

    it('stores the state, reply and ClientId map of each key and keeps the current and previous one', async () => {
      const { store, clock } = fx();
      await recordDevice(store, alicePhone);
      assert.deepEqual(await store.collections.get(alicePhone, INBOX), { current: null, previous: null });
      const state = { modseq: '1729', window: ['uid-1', 'uid-2'], more: true, filter: null };
      const k1 = await store.collections.commit(alicePhone, INBOX, { baseKey: 0, state });
      assert.deepEqual(k1, {
        collectionId: INBOX,
        syncKey: k1.syncKey,
        state,
        response: null,
        clientIds: {},
        createdAt: clock.date,
      });
      clock.advance(1_000);
      const k2 = await store.collections.commit(alicePhone, INBOX, {
        baseKey: k1.syncKey,
        state: { modseq: '1730' },
        response: bytes('sync reply'),
        clientIds: { 'client-a': '1:3', 'client-b': '1:4' },
      });
      assert.ok(k2.syncKey > k1.syncKey);
      assert.deepEqual(await store.collections.get(alicePhone, INBOX), { current: k2, previous: k1 });
      const k3 = await store.collections.commit(alicePhone, INBOX, { baseKey: k2.syncKey, state: 3 });
      assert.deepEqual(await store.collections.get(alicePhone, INBOX), { current: k3, previous: k2 });
      await assert.rejects(store.collections.commit(alicePhone, INBOX, { baseKey: k1.syncKey, state: 4 }), isCode('stale-key'));
      await assert.rejects(store.collections.commit(alicePhone, CONTACTS, { baseKey: k3.syncKey, state: 4 }), isCode('stale-key'));
      assert.deepEqual(await store.collections.get(alicePhone, INBOX), { current: k3, previous: k2 });
    });

    it('lists the collections that have a state with their current keys', async () => {
      const { store } = fx();
      await recordDevice(store, alicePhone);
      const contacts = await store.collections.commit(alicePhone, CONTACTS, { baseKey: 0, state: null });
      const inbox1 = await store.collections.commit(alicePhone, INBOX, { baseKey: 0, state: null });
      const inbox2 = await store.collections.commit(alicePhone, INBOX, { baseKey: inbox1.syncKey, state: null });
      assert.deepEqual(await store.collections.list(alicePhone), [
        { collectionId: INBOX, syncKey: inbox2.syncKey },
        { collectionId: CONTACTS, syncKey: contacts.syncKey },
      ]);
    });

    it('applies id-map puts and deletes with the state and shows both views', async () => {
      const { store } = fx();
      await recordDevice(store, alicePhone);
      const k1 = await store.collections.commit(alicePhone, INBOX, {
        baseKey: 0,
        state: 1,
        idMap: [
          { op: 'put', serverId: '1:1', backendId: 'uid-1', version: 'm1' },
          { op: 'put', serverId: '1:2', backendId: 'uid-2' },
          { op: 'put', serverId: '1:3', backendId: 'uid-3' },
        ],
      });
      assert.deepEqual(await store.collections.listItems(alicePhone, INBOX, 'previous'), [], 'a start from 0 has no previous view');
      const before = await store.collections.listItems(alicePhone, INBOX);
      assert.deepEqual(before, [
        { serverId: '1:1', backendId: 'uid-1', version: 'm1' },
        { serverId: '1:2', backendId: 'uid-2', version: null },
        { serverId: '1:3', backendId: 'uid-3', version: null },
      ]);
      await store.collections.commit(alicePhone, INBOX, {
        baseKey: k1.syncKey,
        state: 2,
        idMap: [
          { op: 'put', serverId: '1:1', backendId: 'uid-1', version: 'm2' },
          { op: 'delete', serverId: '1:2' },
          { op: 'put', serverId: '1:4', backendId: 'uid-2' },
          { op: 'put', serverId: '1:5', backendId: 'uid-5' },
          { op: 'put', serverId: '1:5', backendId: 'uid-5', version: 'm5' },
          { op: 'delete', serverId: '1:404' },
        ],
      });
      const current = [
        { serverId: '1:1', backendId: 'uid-1', version: 'm2' },
        { serverId: '1:3', backendId: 'uid-3', version: null },
        { serverId: '1:4', backendId: 'uid-2', version: null },
        { serverId: '1:5', backendId: 'uid-5', version: 'm5' },
      ];
      assert.deepEqual(await store.collections.listItems(alicePhone, INBOX), current);
      assert.deepEqual(await store.collections.listItems(alicePhone, INBOX, 'previous'), before);
      assert.deepEqual(await store.collections.lookupItem(alicePhone, INBOX, '1:1'), current[0]);
      assert.deepEqual(await store.collections.lookupItem(alicePhone, INBOX, '1:1', 'previous'), before[0]);
      assert.equal(await store.collections.lookupItem(alicePhone, INBOX, '1:2'), undefined);
      assert.deepEqual(await store.collections.lookupItem(alicePhone, INBOX, '1:2', 'previous'), before[1]);
      assert.deepEqual(await store.collections.findItem(alicePhone, INBOX, 'uid-2'), current[2]);
      assert.deepEqual(await store.collections.findItem(alicePhone, INBOX, 'uid-2', 'previous'), before[1]);
      assert.equal(await store.collections.findItem(alicePhone, INBOX, 'uid-5', 'previous'), undefined);
    });

    it('clears the id map when a collection starts over from key 0', async () => {
      const { store } = fx();
      await recordDevice(store, alicePhone);
      const k1 = await store.collections.commit(alicePhone, INBOX, { baseKey: 0, state: 1, idMap: [{ op: 'put', serverId: '1:1', backendId: 'a' }] });
      await store.collections.commit(alicePhone, INBOX, { baseKey: k1.syncKey, state: 2, idMap: [{ op: 'put', serverId: '1:2', backendId: 'b' }] });
      const fresh = await store.collections.commit(alicePhone, INBOX, { baseKey: 0, state: 3, idMap: [{ op: 'put', serverId: '1:3', backendId: 'a' }] });
      assert.deepEqual(await store.collections.get(alicePhone, INBOX), { current: fresh, previous: null });
      assert.deepEqual(await store.collections.listItems(alicePhone, INBOX), [{ serverId: '1:3', backendId: 'a', version: null }]);
    });

    it('applies id-map changes outside a Sync to both views', async () => {
      const { store } = fx();
      await recordDevice(store, alicePhone);
      const k1 = await store.collections.commit(alicePhone, INBOX, { baseKey: 0, state: 1, idMap: [{ op: 'put', serverId: '1:1', backendId: 'a' }] });
      await store.collections.commit(alicePhone, INBOX, { baseKey: k1.syncKey, state: 2, idMap: [{ op: 'put', serverId: '1:2', backendId: 'b' }] });
      await store.collections.applyIdMapChanges(alicePhone, INBOX, [
        { op: 'delete', serverId: '1:1' },
        { op: 'put', serverId: '1:9', backendId: 'moved-in', version: 'v1' },
      ]);
      const moved = { serverId: '1:9', backendId: 'moved-in', version: 'v1' };
      assert.deepEqual(await store.collections.listItems(alicePhone, INBOX), [{ serverId: '1:2', backendId: 'b', version: null }, moved]);
      assert.deepEqual(await store.collections.listItems(alicePhone, INBOX, 'previous'), [moved]);
      await store.collections.commit(alicePhone, INBOX, { baseKey: k1.syncKey, state: 2 });
      assert.deepEqual(await store.collections.listItems(alicePhone, INBOX), [moved], 'a retry does not undo a move');
      await assert.rejects(
        store.collections.applyIdMapChanges(alicePhone, INBOX, [{ op: 'put', serverId: '1:10', backendId: 'moved-in' }]),
        isCode('id-conflict'),
      );
      await assert.rejects(store.collections.applyIdMapChanges(deviceKey(ALICE, 'ghost'), INBOX, []), isCode('unknown-device'));
    });

    it('drops one collection\'s states and id map', async () => {
      const { store } = fx();
      await recordDevice(store, alicePhone);
      for (const collectionId of [INBOX, CONTACTS]) {
        await store.collections.commit(alicePhone, collectionId, { baseKey: 0, state: 1, idMap: [{ op: 'put', serverId: `${collectionId}:1`, backendId: 'x' }] });
      }
      await store.collections.drop(alicePhone, INBOX);
      assert.deepEqual(await store.collections.get(alicePhone, INBOX), { current: null, previous: null });
      assert.deepEqual(await store.collections.listItems(alicePhone, INBOX), []);
      assert.deepEqual((await store.collections.list(alicePhone)).map((c) => c.collectionId), [CONTACTS]);
      assert.equal((await store.collections.listItems(alicePhone, CONTACTS)).length, 1);
    });

    it('keeps id maps apart per collection, per device and per user', async () => {
      const { store } = fx();
      for (const key of [alicePhone, aliceTablet, bobPhone]) await recordDevice(store, key);
      await store.collections.commit(alicePhone, INBOX, { baseKey: 0, state: 'alice', idMap: [{ op: 'put', serverId: '1:1', backendId: 'alice-uid-1' }] });
      await store.collections.commit(alicePhone, CONTACTS, { baseKey: 0, state: 'alice', idMap: [{ op: 'put', serverId: '7:1', backendId: 'alice-uid-1' }] });
      for (const other of [aliceTablet, bobPhone]) {
        assert.equal(await store.collections.lookupItem(other, INBOX, '1:1'), undefined);
        assert.equal(await store.collections.findItem(other, INBOX, 'alice-uid-1'), undefined);
        assert.deepEqual(await store.collections.get(other, INBOX), { current: null, previous: null });
        assert.deepEqual(await store.collections.list(other), []);
      }
      const bob = await store.collections.commit(bobPhone, INBOX, { baseKey: 0, state: 'bob', idMap: [{ op: 'put', serverId: '1:1', backendId: 'bob-uid-1' }] });
      assert.equal((await store.collections.lookupItem(alicePhone, INBOX, '1:1'))?.backendId, 'alice-uid-1');
      assert.equal((await store.collections.lookupItem(bobPhone, INBOX, '1:1'))?.backendId, 'bob-uid-1');
      assert.equal((await store.collections.get(alicePhone, INBOX)).current?.state, 'alice');
      assert.equal((await store.collections.get(bobPhone, INBOX)).current?.syncKey, bob.syncKey);
      await assert.rejects(store.collections.commit(deviceKey(ALICE, 'ghost'), INBOX, { baseKey: 0, state: 1 }), isCode('unknown-device'));
    });
  });
}
