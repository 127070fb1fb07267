import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { assertLibwbxmlAgrees } from '../../test/helpers/libwbxml.js';
import { childElements, firstChild, qualifiedName, textContent, type WbxmlElement } from '../wbxml/index.js';
import { EasClientError } from './client-errors.js';
import type { EasClientEvent } from './client-types.js';
import { EasClient, type EasClientOptions } from './eas-client.js';
import { buildFolderSync } from './request-builders.js';
import { EasTestPeer } from './test-peer/peer-server.js';
import type { PeerOptions, PeerRequest } from './test-peer/peer-state.js';

async function startPeer(t: TestContext, options: PeerOptions = {}): Promise<EasTestPeer> {
  const peer = await EasTestPeer.start(options);
  t.after(() => peer.close());
  return peer;
}

function clientFor(peer: EasTestPeer, overrides: Partial<EasClientOptions> = {}): EasClient {
  return new EasClient({
    baseUrl: peer.url, username: 'alice', password: 'secret', deviceId: 'dev1', deviceType: 'TestDevice', protocolVersion: '16.1', ...overrides,
  });
}

const policyOf = (request: PeerRequest): WbxmlElement => {
  const policies = request.body === undefined ? undefined : firstChild(request.body, 'Provision:Policies');
  const policy = policies === undefined ? undefined : firstChild(policies, 'Provision:Policy');
  assert.ok(policy !== undefined, 'request has no Provision/Policies/Policy');
  return policy;
};

/** Provisioning events only; 'response' events are per request and tested by their users. */
const provisioningEvents = (sink: EasClientEvent[]) => (event: EasClientEvent): void => {
  if (event.type !== 'response') sink.push(event);
};

