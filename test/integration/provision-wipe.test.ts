// Remote wipe end to end over real HTTP: the admin's order is written to the state store (as
// `pushbridge device wipe` does), the device's next command gets 140 (449 before 14.0), Provision
// answers with RemoteWipe or, for a 16.1 device, AccountOnlyRemoteWipe, and the device's
// acknowledgement is recorded — also in Android's RemoteWipe form. A reported failure keeps the
// order; an account-only order to a pre-16.1 device is refused with 403 instead of a full wipe.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { element } from '../../src/eas/wbxml-body.js';
import { buildFolderSync, buildProvisionRequest } from '../../src/client/request-builders.js';
import { readCommandStatus, readProvisionReply } from '../../src/client/response-readers.js';
import { deviceKey } from '../../src/domain/device.js';
import type { ProtocolVersion } from '../../src/eas/protocol-version.js';
import { checkResponses, playDevice, storedDevice, USER, withServer, type Server } from './provision-harness.js';

const ALL_VERSIONS = ['2.5', '12.0', '12.1', '14.0', '14.1', '16.0', '16.1'];

async function orderWipe(server: Server, deviceId: string, accountOnly: boolean): Promise<void> {
  await server.app.state.devices.update(deviceKey(USER, deviceId), {
    wipe: { state: 'requested', accountOnly, requestedAt: new Date(), acknowledgedAt: null },
  });
}

async function provisionedDevice(server: Server, deviceId: string, protocolVersion: ProtocolVersion): Promise<ReturnType<typeof playDevice>> {
  const played = playDevice(server, { deviceId, deviceType: 'iPhone', protocolVersion });
  assert.equal((await played.client.folderSync()).status, 1);
  return played;
}

describe('remote wipe', () => {
  it('14.1: 140 on the next command, RemoteWipe in Provision, the acknowledgement recorded, the order kept', () => withServer({}, async (server) => {
    const { client, responses } = await provisionedDevice(server, 'ApplStolen', '14.1');
    await orderWipe(server, 'applstolen', false);
    const refused = await client.sendRaw('FolderSync', buildFolderSync('0'));
    assert.equal(readCommandStatus(refused.body ?? assert.fail('no body')), 140);
    // MS-ASPROV 3.1.5.1.1: after 140 the device sends an empty Provision.
    const directive = readProvisionReply((await client.sendRaw('Provision', element('Provision:Provision'), { policyKey: null })).body ?? assert.fail('no body'));
    assert.equal(directive.status, 1);
    assert.equal(directive.remoteWipeKind, 'full');
    assert.equal(directive.policyKey, undefined);
    const ack = readProvisionReply((await client.acknowledgeRemoteWipe('full')).body ?? assert.fail('no body'));
    assert.equal(ack.status, 1);
    assert.equal(ack.remoteWipe, false);
    const stored = await storedDevice(server, 'applstolen');
    assert.equal(stored.wipe.state, 'acknowledged');
    assert.ok(stored.wipe.acknowledgedAt instanceof Date);
    const back = await client.sendRaw('FolderSync', buildFolderSync('0'));
    assert.equal(readCommandStatus(back.body ?? assert.fail('no body')), 140);
    await checkResponses(responses);
  }));

  it('12.1: HTTP 449, and a policy request gets the wipe directive instead of a policy', () => withServer({}, async (server) => {
    const { client, responses } = await provisionedDevice(server, 'ApplOld', '12.1');
    await orderWipe(server, 'applold', false);
    assert.equal((await client.sendRaw('FolderSync', buildFolderSync('0'))).status, 449);
    const reply = readProvisionReply((await client.sendRaw('Provision', buildProvisionRequest('12.1'), { policyKey: null })).body ?? assert.fail('no body'));
    assert.equal(reply.remoteWipeKind, 'full');
    assert.equal(reply.policyStatus, undefined);
    assert.equal(readProvisionReply((await client.acknowledgeRemoteWipe('full')).body ?? assert.fail('no body')).status, 1);
    assert.equal((await storedDevice(server, 'applold')).wipe.state, 'acknowledged');
    await checkResponses(responses);
  }));

  it('keeps the order when the device reports the wipe failed (Status 2 and the directive again)', () => withServer({}, async (server) => {
    const { client, responses } = await provisionedDevice(server, 'ApplStuck', '14.1');
    await orderWipe(server, 'applstuck', false);
    const reply = readProvisionReply((await client.acknowledgeRemoteWipe('full', 2)).body ?? assert.fail('no body'));
    assert.equal(reply.status, 2);
    assert.equal(reply.remoteWipeKind, 'full');
    assert.equal((await storedDevice(server, 'applstuck')).wipe.state, 'requested');
    await checkResponses(responses);
  }));
});

describe('account-only wipe', () => {
  it('16.1: 140, AccountOnlyRemoteWipe in Provision, the acknowledgement recorded', () => withServer({ eas: { advertisedVersions: ALL_VERSIONS } }, async (server) => {
    const { client, responses } = await provisionedDevice(server, 'ApplWork', '16.1');
    await orderWipe(server, 'applwork', true);
    const refused = await client.sendRaw('FolderSync', buildFolderSync('0'));
    assert.equal(readCommandStatus(refused.body ?? assert.fail('no body')), 140);
    const request = buildProvisionRequest('16.1', { model: 'iPhone' });
    const directive = readProvisionReply((await client.sendRaw('Provision', request, { policyKey: null })).body ?? assert.fail('no body'));
    assert.equal(directive.remoteWipeKind, 'account-only');
    assert.equal(directive.deviceInformationStatus, 1);
    assert.equal(readProvisionReply((await client.acknowledgeRemoteWipe('account-only')).body ?? assert.fail('no body')).status, 1);
    const stored = await storedDevice(server, 'applwork');
    assert.equal(stored.wipe.state, 'acknowledged');
    assert.equal(stored.wipe.accountOnly, true);
    await checkResponses(responses);
  }));

  it('accepts Android acknowledging an account-only directive with RemoteWipe/Status', () => withServer({ eas: { advertisedVersions: ALL_VERSIONS } }, async (server) => {
    const { client, responses } = await provisionedDevice(server, 'androidc16', '16.1');
    await orderWipe(server, 'androidc16', true);
    assert.equal(readProvisionReply((await client.acknowledgeRemoteWipe('full')).body ?? assert.fail('no body')).status, 1);
    assert.equal((await storedDevice(server, 'androidc16')).wipe.state, 'acknowledged');
    await checkResponses(responses);
  }));

  it('refuses a 14.1 device with HTTP 403 rather than wiping it whole', () => withServer({}, async (server) => {
    const { client, responses } = await provisionedDevice(server, 'ApplOld141', '14.1');
    await orderWipe(server, 'applold141', true);
    assert.equal((await client.sendRaw('FolderSync', buildFolderSync('0'))).status, 403);
    assert.equal((await client.sendRaw('Provision', element('Provision:Provision'), { policyKey: null })).status, 403);
    assert.equal((await storedDevice(server, 'applold141')).wipe.state, 'requested');
    await checkResponses(responses);
  }));
});
