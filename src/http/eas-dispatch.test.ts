// Dispatch over real HTTP: both request-line forms reaching a registered command with everything
// they carry, and the answers MS-ASHTTP/MS-ASCMD give for unknown commands, wrong versions,
// malformed lines and bodies, raw bodies and a PolicyGate that refuses.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CommandDefinition, PolicyGate } from '../commands/registry.js';
import { CommandResults } from '../commands/registry.js';
import { formatBase64RequestLine, formatPlainRequestLine } from '../eas/request-line.js';
import { decodeEasBody, element, encodeEasBody, firstChild, qualifiedName, textContent } from '../eas/wbxml-body.js';
import { assertLibwbxmlAgrees } from '../../test/helpers/libwbxml.js';
import { ECHO_FOLDER_SYNC, JO, WBXML, readEcho, startTestServer } from './test-kit.js';
import type { TestServer } from './test-kit.js';

const EAS = '/Microsoft-Server-ActiveSync';
const received: Uint8Array[] = [];

const RAW_SEND_MAIL: CommandDefinition = {
  name: 'SendMail',
  minVersion: '2.5',
  needsProvisioning: false,
  acceptsRawBody: true,
  handle: async (ctx, request) => {
    if (request.kind === 'raw') received.push(request.bytes);
    ctx.log.info({ kind: request.kind }, 'send mail');
    return CommandResults.empty();
  },
};
const SETTINGS: CommandDefinition = { ...ECHO_FOLDER_SYNC, name: 'Settings', minVersion: '12.0' };
const FIND: CommandDefinition = { ...ECHO_FOLDER_SYNC, name: 'Find', minVersion: '16.1' };

/** Refuses devices whose id starts with "unprovisioned". */
const GATE: PolicyGate = {
  check: async (input) => (input.deviceId.startsWith('unprovisioned') ? { allowed: false, status: 142 } : { allowed: true }),
};

let server: TestServer;
let narrow: TestServer;
before(async () => {
  server = await startTestServer({ commands: [ECHO_FOLDER_SYNC, RAW_SEND_MAIL, SETTINGS, FIND], policyGate: GATE });
  narrow = await startTestServer({ settings: { advertisedVersions: ['14.0', '14.1'] } });
});
after(async () => {
  await server.close();
  await narrow.close();
});

const folderSyncBody = encodeEasBody(element('FolderHierarchy:FolderSync', [element('FolderHierarchy:SyncKey', '0')]));

async function post(
  query: string,
  headers: Record<string, string> = {},
  body?: Uint8Array,
  target: TestServer = server,
): Promise<{ status: number; headers: Headers; bytes: Uint8Array }> {
  const res = await fetch(`${target.url}${EAS}?${query}`, {
    method: 'POST',
    headers: { Authorization: JO, 'Content-Type': WBXML, ...headers },
    ...(body === undefined ? {} : { body }),
  });
  const bytes = new Uint8Array(await res.arrayBuffer());
  // Every WBXML answer is cross-checked with libwbxml, an independent decoder.
  if (res.headers.get('content-type') === WBXML && bytes.length > 0) await assertLibwbxmlAgrees(bytes);
  return { status: res.status, headers: res.headers, bytes };
}

function statusBody(bytes: Uint8Array): { root: string; status: string } {
  const root = decodeEasBody(bytes);
  const status = root.children.find((c) => typeof c === 'object' && !(c instanceof Uint8Array));
  assert.ok(status !== undefined && typeof status === 'object' && !(status instanceof Uint8Array));
  return { root: qualifiedName(root), status: textContent(status) };
}

