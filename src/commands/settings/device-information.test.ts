// Reading Settings DeviceInformation/Set and DevicePassword/Set: every field, the spec's length
// limits, and the statuses for malformed parts.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { WbxmlElement } from '../../eas/wbxml-body.js';
import { element } from '../../eas/wbxml-body.js';
import { DEVICE_INFORMATION_MAX_CHARS, parseDeviceInformation } from './device-information.js';
import { DEVICE_PASSWORD_MAX_CHARS, parseDevicePassword } from './device-password.js';
import { SettingsPartError } from './settings-status.js';

const info = (children: WbxmlElement[]): WbxmlElement => element('Settings:DeviceInformation', element('Settings:Set', children));
const password = (value: string): WbxmlElement => element('Settings:DevicePassword', element('Settings:Set', element('Settings:Password', value)));

function assertStatus(run: () => unknown, status: number, pattern: RegExp): void {
  assert.throws(run, (error: unknown) => error instanceof SettingsPartError && error.status === status && pattern.test(error.message));
}

describe('parseDeviceInformation', () => {
  it('reads every field MS-ASCMD 2.2.3.167 defines', () => {
    const parsed = parseDeviceInformation(info([
      element('Settings:Model', 'iPhone15,2'),
      element('Settings:IMEI', '356938035643809'),
      element('Settings:FriendlyName', "Alice's iPhone"),
      element('Settings:OS', 'iOS 17.5 21F79'),
      element('Settings:OSLanguage', 'en-GB'),
      element('Settings:PhoneNumber', '+441632960000'),
      element('Settings:UserAgent', 'iOS/17.5 (21F79) dataaccessd/1.0'),
      element('Settings:EnableOutboundSMS', '1'),
      element('Settings:MobileOperator', 'Example Mobile'),
    ]));
    assert.deepEqual(parsed, {
      model: 'iPhone15,2', imei: '356938035643809', friendlyName: "Alice's iPhone", os: 'iOS 17.5 21F79', osLanguage: 'en-GB',
      phoneNumber: '+441632960000', userAgent: 'iOS/17.5 (21F79) dataaccessd/1.0', enableOutboundSms: true, mobileOperator: 'Example Mobile',
    });
    assert.deepEqual(parseDeviceInformation(info([])), {});
  });

  it('answers a missing Set, a stray or repeated field with Status 2', () => {
    assertStatus(() => parseDeviceInformation(element('Settings:DeviceInformation')), 2, /needs a Set/);
    assertStatus(() => parseDeviceInformation(info([element('Settings:Password', 'x')])), 2, /not allowed/);
    assertStatus(() => parseDeviceInformation(info([element('Settings:OS', 'a'), element('Settings:OS', 'b')])), 2, /twice/);
  });

  it('answers an over-long value or a non-boolean EnableOutboundSMS with Status 5', () => {
    assert.equal(parseDeviceInformation(info([element('Settings:Model', 'm'.repeat(DEVICE_INFORMATION_MAX_CHARS))])).model?.length, DEVICE_INFORMATION_MAX_CHARS);
    assertStatus(() => parseDeviceInformation(info([element('Settings:Model', 'm'.repeat(DEVICE_INFORMATION_MAX_CHARS + 1))])), 5, /1024/);
    assertStatus(() => parseDeviceInformation(info([element('Settings:EnableOutboundSMS', 'true')])), 5, /0 or 1/);
  });
});

describe('parseDevicePassword', () => {
  it('reads the password; an empty one means clear', () => {
    assert.equal(parseDevicePassword(password('recovery-1234')), 'recovery-1234');
    assert.equal(parseDevicePassword(element('Settings:DevicePassword', element('Settings:Set', element('Settings:Password')))), '');
  });

  it('answers a missing Password with 2 and an over-long one with 5', () => {
    assertStatus(() => parseDevicePassword(element('Settings:DevicePassword', element('Settings:Set'))), 2, /needs a Password/);
    assertStatus(() => parseDevicePassword(password('p'.repeat(DEVICE_PASSWORD_MAX_CHARS + 1))), 5, /255/);
  });
});
