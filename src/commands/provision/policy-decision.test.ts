// The PolicyGate's decision table, row by row: wipe first (and the 403 for an account-only wipe a
// pre-16.1 device cannot receive), then "not required" and the exemptions, Ping without a key,
// then 142 / 144 / 143 / allowed by the key the device sent and the policy it acknowledged.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Device, DevicePolicy, DeviceWipe } from '../../domain/device.js';
import { NO_POLICY, NO_WIPE } from '../../domain/device.js';
import type { PolicyFacts, PolicyVerdict } from './policy-decision.js';
import { decidePolicy } from './policy-decision.js';
import { DEFAULT_PROVISIONING_SETTINGS } from './provisioning-settings.js';

const HASH = 'current-hash';
const KEY = 1_234_567_890;

function device(policy: Partial<DevicePolicy> = {}, wipe: Partial<DeviceWipe> = {}): Device {
  const at = new Date('2026-01-01T00:00:00Z');
  return {
    user: 'ann@example.org', deviceId: 'appl1', deviceType: 'iPhone', userAgent: null, protocolVersion: '14.1',
    firstSeen: at, lastSeen: at, information: {}, blocked: false, resyncRequestedAt: null,
    policy: { ...NO_POLICY, ...policy }, wipe: { ...NO_WIPE, ...wipe },
  };
}

const PROVISIONED = device({ state: 'provisioned', policyKey: KEY, policyHash: HASH });

function facts(overrides: Partial<PolicyFacts>): PolicyFacts {
  return {
    command: 'FolderSync', protocolVersion: '14.1', deviceId: 'appl1', deviceType: 'iPhone', device: PROVISIONED,
    policyKey: KEY, settings: DEFAULT_PROVISIONING_SETTINGS, currentPolicyHash: HASH, ...overrides,
  };
}

function outcome(verdict: PolicyVerdict): string {
  return verdict.kind === 'deny' ? String(verdict.status) : verdict.kind;
}

describe('decidePolicy', () => {
  const rows: [string, Partial<PolicyFacts>, string][] = [
    ['current key, current policy', {}, 'allow'],
    ['no key at all', { policyKey: undefined }, '142'],
    ['key 0 (iOS before provisioning)', { policyKey: 0 }, '142'],
    ['a key the device never had', { device: device(), policyKey: 77 }, '144'],
    ['a key for a device the store does not know', { device: undefined, policyKey: 77 }, '144'],
    ['no key from an unknown device', { device: undefined, policyKey: undefined }, '142'],
    ['a superseded key', { policyKey: KEY + 1 }, '144'],
    ['the temporary key while the acknowledgement is pending', { device: device({ state: 'pending', policyKey: null, temporaryKey: 55 }), policyKey: 55 }, '144'],
    ['the old final key during a re-provision', { device: device({ state: 'pending', policyKey: KEY, temporaryKey: 55, policyHash: HASH }) }, '144'],
    ['a key acknowledged for another policy', { currentPolicyHash: 'new-hash' }, '143'],
    ['a device already marked policy-changed', { device: device({ state: 'policy-changed', policyKey: KEY, policyHash: HASH }) }, '143'],
    ['Ping without a key from a provisioned device (AOSP)', { command: 'Ping', policyKey: undefined }, 'allow'],
    ['Ping without a key from an unprovisioned device', { command: 'Ping', policyKey: undefined, device: device() }, '142'],
    ['Ping without a key holding a superseded policy', { command: 'Ping', policyKey: undefined, currentPolicyHash: 'new-hash' }, '142'],
    ['Sync without a key from a provisioned device', { command: 'Sync', policyKey: undefined }, '142'],
    ['provisioning not required', { policyKey: undefined, settings: { ...DEFAULT_PROVISIONING_SETTINGS, required: false } }, 'allow'],
    ['Outlook desktop, exempt by default', { deviceType: 'WindowsOutlook15', policyKey: undefined }, 'allow'],
    ['exempt type compared without case', { deviceType: 'testactivesyncconnectivity', policyKey: undefined }, 'allow'],
    ['exempt device id', { deviceId: 'tablet9', policyKey: undefined, settings: { ...DEFAULT_PROVISIONING_SETTINGS, exemptDeviceIds: ['Tablet9'] } }, 'allow'],
    ['AOSP validation device', { deviceId: 'validate', device: undefined, policyKey: undefined }, 'allow'],
    ['wipe ordered', { device: device({ state: 'provisioned', policyKey: KEY, policyHash: HASH }, { state: 'requested' }) }, '140'],
    ['wipe acknowledged stays in force', { device: device({}, { state: 'acknowledged' }), policyKey: undefined }, '140'],
    ['wipe outranks exemption', { deviceType: 'WindowsOutlook', device: device({}, { state: 'requested' }) }, '140'],
    ['wipe outranks "not required"', { device: device({}, { state: 'requested' }), settings: { ...DEFAULT_PROVISIONING_SETTINGS, required: false } }, '140'],
    ['account-only wipe to a 16.1 device', { protocolVersion: '16.1', device: device({}, { state: 'requested', accountOnly: true }) }, '140'],
    ['account-only wipe to a 14.1 device', { device: device({}, { state: 'requested', accountOnly: true }) }, 'forbid'],
  ];
  for (const [name, overrides, expected] of rows) {
    it(`${name} → ${expected}`, () => {
      assert.equal(outcome(decidePolicy(facts(overrides))), expected);
    });
  }

  it('explains every verdict', () => {
    for (const [, overrides] of rows) assert.ok(decidePolicy(facts(overrides)).reason.length > 0);
  });
});
