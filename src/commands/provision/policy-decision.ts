// The PolicyGate's decision table as a pure function of what the request says and what the state
// store knows about the device. Order matters: a remote wipe outranks everything (even exemption),
// then exemptions, then the policy key checks of MS-ASCMD 2.2.2 / MS-ASPROV 3.2.5.1:
//   wipe ordered                                  → 140 (account-only wipe before 16.1: forbidden)
//   provisioning not required, or device exempt   → allowed
//   Ping without a key on a provisioned device    → allowed (AOSP sends none; CLIENT-QUIRKS §2.1)
//   no key, or key 0                              → 142
//   key not the device's current final key        → 144 (unknown, temporary or superseded key)
//   policy changed since the device acknowledged  → 143
//   otherwise                                     → allowed

import type { Device } from '../../domain/device.js';
import type { EasCommandName } from '../../eas/commands.js';
import type { ProtocolVersion } from '../../eas/protocol-version.js';
import { isValidationDevice } from '../device-admission.js';
import type { ProvisioningSettings } from './provisioning-settings.js';
import { listIncludes } from './provisioning-settings.js';
import { wipeDeliverable, wipeInForce } from './remote-wipe.js';

/** MS-ASCMD 2.2.2 common statuses the gate answers with. */
export const GATE_STATUS = Object.freeze({
  RemoteWipeRequested: 140,
  DeviceNotProvisioned: 142,
  PolicyRefresh: 143,
  InvalidPolicyKey: 144,
} as const);

export type GateStatus = (typeof GATE_STATUS)[keyof typeof GATE_STATUS];

export type PolicyVerdict =
  | { readonly kind: 'allow'; readonly reason: string }
  | { readonly kind: 'deny'; readonly status: GateStatus; readonly reason: string }
  /** The device may not be served at all (HTTP 403). */
  | { readonly kind: 'forbid'; readonly reason: string };

export interface PolicyFacts {
  readonly command: EasCommandName;
  readonly protocolVersion: ProtocolVersion;
  readonly deviceId: string;
  readonly deviceType: string;
  readonly policyKey?: number;
  /** Undefined when the store has no record of the device. */
  readonly device: Device | undefined;
  readonly settings: ProvisioningSettings;
  /** policyHash() of the configured policy. */
  readonly currentPolicyHash: string;
}

const allow = (reason: string): PolicyVerdict => ({ kind: 'allow', reason });
const deny = (status: GateStatus, reason: string): PolicyVerdict => ({ kind: 'deny', status, reason });

/** Whether the device holds the current policy under its final key. */
export function holdsCurrentPolicy(device: Device, currentPolicyHash: string): boolean {
  return device.policy.state === 'provisioned' && device.policy.policyHash === currentPolicyHash;
}

export function decidePolicy(facts: PolicyFacts): PolicyVerdict {
  const { device, settings, policyKey } = facts;
  // The validation pseudo device has no record to hold a key or a wipe.
  if (isValidationDevice(facts.deviceId)) return allow('AOSP validation device');
  if (device !== undefined && wipeInForce(device.wipe)) {
    if (!wipeDeliverable(device.wipe, facts.protocolVersion)) {
      return { kind: 'forbid', reason: `account-only wipe ordered but the device speaks ${facts.protocolVersion}` };
    }
    return deny(GATE_STATUS.RemoteWipeRequested, 'remote wipe ordered');
  }
  if (!settings.required) return allow('provisioning not required');
  if (listIncludes(settings.exemptDeviceTypes, facts.deviceType)) return allow(`device type ${facts.deviceType} is exempt`);
  if (listIncludes(settings.exemptDeviceIds, facts.deviceId)) return allow(`device ${facts.deviceId} is exempt`);
  if (policyKey === undefined && facts.command === 'Ping' && device !== undefined && holdsCurrentPolicy(device, facts.currentPolicyHash)) {
    return allow('Ping without a key from a provisioned device');
  }
  if (policyKey === undefined || policyKey === 0) return deny(GATE_STATUS.DeviceNotProvisioned, 'no policy key');
  if (device === undefined || device.policy.policyKey === null || device.policy.state === 'none' || device.policy.state === 'pending'
    || policyKey !== device.policy.policyKey) {
    return deny(GATE_STATUS.InvalidPolicyKey, `policy key ${policyKey} is not the device's current key`);
  }
  if (!holdsCurrentPolicy(device, facts.currentPolicyHash)) return deny(GATE_STATUS.PolicyRefresh, 'the policy changed');
  return allow('current policy key');
}
