import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { Agent, fetch } from 'undici';
import { EAS_WBXML_CONTENT_TYPE } from '../eas/headers.js';
import { decodeWbxml, encodeWbxml } from '../wbxml/index.js';
import { EasClient } from './eas-client.js';
import { basicAuthorization, dispatcherTimeouts, performRequest } from './http-transport.js';
import { buildPing } from './request-builders.js';
import { readPingReply } from './response-readers.js';
import { EasTestPeer } from './test-peer/peer-server.js';

/** undici's 300 s default scaled down: a pool that gives up on headers after 200 ms. */
function impatientPool(t: TestContext): Agent {
  const agent = new Agent({ headersTimeout: 200, bodyTimeout: 200 });
  t.after(() => agent.close());
  return agent;
}

async function slowPingPeer(t: TestContext): Promise<EasTestPeer> {
  // The peer holds each Ping for min(heartbeat, cap): 1.5 s, well past the pool's 200 ms.
  const peer = await EasTestPeer.start({ ping: 'expire', pingHoldCapMs: 1_500 });
  t.after(() => peer.close());
  return peer;
}

test('the pool timeouts follow the request limit, so the longest heartbeat (3540 s) is not cut at 300 s', () => {
  // MS-ASCMD 2.2.3.84.1: HeartbeatInterval may be up to 3540 seconds; the Ping helper adds its grace.
  const heartbeatMs = 3_540_000;
  const timeouts = dispatcherTimeouts(heartbeatMs + 30_000);
  assert.ok(timeouts.headersTimeout > heartbeatMs + 30_000, `headersTimeout ${timeouts.headersTimeout}`);
  assert.ok(timeouts.bodyTimeout > heartbeatMs + 30_000, `bodyTimeout ${timeouts.bodyTimeout}`);
  assert.ok(dispatcherTimeouts(1_000).headersTimeout < dispatcherTimeouts(600_000).headersTimeout);
});

/** A provisioned device's Ping exactly as the client sends it, for the transport alone. */
async function heldPingRequest(peer: EasTestPeer): Promise<{ url: URL; headers: Record<string, string>; body: Uint8Array }> {
  const device = new EasClient({
    baseUrl: peer.url, username: 'alice', password: 'secret', deviceId: 'dev1', deviceType: 'TestDevice', protocolVersion: '16.1',
  });
  const { policyKey } = await device.provision();
  assert.ok(policyKey !== undefined);
  const url = new URL(device.endpoint);
  url.search = '?Cmd=Ping&User=alice&DeviceId=dev1&DeviceType=TestDevice';
  const headers = {
    Authorization: basicAuthorization('alice', 'secret'), 'MS-ASProtocolVersion': '16.1', 'X-MS-PolicyKey': policyKey,
    'Content-Type': EAS_WBXML_CONTENT_TYPE,
  };
  const ping = buildPing({ heartbeatInterval: 480, folders: [{ id: '1', className: 'Email' }] });
  assert.ok(ping !== undefined);
  return { url, headers, body: encodeWbxml(ping) };
}

test('control: the impatient pool alone does cut off a held Ping', async (t) => {
  const peer = await slowPingPeer(t);
  const request = await heldPingRequest(peer);
  await assert.rejects(
    fetch(request.url, { method: 'POST', headers: request.headers, body: request.body, dispatcher: impatientPool(t) }),
    (error: unknown) => error instanceof Error && error.cause instanceof Error && 'code' in error.cause && error.cause.code === 'UND_ERR_HEADERS_TIMEOUT',
  );
});

test('performRequest through the same pool waits for the held Ping', async (t) => {
  const peer = await slowPingPeer(t);
  const request = await heldPingRequest(peer);
  const response = await performRequest({ method: 'POST', ...request, timeoutMs: 60_000, dispatcher: impatientPool(t) });
  assert.equal(response.status, 200);
  const body = decodeWbxml(response.raw);
  assert.ok(body !== undefined);
  assert.equal(readPingReply(body).status, 1);
});

test('EasClient.ping through the same pool is held for its heartbeat and answers Status 1', async (t) => {
  const peer = await slowPingPeer(t);
  const client = new EasClient({
    baseUrl: peer.url, username: 'alice', password: 'secret', deviceId: 'dev1', deviceType: 'TestDevice',
    protocolVersion: '16.1', dispatcher: impatientPool(t),
  });
  await client.provision();
  const reply = await client.ping({ heartbeatInterval: 480, folders: [{ id: '1', className: 'Email' }] });
  assert.equal(reply.response.status, 200);
  assert.equal(reply.status, 1);
});
