// Settings over real HTTP with our client against the composed application: DeviceInformation
// stored and shown by `pushbridge device list`, UserInformation in the 14.0 and 14.1 forms, Oof
// Set/Get shared by a user's devices, DevicePassword, RightsManagementInformation, and malformed
// parts answered with the statuses of MS-ASCMD 2.2.3.177.15, never a 5xx. Devices provision the
// way a phone does: EasClient recovers from 449/142 on its own. Every answer is checked with
// libwbxml too.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../../src/admin/test-kit.js';
import {
  buildDevicePasswordSet, buildOofGet, buildOofSet, buildRightsManagementGet, buildSettings, buildUserInformationGet, readSettingsParts,
  type EasClient, type SettingsPartsReply,
} from '../../src/client/index.js';
import { deviceKey } from '../../src/domain/device.js';
import type { ProtocolVersion } from '../../src/eas/protocol-version.js';
import { element, type WbxmlElement } from '../../src/wbxml/index.js';
import { IPHONE, startTestApp, type TestApp } from '../helpers/app-harness.js';
import { assertLibwbxmlAgrees } from '../helpers/libwbxml.js';

const USER = 'sam@example.org';
const PASSWORD = 'sam-settings-pw';

let fx: TestApp;

before(async () => {
  fx = await startTestApp({
    config: { eas: { advertisedVersions: ['12.1', '14.0', '14.1', '16.1'] } },
    accounts: [{ user: USER, password: PASSWORD, displayName: 'Sam Settings' }],
  });
});
after(() => fx.close());

function device(deviceId: string, protocolVersion: ProtocolVersion, deviceType = 'iPhone'): EasClient {
  return fx.device({ userAgent: IPHONE.userAgent, deviceId, deviceType, protocolVersion, sendZeroPolicyKey: true });
}

/** Sends Settings with these parts; checks the answer is a 200 WBXML body libwbxml reads alike. */
async function settings(client: EasClient, parts: WbxmlElement[]): Promise<SettingsPartsReply> {
  const response = await client.send('Settings', buildSettings(parts));
  assert.equal(response.status, 200);
  assert.ok(response.body !== undefined, 'a WBXML body');
  await assertLibwbxmlAgrees(response.raw);
  return readSettingsParts(response.body);
}

async function deviceList(): Promise<string> {
  const { code, stdout, stderr } = await runCli(['device', 'list', '--data', fx.dataDir], { cwd: fx.dataDir });
  assert.equal(code, 0, stdout + stderr);
  return stdout + stderr;
}

describe('Settings DeviceInformation', () => {
  it('stores what a 14.0 device says about itself, and `device list` shows it', async () => {
    const phone = device('SettingsPhone1', '14.0');
    const result = await phone.settingsDeviceInformation({
      model: 'iPhone15,2', imei: '356938035643809', friendlyName: "Sam's iPhone", os: 'iOS 17.5 21F79', osLanguage: 'en-GB',
      phoneNumber: '+441632960000', userAgent: 'iOS/17.5 (21F79) dataaccessd/1.0', enableOutboundSms: false, mobileOperator: 'Example Mobile',
    });
    assert.equal(result.status, 1);
    assert.equal(result.deviceInformationStatus, 1);
    await assertLibwbxmlAgrees(result.response.raw);
    const stored = await fx.app.state.devices.get(deviceKey(USER, 'settingsphone1'));
    assert.deepEqual(stored?.information, {
      model: 'iPhone15,2', imei: '356938035643809', friendlyName: "Sam's iPhone", os: 'iOS 17.5 21F79', osLanguage: 'en-GB',
      phoneNumber: '+441632960000', userAgent: 'iOS/17.5 (21F79) dataaccessd/1.0', enableOutboundSms: false, mobileOperator: 'Example Mobile',
    });
    assert.equal(stored?.protocolVersion, '14.0');
    assert.equal(stored?.policy.state, 'provisioned', 'the client provisioned on the way, as a phone does');
    assert.match(await deviceList(), /sam@example\.org\s+settingsphone1\s+iPhone\s+iPhone15,2\s+iOS 17\.5 21F79\s+14\.0\s/);
  });
});

describe('Settings before provisioning', () => {
  it('asks an unprovisioned device to provision first: 449 before 14.0, Status 142 from 14.0 (MS-ASCMD 3.1.5.2)', async () => {
    const body = buildSettings([buildUserInformationGet()]);
    const old = await device('EarlyPhone121', '12.1').sendRaw('Settings', body);
    assert.equal(old.status, 449);
    const modern = await device('EarlyPhone161', '16.1').sendRaw('Settings', body);
    assert.equal(modern.status, 200);
    await assertLibwbxmlAgrees(modern.raw);
    assert.equal(readSettingsParts(modern.body as WbxmlElement).status, 142);
  });
});

describe('Settings UserInformation', () => {
  it('answers the 12.x-14.0 form: Get/EmailAddresses/SMTPAddress', async () => {
    for (const version of ['12.1', '14.0'] as const) {
      const reply = await settings(device(`UserInfo${version.replace('.', '')}`, version), [buildUserInformationGet()]);
      assert.deepEqual(reply.parts, { UserInformation: 1 });
      assert.deepEqual(reply.userInformation, { addresses: [USER] });
    }
  });

  it('answers the 14.1+ form: Accounts/Account with the display name and PrimarySmtpAddress', async () => {
    for (const version of ['14.1', '16.1'] as const) {
      const reply = await settings(device(`UserInfo${version.replace('.', '')}`, version), [buildUserInformationGet()]);
      assert.deepEqual(reply.parts, { UserInformation: 1 });
      assert.deepEqual(reply.userInformation, { addresses: [USER], primary: USER, displayName: 'Sam Settings' });
    }
  });
});

