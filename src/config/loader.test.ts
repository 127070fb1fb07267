// Tests for loadConfig: defaults, one named line per bad key, unknown keys, precedence of file,
// environment and flags, relative dataDir resolution, and the deep freeze.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, loadConfig, type LoadConfigOptions } from './index.js';

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'pushbridge-config-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

function writeConfig(name: string, content: unknown): string {
  const file = join(dir, name);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return file;
}

function problemsOf(options: LoadConfigOptions): readonly string[] {
  try {
    loadConfig(options);
  } catch (error) {
    assert.ok(error instanceof ConfigError, `expected ConfigError, got ${String(error)}`);
    return error.problems;
  }
  assert.fail('expected loadConfig to throw');
}

describe('loadConfig defaults', () => {
  it('gives a complete configuration without file, env or flags', () => {
    const config = loadConfig({ cwd: '/srv/pb' });
    assert.deepEqual(config, {
      server: { host: '127.0.0.1', port: 8080, trustProxy: false, dataDir: '/srv/pb/data' },
      eas: { advertisedVersions: ['2.5', '12.0', '12.1', '14.0', '14.1'], maxBodyBytes: 32 * 1024 * 1024 },
      log: { level: 'info' },
      provisioning: {
        required: true,
        exemptDeviceTypes: ['WindowsOutlook', 'WindowsOutlook15', 'TestActiveSyncConnectivity'],
        exemptDeviceIds: [],
        legacy449DeviceTypes: [],
        allowNonCompliantDevices: true,
        requireDeviceInformation: true,
        policy: { devicePasswordEnabled: false, attachmentsEnabled: true },
      },
      ping: { minHeartbeatSeconds: 60, maxHeartbeatSeconds: 3540, maxFolders: 300 },
      mail: { maxRecipients: 500 },
    });
  });

  it('checks the Ping bounds against each other and the relay settings', () => {
    const file = writeConfig('ping-mail.json', {
      ping: { minHeartbeatSeconds: 600, maxHeartbeatSeconds: 300 },
      mail: { relay: { host: '', port: 70000 } },
    });
    assert.deepEqual(problemsOf({ file }), [
      'ping.maxHeartbeatSeconds: expected at least minHeartbeatSeconds (600), got 300',
      'mail.relay.host: expected a host name, got ""',
      'mail.relay.port: expected integer 1-65535, got 70000',
    ]);
    const relay = writeConfig('relay.json', { mail: { relay: { host: 'smtp.example.org' } } });
    assert.deepEqual(loadConfig({ file: relay }).mail.relay, { host: 'smtp.example.org', port: 587, secure: false });
  });

  it('fills the keys a partial file leaves out and keeps the ones it sets', () => {
    const file = writeConfig('partial.json', { server: { port: 9000, externalUrl: 'https://mail.example.org/' }, log: { level: 'debug' } });
    const config = loadConfig({ file, cwd: '/elsewhere' });
    assert.equal(config.server.port, 9000);
    assert.equal(config.server.host, '127.0.0.1');
    assert.equal(config.server.externalUrl, 'https://mail.example.org');
    assert.equal(config.log.level, 'debug');
    assert.equal(config.eas.maxBodyBytes, 32 * 1024 * 1024);
  });

  it('sorts advertised versions ascending, as AOSP keeps the last one it knows', () => {
    const file = writeConfig('versions.json', { eas: { advertisedVersions: ['14.1', '2.5', '12.1'] } });
    assert.deepEqual(loadConfig({ file }).eas.advertisedVersions, ['2.5', '12.1', '14.1']);
  });
});

