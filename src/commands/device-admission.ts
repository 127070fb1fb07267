// Device admission, run by the HTTP front for every authenticated command before the PolicyGate:
// the device is recorded (type, User-Agent, protocol version; last seen to within a minute, so a
// request that tells nothing new is a read, not a write), a blocked device is
// refused with HTTP 403, and an admin's resync request resets the device's sync state before the
// command runs, so its next FolderSync or Sync starts from key 0. AOSP's account check uses the
// DeviceId "validate" and is thrown away afterwards (CLIENT-QUIRKS §2.1), so it leaves no record.

import { deviceKey } from '../domain/device.js';
import type { StateStore } from '../domain/state-store.js';
import type { PolicyGateInput } from './registry.js';

/** AOSP's account-validation pseudo device. */
export const VALIDATION_DEVICE_ID = 'validate';

export function isValidationDevice(deviceId: string): boolean {
  return deviceId.toLowerCase() === VALIDATION_DEVICE_ID;
}

/** The same facts the PolicyGate sees; admission does not look at the policy key. */
export type DeviceAdmissionInput = Omit<PolicyGateInput, 'policyKey'>;

export type AdmissionDecision =
  | { readonly admitted: true; readonly resynced: boolean }
  | { readonly admitted: false; readonly httpStatus: number; readonly reason: string };

/** Called by the HTTP front for every authenticated EAS command. */
export interface DeviceAdmission {
  admit(input: DeviceAdmissionInput): Promise<AdmissionDecision>;
}

export function createDeviceAdmission(state: StateStore): DeviceAdmission {
  return {
    async admit(input: DeviceAdmissionInput): Promise<AdmissionDecision> {
      if (isValidationDevice(input.deviceId)) return { admitted: true, resynced: false };
      const device = await state.devices.record({
        user: input.user.username,
        deviceId: input.deviceId,
        deviceType: input.deviceType,
        protocolVersion: input.protocolVersion,
        ...(input.userAgent === undefined ? {} : { userAgent: input.userAgent }),
      });
      if (device.blocked) return { admitted: false, httpStatus: 403, reason: `device ${device.deviceId} is blocked for ${device.user}` };
      // Only a marked device pays for the write transaction.
      const resynced = device.resyncRequestedAt !== null && (await state.devices.takeResyncRequest(deviceKey(device.user, device.deviceId)));
      return { admitted: true, resynced };
    },
  };
}
