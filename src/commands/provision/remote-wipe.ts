// Remote wipe rules shared by the PolicyGate and Provision. A wipe stays in force after the device
// acknowledged it, as Exchange does: a wiped phone that comes back is wiped again until an admin
// removes the device record (`pushbridge device remove`).

import type { DeviceWipe } from '../../domain/device.js';
import type { ProtocolVersion } from '../../eas/protocol-version.js';
import { versionAtLeast } from '../../eas/protocol-version.js';

/** AccountOnlyRemoteWipe exists only in 16.1 (MS-ASPROV 2.2.2.1). */
export const ACCOUNT_ONLY_WIPE_MIN_VERSION: ProtocolVersion = '16.1';

export function wipeInForce(wipe: DeviceWipe): boolean {
  return wipe.state !== 'none';
}

/**
 * Whether this version can carry the wipe that was ordered. An account-only wipe cannot be told to
 * an older device, and a full wipe is not what the admin asked for, so such a device is refused
 * access instead (HTTP 403) until the admin changes the order or the device speaks 16.1.
 */
export function wipeDeliverable(wipe: DeviceWipe, version: ProtocolVersion): boolean {
  return !wipe.accountOnly || versionAtLeast(version, ACCOUNT_ONLY_WIPE_MIN_VERSION);
}