describe('plain request line dispatch', () => {
  it('hands the command every field of the line and headers', async () => {
    const query = formatPlainRequestLine({
      command: 'FolderSync',
      user: 'EXAMPLE\\JO@example.com',
      deviceId: 'ApplF17XYZ',
      deviceType: 'iPhone',
      params: { collectionId: '5', itemId: '5:9', saveInSent: true },
    });
    const res = await post(
      query,
      { 'MS-ASProtocolVersion': '16.1', 'X-MS-PolicyKey': '1234', 'MS-ASAcceptMultiPart': 'T', 'User-Agent': 'Apple-iPhone8C4/1504.100' },
      folderSyncBody,
    );
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), WBXML);
    assert.equal(res.headers.get('ms-server-activesync'), '16.1');
    assert.deepEqual([...res.bytes.subarray(0, 4)], [0x03, 0x01, 0x6a, 0x00]);
    const echo = readEcho(res.bytes);
    assert.equal(echo.command, 'FolderSync');
    assert.equal(echo.user, 'jo@example.com');
    assert.equal(echo.deviceId, 'applf17xyz');
    assert.equal(echo.deviceType, 'iPhone');
    assert.equal(echo.protocolVersion, '16.1');
    assert.equal(echo.policyKey, '1234');
    assert.equal(echo.userAgent, 'Apple-iPhone8C4/1504.100');
    assert.deepEqual(JSON.parse(echo.params ?? ''), { collectionId: '5', itemId: '5:9', saveInSent: true, acceptMultiPart: true });
    assert.equal(echo.body, 'FolderHierarchy:FolderSync');
    assert.equal(echo.syncKey, '0');
  });

  it('passes an empty body as such', async () => {
    const res = await post('Cmd=FolderSync&User=jo&DeviceId=d1&DeviceType=t', { 'MS-ASProtocolVersion': '14.0' });
    assert.equal(res.status, 200);
    assert.equal(readEcho(res.bytes).body, 'empty');
  });
});

describe('base64 request line dispatch', () => {
  it('takes version, policy key and options from the line and the user from Basic auth', async () => {
    const query = formatBase64RequestLine({
      command: 'FolderSync',
      user: '',
      deviceId: 'Nine342BA3F3E6C6',
      deviceType: 'Android',
      protocolVersion: '14.1',
      policyKey: 0x12345678,
      params: { saveInSent: false, acceptMultiPart: true },
    });
    const res = await post(query, {}, folderSyncBody);
    assert.equal(res.status, 200);
    const echo = readEcho(res.bytes);
    assert.equal(echo.protocolVersion, '14.1');
    assert.equal(echo.policyKey, String(0x12345678));
    assert.equal(echo.deviceId, 'nine342ba3f3e6c6');
    assert.equal(echo.user, 'jo@example.com');
    assert.deepEqual(JSON.parse(echo.params ?? ''), { saveInSent: false, acceptMultiPart: true });
  });

  it('answers malformed base64 with 400', async () => {
    for (const query of ['jAAJBAp2MTQw', 'not*base64', Buffer.from([141, 0, 9, 4, 9, 1]).toString('base64')]) {
      const res = await post(query);
      assert.equal(res.status, 400, query);
      assert.equal(res.bytes.length, 0);
    }
  });
});

describe('request-line and version errors', () => {
  it('answers a malformed plain line with 400 and a foreign user with 403', async () => {
    assert.equal((await post('Cmd=FolderSync&User=jo&DeviceType=t', { 'MS-ASProtocolVersion': '14.1' })).status, 400);
    const res = await post('Cmd=FolderSync&User=someone-else&DeviceId=d&DeviceType=t', { 'MS-ASProtocolVersion': '14.1' });
    assert.equal(res.status, 403);
  });

  it('answers a command name or code nobody knows with 501', async () => {
    assert.equal((await post('Cmd=Foo&User=jo&DeviceId=d&DeviceType=t', { 'MS-ASProtocolVersion': '14.1' })).status, 501);
    assert.equal((await post(Buffer.from([141, 7, 9, 4, 1, 0x64, 0, 1, 0x74]).toString('base64'))).status, 501);
  });

  it('answers a missing version header with 400 and an unsupported one with 400 plus the versions to use', async () => {
    assert.equal((await post('Cmd=FolderSync&User=jo&DeviceId=d&DeviceType=t')).status, 400);
    for (const version of ['1.0', '17.0']) {
      const res = await post('Cmd=FolderSync&User=jo&DeviceId=d&DeviceType=t', { 'MS-ASProtocolVersion': version });
      assert.equal(res.status, 400, version);
      assert.equal(res.headers.get('ms-asprotocolversions'), '2.5,12.0,12.1,14.0,14.1,16.0,16.1');
    }
    const res = await post('Cmd=FolderSync&User=jo&DeviceId=d&DeviceType=t', { 'MS-ASProtocolVersion': '16.1' }, undefined, narrow);
    assert.equal(res.status, 400);
    assert.equal(res.headers.get('x-ms-rp'), '14.0,14.1');
  });

  it('answers a known but unregistered command with Status 137 from 14.0 on and 501 before', async () => {
    const modern = await post('Cmd=Search&User=jo&DeviceId=d&DeviceType=t', { 'MS-ASProtocolVersion': '14.1' });
    assert.equal(modern.status, 200);
    assert.deepEqual(statusBody(modern.bytes), { root: 'Search:Search', status: '137' });
    const legacy = await post('Cmd=Search&User=jo&DeviceId=d&DeviceType=t', { 'MS-ASProtocolVersion': '12.1' });
    assert.equal(legacy.status, 501);
  });

  it('answers a command older than its minVersion with Status 138 (400 before 14.0)', async () => {
    const find = await post('Cmd=Find&User=jo&DeviceId=d&DeviceType=t', { 'MS-ASProtocolVersion': '14.1' });
    assert.deepEqual(statusBody(find.bytes), { root: 'Find:Find', status: '138' });
    const settings = await post('Cmd=Settings&User=jo&DeviceId=d&DeviceType=t', { 'MS-ASProtocolVersion': '2.5' });
    assert.equal(settings.status, 400);
  });
});