const rejectsWith = async (promise: Promise<unknown>, code: string): Promise<EasClientError> => {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof EasClientError, `expected EasClientError, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    return error;
  }
  assert.fail(`expected an EasClientError ${code}`);
};

test('options() reads versions and commands from an unauthenticated OPTIONS', async (t) => {
  const peer = await startPeer(t, { versions: ['12.1', '14.0', '14.1'], commands: ['FolderSync', 'Sync'] });
  const reply = await clientFor(peer).options();
  assert.equal(reply.httpStatus, 200);
  assert.deepEqual(reply.versions, ['12.1', '14.0', '14.1']);
  assert.deepEqual(reply.commands, ['FolderSync', 'Sync']);
  assert.deepEqual(reply.problems, []);
  assert.equal(peer.requests[0]?.headers.authorization, undefined);
});

test('plain request line: Basic auth, version, user agent and content type headers, no policy key before provisioning', async (t) => {
  const peer = await startPeer(t);
  const client = clientFor(peer, { userAgent: 'Probe/1.0', protocolVersion: '14.1' });
  const result = await client.folderSync();
  assert.equal(result.status, 1);
  const request = peer.requestsFor('FolderSync')[0];
  assert.ok(request?.line !== undefined);
  assert.equal(request.line.form, 'plain');
  assert.equal(request.line.user, 'alice');
  assert.equal(request.line.deviceId, 'dev1');
  assert.equal(request.line.deviceType, 'TestDevice');
  assert.equal(request.headers.authorization, `Basic ${Buffer.from('alice:secret').toString('base64')}`);
  assert.equal(request.headers['ms-asprotocolversion'], '14.1');
  assert.equal(request.headers['user-agent'], 'Probe/1.0');
  assert.equal(request.headers['content-type'], 'application/vnd.ms-sync.wbxml');
  assert.equal(request.headers['x-ms-policykey'], undefined);
});

test('sendZeroPolicyKey sends X-MS-PolicyKey: 0 until a key is held, as iOS does', async (t) => {
  const peer = await startPeer(t);
  await clientFor(peer, { sendZeroPolicyKey: true }).folderSync();
  assert.equal(peer.requestsFor('FolderSync')[0]?.headers['x-ms-policykey'], '0');
});

test('base64 request line carries version and policy key inside the line, not in headers', async (t) => {
  const peer = await startPeer(t, { provisioning: 'http-449' });
  const client = clientFor(peer, { requestLineForm: 'base64', protocolVersion: '14.1', locale: 0x0407 });
  await client.folderSync();
  const [first, , , retried] = peer.requests;
  assert.equal(first?.line?.form, 'base64');
  assert.equal(first?.line?.protocolVersion, '14.1');
  assert.equal(first?.line?.locale, 0x0407);
  assert.equal(first?.headers['ms-asprotocolversion'], undefined);
  assert.equal(retried?.line?.form, 'base64');
  assert.equal(retried?.line?.policyKey, Number(peer.memory.finalPolicyKey));
  assert.equal(retried?.headers['x-ms-policykey'], undefined);
  assert.equal(retried?.answeredStatus, 200);
});

test('base64 is not used below 12.1 (MS-ASHTTP 2.2.1.1.1.1): the plain line is sent', async (t) => {
  const peer = await startPeer(t);
  await clientFor(peer, { requestLineForm: 'base64', protocolVersion: '12.0' }).folderSync();
  const request = peer.requestsFor('FolderSync')[0];
  assert.equal(request?.line?.form, 'plain');
  assert.equal(request?.headers['ms-asprotocolversion'], '12.0');
});

test('HTTP 449: provisions in two phases and retries the command once with the final key', async (t) => {
  const peer = await startPeer(t, { provisioning: 'http-449' });
  const events: EasClientEvent[] = [];
  const client = clientFor(peer, { protocolVersion: '14.0', onEvent: provisioningEvents(events) });
  const result = await client.folderSync();
  assert.equal(result.status, 1);
  const sequence = peer.requests.map((r) => `${r.line?.command}:${r.answeredStatus}`);
  assert.deepEqual(sequence, ['FolderSync:449', 'Provision:200', 'Provision:200', 'FolderSync:200']);
  const [, initial, ack, retry] = peer.requests;
  assert.ok(initial !== undefined && ack !== undefined && retry !== undefined);
  assert.equal(initial.headers['x-ms-policykey'], undefined);
  assert.deepEqual(childElements(policyOf(initial)).map(qualifiedName), ['Provision:PolicyType']);
  assert.equal(ack.headers['x-ms-policykey'], peer.memory.temporaryPolicyKey);
  assert.deepEqual(childElements(policyOf(ack)).map(qualifiedName), ['Provision:PolicyType', 'Provision:PolicyKey', 'Provision:Status']);
  assert.equal(textContent(firstChild(policyOf(ack), 'Provision:PolicyKey') ?? policyOf(ack)), peer.memory.temporaryPolicyKey);
  assert.equal(retry.headers['x-ms-policykey'], peer.memory.finalPolicyKey);
  assert.notEqual(peer.memory.finalPolicyKey, peer.memory.temporaryPolicyKey);
  assert.equal(client.exportState().policyKey, peer.memory.finalPolicyKey);
  assert.deepEqual(events, [
    { type: 'provisioning-required', command: 'FolderSync', trigger: 'http-449' },
    { type: 'provisioned', policyKey: peer.memory.finalPolicyKey },
  ]);
});

test('Status 142 at 14.1: provisions with DeviceInformation in the initial Provision, then retries', async (t) => {
  const peer = await startPeer(t, { provisioning: 'status' });
  const events: EasClientEvent[] = [];
  const client = clientFor(peer, { protocolVersion: '14.1', onEvent: provisioningEvents(events) });
  const result = await client.folderSync();
  assert.equal(result.status, 1);
  assert.equal(peer.requests[0]?.answeredStatus, 200);
  assert.deepEqual(events[0], { type: 'provisioning-required', command: 'FolderSync', trigger: 'status-142' });
  const initial = peer.requestsFor('Provision')[0];
  assert.ok(initial?.body !== undefined);
  assert.deepEqual(childElements(initial.body).map(qualifiedName), ['Settings:DeviceInformation', 'Provision:Policies']);
  assert.equal(peer.requestsFor('FolderSync').length, 2);
});

test('a stale saved key gets Status 144 and is replaced by a fresh provisioning', async (t) => {
  const peer = await startPeer(t, { provisioning: 'status' });
  const events: EasClientEvent[] = [];
  const client = clientFor(peer, { state: { policyKey: '77', folderSyncKey: '0', syncKeys: {} }, onEvent: provisioningEvents(events) });
  await client.folderSync();
  assert.equal(events[0]?.type === 'provisioning-required' ? events[0].trigger : undefined, 'status-144');
  assert.equal(client.exportState().policyKey, peer.memory.finalPolicyKey);
});

test('a server that still demands provisioning after Provision gets one cycle, then a provisioning error', async (t) => {
  const peer = await startPeer(t, { provisioning: 'http-449', neverSatisfied: true });
  await rejectsWith(clientFor(peer).folderSync(), 'provisioning');
  assert.deepEqual(peer.requests.map((r) => r.line?.command), ['FolderSync', 'Provision', 'Provision', 'FolderSync']);
});

test('Status 140 is reported as a remote wipe without provisioning or retrying', async (t) => {
  const peer = await startPeer(t, { remoteWipe: 'status-140' });
  await rejectsWith(clientFor(peer).folderSync(), 'remote-wipe');
  assert.equal(peer.requests.length, 1);
});

test('a RemoteWipe directive in the Provision reply is reported and never acknowledged', async (t) => {
  const peer = await startPeer(t, { remoteWipe: 'provision' });
  await rejectsWith(clientFor(peer).provision(), 'remote-wipe');
  assert.equal(peer.requestsFor('Provision').length, 1);
});

test('2.5 provisioning asks for MS-WAP-Provisioning-XML and completes', async (t) => {
  const peer = await startPeer(t, { provisioning: 'http-449' });
  const outcome = await clientFor(peer, { protocolVersion: '2.5' }).provision();
  assert.equal(outcome.policyType, 'MS-WAP-Provisioning-XML');
  assert.equal(outcome.phases, 2);
  assert.equal(outcome.policyKey, peer.memory.finalPolicyKey);
  assert.equal(outcome.policyDataReceived, true);
});

test('Policy Status 2 (no policy) ends provisioning after one round trip without a key', async (t) => {
  const peer = await startPeer(t, { noPolicy: true });
  const client = clientFor(peer);
  const outcome = await client.provision();
  assert.equal(outcome.policyKey, undefined);
  assert.equal(outcome.phases, 1);
  assert.equal(client.exportState().policyKey, undefined);
});

test('with autoProvision off a 449 is returned as is and the helpers report it', async (t) => {
  const peer = await startPeer(t, { provisioning: 'http-449' });
  const client = clientFor(peer, { autoProvision: false });
  const response = await client.send('FolderSync', buildFolderSync('0'));
  assert.equal(response.status, 449);
  const error = await rejectsWith(client.folderSync(), 'http');
  assert.equal(error.httpStatus, 449);
  assert.equal(peer.requestsFor('Provision').length, 0);
});

test('wrong credentials surface as HTTP 401', async (t) => {
  const peer = await startPeer(t);
  const error = await rejectsWith(clientFor(peer, { password: 'nope' }).folderSync(), 'http');
  assert.equal(error.httpStatus, 401);
});

test('Sync walks the Inbox window by window and keeps each new key', async (t) => {
  const peer = await startPeer(t, { inboxItems: 23 });
  const client = clientFor(peer);
  const prime = await client.sync('f-inbox', { className: 'Email' });
  assert.equal(prime.status, 1);
  assert.equal(client.exportState().syncKeys['f-inbox'], prime.syncKey);
  const windows: number[] = [];
  let more = true;
  while (more) {
    const result = await client.sync('f-inbox', { windowSize: 10, filterType: 0, bodyPreference: { type: 1, truncationSize: 512 } });
    assert.equal(result.status, 1);
    assert.equal(client.exportState().syncKeys['f-inbox'], result.syncKey);
    windows.push(result.added.length);
    await assertLibwbxmlAgrees(result.response.raw);
    more = result.moreAvailable;
  }
  assert.deepEqual(windows, [10, 10, 3]);
  const estimate = await client.getItemEstimate('f-inbox', { className: 'Email' });
  assert.equal(estimate.status, 1);
  assert.equal(estimate.estimate, 0);
});

test('Sync Status 3 (stale key) drops the saved key so the next Sync starts from 0', async (t) => {
  const peer = await startPeer(t);
  const client = clientFor(peer, { state: { folderSyncKey: '0', syncKeys: { 'f-inbox': 'bogus' } } });
  const result = await client.sync('f-inbox');
  assert.equal(result.status, 3);
  assert.equal(client.exportState().syncKeys['f-inbox'], undefined);
});

test('exported state resumes as the same device: saved policy key and sync keys, no new provisioning', async (t) => {
  const peer = await startPeer(t, { provisioning: 'status' });
  const first = clientFor(peer);
  await first.folderSync();
  await first.sync('f-inbox');
  const saved = JSON.parse(JSON.stringify(first.exportState())) as ReturnType<EasClient['exportState']>;
  const before = peer.requestsFor('Provision').length;
  const second = clientFor(peer, { state: saved });
  const result = await second.sync('f-inbox', { windowSize: 5 });
  assert.equal(result.status, 1);
  assert.equal(result.added.length, 5);
  assert.equal(peer.requestsFor('Provision').length, before);
  assert.equal(peer.requests.at(-1)?.headers['x-ms-policykey'], saved.policyKey);
});

test('Ping reports expiry, changed folders and an out-of-range heartbeat', async (t) => {
  const folders = [{ id: 'f-inbox', className: 'Email' }];
  const expire = await startPeer(t);
  const expired = await clientFor(expire).ping({ heartbeatInterval: 1, folders });
  assert.equal(expired.status, 1);
  const ping = expire.requestsFor('Ping')[0]?.body;
  assert.ok(ping !== undefined);
  assert.deepEqual(childElements(ping).map(qualifiedName), ['Ping:HeartbeatInterval', 'Ping:Folders']);
  const changes = await startPeer(t, { ping: 'changes' });
  assert.deepEqual((await clientFor(changes).ping({ heartbeatInterval: 60, folders })).folders, ['f-inbox']);
  const range = await startPeer(t, { ping: 'out-of-range' });
  const refused = await clientFor(range).ping({ heartbeatInterval: 5, folders });
  assert.equal(refused.status, 5);
  assert.equal(refused.heartbeatInterval, 480);
});

test('transport failures: a silent server times out, a closed port is a network error, garbage WBXML is a bad response', async (t) => {
  const silent = createServer(() => undefined);
  const garbage = createServer((_req, res) => {
    res.setHeader('Content-Type', 'application/vnd.ms-sync.wbxml');
    res.end(Buffer.from([0x03, 0x01, 0x6a, 0x00, 0x45, 0x7f]));
  });
  for (const server of [silent, garbage]) {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    t.after(() => {
      server.closeAllConnections();
      server.close();
    });
  }
  const urlOf = (server: typeof silent): string => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const base = { username: 'alice', password: 'secret', deviceId: 'dev1', deviceType: 'T', protocolVersion: '14.0' } as const;
  await rejectsWith(new EasClient({ ...base, baseUrl: urlOf(silent), timeoutMs: 100 }).folderSync(), 'timeout');
  const closedPort = await new Promise<number>((resolve) => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
  await rejectsWith(new EasClient({ ...base, baseUrl: `http://127.0.0.1:${closedPort}` }).folderSync(), 'network');
  await rejectsWith(new EasClient({ ...base, baseUrl: urlOf(garbage) }).folderSync(), 'bad-response');
});

test('endpoint: a server root gets /Microsoft-Server-ActiveSync appended, a full endpoint is kept', () => {
  const base = { username: 'a', password: 'b', deviceId: 'd', deviceType: 't', protocolVersion: '14.0' } as const;
  assert.equal(new EasClient({ ...base, baseUrl: 'https://mail.example.org' }).endpoint.href, 'https://mail.example.org/Microsoft-Server-ActiveSync');
  assert.equal(new EasClient({ ...base, baseUrl: 'https://x.org/eas/Microsoft-Server-ActiveSync?x=1' }).endpoint.href,
    'https://x.org/eas/Microsoft-Server-ActiveSync');
  assert.throws(() => new EasClient({ ...base, baseUrl: 'ftp://x.org' }), EasClientError);
});
