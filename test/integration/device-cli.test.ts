// `pushbridge device ...` as an operator runs it (spawned via tsx) next to a running server that
// real devices (our client, over HTTP) talk to: list shows a device that talked to the server;
// block gives its next request HTTP 403 and allow lifts it; resync makes it start again from
// SyncKey 0; wipe reaches the device; remove forgets it; unknown devices fail readably.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createApp, type PushbridgeApp } from '../../src/app.js';
import { EasClient, EasClientError, type EasResponse } from '../../src/client/index.js';
import { loadConfig } from '../../src/config/index.js';
import { assertLibwbxmlAgrees } from '../helpers/libwbxml.js';

const ROOT = new URL('../../', import.meta.url);
const STACK_LINE = /^\s+at .+:\d+/m;
const USER = 'dana@example.org';
const PASSWORD = 'dana-device-pw';

interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

let dir: string;
let dataDir: string;
let app: PushbridgeApp;
let url: string;
const responses: EasResponse[] = [];

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pushbridge-device-cli-it-'));
  dataDir = join(dir, 'data');
  const file = join(dir, 'config.json');
  writeFileSync(file, JSON.stringify({ log: { level: 'silent' } }));
  app = await createApp(loadConfig({ file, overrides: { host: '127.0.0.1', port: 0, dataDir } }));
  await app.accounts.addUser(USER, PASSWORD);
  url = await app.listen();
});
after(async () => {
  await app.close();
  rmSync(dir, { recursive: true, force: true });
});

function pushbridge(args: readonly string[]): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args, '--data', dataDir], {
      cwd: ROOT,
      env: { PATH: process.env.PATH },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function phone(deviceId: string): EasClient {
  return new EasClient({
    baseUrl: url, username: USER, password: PASSWORD, deviceId, deviceType: 'iPhone', protocolVersion: '14.1',
    deviceInformation: { model: 'iPhone16,1', os: 'iOS 18.1', friendlyName: 'Dana phone' },
    onEvent: (event) => {
      if (event.type === 'response') responses.push(event.response);
    },
  });
}

/** The list row of one device, split on the column gaps. */
async function listedRow(deviceId: string): Promise<string[] | undefined> {
  const result = await pushbridge(['device', 'list', '--user', USER]);
  assert.equal(result.code, 0, result.stderr);
  const line = result.stdout.split('\n').find((row) => row.split(/\s{2,}/)[1] === deviceId);
  return line?.split(/\s{2,}/);
}

describe('pushbridge device (spawned) against a live server', () => {
  it('lists a device that talked to the server, with what Provision told about it', async () => {
    const client = phone('CliPhone1');
    const first = await client.folderSync();
    assert.equal(first.status, 1);
    const row = await listedRow('cliphone1');
    assert.ok(row !== undefined, 'device listed');
    assert.deepEqual([row[0], row[2], row[3], row[4], row[5], row[7], row[8], row[9], row[10]],
      [USER, 'iPhone', 'iPhone16,1', 'iOS 18.1', '14.1', 'provisioned', 'none', 'no', '-']);
    const json = JSON.parse((await pushbridge(['device', 'list', '--json'])).stdout) as { deviceId: string; information: { model?: string } }[];
    assert.equal(json.find((device) => device.deviceId === 'cliphone1')?.information.model, 'iPhone16,1');
  });

  it('blocks a device with HTTP 403 until it is allowed again', async () => {
    const client = phone('CliPhone1');
    const blocked = await pushbridge(['device', 'block', USER, 'CliPhone1']);
    assert.equal(blocked.code, 0, blocked.stderr);
    assert.equal((await listedRow('cliphone1'))?.[9], 'yes');
    await assert.rejects(client.folderSync(), (error: unknown) => error instanceof EasClientError && error.httpStatus === 403);
    assert.equal((await pushbridge(['device', 'allow', USER, 'cliphone1'])).code, 0);
    assert.equal((await client.folderSync()).status, 1);
    assert.equal((await listedRow('cliphone1'))?.[9], 'no');
  });

  it('resync makes the device start again from SyncKey 0 at its next request', async () => {
    const client = phone('CliPhone1');
    const before = await client.folderSync();
    assert.equal(before.status, 1);
    assert.equal((await pushbridge(['device', 'resync', USER, 'cliphone1'])).code, 0);
    assert.equal((await listedRow('cliphone1'))?.[10], 'pending');
    // MS-ASCMD 2.2.3.177.5: the key the device holds is gone, so FolderSync answers 9 ...
    assert.equal((await client.folderSync()).status, 9);
    assert.equal((await listedRow('cliphone1'))?.[10], '-');
    // ... and the device recovers from key 0 with the whole hierarchy.
    const again = await client.folderSync();
    assert.equal(again.status, 1);
    assert.ok(again.added.length > 0);
  });

  it('wipe is stored, shown, and delivered at the next request', async () => {
    const client = phone('CliPhone2');
    assert.equal((await client.folderSync()).status, 1);
    const wipe = await pushbridge(['device', 'wipe', USER, 'cliphone2', '--account-only']);
    assert.equal(wipe.code, 0, wipe.stderr);
    assert.match(wipe.stdout, /warning: account-only wipe needs EAS 16\.1; this device last used 14\.1/);
    assert.equal((await listedRow('cliphone2'))?.[8], 'requested (account only)');
    const full = await pushbridge(['device', 'wipe', USER, 'cliphone2']);
    assert.equal(full.stdout, 'remote wipe requested for cliphone2 of dana@example.org: the device erases itself at its next request\n');
    assert.equal((await listedRow('cliphone2'))?.[8], 'requested');
    await assert.rejects(client.folderSync(), (error: unknown) => error instanceof EasClientError && error.code === 'remote-wipe');
  });

  it('remove forgets the device; if it comes back it is new and provisions again', async () => {
    assert.equal((await pushbridge(['device', 'remove', USER, 'cliphone1'])).code, 0);
    assert.equal(await listedRow('cliphone1'), undefined);
    const client = phone('CliPhone1');
    const back = await client.folderSync('0');
    assert.equal(back.status, 1);
    assert.equal((await listedRow('cliphone1'))?.[7], 'provisioned');
  });

  it('fails readably for an unknown device or user, with exit code 1 and no stack trace', async () => {
    for (const args of [['device', 'block', USER, 'nosuchphone'], ['device', 'wipe', 'nobody@example.org', 'cliphone2']]) {
      const result = await pushbridge(args);
      assert.equal(result.code, 1);
      assert.match(result.stderr, /^pushbridge: no device \S+ for user \S+ \(pushbridge device list shows the known devices\)\n$/);
      assert.doesNotMatch(result.stderr, STACK_LINE);
    }
  });

  it('never answered the devices with a 5xx, and libwbxml read every WBXML answer alike', async () => {
    assert.ok(responses.length > 0);
    for (const response of responses) {
      assert.ok(response.status < 500, `HTTP ${response.status}`);
      if (response.raw.length >= 4 && response.raw[0] === 0x03 && response.raw[2] === 0x6a) await assertLibwbxmlAgrees(response.raw);
    }
  });
});
