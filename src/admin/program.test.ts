// In-process tests of the `pushbridge` program: every command's output and exit code, the error
// messages an operator sees, and how flags, environment and file reach `serve`. The spawned
// process is covered by test/integration/cli.test.ts.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { PushbridgeConfig } from '../config/index.js';
import { CliError } from './cli-error.js';
import type { CliHandlers } from './program.js';
import { runCli, type CliOutcome } from './test-kit.js';

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'pushbridge-program-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

function cli(args: readonly string[], options: { input?: string; env?: NodeJS.ProcessEnv; handlers?: CliHandlers } = {}): Promise<CliOutcome> {
  return runCli(args, { ...options, cwd: dir });
}

describe('user commands', () => {
  const data = (): string[] => ['--data', join(dir, 'users')];

  it('manages users and prints one line per action', async () => {
    assert.deepEqual(await cli(['user', 'add', 'Kim@Example.org', '--password', 'pw', '-n', 'Kim', ...data()]), { code: 0, stdout: 'added user kim@example.org\n', stderr: '' });
    assert.deepEqual(await cli(['user', 'add', 'lee@example.org', ...data()], { input: 'from-stdin\r\nignored\n' }), { code: 0, stdout: 'added user lee@example.org\n', stderr: '' });
    const listed = await cli(['user', 'list', '--json', ...data()]);
    assert.deepEqual(
      (JSON.parse(listed.stdout) as { address: string; displayName?: string }[]).map((u) => [u.address, u.displayName]),
      [
        ['kim@example.org', 'Kim'],
        ['lee@example.org', undefined],
      ],
    );
    assert.deepEqual(await cli(['user', 'passwd', 'lee@example.org', '--password', 'new', ...data()]), { code: 0, stdout: 'password changed for lee@example.org\n', stderr: '' });
    assert.equal((await cli(['user', 'remove', 'kim@example.org', ...data()])).code, 0);
    assert.equal((await cli(['user', 'remove', 'lee@example.org', ...data()])).code, 0);
    assert.deepEqual(await cli(['user', 'list', ...data()]), { code: 0, stdout: '', stderr: 'no users\n' });
  });

  it('reports user errors in one line with exit code 1', async () => {
    await cli(['user', 'add', 'max@example.org', '--password', 'pw', ...data()]);
    const cases: [string[], string, string?][] = [
      [['user', 'add', 'MAX@example.org', '--password', 'pw'], 'pushbridge: user max@example.org already exists\n'],
      [['user', 'remove', 'nobody@example.org'], 'pushbridge: no such user: nobody@example.org\n'],
      [['user', 'passwd', 'nobody@example.org'], 'pushbridge: no such user: nobody@example.org\n', 'never read\n'],
      [['user', 'add', 'max', '--password', 'pw'], 'pushbridge: not a valid e-mail address: "max"\n'],
      [['user', 'add', 'ned@example.org', '--password', ''], 'pushbridge: the password must not be empty\n'],
      [['user', 'add', 'ned@example.org'], 'pushbridge: no password given: use --password, or pipe it on stdin, or run in a terminal\n'],
    ];
    for (const [args, stderr, input] of cases) {
      assert.deepEqual(await cli([...args, ...data()], input === undefined ? {} : { input }), { code: 1, stdout: '', stderr }, args.join(' '));
    }
  });
});

