// In-process tests of `pushbridge device ...` against a real state store in a temp data
// directory: the table and JSON views, every marker command and what it stores, and the errors
// an operator sees. The spawned CLI against a live server is test/integration/device-cli.test.ts.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { deviceKey, type Device } from '../domain/device.js';
import { openStateStore } from '../state/open-state-store.js';
import { runCli, type CliOutcome } from './test-kit.js';

let dir: string;
let dataDir: string;
let run = 0;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'pushbridge-device-cli-'));
});
beforeEach(() => {
  dataDir = join(dir, `data-${run++}`);
});
after(() => rmSync(dir, { recursive: true, force: true }));

function cli(args: readonly string[]): Promise<CliOutcome> {
  return runCli(['device', ...args, '--data', dataDir], { cwd: dir });
}

async function seed(user: string, deviceId: string, deviceType: string, model?: string): Promise<void> {
  const state = await openStateStore({ kind: 'sqlite', dataDir });
  try {
    await state.devices.record({ user, deviceId, deviceType, userAgent: 'test', protocolVersion: '14.1' });
    if (model !== undefined) await state.devices.update(deviceKey(user, deviceId), { information: { model, os: 'TestOS 1' } });
  } finally {
    await state.close();
  }
}

async function stored(user: string, deviceId: string): Promise<Device | undefined> {
  const state = await openStateStore({ kind: 'sqlite', dataDir });
  try {
    return await state.devices.get(deviceKey(user, deviceId));
  } finally {
    await state.close();
  }
}

describe('pushbridge device list', () => {
  it('says there are no devices on stderr and exits 0', async () => {
    assert.deepEqual(await cli(['list']), { code: 0, stdout: '', stderr: 'no devices\n' });
  });

  it('shows an aligned table, filters by user, and prints JSON', async () => {
    await seed('alice@example.org', 'PHONE1', 'iPhone', 'iPhone15,2');
    await seed('bob@example.org', 'tab1', 'Android');
    const table = await cli(['list']);
    assert.equal(table.code, 0);
    const lines = table.stdout.trimEnd().split('\n');
    assert.equal(lines.length, 3);
    assert.match(lines[0] ?? '', /^USER\s+DEVICE\s+TYPE\s+MODEL\s+OS\s+EAS\s+LAST SEEN\s+POLICY\s+WIPE\s+BLOCKED\s+RESYNC$/);
    assert.match(lines[1] ?? '', /^alice@example\.org\s+phone1\s+iPhone\s+iPhone15,2\s+TestOS 1\s+14\.1\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ\s+none\s+none\s+no\s+-$/);
    assert.match(lines[2] ?? '', /^bob@example\.org\s+tab1\s+Android\s+-\s+-\s+14\.1\s/);
    assert.equal(lines[0]?.indexOf('DEVICE'), lines[1]?.indexOf('phone1'));

    const alice = await cli(['list', '--user', 'Alice@Example.org']);
    assert.equal(alice.stdout.trimEnd().split('\n').length, 2);
    assert.deepEqual(await cli(['list', '--user', 'nobody@example.org']), { code: 0, stdout: '', stderr: 'no devices for nobody@example.org\n' });

    const json = JSON.parse((await cli(['list', '--json', '-u', 'bob@example.org'])).stdout) as Record<string, unknown>[];
    assert.equal(json.length, 1);
    assert.equal(json[0]?.deviceId, 'tab1');
    assert.equal(json[0]?.blocked, false);
    assert.equal(typeof json[0]?.lastSeen, 'string');
  });

  it('shows control characters a device sent as ?', async () => {
    await seed('eve@example.org', 'evil', 'iPhone', 'Model\u001b]0;owned\u0007');
    assert.match((await cli(['list'])).stdout, /Model\?\]0;owned\?/);
  });
});

describe('pushbridge device wipe|resync|block|allow|remove', () => {
  it('stores each marker and list shows it', async () => {
    await seed('alice@example.org', 'phone1', 'iPhone');
    const wipe = await cli(['wipe', 'alice@example.org', 'PHONE1']);
    assert.deepEqual(wipe, { code: 0, stdout: 'remote wipe requested for phone1 of alice@example.org: the device erases itself at its next request\n', stderr: '' });
    assert.deepEqual({ ...(await stored('alice@example.org', 'phone1'))?.wipe, requestedAt: null }, { state: 'requested', accountOnly: false, requestedAt: null, acknowledgedAt: null });

    const accountOnly = await cli(['wipe', 'alice@example.org', 'phone1', '--account-only']);
    assert.match(accountOnly.stdout, /^account-only wipe requested for phone1 of alice@example\.org.*\nwarning: account-only wipe needs EAS 16\.1; this device last used 14\.1\n$/);
    assert.equal((await stored('alice@example.org', 'phone1'))?.wipe.accountOnly, true);

    assert.equal((await cli(['resync', 'alice@example.org', 'phone1'])).code, 0);
    assert.ok((await stored('alice@example.org', 'phone1'))?.resyncRequestedAt instanceof Date);
    assert.equal((await cli(['block', 'ALICE@example.org', 'phone1'])).code, 0);
    assert.match((await cli(['list'])).stdout, /requested \(account only\)\s+yes\s+pending\n$/);

    assert.deepEqual(await cli(['allow', 'alice@example.org', 'phone1']), { code: 0, stdout: 'allowed phone1 of alice@example.org\n', stderr: '' });
    assert.equal((await stored('alice@example.org', 'phone1'))?.blocked, false);
    assert.equal((await cli(['remove', 'alice@example.org', 'phone1'])).code, 0);
    assert.equal(await stored('alice@example.org', 'phone1'), undefined);
    assert.deepEqual(await cli(['list']), { code: 0, stdout: '', stderr: 'no devices\n' });
  });

  it('fails readably for an unknown device (exit 1) and for missing arguments (exit 2)', async () => {
    await seed('alice@example.org', 'phone1', 'iPhone');
    for (const action of ['wipe', 'resync', 'block', 'allow', 'remove']) {
      assert.deepEqual(await cli([action, 'alice@example.org', 'tablet9']), {
        code: 1, stdout: '', stderr: 'pushbridge: no device tablet9 for user alice@example.org (pushbridge device list shows the known devices)\n',
      });
    }
    const usage = await cli(['wipe', 'alice@example.org']);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /missing required argument 'device'/);
  });
});
