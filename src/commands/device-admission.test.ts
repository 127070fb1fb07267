// Device admission over a real SQLite state store: every request records the device and
// refreshes what it says about itself (last seen to within a minute); "validate" leaves no record;
// a blocked device is refused; an admin's resync request is taken once and drops the device's
// sync state.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { deviceKey } from '../domain/device.js';
import type { StateStore } from '../domain/state-store.js';
import { openStateStore } from '../state/open-state-store.js';
import type { DeviceAdmissionInput } from './device-admission.js';
import { createDeviceAdmission } from './device-admission.js';

let dir: string;
let state: StateStore;
let now = Date.UTC(2026, 0, 5);

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pushbridge-admission-'));
  state = await openStateStore({ kind: 'sqlite', dataDir: dir, clock: () => now });
});

afterEach(async () => {
  await state.close();
  rmSync(dir, { recursive: true, force: true });
});

const REQUEST: DeviceAdmissionInput = {
  command: 'FolderSync', user: { username: 'bo@example.org' }, deviceId: 'Androidc77', deviceType: 'Android',
  userAgent: 'Android/14-EAS-2.0', protocolVersion: '14.1',
};
const KEY = deviceKey('bo@example.org', 'androidc77');

describe('DeviceAdmission', () => {
  it('records the device on first contact and refreshes it later', async () => {
    const admission = createDeviceAdmission(state);
    assert.deepEqual(await admission.admit(REQUEST), { admitted: true, resynced: false });
    now += 60_000;
    await admission.admit({ ...REQUEST, protocolVersion: '12.1', userAgent: 'Android/14-EAS-2.1' });
    const [device] = await state.devices.list();
    assert.equal(device?.deviceId, 'androidc77');
    assert.equal(device?.protocolVersion, '12.1');
    assert.equal(device?.userAgent, 'Android/14-EAS-2.1');
    assert.equal(device?.lastSeen.getTime(), now);
    assert.ok((device?.firstSeen.getTime() ?? now) < now);
  });

  it('refreshes last seen at most once a minute, but a changed User-Agent or version at once', async () => {
    const admission = createDeviceAdmission(state);
    const lastSeen = async (): Promise<number | undefined> => (await state.devices.get(KEY))?.lastSeen.getTime();
    await admission.admit(REQUEST);
    const first = now;
    now += 30_000;
    await admission.admit(REQUEST);
    assert.equal(await lastSeen(), first);
    now += 1000;
    await admission.admit({ ...REQUEST, userAgent: 'Android/15-EAS-2.0' });
    assert.equal((await state.devices.get(KEY))?.userAgent, 'Android/15-EAS-2.0');
    assert.equal(await lastSeen(), now);
    const rewritten = now;
    now += 59_999;
    await admission.admit({ ...REQUEST, userAgent: 'Android/15-EAS-2.0' });
    assert.equal(await lastSeen(), rewritten);
    now += 1;
    await admission.admit({ ...REQUEST, userAgent: 'Android/15-EAS-2.0' });
    assert.equal(await lastSeen(), now);
    now += 1000;
    await admission.admit({ ...REQUEST, userAgent: 'Android/15-EAS-2.0', protocolVersion: '16.1' });
    assert.equal((await state.devices.get(KEY))?.protocolVersion, '16.1');
  });

  it('keeps no record for AOSP validation', async () => {
    assert.deepEqual(await createDeviceAdmission(state).admit({ ...REQUEST, deviceId: 'validate' }), { admitted: true, resynced: false });
    assert.deepEqual(await state.devices.list(), []);
  });

  it('refuses a blocked device with 403', async () => {
    const admission = createDeviceAdmission(state);
    await admission.admit(REQUEST);
    await state.devices.update(KEY, { blocked: true });
    const decision = await admission.admit(REQUEST);
    assert.equal(decision.admitted, false);
    assert.equal(!decision.admitted && decision.httpStatus, 403);
  });

  it('takes a resync request once, dropping the hierarchy state', async () => {
    const admission = createDeviceAdmission(state);
    await admission.admit(REQUEST);
    await state.hierarchy.commit(KEY, { baseKey: 0, folders: [] });
    await state.devices.update(KEY, { resyncRequestedAt: new Date(now) });
    assert.deepEqual(await admission.admit(REQUEST), { admitted: true, resynced: true });
    assert.equal((await state.hierarchy.get(KEY)).current, null);
    assert.equal((await state.devices.get(KEY))?.resyncRequestedAt, null);
    assert.deepEqual(await admission.admit(REQUEST), { admitted: true, resynced: false });
  });
});