describe('configuration reaching serve', () => {
  function capture(): { handlers: CliHandlers; seen: PushbridgeConfig[] } {
    const seen: PushbridgeConfig[] = [];
    return { seen, handlers: { serve: async (config) => void seen.push(config) } };
  }

  it('layers file < environment < flags', async () => {
    const file = join(dir, 'serve.json');
    writeFileSync(file, JSON.stringify({ server: { host: '10.1.1.1', port: 1000, dataDir: 'file-data' }, log: { level: 'debug' } }));
    const { handlers, seen } = capture();
    const env = { PUSHBRIDGE_CONFIG: file, PUSHBRIDGE_PORT: '2000', PUSHBRIDGE_HOST: '10.2.2.2' };
    assert.equal((await cli(['serve'], { env, handlers })).code, 0);
    assert.equal((await cli(['serve', '--host', '::', '-p', '0', '--data', 'flag-data'], { env, handlers })).code, 0);
    assert.deepEqual(seen[0]?.server, { host: '10.2.2.2', port: 2000, trustProxy: false, dataDir: join(dir, 'file-data') });
    assert.deepEqual(seen[1]?.server, { host: '::', port: 0, trustProxy: false, dataDir: join(dir, 'flag-data') });
    assert.equal(seen[1]?.log.level, 'debug');
  });

  it('prints configuration errors with their keys and exits 1', async () => {
    const file = join(dir, 'unknown.json');
    writeFileSync(file, JSON.stringify({ server: { prot: 1 } }));
    assert.deepEqual(await cli(['serve', '--config', file]), {
      code: 1,
      stdout: '',
      stderr: `pushbridge: invalid configuration in ${file}\n  - server.prot: unknown key (allowed: host, port, externalUrl, trustProxy, dataDir)\n`,
    });
    assert.deepEqual(await cli(['serve', '--config', 'missing.json']), { code: 1, stdout: '', stderr: `pushbridge: cannot read config file ${join(dir, 'missing.json')}: no such file\n` });
    const fromEnv = await cli(['serve'], { env: { PUSHBRIDGE_HOST: 'bad host' } });
    assert.equal(fromEnv.code, 1);
    assert.match(fromEnv.stderr, /server\.host: .*got "bad host" \(from PUSHBRIDGE_HOST\)/);
  });

  it('shows a CliError from serve as is and labels anything else unexpected, never with a stack', async () => {
    const failing = (error: Error): CliHandlers => ({ serve: () => Promise.reject(error) });
    assert.deepEqual(await cli(['serve'], { handlers: failing(new CliError('cannot listen on 127.0.0.1:80: permission denied')) }), {
      code: 1,
      stdout: '',
      stderr: 'pushbridge: cannot listen on 127.0.0.1:80: permission denied\n',
    });
    assert.deepEqual(await cli(['serve'], { handlers: failing(new TypeError('boom')) }), { code: 1, stdout: '', stderr: 'pushbridge: unexpected error: boom\n' });
  });
});

describe('usage', () => {
  it('exits 2 with commander’s message on usage errors, and on no command at all', async () => {
    for (const [args, pattern] of [
      [['frobnicate'], /unknown command 'frobnicate'/],
      [['user', 'add'], /missing required argument 'address'/],
      [['serve', '--prot', '1'], /unknown option '--prot'/],
      [['diag', 'http://127.0.0.1:1', '--password', 'x'], /required option '-u, --user <user>' not specified/],
      [['diag', 'http://127.0.0.1:1', '-u', 'x', '--password', 'y', '--device-type', 'Nokia'], /Allowed choices are iPhone, Android, Outlook/],
      [['diag', 'ftp://example.org', '-u', 'x', '--password', 'y'], /^pushbridge: expected an http\(s\) URL, got ftp:\/\/example\.org\n$/],
      [[], /Usage: pushbridge/],
    ] as const) {
      const outcome = await cli(args);
      assert.equal(outcome.code, 2, args.join(' '));
      assert.match(outcome.stderr, pattern);
    }
  });

  it('prints the version and help with exit code 0', async () => {
    const version = await cli(['--version']);
    assert.equal(version.code, 0);
    assert.match(version.stdout, /^\d+\.\d+\.\d+\n$/);
    const help = await cli(['user', 'add', '--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /Usage: pushbridge user add \[options\] <address>/);
  });
});

describe('diag', () => {
  it('prints the report and exits 1 when the server cannot be reached', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as { port: number };
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const outcome = await cli(['diag', `http://127.0.0.1:${port}`, '-u', 'kim@example.org', '--device-type', 'Android'], { input: 'pw\n' });
    assert.equal(outcome.code, 1);
    assert.match(outcome.stdout, /^EAS diagnostics for http:\/\/127\.0\.0\.1:\d+/);
    assert.match(outcome.stdout, /FAIL\s+OPTIONS/);
    assert.equal(outcome.stderr, 'pushbridge: diagnostics found problems (see the report above)\n');
  });
});