describe('Settings Oof', () => {
  const range = { startTime: '2030-07-01T08:00:00.000Z', endTime: '2030-07-15T17:30:00.000Z' };
  const html = '<p>I am away until <b>15 July</b>.</p><p>Urgent: ask Ann &amp; Bob.</p>';

  it('round-trips a scheduled HTML reply, and the user\'s other devices see it', async () => {
    const phone = device('OofPhone', '14.1');
    const set = await settings(phone, [buildOofSet({
      state: 2, ...range,
      messages: [
        { audience: 'internal', enabled: true, reply: { text: html, bodyType: 'HTML' } },
        { audience: 'externalKnown', enabled: true, reply: { text: 'Away until 15 July.', bodyType: 'Text' } },
        { audience: 'externalUnknown', enabled: false },
      ],
    })]);
    assert.deepEqual(set, { status: 1, parts: { Oof: 1 } });

    const asHtml = await settings(phone, [buildOofGet('HTML')]);
    assert.deepEqual(asHtml.oof, {
      state: 2, ...range,
      messages: [
        { audience: 'internal', enabled: true, reply: html, bodyType: 'HTML' },
        { audience: 'externalKnown', enabled: true, reply: 'Away until 15 July.', bodyType: 'HTML' },
        { audience: 'externalUnknown', enabled: false },
      ],
    });

    const tablet = device('OofTablet', '16.1', 'iPad');
    const asText = await settings(tablet, [buildOofGet('Text')]);
    assert.equal(asText.oof?.state, 2);
    assert.deepEqual(asText.oof?.messages[0], { audience: 'internal', enabled: true, reply: 'I am away until 15 July.\nUrgent: ask Ann & Bob.', bodyType: 'Text' });
  });

  it('turns OOF off and keeps the messages for next time', async () => {
    const phone = device('OofPhone', '14.1');
    assert.deepEqual((await settings(phone, [buildOofSet({ state: 0 })])).parts, { Oof: 1 });
    const reply = await settings(phone, [buildOofGet('HTML')]);
    assert.equal(reply.oof?.state, 0);
    assert.equal(reply.oof?.messages[0]?.reply, html);
  });
});

describe('Settings DevicePassword and RightsManagementInformation', () => {
  it('stores the recovery password per device', async () => {
    const phone = device('PasswordPhone', '14.1');
    assert.deepEqual(await settings(phone, [buildDevicePasswordSet('recovery-2468')]), { status: 1, parts: { DevicePassword: 1 } });
    assert.equal(await fx.app.state.values.getDeviceValue(deviceKey(USER, 'passwordphone'), 'devicePassword'), 'recovery-2468');
  });

  it('answers an empty template list from 14.1 and Status 2 before it', async () => {
    const modern = await settings(device('RmPhone', '14.1'), [buildRightsManagementGet(), buildUserInformationGet()]);
    assert.deepEqual(modern.parts, { RightsManagementInformation: 1, UserInformation: 1 });
    assert.equal(modern.rightsManagementTemplates, 0);
    const older = await settings(device('RmPhone14', '14.0'), [buildRightsManagementGet()]);
    assert.deepEqual(older, { status: 1, parts: { RightsManagementInformation: 2 } });
  });
});

describe('malformed Settings', () => {
  const oofSet = (children: WbxmlElement[]): WbxmlElement => element('Settings:Oof', element('Settings:Set', children));

  it('answers each bad part with its own status and leaves the good ones alone', async () => {
    const phone = device('BadPhone', '14.1');
    const cases: [WbxmlElement, string, number][] = [
      [element('Settings:Oof', element('Settings:Get')), 'Oof', 2],
      [oofSet([element('Settings:StartTime', '2030-01-01T00:00:00.000Z')]), 'Oof', 2],
      [oofSet([element('Settings:OofState', '9')]), 'Oof', 5],
      [oofSet([element('Settings:StartTime', '2030-02-01T00:00:00.000Z'), element('Settings:EndTime', '2030-01-01T00:00:00.000Z')]), 'Oof', 6],
      [buildDevicePasswordSet('p'.repeat(256)), 'DevicePassword', 5],
      [element('Settings:DeviceInformation', element('Settings:Set', element('Settings:Model', 'm'.repeat(1025)))), 'DeviceInformation', 5],
      [element('Settings:DeviceInformation'), 'DeviceInformation', 2],
      [element('Settings:UserInformation'), 'UserInformation', 2],
    ];
    for (const [part, name, status] of cases) {
      // A good part rides along (Oof Get when the bad part is UserInformation: each part at most once).
      const good = name === 'UserInformation' ? buildOofGet('Text') : buildUserInformationGet();
      const reply = await settings(phone, [part, good]);
      assert.deepEqual(reply.parts, { [name]: status, [name === 'UserInformation' ? 'Oof' : 'UserInformation']: 1 }, name);
      assert.equal(reply.status, 1);
    }
  });

  it('answers a request without parts with Status 2 and undecodable bytes with 102, never a 5xx', async () => {
    const phone = device('BadPhone', '14.1');
    assert.deepEqual(await settings(phone, []), { status: 2, parts: {} });
    assert.deepEqual(await settings(phone, [element('Settings:Status', '1')]), { status: 2, parts: {} });
    const garbage = await phone.send('Settings', new Uint8Array([0x03, 0x01, 0x6a, 0x00, 0x45, 0x5f]));
    assert.equal(garbage.status, 200);
    await assertLibwbxmlAgrees(garbage.raw);
    assert.equal(readSettingsParts(garbage.body as WbxmlElement).status, 102);
  });

  it('never answered any request of this suite with a 5xx', async () => {
    assert.ok(fx.responses.length > 20);
    for (const response of fx.responses) assert.ok(response.status < 500, `HTTP ${response.status}`);
  });
});
