// StateStore contract, devices: the record kept per request, patches and compare-and-set
// updates (provisioning, wipe, block, resync), listing, removal and isolation between users.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deviceKey, NO_POLICY, NO_WIPE, type Device } from '../../src/domain/device.js';
import {
  ALICE,
  alicePhone,
  aliceTablet,
  BOB,
  bobPhone,
  folderSnapshot,
  recordDevice,
  useStore,
  type StateStoreHarnessFactory,
} from './state-store-kit.js';

export function deviceContract(factory: StateStoreHarnessFactory): void {
  describe('devices', () => {
    const fx = useStore(factory);

    it('creates a device on its first request with empty policy, wipe and markers', async () => {
      const { store, clock } = fx();
      const device = await store.devices.record({
        user: ALICE,
        deviceId: 'ApplF4KD1234',
        deviceType: 'iPhone',
        userAgent: 'Apple-iPhone15C2/2201.5',
        protocolVersion: '16.1',
      });
      const expected: Device = {
        user: ALICE,
        deviceId: 'applf4kd1234',
        deviceType: 'iPhone',
        userAgent: 'Apple-iPhone15C2/2201.5',
        protocolVersion: '16.1',
        firstSeen: clock.date,
        lastSeen: clock.date,
        information: {},
        policy: NO_POLICY,
        wipe: NO_WIPE,
        blocked: false,
        resyncRequestedAt: null,
      };
      assert.deepEqual(device, expected);
      assert.deepEqual(await store.devices.get(alicePhone), expected);
    });

    it('refreshes last seen, type, User-Agent and version on later requests and keeps what a request omits', async () => {
      const { store, clock } = fx();
      const first = clock.date;
      await store.devices.record({ user: ALICE, deviceId: 'ApplF4KD1234', deviceType: 'iPhone', userAgent: 'UA/1', protocolVersion: '14.1' });
      clock.advance(60_000);
      await store.devices.record({ user: ALICE, deviceId: 'ApplF4KD1234', deviceType: 'iPhone', userAgent: 'UA/2', protocolVersion: '16.1' });
      const laterStill = clock.advance(60_000);
      const device = await store.devices.record({ user: ALICE, deviceId: 'ApplF4KD1234', deviceType: 'iPad' });
      assert.deepEqual(device.firstSeen, first);
      assert.deepEqual(device.lastSeen, laterStill);
      assert.equal(device.deviceType, 'iPad');
      assert.equal(device.userAgent, 'UA/2');
      assert.equal(device.protocolVersion, '16.1');
    });

    it('stores what a request changes at once, and last seen at least once a minute', async () => {
      const { store, clock } = fx();
      const request = { user: ALICE, deviceId: 'ApplF4KD1234', deviceType: 'iPhone', userAgent: 'UA/1', protocolVersion: '14.1' };
      await store.devices.record(request);
      clock.advance(1000);
      const changed = await store.devices.record({ ...request, deviceType: 'iPad', userAgent: 'UA/2', protocolVersion: '16.1' });
      assert.deepEqual([changed.deviceType, changed.userAgent, changed.protocolVersion], ['iPad', 'UA/2', '16.1']);
      const stored = await store.devices.get(alicePhone);
      assert.deepEqual([stored?.deviceType, stored?.userAgent, stored?.protocolVersion], ['iPad', 'UA/2', '16.1']);
      clock.advance(20_000);
      const unchanged = await store.devices.record({ ...request, deviceType: 'iPad', userAgent: null, protocolVersion: null });
      assert.equal(unchanged.userAgent, 'UA/2');
      assert.ok(unchanged.lastSeen.getTime() >= changed.lastSeen.getTime());
      const minuteLater = clock.advance(60_000);
      assert.deepEqual((await store.devices.record({ ...request, deviceType: 'iPad', userAgent: 'UA/2', protocolVersion: '16.1' })).lastSeen, minuteLater);
      assert.deepEqual((await store.devices.get(alicePhone))?.lastSeen, minuteLater);
    });

    it('treats DeviceId case-insensitively', async () => {
      const { store } = fx();
      await store.devices.record({ user: ALICE, deviceId: 'ABCdef', deviceType: 'Android' });
      await store.devices.record({ user: ALICE, deviceId: 'abcDEF', deviceType: 'Android' });
      assert.equal((await store.devices.list(ALICE)).length, 1);
      assert.equal((await store.devices.get({ user: ALICE, deviceId: 'ABCDEF' }))?.deviceId, 'abcdef');
    });

    it('lists all devices or one user\'s, and never shows a device under another user', async () => {
      const { store } = fx();
      await recordDevice(store, aliceTablet, 'Android');
      await recordDevice(store, bobPhone);
      await recordDevice(store, alicePhone);
      const all = await store.devices.list();
      assert.deepEqual(all.map((d) => [d.user, d.deviceId]), [
        [ALICE, 'androidc1234567'],
        [ALICE, 'applf4kd1234'],
        [BOB, 'applf4kd1234'],
      ]);
      assert.deepEqual((await store.devices.list(BOB)).map((d) => d.deviceId), ['applf4kd1234']);
      assert.deepEqual(await store.devices.list('nobody@example.com'), []);
      await store.devices.update(bobPhone, { blocked: true });
      assert.equal((await store.devices.get(alicePhone))?.blocked, false);
      assert.equal(await store.devices.get(deviceKey('carol@example.com', alicePhone.deviceId)), undefined);
    });

    it('replaces DeviceInformation and leaves groups a patch omits untouched', async () => {
      const { store } = fx();
      await recordDevice(store, alicePhone);
      await store.devices.update(alicePhone, { blocked: true });
      const information = {
        model: 'iPhone15,2',
        imei: '356789012345678',
        friendlyName: "Alice's iPhone",
        os: 'iOS 17.5',
        osLanguage: 'de-DE',
        phoneNumber: '+49301234567',
        userAgent: 'Apple-iPhone15C2/2201.5',
        enableOutboundSms: false,
        mobileOperator: 'Telekom.de',
      };
      const updated = await store.devices.update(alicePhone, { information });
      assert.deepEqual(updated?.information, information);
      assert.equal(updated?.blocked, true);
      assert.deepEqual((await store.devices.get(alicePhone))?.information, information);
      await store.devices.update(alicePhone, { information: { model: 'iPhone16,1' } });
      assert.deepEqual((await store.devices.get(alicePhone))?.information, { model: 'iPhone16,1' });
      assert.equal(await store.devices.update(deviceKey(BOB, 'missing'), { blocked: true }), undefined);
    });

    it('runs the two-phase provisioning as compare-and-set updates', async () => {
      const { store, clock } = fx();
      await recordDevice(store, alicePhone);
      const issued = clock.date;
      await store.devices.update(alicePhone, {
        policy: { state: 'pending', policyKey: null, temporaryKey: 1_234_567, policyHash: null, updatedAt: issued },
      });
      const acknowledge = (sentKey: number) => (device: Device) =>
        device.policy.state === 'pending' && device.policy.temporaryKey === sentKey
          ? { policy: { state: 'provisioned' as const, policyKey: 7_654_321, temporaryKey: null, policyHash: 'sha256:abc', updatedAt: clock.date } }
          : undefined;
      const wrong = await store.devices.update(alicePhone, acknowledge(999));
      assert.equal(wrong?.policy.state, 'pending');
      assert.equal((await store.devices.get(alicePhone))?.policy.temporaryKey, 1_234_567);
      clock.advance(5_000);
      const right = await store.devices.update(alicePhone, acknowledge(1_234_567));
      assert.deepEqual(right?.policy, {
        state: 'provisioned',
        policyKey: 7_654_321,
        temporaryKey: null,
        policyHash: 'sha256:abc',
        updatedAt: clock.date,
      });
      assert.deepEqual((await store.devices.get(alicePhone))?.policy, right?.policy);
      const changed = await store.devices.update(alicePhone, (d) => ({ policy: { ...d.policy, state: 'policy-changed' } }));
      assert.equal(changed?.policy.state, 'policy-changed');
      assert.equal(changed?.policy.policyKey, 7_654_321);
    });

    it('records a wipe request and its acknowledgement with timestamps, account-only too', async () => {
      const { store, clock } = fx();
      await recordDevice(store, alicePhone);
      await recordDevice(store, aliceTablet, 'Android');
      const requestedAt = clock.date;
      await store.devices.update(alicePhone, { wipe: { state: 'requested', accountOnly: false, requestedAt, acknowledgedAt: null } });
      await store.devices.update(aliceTablet, { wipe: { state: 'requested', accountOnly: true, requestedAt, acknowledgedAt: null } });
      const acknowledgedAt = clock.advance(30_000);
      await store.devices.update(alicePhone, (d) => ({ wipe: { ...d.wipe, state: 'acknowledged', acknowledgedAt } }));
      assert.deepEqual((await store.devices.get(alicePhone))?.wipe, { state: 'acknowledged', accountOnly: false, requestedAt, acknowledgedAt });
      assert.deepEqual((await store.devices.get(aliceTablet))?.wipe, { state: 'requested', accountOnly: true, requestedAt, acknowledgedAt: null });
    });

    it('blocks and allows a device', async () => {
      const { store } = fx();
      await recordDevice(store, alicePhone);
      assert.equal((await store.devices.update(alicePhone, { blocked: true }))?.blocked, true);
      assert.equal((await store.devices.record({ user: ALICE, deviceId: alicePhone.deviceId, deviceType: 'iPhone' })).blocked, true);
      assert.equal((await store.devices.update(alicePhone, { blocked: false }))?.blocked, false);
      assert.equal((await store.devices.get(alicePhone))?.blocked, false);
    });

    it('takes a resync request once, dropping sync states but keeping ServerIds and key counters', async () => {
      const { store, clock } = fx();
      await recordDevice(store, alicePhone);
      const folders = await folderSnapshot(store, alicePhone);
      const hierarchy = await store.hierarchy.commit(alicePhone, { baseKey: 0, folders });
      const synced = await store.collections.commit(alicePhone, '1', {
        baseKey: 0,
        state: { cursor: 1 },
        idMap: [{ op: 'put', serverId: '1:1', backendId: 'uid-1' }],
      });
      assert.equal(await store.devices.takeResyncRequest(alicePhone), false);
      await store.devices.update(alicePhone, { resyncRequestedAt: clock.date });
      assert.deepEqual((await store.devices.get(alicePhone))?.resyncRequestedAt, clock.date);
      assert.equal(await store.devices.takeResyncRequest(alicePhone), true);
      assert.equal(await store.devices.takeResyncRequest(alicePhone), false);
      assert.equal((await store.devices.get(alicePhone))?.resyncRequestedAt, null);
      assert.deepEqual(await store.hierarchy.get(alicePhone), { current: null, previous: null });
      assert.deepEqual(await store.collections.get(alicePhone, '1'), { current: null, previous: null });
      assert.deepEqual(await store.collections.listItems(alicePhone, '1'), []);
      const again = await folderSnapshot(store, alicePhone);
      assert.deepEqual(again, folders, 'the same folders keep their ServerIds after a resync');
      const restarted = await store.hierarchy.commit(alicePhone, { baseKey: 0, folders: again });
      assert.ok(restarted.syncKey > Math.max(hierarchy.syncKey, synced.syncKey), 'no SyncKey is issued twice');
    });

    it('removes a device with all its states and values, leaving other devices alone', async () => {
      const { store, clock } = fx();
      for (const key of [alicePhone, aliceTablet]) {
        await recordDevice(store, key);
        await store.hierarchy.commit(key, { baseKey: 0, folders: await folderSnapshot(store, key) });
        await store.collections.commit(key, '1', { baseKey: 0, state: 1, idMap: [{ op: 'put', serverId: '1:1', backendId: 'a' }] });
        await store.values.setDeviceValue(key, 'ping', { heartbeat: 900 });
      }
      assert.equal(await store.devices.remove(alicePhone), true);
      assert.equal(await store.devices.remove(alicePhone), false);
      assert.equal(await store.devices.get(alicePhone), undefined);
      clock.advance(1_000);
      const fresh = await store.devices.record({ user: ALICE, deviceId: alicePhone.deviceId, deviceType: 'iPhone' });
      assert.deepEqual(fresh.firstSeen, clock.date);
      assert.deepEqual(await store.hierarchy.get(alicePhone), { current: null, previous: null });
      assert.equal(await store.hierarchy.lookup(alicePhone, '1'), undefined);
      assert.deepEqual(await store.collections.list(alicePhone), []);
      assert.deepEqual(await store.collections.listItems(alicePhone, '1'), []);
      assert.equal(await store.values.getDeviceValue(alicePhone, 'ping'), undefined);
      assert.notEqual((await store.hierarchy.get(aliceTablet)).current, null);
      assert.equal((await store.collections.listItems(aliceTablet, '1')).length, 1);
      assert.deepEqual(await store.values.getDeviceValue(aliceTablet, 'ping'), { heartbeat: 900 });
    });

    it('removes every device and value of one user only', async () => {
      const { store } = fx();
      await recordDevice(store, alicePhone);
      await recordDevice(store, aliceTablet);
      await recordDevice(store, bobPhone);
      await store.values.setUserValue(ALICE, 'oof', { state: 1 });
      await store.values.setUserValue(BOB, 'oof', { state: 0 });
      assert.equal(await store.devices.removeUser(ALICE), 2);
      assert.deepEqual(await store.devices.list(ALICE), []);
      assert.equal(await store.values.getUserValue(ALICE, 'oof'), undefined);
      assert.equal((await store.devices.list(BOB)).length, 1);
      assert.deepEqual(await store.values.getUserValue(BOB, 'oof'), { state: 0 });
    });
  });
}
