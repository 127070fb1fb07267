// Settings DeviceInformation Set (MS-ASCMD 2.2.3.45, 3.1.5.2): what the device says about itself
// (model, IMEI, friendly name, OS, language, phone number, User-Agent, mobile operator, outbound
// SMS). Stored on the device record, merged over what Provision (14.1+) or an earlier Set stored,
// so a Set that names fewer fields does not erase the others. `pushbridge device list` shows it.
import type { DeviceInformation } from '../../domain/device.js';
import type { WbxmlElement } from '../../eas/wbxml-body.js';
import type { SettingsPartContext } from './settings-part.js';
import { invalidArgument, leafText, protocolError, singleChildren } from './settings-status.js';

/** MS-ASCMD 2.2.3.115 ff.: each DeviceInformation string "can be up to 1024 characters". */
export const DEVICE_INFORMATION_MAX_CHARS = 1024;

type TextField = Exclude<keyof DeviceInformation, 'enableOutboundSms'>;

/** Request element → stored field, in the order of MS-ASCMD 2.2.3.167 (Set). */
const TEXT_FIELDS: ReadonlyArray<readonly [string, TextField]> = [
  ['Settings:Model', 'model'],
  ['Settings:IMEI', 'imei'],
  ['Settings:FriendlyName', 'friendlyName'],
  ['Settings:OS', 'os'],
  ['Settings:OSLanguage', 'osLanguage'],
  ['Settings:PhoneNumber', 'phoneNumber'],
  ['Settings:UserAgent', 'userAgent'],
  ['Settings:MobileOperator', 'mobileOperator'],
];

const OUTBOUND_SMS = 'Settings:EnableOutboundSMS';
const ALLOWED = [...TEXT_FIELDS.map(([name]) => name), OUTBOUND_SMS];

/**
 * Reads DeviceInformation/Set. UserAgent, EnableOutboundSMS and MobileOperator are 14.0+ in the
 * spec, but an older client that sends them is told the truth about itself, so they are kept.
 */
export function parseDeviceInformation(part: WbxmlElement): DeviceInformation {
  const set = singleChildren(part, ['Settings:Set']).get('Settings:Set');
  if (set === undefined) throw protocolError('DeviceInformation needs a Set');
  const fields = singleChildren(set, ALLOWED);
  const info: { -readonly [K in keyof DeviceInformation]: DeviceInformation[K] } = {};
  for (const [name, field] of TEXT_FIELDS) {
    const el = fields.get(name);
    if (el === undefined) continue;
    const value = leafText(el);
    if (value.length > DEVICE_INFORMATION_MAX_CHARS) {
      throw invalidArgument(`${name} is longer than ${DEVICE_INFORMATION_MAX_CHARS} characters`);
    }
    info[field] = value;
  }
  const sms = fields.get(OUTBOUND_SMS);
  if (sms !== undefined) {
    // MS-ASCMD 2.2.3.60: a boolean, 0 or 1.
    const value = leafText(sms).trim();
    if (value !== '0' && value !== '1') throw invalidArgument(`${OUTBOUND_SMS} must be 0 or 1, got "${value}"`);
    info.enableOutboundSms = value === '1';
  }
  return info;
}

export async function setDeviceInformation(part: WbxmlElement, pc: SettingsPartContext): Promise<WbxmlElement[]> {
  const info = parseDeviceInformation(part);
  await pc.deps.state.devices.update(pc.device, (current) => ({ information: { ...current.information, ...info } }));
  return [];
}

