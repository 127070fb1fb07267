// Settings DevicePassword Set (MS-ASCMD 2.2.3.46): the device's recovery password, kept per
// device so an administrator can read it back; an empty Password clears it (2.2.3.132.3).
import { StateStoreError } from '../../domain/state-store.js';
import type { WbxmlElement } from '../../eas/wbxml-body.js';
import type { SettingsPartContext } from './settings-part.js';
import { invalidArgument, leafText, protocolError, singleChildren } from './settings-status.js';

/** The device value the password is stored under (ValueStore, per device). */
export const DEVICE_PASSWORD_VALUE = 'devicePassword';

/** MS-ASCMD 2.2.3.132.3: "a maximum length of 255 characters". */
export const DEVICE_PASSWORD_MAX_CHARS = 255;

/** The password a DevicePassword part sets; '' means "clear it". */
export function parseDevicePassword(part: WbxmlElement): string {
  const set = singleChildren(part, ['Settings:Set']).get('Settings:Set');
  if (set === undefined) throw protocolError('DevicePassword needs a Set');
  const password = singleChildren(set, ['Settings:Password']).get('Settings:Password');
  if (password === undefined) throw protocolError('DevicePassword Set needs a Password');
  const value = leafText(password);
  if (value.length > DEVICE_PASSWORD_MAX_CHARS) {
    throw invalidArgument(`Password is longer than ${DEVICE_PASSWORD_MAX_CHARS} characters`);
  }
  return value;
}

export async function setDevicePassword(part: WbxmlElement, pc: SettingsPartContext): Promise<WbxmlElement[]> {
  const password = parseDevicePassword(part);
  try {
    await pc.deps.state.values.setDeviceValue(pc.device, DEVICE_PASSWORD_VALUE, password === '' ? undefined : password);
  } catch (error) {
    // An unrecorded device (AOSP's throw-away "validate") has nowhere to keep it and needs none.
    if (!(error instanceof StateStoreError && error.code === 'unknown-device')) throw error;
  }
  return [];
}
