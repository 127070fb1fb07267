// How the three device families the diagnostic imitates differ on the wire (CLIENT-QUIRKS §1-3):
// identity (DeviceType, User-Agent, DeviceId shape), request-line form, highest version they speak,
// and the order of their first requests.

import type { ProtocolVersion } from '../eas/protocol-version.js';
import type { DeviceInformation } from './request-builders.js';

export type DeviceProfileName = 'iPhone' | 'Android' | 'Outlook';

export type ProfileStep = 'Provision' | 'Settings' | 'FolderSync' | 'Sync' | 'GetItemEstimate' | 'Ping';

export interface DeviceProfile {
  readonly name: DeviceProfileName;
  readonly deviceType: string;
  readonly userAgent: string;
  readonly requestLineForm: 'plain' | 'base64';
  /** Highest version the client speaks; it picks the highest common one from OPTIONS. */
  readonly maxVersion: ProtocolVersion;
  /** iOS sends X-MS-PolicyKey: 0 before it holds a key. */
  readonly sendZeroPolicyKey: boolean;
  /** The protocol steps in the order this client sends them after OPTIONS. */
  readonly steps: readonly ProfileStep[];
  /** Steps this client never sends on its own, with the reason shown in the report. */
  readonly omitted: Readonly<Partial<Record<ProfileStep, string>>>;
  readonly deviceInformation: DeviceInformation;
  /** Builds a DeviceId shaped like the real client's. */
  newDeviceId(random: () => number): string;
}

function randomChars(alphabet: string, length: number, random: () => number): string {
  let out = '';
  for (let i = 0; i < length; i += 1) out += alphabet[Math.floor(random() * alphabet.length)] ?? alphabet[0];
  return out;
}

const HEX = '0123456789ABCDEF';
const DIGITS = '0123456789';
const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

export const DEVICE_PROFILES: Readonly<Record<DeviceProfileName, DeviceProfile>> = {
  // iOS: plain line, key 0 until provisioned, Settings/DeviceInformation first, then provisions on 449/142.
  iPhone: {
    name: 'iPhone',
    deviceType: 'iPhone',
    userAgent: 'Apple-iPhone14C2/2106.84',
    requestLineForm: 'plain',
    maxVersion: '16.1',
    sendZeroPolicyKey: true,
    steps: ['Settings', 'Provision', 'FolderSync', 'Sync', 'GetItemEstimate', 'Ping'],
    omitted: {},
    deviceInformation: {
      model: 'iPhone14C2', friendlyName: 'iPhone', os: 'iOS 17.5 21F79', osLanguage: 'en', userAgent: 'iOS/17.5 (21F79) dataaccessd/1.0',
    },
    newDeviceId: (random) => `Appl${randomChars(UPPER_ALNUM, 11, random)}`,
  },
  // AOSP / Gmail Exchange: plain line, speaks up to 14.1, provisions before anything else.
  Android: {
    name: 'Android',
    deviceType: 'Android',
    userAgent: 'Android/14-EAS-2.0',
    requestLineForm: 'plain',
    maxVersion: '14.1',
    sendZeroPolicyKey: false,
    steps: ['Provision', 'Settings', 'FolderSync', 'Sync', 'GetItemEstimate', 'Ping'],
    omitted: {},
    deviceInformation: { model: 'Pixel 8', friendlyName: 'Android', os: 'Android 14', osLanguage: 'en', userAgent: 'Android/14-EAS-2.0' },
    newDeviceId: (random) => `androidc${randomChars(DIGITS, 10, random)}`,
  },
  // Microsoft clients use the base64 line; Outlook 2013+ never sends Settings and provisions only when forced.
  Outlook: {
    name: 'Outlook',
    deviceType: 'WindowsOutlook15',
    userAgent: 'Outlook/15.0 (15.0.5172.1000; MSI; x64)',
    requestLineForm: 'base64',
    maxVersion: '14.0',
    sendZeroPolicyKey: false,
    steps: ['FolderSync', 'Sync', 'GetItemEstimate', 'Ping'],
    omitted: {
      Provision: 'Outlook provisions only when the server demands it',
      Settings: 'Outlook does not send Settings DeviceInformation',
    },
    deviceInformation: { model: 'Outlook', friendlyName: 'Outlook', os: 'Windows 10', osLanguage: 'en-US', userAgent: 'Outlook/15.0' },
    newDeviceId: (random) => randomChars(HEX, 32, random),
  },
};
