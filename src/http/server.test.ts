// The HTTP front over real HTTP: OPTIONS without credentials, Basic auth (UTF-8 and ISO-8859-1),
// case-insensitive paths, the body limit, Status 111 / 503 for a backend that cannot serve right
// now, the bare 500 for unexpected errors and the abort signal.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CommandResults } from '../commands/registry.js';
import type { CommandDefinition } from '../commands/registry.js';
import { StoreUnavailableError } from '../domain/errors.js';
import { decodeEasBody, firstChild, qualifiedName, textContent } from '../eas/wbxml-body.js';
import { assertLibwbxmlAgrees } from '../../test/helpers/libwbxml.js';
import { ECHO_FOLDER_SYNC, JO, WBXML, basic, readEcho, startTestServer } from './test-kit.js';
import type { TestServer } from './test-kit.js';

const PLAIN = 'Cmd=FolderSync&User=jo@example.com&DeviceId=Dev1&DeviceType=iPhone';
const EAS = '/Microsoft-Server-ActiveSync';

let handlerSawAbort: (reason: unknown) => void = () => undefined;
const sawAbort = new Promise<unknown>((resolve) => {
  handlerSawAbort = resolve;
});

const THROWING_PING: CommandDefinition = {
  name: 'Ping',
  minVersion: '2.5',
  needsProvisioning: false,
  handle: async (ctx) => {
    if (ctx.deviceId.startsWith('busy')) throw new StoreUnavailableError('the mailbox database is locked by another writer');
    throw new Error('internal detail: /var/lib/pushbridge/secret.db is locked');
  },
};

const WAITING_SYNC: CommandDefinition = {
  name: 'Sync',
  minVersion: '2.5',
  needsProvisioning: false,
  handle: async (ctx) => {
    await new Promise<void>((resolve) => ctx.signal.addEventListener('abort', () => resolve(), { once: true }));
    handlerSawAbort(ctx.signal.reason);
    return CommandResults.empty();
  },
};

let server: TestServer;
before(async () => {
  server = await startTestServer({ commands: [ECHO_FOLDER_SYNC, THROWING_PING, WAITING_SYNC], settings: { maxBodyBytes: 1024 } });
});
after(() => server.close());

function post(path: string, init: { auth?: string; version?: string; body?: Uint8Array; signal?: AbortSignal } = {}): Promise<Response> {
  const headers: Record<string, string> = { 'Content-Type': WBXML, 'MS-ASProtocolVersion': init.version ?? '14.1' };
  if (init.auth !== undefined) headers.Authorization = init.auth;
  return fetch(`${server.url}${path}`, {
    method: 'POST',
    headers,
    ...(init.body === undefined ? {} : { body: init.body }),
    ...(init.signal === undefined ? {} : { signal: init.signal }),
  });
}

describe('OPTIONS', () => {
  it('answers without credentials with the exact EAS headers (CLIENT-QUIRKS §6.1)', async () => {
    const res = await fetch(`${server.url}${EAS}`, { method: 'OPTIONS' });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('ms-asprotocolversions'), '2.5,12.0,12.1,14.0,14.1,16.0,16.1');
    assert.equal(res.headers.get('ms-asprotocolcommands'), 'Sync,FolderSync,Ping');
    assert.equal(res.headers.get('allow'), 'OPTIONS,POST');
    assert.equal(res.headers.get('public'), 'OPTIONS,POST');
    assert.equal(res.headers.get('ms-server-activesync'), '16.1');
    assert.equal(await res.text(), '');
  });

  it('matches the path without regard to case or a trailing slash', async () => {
    for (const path of ['/microsoft-server-activesync', '/MICROSOFT-SERVER-ACTIVESYNC/']) {
      const res = await fetch(`${server.url}${path}`, { method: 'OPTIONS' });
      assert.equal(res.status, 200, path);
      assert.equal(res.headers.get('ms-asprotocolversions'), '2.5,12.0,12.1,14.0,14.1,16.0,16.1');
    }
  });
});

