// `pushbridge device ...` as an operator runs it (spawned via tsx) next to a running server that
// real devices (our client, over HTTP) talk to: list shows a device that talked to the server;
// block gives its next request HTTP 403 and allow lifts it; resync makes it start again from
// SyncKey 0; wipe reaches the device; remove forgets it; unknown devices fail readably.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { EasClientError, type EasClient } from '../../src/client/index.js';
import { assertAnswersSound, startTestApp, type TestApp } from '../helpers/app-harness.js';
import { assertReadableFailure, runPushbridge, type CliProcessResult } from '../helpers/cli-process.js';

const USER = 'dana@example.org';
const PASSWORD = 'dana-device-pw';

let fx: TestApp;

before(async () => {
  fx = await startTestApp({ accounts: [{ user: USER, password: PASSWORD }] });
});
after(() => fx.close());

function pushbridge(args: readonly string[]): Promise<CliProcessResult> {
  return runPushbridge([...args, '--data', fx.dataDir]);
}

function phone(deviceId: string): EasClient {
  return fx.device({
    deviceId, deviceType: 'iPhone', protocolVersion: '14.1',
    deviceInformation: { model: 'iPhone16,1', os: 'iOS 18.1', friendlyName: 'Dana phone' },
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
      assertReadableFailure(await pushbridge(args), 1, /^pushbridge: no device \S+ for user \S+ \(pushbridge device list shows the known devices\)\n$/);
    }
  });

  it('never answered the devices with a 5xx, and libwbxml read every WBXML answer alike', async () => {
    await assertAnswersSound(fx.responses);
  });
});
