// The composed application in-process: configuration reaches the HTTP front (versions, body
// limit), the embedded account store answers Basic auth over real HTTP, logs carry no
// passwords, and close() releases the port and the store.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../../src/admin/test-kit.js';
import { createApp, type PushbridgeApp } from '../../src/app.js';
import { loadConfig, type ConfigOverrides, type PushbridgeConfig } from '../../src/config/index.js';

const EAS = '/Microsoft-Server-ActiveSync';
const QUERY = '?Cmd=FolderSync&User=olga@example.org&DeviceId=apptest01&DeviceType=iPhone';
const EMPTY_WBXML = new Uint8Array([0x03, 0x01, 0x6a, 0x00]);

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'pushbridge-app-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

function configFor(name: string, file: object = {}, overrides: ConfigOverrides = {}): PushbridgeConfig {
  const path = join(dir, `${name}.json`);
  writeFileSync(path, JSON.stringify({ log: { level: 'silent' }, ...file }));
  return loadConfig({ file: path, overrides: { port: 0, dataDir: join(dir, name), ...overrides } });
}

function basic(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

function post(url: string, authorization: string, body: Uint8Array = EMPTY_WBXML): Promise<Response> {
  return fetch(`${url}${EAS}${QUERY}`, {
    method: 'POST',
    headers: { authorization, 'content-type': 'application/vnd.ms-sync.wbxml', 'ms-asprotocolversion': '14.0' },
    body,
  });
}

describe('createApp', () => {
  it('advertises the configured versions on OPTIONS, before listening and without credentials', async () => {
    const app = await createApp(configFor('versions', { eas: { advertisedVersions: ['14.0', '12.1'] } }));
    try {
      const reply = await app.server.inject({ method: 'OPTIONS', url: EAS });
      assert.equal(reply.statusCode, 200);
      assert.equal(reply.headers['ms-asprotocolversions'], '12.1,14.0');
    } finally {
      await app.close();
    }
  });

  it('authenticates against the embedded accounts over real HTTP', async () => {
    const app = await createApp(configFor('auth'));
    try {
      await app.accounts.addUser('olga@example.org', 'olga-pw', 'Olga');
      const url = await app.listen();
      assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.equal((await fetch(`${url}${EAS}`, { method: 'OPTIONS' })).status, 200);
      assert.equal((await post(url, basic('olga@example.org', 'wrong'))).status, 401);
      assert.equal((await post(url, basic('nobody@example.org', 'olga-pw'))).status, 401);
      const accepted = await post(url, basic('Olga@Example.org', 'olga-pw'));
      assert.notEqual(accepted.status, 401);
      assert.ok(accepted.status < 500, `status ${accepted.status}`);
    } finally {
      await app.close();
    }
  });

  it('applies eas.maxBodyBytes to request bodies', async () => {
    const app = await createApp(configFor('limit', { eas: { maxBodyBytes: 2048 } }));
    try {
      await app.accounts.addUser('olga@example.org', 'olga-pw');
      const url = await app.listen();
      assert.equal((await post(url, basic('olga@example.org', 'olga-pw'), new Uint8Array(4096))).status, 413);
    } finally {
      await app.close();
    }
  });

  it('logs at the configured level to the given destination, never the password', async () => {
    const lines: string[] = [];
    const config = configFor('logs', { log: { level: 'info' } });
    const app = await createApp(config, { logDestination: { write: (line: string) => void lines.push(line) } });
    try {
      const url = await app.listen();
      assert.equal((await post(url, basic('olga@example.org', 'secret-in-header'))).status, 401);
    } finally {
      await app.close();
    }
    const entries = lines.map((line) => JSON.parse(line) as { msg?: string });
    assert.ok(entries.some((entry) => entry.msg === 'authentication rejected'), lines.join(''));
    assert.ok(!lines.join('').includes('secret-in-header'));
  });

  it('reports a loopback URL for a wildcard bind', async () => {
    const app = await createApp(configFor('wildcard', {}, { host: '0.0.0.0' }));
    try {
      const url = await app.listen();
      assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.equal((await fetch(`${url}${EAS}`, { method: 'OPTIONS' })).status, 200);
    } finally {
      await app.close();
    }
  });

  it('passes `pushbridge diag` for a real account and fails it for a wrong password', async () => {
    const app = await createApp(configFor('diag'));
    const diag = async (password: string): Promise<{ code: number; out: string }> => {
      const { code, stdout, stderr } = await runCli(['diag', url, '-u', 'olga@example.org', '--password', password], { cwd: dir });
      return { code, out: stdout + stderr };
    };
    let url = '';
    try {
      await app.accounts.addUser('olga@example.org', 'olga-pw');
      url = await app.listen();
      const passed = await diag('olga-pw');
      assert.equal(passed.code, 0, passed.out);
      assert.match(passed.out, /PASS\s+OPTIONS/);
      assert.match(passed.out, /PASS\s+Authentication/);
      const failed = await diag('wrong');
      assert.equal(failed.code, 1, failed.out);
      assert.match(failed.out, /FAIL\s+Authentication/);
    } finally {
      await app.close();
    }
  });

  it('close() frees the port and the account store, and may be called twice', async () => {
    const app: PushbridgeApp = await createApp(configFor('close'));
    const url = await app.listen();
    await app.close();
    await app.close();
    await assert.rejects(fetch(`${url}${EAS}`, { method: 'OPTIONS' }));
    assert.throws(() => app.accounts.listUsers(), /not open/);
  });

  it('fails to start with a readable reason when the data directory cannot be used', async () => {
    const blocked = join(dir, 'a-file');
    writeFileSync(blocked, 'not a directory');
    await assert.rejects(createApp(configFor('blocked', {}, { dataDir: blocked })), {
      name: 'AccountError',
      message: `cannot open ${join(blocked, 'accounts.sqlite')}: the data directory path exists but is not a directory`,
    });
  });
});
