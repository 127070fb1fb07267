// The `pushbridge` command as an operator runs it: spawned as a real process (via tsx) with a
// temp data directory. Covers user management, readable errors with exit codes and no stack
// traces, and `serve` answering real HTTP before shutting down on SIGTERM.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { EmbeddedAccountStore } from '../../src/backends/embedded/account-store.js';
import { assertReadableFailure, runPushbridge as run, spawnPushbridge } from '../helpers/cli-process.js';

let dir: string;
let dataDir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'pushbridge-cli-'));
  dataDir = join(dir, 'data');
});
after(() => rmSync(dir, { recursive: true, force: true }));

async function canLogIn(address: string, password: string): Promise<boolean> {
  const store = EmbeddedAccountStore.open(dataDir);
  try {
    return (await store.authenticate(address, password)) !== null;
  } finally {
    store.close();
  }
}

describe('pushbridge user', () => {
  it('adds, lists, changes the password of and removes users', async () => {
    const added = await run(['user', 'add', 'Alice@Example.org', '--password', 'first-pw', '--name', 'Alice Liddell', '--data', dataDir]);
    assert.deepEqual(added, { code: 0, stdout: 'added user alice@example.org\n', stderr: '' });
    assert.equal((await run(['user', 'add', 'bob@example.org', '--data', dataDir], 'bob-pw\n')).code, 0);
    assert.ok(await canLogIn('bob@example.org', 'bob-pw'), 'password read from stdin');

    const listed = await run(['user', 'list', '--data', dataDir]);
    assert.deepEqual(listed, { code: 0, stdout: 'alice@example.org  Alice Liddell\nbob@example.org\n', stderr: '' });

    const changed = await run(['user', 'passwd', 'alice@example.org', '--data', dataDir], 'second-pw\n');
    assert.deepEqual(changed, { code: 0, stdout: 'password changed for alice@example.org\n', stderr: '' });
    assert.ok(await canLogIn('alice@example.org', 'second-pw'));
    assert.ok(!(await canLogIn('alice@example.org', 'first-pw')));

    assert.deepEqual(await run(['user', 'remove', 'ALICE@example.org', '--data', dataDir]), { code: 0, stdout: 'removed user alice@example.org\n', stderr: '' });
    assert.deepEqual(await run(['user', 'list', '--data', dataDir]), { code: 0, stdout: 'bob@example.org\n', stderr: '' });
  });

  it('fails readably on a duplicate user: one line, exit code 1', async () => {
    await run(['user', 'add', 'carol@example.org', '--password', 'pw', '--data', dataDir]);
    assertReadableFailure(await run(['user', 'add', 'carol@example.org', '--password', 'pw', '--data', dataDir]), 1, /^pushbridge: user carol@example\.org already exists\n$/);
  });
});

describe('pushbridge configuration and usage errors', () => {
  it('names the bad key of a config file, without a stack trace', async () => {
    const config = join(dir, 'bad.json');
    writeFileSync(config, JSON.stringify({ server: { port: 'abc', listen: true } }));
    const result = await run(['serve', '--config', config]);
    assertReadableFailure(result, 1, /server\.port: expected integer 0-65535 \(0 = any free port\), got "abc"/);
    assert.match(result.stderr, /server\.listen: unknown key/);
  });

  it('gives line and column for invalid JSON', async () => {
    const config = join(dir, 'syntax.json');
    writeFileSync(config, '{\n  "server": { "port": 80, }\n}\n');
    assertReadableFailure(await run(['user', 'list', '--config', config]), 1, new RegExp(`^pushbridge: ${config.replace(/[.]/g, '\\.')}:2:\\d+: invalid JSON: `));
  });

  it('exits 2 on a usage error', async () => {
    assertReadableFailure(await run(['user', 'add']), 2, /missing required argument 'address'/);
  });
});

describe('pushbridge serve', () => {
  it('listens on a free port, answers HTTP, authenticates, and stops on SIGTERM', async () => {
    await run(['user', 'add', 'gina@example.org', '--password', 'gina-pw', '--data', dataDir]);
    const child = spawnPushbridge(['serve', '--port', '0', '--data', dataDir]);
    child.stdin.end();
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    const lines: Record<string, unknown>[] = [];
    const url = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout }).on('line', (line) => {
        const entry = JSON.parse(line) as Record<string, unknown>;
        lines.push(entry);
        if (typeof entry.url === 'string') resolve(entry.url);
      });
      child.on('close', (code) => reject(new Error(`serve exited with ${code}`)));
    });
    try {
      assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
      const endpoint = `${url}/Microsoft-Server-ActiveSync`;
      const options = await fetch(endpoint, { method: 'OPTIONS' });
      assert.equal(options.status, 200);
      assert.equal(options.headers.get('ms-asprotocolversions'), '2.5,12.0,12.1,14.0,14.1');

      const query = '?Cmd=FolderSync&User=gina@example.org&DeviceId=cli0test&DeviceType=iPhone';
      const post = (auth: string): Promise<Response> =>
        fetch(endpoint + query, {
          method: 'POST',
          headers: { authorization: `Basic ${Buffer.from(auth).toString('base64')}`, 'content-type': 'application/vnd.ms-sync.wbxml', 'ms-asprotocolversion': '14.1' },
          body: new Uint8Array([0x03, 0x01, 0x6a, 0x00]),
        });
      assert.equal((await post('gina@example.org:wrong')).status, 401);
      const accepted = await post('gina@example.org:gina-pw');
      assert.notEqual(accepted.status, 401, 'right credentials pass Basic auth');
      assert.ok(accepted.status < 500, `status ${accepted.status}`);
    } finally {
      child.kill('SIGTERM');
    }
    assert.equal(await exited, 0);
    assert.ok(lines.some((entry) => entry.msg === 'shutting down' && entry.signal === 'SIGTERM'));
  });

  it('explains a port that is already taken', async () => {
    const blocker = await import('node:net').then(({ createServer }) => createServer());
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as { port: number };
    try {
      assertReadableFailure(await run(['serve', '--port', String(port), '--data', dataDir]), 1, new RegExp(`cannot listen on 127\\.0\\.0\\.1:${port}: the address is already in use`));
    } finally {
      blocker.close();
    }
  });
});