describe('Basic authentication', () => {
  it('answers 401 with a Basic challenge when credentials are missing, wrong or not Basic', async () => {
    for (const auth of [undefined, basic('jo@example.com', 'wrong'), basic('nobody', 'secret'), 'Bearer abc', 'Basic !!!']) {
      const res = await post(`${EAS}?${PLAIN}`, auth === undefined ? {} : { auth });
      assert.equal(res.status, 401, String(auth));
      assert.equal(res.headers.get('www-authenticate'), 'Basic realm="Pushbridge"');
      assert.equal(await res.text(), '');
    }
  });

  it('accepts credentials encoded as ISO-8859-1 (Outlook) as well as UTF-8', async () => {
    const line = 'Cmd=FolderSync&User=j%C3%B6rg&DeviceId=Dev1&DeviceType=WindowsOutlook';
    for (const encoding of ['latin1', 'utf8'] as const) {
      const res = await post(`${EAS}?${line}`, { auth: basic('jörg', 'pässwort', encoding) });
      assert.equal(res.status, 200, encoding);
      const bytes = new Uint8Array(await res.arrayBuffer());
      await assertLibwbxmlAgrees(bytes);
      assert.equal(readEcho(bytes).user, 'jörg');
    }
  });

  it('answers 503 with Retry-After when the account backend fails', async () => {
    const res = await post(`${EAS}?${PLAIN}`, { auth: basic('backend-down', 'x') });
    assert.equal(res.status, 503);
    assert.equal(res.headers.get('retry-after'), '30');
  });
});

describe('routing and limits', () => {
  it('dispatches POST on any case of the path', async () => {
    const res = await post(`/MICROSOFT-server-ActiveSync?${PLAIN}`, { auth: JO });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), WBXML);
  });

  it('answers other paths with a bare 404', async () => {
    const res = await fetch(`${server.url}/other`, { method: 'POST', headers: { Authorization: JO } });
    assert.equal(res.status, 404);
    assert.equal(await res.text(), '');
  });

  it('answers a body over maxBodyBytes with 413', async () => {
    const res = await post(`${EAS}?${PLAIN}`, { auth: JO, body: new Uint8Array(2048).fill(0x41) });
    assert.equal(res.status, 413);
    assert.equal(await res.text(), '');
  });
});

describe('a backend that cannot serve right now', () => {
  it('answers Status 111 from 14.0 on and HTTP 503 before, with a warning, never a 500', async () => {
    const res = await post(`${EAS}?Cmd=Ping&User=jo@example.com&DeviceId=Busy1&DeviceType=Android`, { auth: JO });
    assert.equal(res.status, 200);
    const bytes = new Uint8Array(await res.arrayBuffer());
    await assertLibwbxmlAgrees(bytes);
    const root = decodeEasBody(bytes);
    assert.equal(qualifiedName(root), 'Ping:Ping');
    const status = firstChild(root, 'Ping:Status');
    assert.ok(status !== undefined);
    assert.equal(textContent(status), '111');
    const legacy = await post(`${EAS}?Cmd=Ping&User=jo@example.com&DeviceId=Busy1&DeviceType=Android`, { auth: JO, version: '12.1' });
    assert.equal(legacy.status, 503);
    const line = server.logs().find((l) => l.msg === 'backend unavailable; asked the client to retry later');
    assert.ok(line, 'a warning was logged');
    assert.equal(line.level, 40);
    assert.equal(line.command, 'Ping');
  });
});

describe('unexpected errors', () => {
  it('answers a handler crash with a bare 500 and logs it with request id, user, device and command', async () => {
    const res = await post(`${EAS}?Cmd=Ping&User=jo@example.com&DeviceId=Crash1&DeviceType=Android`, { auth: JO });
    assert.equal(res.status, 500);
    const body = await res.text();
    assert.equal(body, '');
    const line = server.logs().find((l) => l.msg === 'unexpected error');
    assert.ok(line, 'an error line was logged');
    assert.equal(line.level, 50);
    assert.equal(typeof line.reqId, 'string');
    assert.equal(line.user, 'jo@example.com');
    assert.equal(line.deviceId, 'crash1');
    assert.equal(line.command, 'Ping');
    assert.match(JSON.stringify(line.err), /secret\.db is locked/);
  });
});

describe('client going away', () => {
  it('aborts the handler signal when the client closes the connection', async () => {
    const controller = new AbortController();
    const pending = post(`${EAS}?Cmd=Sync&User=jo@example.com&DeviceId=Dev1&DeviceType=iPhone`, {
      auth: JO,
      signal: controller.signal,
    }).catch((error: unknown) => error);
    setTimeout(() => controller.abort(), 100);
    const reason = await sawAbort;
    assert.ok(reason instanceof Error);
    assert.match(reason.message, /closed/);
    await pending;
  });
});
