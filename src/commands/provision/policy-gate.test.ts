// The PolicyGate over a real SQLite state store: what it answers for the device the store holds,
// the 'policy-changed' mark it leaves when the configured policy moved on, the per-DeviceType
// switch to HTTP 449 on 14.0+, and the 403 for an account-only wipe a 14.1 device cannot receive.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { deviceKey } from '../../domain/device.js';
import type { StateStore } from '../../domain/state-store.js';
import { openStateStore } from '../../state/open-state-store.js';
import type { PolicyGateInput } from '../registry.js';
import { createPolicyGate } from './policy-gate.js';
import { policyHash } from './policy-document.js';
import type { ProvisioningSettings } from './provisioning-settings.js';
import { DEFAULT_PROVISIONING_SETTINGS } from './provisioning-settings.js';

const USER = { username: 'ann@example.org' };
const KEY = deviceKey(USER.username, 'Appl1');
const NOW = Date.UTC(2026, 2, 1);

let dir: string;
let state: StateStore;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pushbridge-gate-'));
  state = await openStateStore({ kind: 'sqlite', dataDir: dir, clock: () => NOW });
  await state.devices.record({ user: USER.username, deviceId: 'Appl1', deviceType: 'iPhone' });
});

afterEach(async () => {
  await state.close();
  rmSync(dir, { recursive: true, force: true });
});

function input(overrides: Partial<PolicyGateInput> = {}): PolicyGateInput {
  return { command: 'FolderSync', user: USER, deviceId: 'Appl1', deviceType: 'iPhone', protocolVersion: '14.1', ...overrides };
}

function gate(settings: ProvisioningSettings = DEFAULT_PROVISIONING_SETTINGS): ReturnType<typeof createPolicyGate> {
  return createPolicyGate({ state, settings, clock: () => NOW });
}

async function provision(policyKey: number, settings: ProvisioningSettings = DEFAULT_PROVISIONING_SETTINGS): Promise<void> {
  await state.devices.update(KEY, {
    policy: { state: 'provisioned', policyKey, temporaryKey: null, policyHash: policyHash(settings.policy), updatedAt: new Date(NOW) },
  });
}

describe('PolicyGate', () => {
  it('demands provisioning from a recorded device with no key, then admits its final key', async () => {
    assert.deepEqual(await gate().check(input()), { allowed: false, status: 142 });
    await provision(4242);
    assert.deepEqual(await gate().check(input({ policyKey: 4242 })), { allowed: true });
    assert.deepEqual(await gate().check(input({ policyKey: 4243 })), { allowed: false, status: 144 });
  });

  it('answers 143 after the policy changed and marks the device policy-changed', async () => {
    await provision(4242);
    const stricter: ProvisioningSettings = { ...DEFAULT_PROVISIONING_SETTINGS, policy: { devicePasswordEnabled: true } };
    assert.deepEqual(await gate(stricter).check(input({ policyKey: 4242 })), { allowed: false, status: 143 });
    const stored = await state.devices.get(KEY);
    assert.equal(stored?.policy.state, 'policy-changed');
    assert.equal(stored?.policy.policyKey, 4242);
    assert.deepEqual(await gate(stricter).check(input({ policyKey: 4242 })), { allowed: false, status: 143 });
  });

  it('lets a provisioned device Ping without a key', async () => {
    await provision(4242);
    assert.deepEqual(await gate().check(input({ command: 'Ping' })), { allowed: true });
    assert.deepEqual(await gate().check(input({ command: 'Sync' })), { allowed: false, status: 142 });
  });

  it('switches listed device types to HTTP 449 on 14.0+', async () => {
    const settings = { ...DEFAULT_PROVISIONING_SETTINGS, legacy449DeviceTypes: ['iphone'] };
    assert.deepEqual(await gate(settings).check(input()), { allowed: false, status: 142, httpStatus: 449 });
    assert.deepEqual(await gate(settings).check(input({ deviceType: 'Android', deviceId: 'androidc1' })), { allowed: false, status: 142 });
  });

  it('orders a wipe with 140, and refuses an account-only wipe to a 14.1 device with 403', async () => {
    await provision(4242);
    await state.devices.update(KEY, { wipe: { state: 'requested', accountOnly: false, requestedAt: new Date(NOW), acknowledgedAt: null } });
    assert.deepEqual(await gate().check(input({ policyKey: 4242 })), { allowed: false, status: 140 });
    await state.devices.update(KEY, { wipe: { state: 'requested', accountOnly: true, requestedAt: new Date(NOW), acknowledgedAt: null } });
    assert.deepEqual(await gate().check(input({ policyKey: 4242 })), { allowed: false, status: 129, httpStatus: 403 });
    assert.deepEqual(await gate().check(input({ policyKey: 4242, protocolVersion: '16.1' })), { allowed: false, status: 140 });
  });

  it('admits AOSP validation without touching the store', async () => {
    assert.deepEqual(await gate().check(input({ deviceId: 'validate', deviceType: 'Android' })), { allowed: true });
    assert.equal((await state.devices.list()).length, 1);
  });
});
