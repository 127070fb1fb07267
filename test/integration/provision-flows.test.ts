// Provisioning over real HTTP, driven by our client the way devices do it: iOS on 14.1 (Status
// 142) and 12.1 (HTTP 449), the 14.1 and 16.1 flows with a stale key after a re-provision (144),
// a changed policy (143), the 2.5 flow with MS-WAP-Provisioning-XML, the per-DeviceType 449
// switch, exempt Outlook, AOSP's "validate" device, blocked devices and an admin resync. Every
// WBXML answer is also decoded by libwbxml.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildFolderSync } from '../../src/client/request-builders.js';
import { readCommandStatus, readProvisionReply } from '../../src/client/response-readers.js';
import type { ProtocolVersion } from '../../src/eas/protocol-version.js';
import { deviceKey } from '../../src/domain/device.js';
import { checkResponses, playDevice, startServer, storedDevice, USER, withServer } from './provision-harness.js';

const ALL_VERSIONS = ['2.5', '12.0', '12.1', '14.0', '14.1', '16.0', '16.1'];
const IPHONE_INFO = { model: 'iPhone14C2', friendlyName: 'Paula’s iPhone', os: 'iOS 17.5 21F79', osLanguage: 'en', userAgent: 'iOS/17.5 (21F79) dataaccessd/1.0' };

describe('iOS first contact', () => {
  it('14.1: OPTIONS, FolderSync → 142, two-phase Provision with DeviceInformation, FolderSync succeeds', () => withServer({}, async (server) => {
    const options = await fetch(`${server.url}/Microsoft-Server-ActiveSync`, { method: 'OPTIONS' });
    assert.equal(options.headers.get('ms-asprotocolversions'), '2.5,12.0,12.1,14.0,14.1');
    assert.ok((options.headers.get('ms-asprotocolcommands') ?? '').split(',').includes('Provision'));
    const { client, responses } = playDevice(server, {
      deviceId: 'ApplF17XK2', deviceType: 'iPhone', protocolVersion: '14.1', sendZeroPolicyKey: true,
      userAgent: 'Apple-iPhone14C2/2106.84', deviceInformation: IPHONE_INFO,
    });
    const sync = await client.folderSync();
    assert.equal(sync.status, 1);
    assert.equal(readCommandStatus(responses[0]?.body ?? assert.fail('no body')), 142);
    const initial = readProvisionReply(responses[1]?.body ?? assert.fail('no Provision body'));
    assert.equal(initial.deviceInformationStatus, 1);
    assert.equal(initial.policyType, 'MS-EAS-Provisioning-WBXML');
    assert.ok(initial.hasPolicyData);
    const temporary = Number(initial.policyKey);
    assert.ok(temporary > 0 && temporary < 2 ** 32, `temporary key ${initial.policyKey}`);
    const final = readProvisionReply(responses[2]?.body ?? assert.fail('no acknowledgement body'));
    assert.equal(final.policyStatus, 1);
    assert.notEqual(final.policyKey, initial.policyKey);
    assert.equal(client.exportState().policyKey, final.policyKey);
    const stored = await storedDevice(server, 'applf17xk2');
    assert.equal(stored.policy.state, 'provisioned');
    assert.equal(stored.policy.policyKey, Number(final.policyKey));
    assert.equal(stored.information.model, 'iPhone14C2');
    assert.equal(stored.userAgent, 'Apple-iPhone14C2/2106.84');
    assert.equal(stored.protocolVersion, '14.1');
    await checkResponses(responses);
  }));

  it('12.1: FolderSync → HTTP 449, Provision, then Settings and FolderSync with the key', () => withServer({}, async (server) => {
    const { client, responses } = playDevice(server, { deviceId: 'ApplOld1', deviceType: 'iPhone', protocolVersion: '12.1', sendZeroPolicyKey: true });
    assert.equal((await client.folderSync()).status, 1);
    assert.equal(responses[0]?.status, 449);
    assert.equal(responses[0]?.raw.length, 0);
    assert.equal((await client.settingsDeviceInformation(IPHONE_INFO)).status, 1);
    assert.equal((await client.folderSync()).status, 1);
    assert.equal(responses.filter((r) => r.status === 449).length, 1);
    await checkResponses(responses);
  }));
});