describe('loadConfig provisioning', () => {
  it('accepts 16.0 and 16.1 when listed, sorted after 14.1', () => {
    const file = writeConfig('v16.json', { eas: { advertisedVersions: ['16.1', '14.1', '16.0'] } });
    assert.deepEqual(loadConfig({ file }).eas.advertisedVersions, ['14.1', '16.0', '16.1']);
  });

  it('takes a policy as given, without the default keys, and an empty policy as empty', () => {
    const full = writeConfig('policy.json', {
      provisioning: { policy: { devicePasswordEnabled: true, minDevicePasswordLength: 6, allowBluetooth: 1, approvedApplicationList: ['a'.repeat(40)] } },
    });
    assert.deepEqual(loadConfig({ file: full }).provisioning.policy, {
      devicePasswordEnabled: true, minDevicePasswordLength: 6, allowBluetooth: 1, approvedApplicationList: ['a'.repeat(40)],
    });
    const empty = writeConfig('policy-empty.json', { provisioning: { policy: {}, required: false, exemptDeviceIds: ['Validate01'] } });
    const config = loadConfig({ file: empty });
    assert.deepEqual(config.provisioning.policy, {});
    assert.equal(config.provisioning.required, false);
    assert.deepEqual(config.provisioning.exemptDeviceIds, ['Validate01']);
  });

  it('names every bad provisioning key, unknown policy keys included', () => {
    const file = writeConfig('bad-prov.json', {
      provisioning: {
        required: 'yes',
        legacy449DeviceTypes: 'iPhone',
        policy: { minDevicePasswordLength: 20, allowBluetooth: 3, maxCalendarAgeFilter: 1, approvedApplicationList: ['xyz'], allowCamara: false },
      },
    });
    const problems = problemsOf({ file });
    assert.deepEqual(problems.slice(0, -1), [
      'provisioning.required: expected true or false, got "yes"',
      'provisioning.legacy449DeviceTypes: expected a list of DeviceType values, got "iPhone"',
      'provisioning.policy.minDevicePasswordLength: expected integer 1-16 (characters), got 20',
      'provisioning.policy.allowBluetooth: expected one of 0, 1, 2 (0 off, 1 hands-free only, 2 on), got 3',
      'provisioning.policy.maxCalendarAgeFilter: expected one of 0, 4, 5, 6, 7 (0 all, 4 two weeks, 5 a month, 6 three months, 7 six months), got 1',
      'provisioning.policy.approvedApplicationList[0]: expected a list of SHA-1 hashes (40 hex digits), got "xyz"',
    ]);
    assert.match(problems.at(-1) ?? '', /^provisioning\.policy\.allowCamara: unknown key \(allowed: devicePasswordEnabled, .*, allowCamera, .*approvedApplicationList\)$/);
  });
});

describe('loadConfig errors name their key', () => {
  it('reports every bad value at once, each with its path and the value found', () => {
    const file = writeConfig('bad.json', {
      server: { host: 'two words', port: 'abc', externalUrl: 'ftp://files.example.org', trustProxy: 'yes', dataDir: '' },
      eas: { advertisedVersions: ['2.5', '15.0'], maxBodyBytes: 12 },
      log: { level: 'loud' },
    });
    assert.deepEqual(problemsOf({ file }), [
      'server.host: expected a host name or IP address such as 127.0.0.1 or ::, got "two words"',
      'server.port: expected integer 0-65535 (0 = any free port), got "abc"',
      'server.externalUrl: expected an http(s) URL such as https://mail.example.org, got "ftp://files.example.org"',
      'server.trustProxy: expected true or false, got "yes"',
      'server.dataDir: expected a directory path, got ""',
      'eas.advertisedVersions[1]: expected one of 2.5, 12.0, 12.1, 14.0, 14.1, 16.0, 16.1, got "15.0"',
      'eas.maxBodyBytes: expected integer 1024-1073741824, got 12',
      'log.level: expected one of fatal, error, warn, info, debug, trace, silent, got "loud"',
    ]);
  });

  it('rejects fractional and out-of-range ports', () => {
    assert.deepEqual(problemsOf({ overrides: { port: 1.5 } }), ['server.port: expected integer 0-65535 (0 = any free port), got 1.5 (from --port)']);
    assert.deepEqual(problemsOf({ overrides: { port: '70000' } }), ['server.port: expected integer 0-65535 (0 = any free port), got 70000 (from --port)']);
  });

  it('rejects an empty or repeated version list', () => {
    assert.deepEqual(problemsOf({ file: writeConfig('empty-v.json', { eas: { advertisedVersions: [] } }) }), [
      'eas.advertisedVersions: expected at least one protocol version, got a list',
    ]);
    assert.deepEqual(problemsOf({ file: writeConfig('dup-v.json', { eas: { advertisedVersions: ['14.0', '14.0'] } }) }), [
      'eas.advertisedVersions: expected each version only once, got a list',
    ]);
  });

  it('reports a section of the wrong type and a top level that is not an object', () => {
    assert.deepEqual(problemsOf({ file: writeConfig('section.json', { server: 8080 }) }), ['server: expected an object, got 8080']);
    assert.deepEqual(problemsOf({ file: writeConfig('list.json', [1, 2]) }), ['(top level): expected an object, got a list']);
  });

  it('names unknown keys at every level with the keys allowed there', () => {
    const file = writeConfig('unknown.json', { server: { prot: 80 }, imap: {}, log: { level: 'info', colour: true } });
    assert.deepEqual(problemsOf({ file }), [
      'server.prot: unknown key (allowed: host, port, externalUrl, trustProxy, dataDir)',
      'log.colour: unknown key (allowed: level)',
      'imap: unknown key (allowed: server, eas, log, provisioning, ping, mail)',
    ]);
  });

  it('starts the message with the file it came from', () => {
    const file = writeConfig('named.json', { server: { port: -1 } });
    assert.throws(() => loadConfig({ file }), (error: Error) => error.message.startsWith(`invalid configuration in ${file}\n  - server.port:`));
  });
});

