// What the composition root derives from the `provisioning` configuration for Provision and the
// PolicyGate, and the defaults a command set built without it (unit tests, tools) runs with. The
// defaults equal the configuration's, so a server and a test see the same behaviour.

import type { PolicySettings } from './policy-catalogue.js';

export interface ProvisioningSettings {
  /** Commands that need provisioning demand a current policy key. */
  readonly required: boolean;
  /** DeviceType values let in without a policy key, compared without regard to case. */
  readonly exemptDeviceTypes: readonly string[];
  /** DeviceId values let in without a policy key, compared without regard to case. */
  readonly exemptDeviceIds: readonly string[];
  /** DeviceType values answered with HTTP 449 instead of Status 140-144 on 14.0+ (CLIENT-QUIRKS §6.3). */
  readonly legacy449DeviceTypes: readonly string[];
  /** Accept acknowledgements reporting partial, no or third-party compliance (MS-ASPROV 2.2.2.54.1). */
  readonly allowNonCompliantDevices: boolean;
  /** Answer a 16.1 initial Provision without DeviceInformation with Status 165. */
  readonly requireDeviceInformation: boolean;
  readonly policy: PolicySettings;
}

export const DEFAULT_PROVISIONING_SETTINGS: ProvisioningSettings = Object.freeze({
  required: true,
  exemptDeviceTypes: Object.freeze(['WindowsOutlook', 'WindowsOutlook15', 'TestActiveSyncConnectivity']),
  exemptDeviceIds: Object.freeze([]),
  legacy449DeviceTypes: Object.freeze([]),
  allowNonCompliantDevices: true,
  requireDeviceInformation: true,
  policy: Object.freeze({ devicePasswordEnabled: false, attachmentsEnabled: true }),
});

export function listIncludes(list: readonly string[], value: string): boolean {
  const wanted = value.toLowerCase();
  return list.some((entry) => entry.toLowerCase() === wanted);
}
