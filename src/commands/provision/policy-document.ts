// The policy a device receives, in both forms MS-ASPROV knows: the EASProvisionDoc token tree for
// 12.0+ (2.2.2.24.1) with only the settings the device's version defines, and the 2.5 WAP
// provisioning XML string (2.2.2.24.2) derived from the same settings. Also the policy's hash,
// stored with each acknowledgement so a changed configuration is noticed (Status 143).

import { createHash } from 'node:crypto';
import type { ProtocolVersion } from '../../eas/protocol-version.js';
import { versionAtLeast } from '../../eas/protocol-version.js';
import type { WbxmlElement } from '../../eas/wbxml-body.js';
import { element } from '../../eas/wbxml-body.js';
import type { PolicySettingSpec, PolicySettings } from './policy-catalogue.js';
import { POLICY_SETTINGS } from './policy-catalogue.js';

/** MS-ASPROV 2.2.2.43. */
export const POLICY_TYPE_WBXML = 'MS-EAS-Provisioning-WBXML';
export const POLICY_TYPE_WAP = 'MS-WAP-Provisioning-XML';
export type PolicyType = typeof POLICY_TYPE_WBXML | typeof POLICY_TYPE_WAP;

export function isPolicyType(value: string): value is PolicyType {
  return value === POLICY_TYPE_WBXML || value === POLICY_TYPE_WAP;
}

function settingElement(spec: PolicySettingSpec, value: boolean | number | readonly string[]): WbxmlElement {
  switch (spec.kind) {
    case 'boolean':
      return element(spec.tag, value === true ? '1' : '0');
    case 'integer':
      return element(spec.tag, String(value));
    case 'application-names':
      return element(spec.tag, (value as readonly string[]).map((name) => element('Provision:ApplicationName', name)));
    case 'hashes':
      return element(spec.tag, (value as readonly string[]).map((hash) => element('Provision:Hash', hash.toUpperCase())));
  }
}

/** The settings the version defines, in token order; the rest are left out (MS-ASPROV 2.2.2). */
export function buildEasProvisionDoc(policy: PolicySettings, version: ProtocolVersion): WbxmlElement {
  const children: WbxmlElement[] = [];
  for (const spec of POLICY_SETTINGS) {
    const value = policy[spec.key];
    if (value === undefined || !versionAtLeast(version, spec.minVersion)) continue;
    children.push(settingElement(spec, value));
  }
  return element('Provision:EASProvisionDoc', children);
}

function parm(name: string, value: number | string): string {
  return `<parm name="${name}" value="${value}"/>`;
}

function characteristic(type: string, parms: readonly string[]): string {
  return `<characteristic type="${type}">${parms.join('')}</characteristic>`;
}

const LASSD = 'HKLM\\Comm\\Security\\Policy\\LASSD';

/** The password rules of the Registry branch; only meaningful when a password is required. */
function passwordRegistry(policy: PolicySettings): string[] {
  const branches: string[] = [];
  const lock = policy.maxInactivityTimeDeviceLock ?? 0;
  // AEFrequencyType 1 = lock after AEFrequencyValue minutes of inactivity, 0 = never.
  branches.push(characteristic(`${LASSD}\\AE\\{50C13377-C66D-400C-889E-C316FC4AB374}`,
    lock > 0 ? [parm('AEFrequencyType', 1), parm('AEFrequencyValue', Math.ceil(lock / 60))] : [parm('AEFrequencyType', 0)]));
  const attempts = policy.maxDevicePasswordFailedAttempts;
  if (attempts !== undefined) {
    branches.push(characteristic(LASSD, [parm('DeviceWipeThreshold', attempts)]));
    // The device asks for a typed confirmation word every CodewordFrequency failures, before the wipe.
    branches.push(characteristic(LASSD, [parm('CodewordFrequency', Math.max(1, Math.floor(attempts / 2)))]));
  }
  const lap = `${LASSD}\\LAP\\lap_pw`;
  if (policy.minDevicePasswordLength !== undefined) branches.push(characteristic(lap, [parm('MinimumPasswordLength', policy.minDevicePasswordLength)]));
  // PasswordComplexity: 0 = alphanumeric required, 2 = any password.
  branches.push(characteristic(lap, [parm('PasswordComplexity', policy.alphanumericDevicePasswordRequired === true ? 0 : 2)]));
  return branches;
}

/**
 * The 2.5 form (MS-ASPROV 2.2.2.24.2). Security policy 4131 is inverted: 0 means a password is
 * required. 4133 allows unlocking the device from a desktop computer, the 2.5 counterpart of
 * AllowDesktopSync.
 */
export function buildWapProvisioningDoc(policy: PolicySettings): string {
  const passwordRequired = policy.devicePasswordEnabled === true;
  const security = characteristic('SecurityPolicy', [
    parm('4131', passwordRequired ? 0 : 1),
    parm('4133', policy.allowDesktopSync === false ? 0 : 1),
  ]);
  const rules = passwordRequired ? characteristic('Registry', passwordRegistry(policy)) : '';
  return `<wap-provisioningdoc>${security}${rules}</wap-provisioningdoc>`;
}

/** Stable over key order and unchanged by settings left at "not sent". */
export function policyHash(policy: PolicySettings): string {
  const entries = POLICY_SETTINGS.filter((spec) => policy[spec.key] !== undefined).map((spec) => [spec.key, policy[spec.key]]);
  return createHash('sha256').update(JSON.stringify(entries)).digest('hex').slice(0, 32);
}
