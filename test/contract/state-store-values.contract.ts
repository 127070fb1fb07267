// StateStore contract, small named values per user (Oof) and per device (cached Ping parameters).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deviceKey } from '../../src/domain/device.js';
import { StateStoreError, type JsonValue } from '../../src/domain/state-store.js';
import { ALICE, alicePhone, aliceTablet, BOB, bobPhone, recordDevice, useStore, type StateStoreHarnessFactory } from './state-store-kit.js';

const OOF: JsonValue = {
  state: 2,
  start: '2025-07-01T00:00:00.000Z',
  end: '2025-07-14T00:00:00.000Z',
  messages: [{ audience: 'internal', enabled: true, body: 'Back on the 14th. Grüße!', bodyType: 'Text' }],
};

export function valueContract(factory: StateStoreHarnessFactory): void {
  describe('values', () => {
    const fx = useStore(factory);

    it('stores, replaces and deletes a user value, per user', async () => {
      const { store } = fx();
      assert.equal(await store.values.getUserValue(ALICE, 'oof'), undefined);
      await store.values.setUserValue(ALICE, 'oof', OOF);
      assert.deepEqual(await store.values.getUserValue(ALICE, 'oof'), OOF);
      assert.equal(await store.values.getUserValue(BOB, 'oof'), undefined);
      await store.values.setUserValue(ALICE, 'oof', { state: 0 });
      assert.deepEqual(await store.values.getUserValue(ALICE, 'oof'), { state: 0 });
      await store.values.setUserValue(ALICE, 'oof', undefined);
      assert.equal(await store.values.getUserValue(ALICE, 'oof'), undefined);
      await store.values.setUserValue(ALICE, 'flag', false);
      assert.equal(await store.values.getUserValue(ALICE, 'flag'), false);
    });

    it('stores device values per device and refuses them for an unknown device', async () => {
      const { store } = fx();
      for (const key of [alicePhone, aliceTablet, bobPhone]) await recordDevice(store, key);
      const ping = { heartbeat: 1680, folders: [{ id: '1', class: 'Email' }, { id: '7', class: 'Contacts' }] };
      await store.values.setDeviceValue(alicePhone, 'ping', ping);
      assert.deepEqual(await store.values.getDeviceValue(alicePhone, 'ping'), ping);
      assert.deepEqual(await store.values.getDeviceValue({ user: ALICE, deviceId: alicePhone.deviceId.toUpperCase() }, 'ping'), ping);
      assert.equal(await store.values.getDeviceValue(aliceTablet, 'ping'), undefined);
      assert.equal(await store.values.getDeviceValue(bobPhone, 'ping'), undefined);
      await store.values.setDeviceValue(alicePhone, 'ping', null);
      assert.equal(await store.values.getDeviceValue(alicePhone, 'ping'), null);
      await store.values.setDeviceValue(alicePhone, 'ping', undefined);
      assert.equal(await store.values.getDeviceValue(alicePhone, 'ping'), undefined);
      const ghost = deviceKey(ALICE, 'ghost');
      await assert.rejects(
        store.values.setDeviceValue(ghost, 'ping', ping),
        (error: unknown) => error instanceof StateStoreError && error.code === 'unknown-device',
      );
      await store.values.setDeviceValue(ghost, 'ping', undefined);
      assert.equal(await store.values.getDeviceValue(ghost, 'ping'), undefined);
    });
  });
}