describe('bodies', () => {
  it('answers undecodable WBXML with Status 102, never a 5xx', async () => {
    const broken = folderSyncBody.subarray(0, folderSyncBody.length - 3);
    const modern = await post('Cmd=FolderSync&User=jo&DeviceId=d&DeviceType=t', { 'MS-ASProtocolVersion': '14.1' }, broken);
    assert.equal(modern.status, 200);
    assert.deepEqual(statusBody(modern.bytes), { root: 'FolderHierarchy:FolderSync', status: '102' });
    const legacy = await post('Cmd=FolderSync&User=jo&DeviceId=d&DeviceType=t', { 'MS-ASProtocolVersion': '12.1' }, new Uint8Array([1, 2, 3]));
    assert.equal(legacy.status, 400);
  });

  it('answers a body for another command with Status 103', async () => {
    const sync = encodeEasBody(element('AirSync:Sync', []));
    const res = await post('Cmd=FolderSync&User=jo&DeviceId=d&DeviceType=t', { 'MS-ASProtocolVersion': '16.0' }, sync);
    assert.deepEqual(statusBody(res.bytes), { root: 'FolderHierarchy:FolderSync', status: '103' });
  });

  it('hands a message/rfc822 body to a command that takes one, and answers 101 elsewhere', async () => {
    const mime = new TextEncoder().encode('From: jo@example.com\r\nTo: a@b.c\r\nSubject: hi\r\n\r\nbody\r\n');
    const rfc822 = (version: string): Record<string, string> => ({ 'MS-ASProtocolVersion': version, 'Content-Type': 'message/rfc822' });
    const res = await post('Cmd=SendMail&User=jo&DeviceId=d&DeviceType=t&SaveInSent=T', rfc822('12.1'), mime);
    assert.equal(res.status, 200);
    assert.equal(res.bytes.length, 0);
    assert.deepEqual(new Uint8Array(received.at(-1) ?? []), mime);
    const wrong = await post('Cmd=FolderSync&User=jo&DeviceId=d&DeviceType=t', rfc822('14.1'), mime);
    assert.deepEqual(statusBody(wrong.bytes), { root: 'FolderHierarchy:FolderSync', status: '101' });
  });
});

describe('PolicyGate', () => {
  it('turns a refusal into Status 142 from 14.0 on and 449 before (CLIENT-QUIRKS §6.3)', async () => {
    const modern = await post('Cmd=FolderSync&User=jo&DeviceId=unprovisioned1&DeviceType=t', { 'MS-ASProtocolVersion': '14.1' });
    assert.deepEqual(statusBody(modern.bytes), { root: 'FolderHierarchy:FolderSync', status: '142' });
    const legacy = await post('Cmd=FolderSync&User=jo&DeviceId=unprovisioned1&DeviceType=t', { 'MS-ASProtocolVersion': '12.1' });
    assert.equal(legacy.status, 449);
  });

  it('is not consulted for commands that do not need provisioning', async () => {
    const res = await post('Cmd=SendMail&User=jo&DeviceId=unprovisioned2&DeviceType=t', { 'MS-ASProtocolVersion': '12.1' });
    assert.equal(res.status, 200);
  });

  it('does not stand in the way of a provisioned device', async () => {
    const res = await post('Cmd=FolderSync&User=jo&DeviceId=d&DeviceType=t', { 'MS-ASProtocolVersion': '14.1' });
    assert.equal(res.status, 200);
    assert.equal(textContent(firstChild(decodeEasBody(res.bytes), 'FolderHierarchy:Status') ?? element('FolderHierarchy:Status')), '1');
    assert.equal(readEcho(res.bytes).deviceId, 'd');
  });
});