for (const version of ['14.1', '16.1'] as const satisfies readonly ProtocolVersion[]) {
  describe(`${version} flow`, () => {
    it('142 before provisioning, 144 for the key a re-provision replaced, the new key works', () => withServer({ eas: { advertisedVersions: ALL_VERSIONS } }, async (server) => {
      const options = await fetch(`${server.url}/Microsoft-Server-ActiveSync`, { method: 'OPTIONS' });
      assert.equal(options.headers.get('ms-asprotocolversions'), ALL_VERSIONS.join(','));
      const { client, responses } = playDevice(server, { deviceId: `dev${version.replace('.', '')}`, deviceType: 'iPhone', protocolVersion: version, deviceInformation: IPHONE_INFO });
      const first = await client.sendRaw('FolderSync', buildFolderSync('0'));
      assert.equal(first.status, 200);
      assert.equal(readCommandStatus(first.body ?? assert.fail('no body')), 142);
      const outcome = await client.provision();
      assert.equal(outcome.phases, 2);
      assert.equal(outcome.deviceInformationStatus, 1);
      const oldKey = outcome.policyKey ?? assert.fail('no key');
      assert.equal((await client.folderSync('0')).status, 1);
      const again = await client.provision();
      assert.notEqual(again.policyKey, oldKey);
      const stale = await client.sendRaw('FolderSync', buildFolderSync('0'), { policyKey: oldKey });
      assert.equal(readCommandStatus(stale.body ?? assert.fail('no body')), 144);
      assert.equal((await client.folderSync('0')).status, 1);
      assert.equal((await storedDevice(server, `dev${version.replace('.', '')}`)).protocolVersion, version);
      await checkResponses(responses);
    }));
  });
}

describe('policy change', () => {
  it('143 after the configured policy changed, then provisions again under the new policy', async () => {
    let server = await startServer();
    try {
      const { client, responses } = playDevice(server, { deviceId: 'androidc1234', deviceType: 'Android', protocolVersion: '14.1' });
      assert.equal((await client.folderSync()).status, 1);
      const before = await storedDevice(server, 'androidc1234');
      server = await server.restart({ provisioning: { policy: { devicePasswordEnabled: true, minDevicePasswordLength: 6 } } });
      const { client: same, responses: later } = playDevice(server, {
        deviceId: 'androidc1234', deviceType: 'Android', protocolVersion: '14.1', state: client.exportState(),
      });
      const refused = await same.sendRaw('FolderSync', buildFolderSync('0'));
      assert.equal(readCommandStatus(refused.body ?? assert.fail('no body')), 143);
      assert.equal((await storedDevice(server, 'androidc1234')).policy.state, 'policy-changed');
      assert.equal((await same.folderSync('0')).status, 1);
      const afterwards = await storedDevice(server, 'androidc1234');
      assert.equal(afterwards.policy.state, 'provisioned');
      assert.notEqual(afterwards.policy.policyHash, before.policy.policyHash);
      await checkResponses([...responses, ...later]);
    } finally {
      await server.close();
    }
  });
});

