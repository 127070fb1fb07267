// Bad and unusual Provision requests over real HTTP, each with the spec's answer and never a 5xx:
// unknown PolicyType (Policy Status 3), an acknowledgement of the wrong key (Policy Status 5) and
// its recovery, a retried acknowledgement (same final key), malformed requests (Provision Status
// 2), undecodable WBXML (102 / HTTP 400), a 16.1 request without DeviceInformation (165), refused
// partial compliance (139), and the empty and full policy documents.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildProvisionAcknowledgement, buildProvisionRequest } from '../../src/client/request-builders.js';
import { readCommandStatus, readProvisionReply } from '../../src/client/response-readers.js';
import { element, firstChild, isElement } from '../../src/eas/wbxml-body.js';
import { checkResponses, playDevice, storedDevice, withServer } from './provision-harness.js';

const ALL_VERSIONS = ['2.5', '12.0', '12.1', '14.0', '14.1', '16.0', '16.1'];

function policyRequest(policyType: string): ReturnType<typeof element> {
  return element('Provision:Provision', element('Provision:Policies', element('Provision:Policy', element('Provision:PolicyType', policyType))));
}

describe('Provision with bad input', () => {
  it('answers an unknown PolicyType with Policy Status 3 and no key', () => withServer({}, async (server) => {
    const { client, responses } = playDevice(server, { deviceId: 'androidc1', deviceType: 'Android', protocolVersion: '14.0' });
    const reply = readProvisionReply((await client.sendRaw('Provision', policyRequest('MS-EAS-Provisioning-XML'), { policyKey: null })).body ?? assert.fail('no body'));
    assert.equal(reply.status, 1);
    assert.equal(reply.policyType, 'MS-EAS-Provisioning-XML');
    assert.equal(reply.policyStatus, 3);
    assert.equal(reply.policyKey, undefined);
    assert.equal((await storedDevice(server, 'androidc1')).policy.state, 'none');
    await checkResponses(responses);
  }));

  it('answers an acknowledgement of the wrong key with Policy Status 5, and the right key still works', () => withServer({}, async (server) => {
    const { client, responses } = playDevice(server, { deviceId: 'androidc2', deviceType: 'Android', protocolVersion: '14.1' });
    const initial = readProvisionReply((await client.sendRaw('Provision', buildProvisionRequest('14.1', { model: 'Pixel' }), { policyKey: null })).body ?? assert.fail());
    const temporary = initial.policyKey ?? assert.fail('no temporary key');
    const wrong = String((Number(temporary) % 4_000_000_000) + 1);
    for (const key of [wrong, 'not-a-number']) {
      const reply = readProvisionReply((await client.sendRaw('Provision', buildProvisionAcknowledgement('14.1', key), { policyKey: key === wrong ? key : null })).body ?? assert.fail());
      assert.equal(reply.status, 1);
      assert.equal(reply.policyStatus, 5);
      assert.equal(reply.policyKey, undefined);
    }
    assert.equal((await storedDevice(server, 'androidc2')).policy.state, 'pending');
    const good = readProvisionReply((await client.sendRaw('Provision', buildProvisionAcknowledgement('14.1', temporary), { policyKey: temporary })).body ?? assert.fail());
    assert.equal(good.policyStatus, 1);
    // A retry of the acknowledgement whose answer was lost gets the same final key.
    const retried = readProvisionReply((await client.sendRaw('Provision', buildProvisionAcknowledgement('14.1', temporary), { policyKey: temporary })).body ?? assert.fail());
    assert.equal(retried.policyStatus, 1);
    assert.equal(retried.policyKey, good.policyKey);
    assert.equal((await storedDevice(server, 'androidc2')).policy.policyKey, Number(good.policyKey));
    await checkResponses(responses);
  }));

  it('answers malformed requests with Provision Status 2 and leaves the device as it was', () => withServer({}, async (server) => {
    const { client, responses } = playDevice(server, { deviceId: 'androidc3', deviceType: 'Android', protocolVersion: '14.1' });
    const policies = (policy: ReturnType<typeof element>[]): ReturnType<typeof element> => element('Provision:Provision', element('Provision:Policies', policy));
    const bodies = [
      element('Provision:Provision'),
      policies([element('Provision:Policy')]),
      policies([element('Provision:Policy', [element('Provision:PolicyType', 'MS-EAS-Provisioning-WBXML'), element('Provision:PolicyKey', '5')])]),
      element('Provision:Provision', element('Provision:RemoteWipe', element('Provision:Status', '1'))),
      element('Provision:Provision', element('Provision:Data', 'unexpected')),
    ];
    for (const body of bodies) {
      const reply = await client.sendRaw('Provision', body, { policyKey: null });
      assert.equal(reply.status, 200);
      assert.equal(readProvisionReply(reply.body ?? assert.fail('no body')).status, 2);
    }
    const empty = await client.sendRaw('Provision', undefined, { policyKey: null });
    assert.equal(readProvisionReply(empty.body ?? assert.fail('no body')).status, 2);
    assert.equal((await storedDevice(server, 'androidc3')).policy.state, 'none');
    await checkResponses(responses);
  }));

  it('answers undecodable WBXML with 102 on 14.1 and HTTP 400 on 12.1, and a wrong root with 103', () => withServer({}, async (server) => {
    const modern = playDevice(server, { deviceId: 'androidc4', deviceType: 'Android', protocolVersion: '14.1' });
    const garbage = new Uint8Array([0x03, 0x01, 0x6a, 0x00, 0x4e, 0x7f, 0x7f]);
    const decoded = await modern.client.sendRaw('Provision', garbage, { policyKey: null });
    assert.equal(readCommandStatus(decoded.body ?? assert.fail('no body')), 102);
    const wrongRoot = await modern.client.sendRaw('Provision', element('FolderHierarchy:FolderSync'), { policyKey: null });
    assert.equal(readCommandStatus(wrongRoot.body ?? assert.fail('no body')), 103);
    const legacy = playDevice(server, { deviceId: 'androidc5', deviceType: 'Android', protocolVersion: '12.1' });
    assert.equal((await legacy.client.sendRaw('Provision', garbage, { policyKey: null })).status, 400);
    await checkResponses([...modern.responses, ...legacy.responses]);
  }));

  it('answers a 16.1 policy request without DeviceInformation with Status 165, unless configured not to', async () => {
    await withServer({ eas: { advertisedVersions: ALL_VERSIONS } }, async (server) => {
      const { client, responses } = playDevice(server, { deviceId: 'ApplNoInfo', deviceType: 'iPhone', protocolVersion: '16.1' });
      const reply = readProvisionReply((await client.sendRaw('Provision', buildProvisionRequest('16.1'), { policyKey: null })).body ?? assert.fail());
      assert.equal(reply.status, 165);
      assert.equal(reply.policyKey, undefined);
      const withInfo = readProvisionReply((await client.sendRaw('Provision', buildProvisionRequest('16.1', { model: 'iPhone' }), { policyKey: null })).body ?? assert.fail());
      assert.equal(withInfo.status, 1);
      await checkResponses(responses);
    });
    await withServer({ eas: { advertisedVersions: ALL_VERSIONS }, provisioning: { requireDeviceInformation: false } }, async (server) => {
      const { client, responses } = playDevice(server, { deviceId: 'ApplNoInfo', deviceType: 'iPhone', protocolVersion: '16.1' });
      const reply = readProvisionReply((await client.sendRaw('Provision', buildProvisionRequest('16.1'), { policyKey: null })).body ?? assert.fail());
      assert.equal(reply.policyStatus, 1);
      await checkResponses(responses);
    });
  });

  it('answers DeviceInformation without Set with DeviceInformation Status 2 but still sends the policy', () => withServer({}, async (server) => {
    const { client, responses } = playDevice(server, { deviceId: 'androidc6', deviceType: 'Android', protocolVersion: '14.1' });
    const body = element('Provision:Provision', [
      element('Settings:DeviceInformation'),
      element('Provision:Policies', element('Provision:Policy', element('Provision:PolicyType', 'MS-EAS-Provisioning-WBXML'))),
    ]);
    const reply = readProvisionReply((await client.sendRaw('Provision', body, { policyKey: null })).body ?? assert.fail());
    assert.equal(reply.deviceInformationStatus, 2);
    assert.equal(reply.policyStatus, 1);
    await checkResponses(responses);
  }));

  it('refuses partial compliance with Status 139 when allowNonCompliantDevices is off', () => withServer({ provisioning: { allowNonCompliantDevices: false } }, async (server) => {
    const { client, responses } = playDevice(server, { deviceId: 'androidc7', deviceType: 'Android', protocolVersion: '14.0' });
    const initial = readProvisionReply((await client.sendRaw('Provision', buildProvisionRequest('14.0'), { policyKey: null })).body ?? assert.fail());
    const temporary = initial.policyKey ?? assert.fail('no key');
    const partial = readProvisionReply((await client.sendRaw('Provision', buildProvisionAcknowledgement('14.0', temporary, '2'), { policyKey: temporary })).body ?? assert.fail());
    assert.equal(partial.status, 139);
    assert.equal((await storedDevice(server, 'androidc7')).policy.state, 'pending');
    await checkResponses(responses);
  }));
});

