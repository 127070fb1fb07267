// The StateStore contract suite: every StateStore implementation (SQLite now, PostgreSQL later)
// runs it through its own *.test.ts with a harness factory. Keeping the cases here, not beside
// one implementation, is what lets the next implementation be held to the same behaviour.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { collectionContract } from './state-store-collections.contract.js';
import { deviceContract } from './state-store-devices.contract.js';
import { hierarchyContract } from './state-store-hierarchy.contract.js';
import { alicePhone, bytes, folderSnapshot, recordDevice, useStore, type StateStoreHarnessFactory } from './state-store-kit.js';
import { syncRetryContract } from './state-store-sync-retries.contract.js';
import { valueContract } from './state-store-values.contract.js';

export type { StateStoreHarness, StateStoreHarnessFactory } from './state-store-kit.js';

export function runStateStoreContract(name: string, factory: StateStoreHarnessFactory): void {
  describe(`StateStore contract: ${name}`, () => {
    deviceContract(factory);
    hierarchyContract(factory);
    collectionContract(factory);
    syncRetryContract(factory);
    valueContract(factory);
    durabilityContract(factory);
  });
}

function durabilityContract(factory: StateStoreHarnessFactory): void {
  describe('durability', () => {
    const fx = useStore(factory);

    it('keeps everything committed across close and reopen', async () => {
      const { store, clock } = fx();
      await recordDevice(store, alicePhone);
      await store.devices.update(alicePhone, {
        information: { model: 'Pixel 8' },
        wipe: { state: 'requested', accountOnly: true, requestedAt: clock.date, acknowledgedAt: null },
        blocked: true,
      });
      const folders = await folderSnapshot(store, alicePhone);
      const h1 = await store.hierarchy.commit(alicePhone, { baseKey: 0, folders });
      const h2 = await store.hierarchy.commit(alicePhone, { baseKey: h1.syncKey, folders, response: bytes('folder reply') });
      const c1 = await store.collections.commit(alicePhone, '1', { baseKey: 0, state: { a: 1 }, idMap: [{ op: 'put', serverId: '1:1', backendId: 'x' }] });
      const c2 = await store.collections.commit(alicePhone, '1', {
        baseKey: c1.syncKey,
        state: { a: 2 },
        response: bytes('sync reply'),
        clientIds: { c: '1:2' },
        idMap: [{ op: 'put', serverId: '1:2', backendId: 'y', version: 'v' }],
      });
      const number = await store.collections.reserveItemNumbers(alicePhone, '1', 2);
      await store.values.setUserValue(alicePhone.user, 'oof', { state: 1 });
      await store.values.setDeviceValue(alicePhone, 'ping', { heartbeat: 600 });
      const device = await store.devices.get(alicePhone);

      const reopened = await fx().reopen();
      assert.deepEqual(await reopened.devices.get(alicePhone), device);
      assert.deepEqual(await reopened.hierarchy.get(alicePhone), { current: h2, previous: h1 });
      assert.deepEqual(await reopened.collections.get(alicePhone, '1'), { current: c2, previous: c1 });
      assert.deepEqual(await reopened.collections.listItems(alicePhone, '1'), [
        { serverId: '1:1', backendId: 'x', version: null },
        { serverId: '1:2', backendId: 'y', version: 'v' },
      ]);
      assert.deepEqual(await reopened.collections.listItems(alicePhone, '1', 'previous'), [{ serverId: '1:1', backendId: 'x', version: null }]);
      assert.equal(await reopened.collections.reserveItemNumbers(alicePhone, '1', 1), number + 2);
      assert.deepEqual(await reopened.values.getUserValue(alicePhone.user, 'oof'), { state: 1 });
      assert.deepEqual(await reopened.values.getDeviceValue(alicePhone, 'ping'), { heartbeat: 600 });
      const h3 = await reopened.hierarchy.commit(alicePhone, { baseKey: h2.syncKey, folders });
      assert.ok(h3.syncKey > c2.syncKey, 'key counters survive a reopen');
    });
  });
}