describe('loadConfig precedence: file < environment < flags', () => {
  const env = { PUSHBRIDGE_HOST: '0.0.0.0', PUSHBRIDGE_PORT: '9100', PUSHBRIDGE_DATA_DIR: '/var/lib/pb', PUSHBRIDGE_LOG_LEVEL: 'warn' };

  it('lets the environment override the file', () => {
    const file = writeConfig('base.json', { server: { host: '10.0.0.1', port: 8000, dataDir: 'state' }, log: { level: 'debug' } });
    const config = loadConfig({ file, env });
    assert.deepEqual(config.server, { host: '0.0.0.0', port: 9100, trustProxy: false, dataDir: '/var/lib/pb' });
    assert.equal(config.log.level, 'warn');
  });

  it('lets flags override the environment', () => {
    const config = loadConfig({ env, overrides: { host: '::1', port: '0', dataDir: 'here' }, cwd: '/run/pb' });
    assert.deepEqual(config.server, { host: '::1', port: 0, trustProxy: false, dataDir: '/run/pb/here' });
  });

  it('treats empty environment variables as unset', () => {
    const config = loadConfig({ env: { PUSHBRIDGE_HOST: '', PUSHBRIDGE_PORT: '' } });
    assert.equal(config.server.host, '127.0.0.1');
    assert.equal(config.server.port, 8080);
  });

  it('says which variable or flag a bad value came from', () => {
    assert.deepEqual(problemsOf({ env: { PUSHBRIDGE_PORT: 'http' } }), ['server.port: expected integer 0-65535 (0 = any free port), got "http" (from PUSHBRIDGE_PORT)']);
    assert.deepEqual(problemsOf({ env: { PUSHBRIDGE_LOG_LEVEL: 'chatty' } }), [
      'log.level: expected one of fatal, error, warn, info, debug, trace, silent, got "chatty" (from PUSHBRIDGE_LOG_LEVEL)',
    ]);
  });

  it('resolves a relative dataDir from the file against the file, from a flag against cwd', () => {
    const file = writeConfig('rel.json', { server: { dataDir: 'pb-data' } });
    assert.equal(loadConfig({ file, cwd: '/tmp' }).server.dataDir, join(dir, 'pb-data'));
    assert.equal(loadConfig({ file, cwd: '/tmp', overrides: { dataDir: 'flag-data' } }).server.dataDir, '/tmp/flag-data');
  });
});

describe('loadConfig result', () => {
  it('is frozen all the way down', () => {
    const config = loadConfig({});
    assert.ok(Object.isFrozen(config));
    assert.ok(Object.isFrozen(config.server));
    assert.ok(Object.isFrozen(config.eas.advertisedVersions));
    assert.throws(() => {
      (config.server as { port: number }).port = 1;
    }, TypeError);
    assert.throws(() => {
      (config.eas.advertisedVersions as string[]).push('16.0');
    }, TypeError);
  });

  it('does not read process.env unless it is passed in', () => {
    const saved = process.env.PUSHBRIDGE_PORT;
    process.env.PUSHBRIDGE_PORT = '1234';
    try {
      assert.equal(loadConfig({}).server.port, 8080);
      assert.equal(loadConfig({ env: process.env }).server.port, 1234);
    } finally {
      if (saved === undefined) delete process.env.PUSHBRIDGE_PORT;
      else process.env.PUSHBRIDGE_PORT = saved;
    }
  });
});