describe('2.5 flow', () => {
  it('HTTP 449, then the MS-WAP-Provisioning-XML policy as a string, then FolderSync', () => withServer({ provisioning: { policy: { devicePasswordEnabled: true, minDevicePasswordLength: 4 } } }, async (server) => {
    const { client, responses } = playDevice(server, { deviceId: 'WM6Phone', deviceType: 'PocketPC', protocolVersion: '2.5' });
    assert.equal((await client.folderSync()).status, 1);
    assert.equal(responses[0]?.status, 449);
    const policy = responses[1]?.body ?? assert.fail('no Provision body');
    const reply = readProvisionReply(policy);
    assert.equal(reply.policyType, 'MS-WAP-Provisioning-XML');
    const xml = JSON.stringify(policy);
    assert.match(xml, /<wap-provisioningdoc><characteristic type=\\"SecurityPolicy\\"><parm name=\\"4131\\" value=\\"0\\"\/>/);
    assert.match(xml, /MinimumPasswordLength\\" value=\\"4\\"/);
    assert.equal(readProvisionReply(responses[2]?.body ?? assert.fail('no ack body')).policyStatus, 1);
    await checkResponses(responses);
  }));
});

describe('gate switches and exemptions', () => {
  it('answers HTTP 449 on 14.1 to device types listed in legacy449DeviceTypes', () => withServer({ provisioning: { legacy449DeviceTypes: ['iPad'] } }, async (server) => {
    const { client, responses } = playDevice(server, { deviceId: 'ApplPad1', deviceType: 'iPad', protocolVersion: '14.1' });
    assert.equal((await client.folderSync()).status, 1);
    assert.equal(responses[0]?.status, 449);
    await checkResponses(responses);
  }));

  it('lets exempt Outlook desktop sync without provisioning, and any device when provisioning is off', () => withServer({}, async (server) => {
    const outlook = playDevice(server, {
      deviceId: 'A1B2C3D4E5F6A7B8C9D0E1F2A3B4C5D6', deviceType: 'WindowsOutlook15', protocolVersion: '14.0', requestLineForm: 'base64', autoProvision: false,
    });
    assert.equal((await outlook.client.folderSync()).status, 1);
    assert.equal((await storedDevice(server, 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6')).policy.state, 'none');
    await checkResponses(outlook.responses);
    const relaxed = await server.restart({ provisioning: { required: false } });
    try {
      const phone = playDevice(relaxed, { deviceId: 'androidc99', deviceType: 'Android', protocolVersion: '14.1', autoProvision: false });
      assert.equal((await phone.client.folderSync()).status, 1);
      await checkResponses(phone.responses);
    } finally {
      await relaxed.close();
    }
  }));

  it('keeps no record for AOSP account validation (DeviceId=validate)', () => withServer({}, async (server) => {
    const { client, responses } = playDevice(server, { deviceId: 'validate', deviceType: 'Android', protocolVersion: '14.1', autoProvision: false });
    const reply = await client.sendRaw('FolderSync', buildFolderSync('0'));
    assert.ok(reply.status < 500);
    assert.notEqual(readCommandStatus(reply.body ?? assert.fail('no body')), 142);
    assert.deepEqual(await server.app.state.devices.list(), []);
    await checkResponses(responses);
  }));

  it('refuses a blocked device with HTTP 403 on every command, Provision included', () => withServer({}, async (server) => {
    const { client, responses } = playDevice(server, { deviceId: 'ApplLost', deviceType: 'iPhone', protocolVersion: '14.1' });
    assert.equal((await client.folderSync()).status, 1);
    await server.app.state.devices.update(deviceKey(USER, 'appllost'), { blocked: true });
    assert.equal((await client.sendRaw('FolderSync', buildFolderSync('0'))).status, 403);
    await assert.rejects(client.provision(), /HTTP 403/);
    await server.app.state.devices.update(deviceKey(USER, 'appllost'), { blocked: false });
    assert.equal((await client.folderSync('0')).status, 1);
    await checkResponses(responses);
  }));

  it('resets the sync state on an admin resync request, so the old FolderSync key is unknown', () => withServer({}, async (server) => {
    const { client, responses } = playDevice(server, { deviceId: 'androidc5', deviceType: 'Android', protocolVersion: '14.1' });
    const first = await client.folderSync();
    assert.equal(first.status, 1);
    await server.app.state.devices.update(deviceKey(USER, 'androidc5'), { resyncRequestedAt: new Date() });
    assert.equal((await client.folderSync(first.syncKey)).status, 9);
    assert.equal((await storedDevice(server, 'androidc5')).resyncRequestedAt, null);
    assert.equal((await client.folderSync('0')).status, 1);
    await checkResponses(responses);
  }));
});
