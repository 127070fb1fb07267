import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { formatDiagReport, runDiagnostics, type DiagOptions, type DiagReport } from './diag.js';
import { EasTestPeer } from './test-peer/peer-server.js';
import type { PeerOptions } from './test-peer/peer-state.js';

async function diagnose(t: TestContext, peerOptions: PeerOptions, options: Partial<DiagOptions> = {}): Promise<{ report: DiagReport; peer: EasTestPeer }> {
  const peer = await EasTestPeer.start(peerOptions);
  t.after(() => peer.close());
  const report = await runDiagnostics({ url: peer.url, user: 'alice', password: 'secret', deviceType: 'iPhone', pingHeartbeatSeconds: 1, ...options });
  return { report, peer };
}

const summary = (report: DiagReport): string[] => report.steps.map((s) => `${s.name}:${s.result}`);
const step = (report: DiagReport, name: string) => {
  const found = report.steps.find((s) => s.name === name);
  assert.ok(found !== undefined, `no step ${name}`);
  return found;
};

test('iPhone against a full server: every step passes in iOS order at 16.1', async (t) => {
  const { report, peer } = await diagnose(t, { inboxItems: 30 });
  assert.ok(report.ok, formatDiagReport(report));
  assert.equal(report.protocolVersion, '16.1');
  assert.deepEqual(summary(report), [
    'OPTIONS:pass', 'Authentication:pass', 'Settings:pass', 'Provision:pass', 'FolderSync:pass', 'Sync:pass', 'GetItemEstimate:pass', 'Ping:pass',
  ]);
  assert.match(step(report, 'Sync').detail, /window of 25: 25 added, 0 changed, 0 deleted, more available/);
  assert.match(step(report, 'GetItemEstimate').detail, /estimate 5/);
  assert.match(step(report, 'FolderSync').detail, /6 folders, Inbox "Inbox" \(id f-inbox\)/);
  assert.equal(peer.requestsFor('Settings')[0]?.line?.deviceType, 'iPhone');
  assert.equal(peer.requestsFor('Settings')[0]?.headers['x-ms-policykey'], '0');
});

test('a server with no commands yet: OPTIONS and authentication pass, the rest is "not offered"', async (t) => {
  const { report } = await diagnose(t, { commands: [] });
  assert.ok(report.ok);
  assert.equal(step(report, 'OPTIONS').result, 'pass');
  assert.equal(step(report, 'Authentication').result, 'pass');
  for (const name of ['Settings', 'Provision', 'FolderSync', 'Sync', 'GetItemEstimate', 'Ping']) {
    assert.equal(step(report, name).result, 'skip');
    assert.match(step(report, name).detail, /not offered/);
  }
});

test('a wrong password fails authentication and skips every protocol step', async (t) => {
  const { report } = await diagnose(t, {}, { password: 'wrong' });
  assert.equal(report.ok, false);
  assert.equal(step(report, 'Authentication').result, 'fail');
  assert.match(step(report, 'Authentication').detail, /401/);
  assert.ok(report.steps.slice(2).every((s) => s.result === 'skip' && s.detail === 'authentication failed'));
});

test('iPhone provisions when Settings gets 449; the Provision step then reports it was done', async (t) => {
  const { report, peer } = await diagnose(t, { provisioning: 'http-449' });
  assert.ok(report.ok, formatDiagReport(report));
  assert.match(step(report, 'Settings').detail, /demanded provisioning with HTTP 449/);
  assert.match(step(report, 'Provision').detail, /already provisioned during Settings/);
  assert.equal(peer.memory.provisionCount, 1);
});

test('Android provisions first at 14.1 (DeviceInformation inside Provision)', async (t) => {
  const { report, peer } = await diagnose(t, { provisioning: 'status' }, { deviceType: 'Android' });
  assert.ok(report.ok, formatDiagReport(report));
  assert.equal(report.protocolVersion, '14.1');
  assert.deepEqual(report.steps.map((s) => s.name).slice(2, 4), ['Provision', 'Settings']);
  assert.match(step(report, 'Provision').detail, /2 phases, MS-EAS-Provisioning-WBXML, key \d+ → \d+, policy settings received/);
  assert.equal(peer.requestsFor('Provision')[0]?.line?.deviceType, 'Android');
});