describe('policy documents', () => {
  it('sends an empty EASProvisionDoc for an empty policy and every setting of a full one', async () => {
    const documentOf = async (file: object): Promise<string[]> => {
      let tags: string[] = [];
      await withServer(file, async (server) => {
        const { client, responses } = playDevice(server, { deviceId: 'androidc8', deviceType: 'Android', protocolVersion: '14.1' });
        const body = (await client.sendRaw('Provision', buildProvisionRequest('14.1', { model: 'Pixel' }), { policyKey: null })).body ?? assert.fail();
        const policy = firstChild(firstChild(body, 'Provision:Policies') ?? assert.fail(), 'Provision:Policy') ?? assert.fail();
        const doc = firstChild(firstChild(policy, 'Provision:Data') ?? assert.fail('no Data'), 'Provision:EASProvisionDoc') ?? assert.fail('no doc');
        tags = doc.children.filter(isElement).map((child) => child.tag);
        assert.equal((await client.provision()).phases, 2);
        await checkResponses(responses);
      });
      return tags;
    };
    assert.deepEqual(await documentOf({ provisioning: { policy: {} } }), []);
    assert.deepEqual(await documentOf({}), ['DevicePasswordEnabled', 'AttachmentsEnabled']);
    const full = await documentOf({
      provisioning: { policy: { devicePasswordEnabled: true, minDevicePasswordLength: 8, allowBluetooth: 1, requireDeviceEncryption: true, maxEmailAgeFilter: 3 } },
    });
    assert.deepEqual(full, ['DevicePasswordEnabled', 'MinDevicePasswordLength', 'RequireDeviceEncryption', 'AllowBluetooth', 'MaxEmailAgeFilter']);
  });
});