test('Outlook uses the base64 line, skips Settings and Provision, and provisions only when forced', async (t) => {
  const { report, peer } = await diagnose(t, { provisioning: 'status' }, { deviceType: 'Outlook' });
  assert.ok(report.ok, formatDiagReport(report));
  assert.equal(report.protocolVersion, '14.0');
  assert.equal(step(report, 'Settings').result, 'skip');
  assert.equal(step(report, 'Provision').result, 'skip');
  assert.match(step(report, 'FolderSync').detail, /provisioning with Status 142/);
  assert.ok(peer.requests.filter((r) => r.method === 'POST').every((r) => r.line?.form === 'base64'));
});

test('faults in OPTIONS are failures: spaces in the version list, 401 without credentials', async (t) => {
  const spaced = await diagnose(t, { spacesInVersionList: true });
  assert.equal(step(spaced.report, 'OPTIONS').result, 'fail');
  assert.match(step(spaced.report, 'OPTIONS').detail, /spaces/);
  const locked = await diagnose(t, { authenticateOptions: true });
  assert.equal(step(locked.report, 'OPTIONS').result, 'fail');
  assert.match(step(locked.report, 'OPTIONS').detail, /unauthenticated OPTIONS got 401/);
  assert.equal(locked.report.protocolVersion, '16.1');
});

test('no common version: protocol steps are skipped', async (t) => {
  const { report } = await diagnose(t, { versions: ['16.0', '16.1'] }, { deviceType: 'Android' });
  assert.equal(report.ok, false);
  assert.match(step(report, 'OPTIONS').detail, /no version up to 14.1 in common/);
  assert.ok(report.steps.slice(2).every((s) => s.result === 'skip'));
  assert.equal(report.protocolVersion, undefined);
});

test('a remote wipe order fails the step that met it, with the reason', async (t) => {
  const { report } = await diagnose(t, { remoteWipe: 'status-140' }, { deviceType: 'Outlook' });
  assert.equal(step(report, 'FolderSync').result, 'fail');
  assert.match(step(report, 'FolderSync').detail, /remote wipe/);
  assert.equal(step(report, 'Sync').result, 'skip');
});

test('an unreachable server fails OPTIONS and skips the rest', async () => {
  const port = await new Promise<number>((resolve) => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1', () => {
      const { port: free } = probe.address() as AddressInfo;
      probe.close(() => resolve(free));
    });
  });
  const report = await runDiagnostics({ url: `http://127.0.0.1:${port}`, user: 'a', password: 'b', deviceType: 'iPhone' });
  assert.equal(report.ok, false);
  assert.equal(step(report, 'OPTIONS').result, 'fail');
  assert.ok(report.steps.slice(1).every((s) => s.result === 'skip' && s.detail === 'server unreachable'));
});

test('formatDiagReport prints one line per step and a verdict', async (t) => {
  const { report } = await diagnose(t, { commands: ['FolderSync'] }, { deviceId: 'Appl0000TEST' });
  const text = formatDiagReport(report);
  const lines = text.split('\n');
  assert.match(lines[0] ?? '', /^EAS diagnostics for http:\/\/127\.0\.0\.1:\d+\/Microsoft-Server-ActiveSync$/);
  assert.match(lines[1] ?? '', /iPhone \(DeviceId Appl0000TEST\), EAS 16\.1/);
  for (const s of report.steps) assert.ok(lines.some((l) => l.includes(s.name) && l.includes(s.result.toUpperCase())), s.name);
  assert.match(lines.at(-1) ?? '', /^OK: 3 passed, 0 failed, 5 skipped in \d+\.\d s$/);
});

test('a URL the client cannot use fails OPTIONS and skips every other step', async () => {
  const report = await runDiagnostics({ url: 'ftp://mail.example.org', user: 'a', password: 'b', deviceType: 'Outlook' });
  assert.equal(report.ok, false);
  assert.match(step(report, 'OPTIONS').detail, /http or https/);
  assert.equal(report.steps.length, 8);
  assert.ok(report.steps.slice(1).every((s) => s.result === 'skip'));
});
