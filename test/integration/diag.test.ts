// `pushbridge diag` against the real application over real HTTP: the composed app (config,
// embedded accounts, HTTP front) in-process on a free port, a user added through its account
// store, and runDiagnostics acting as each device profile. The report must be clean: every step
// passes, and a step the server does not list in MS-ASProtocolCommands is skipped as "not offered".
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createApp, type PushbridgeApp } from '../../src/app.js';
import { formatDiagReport, runDiagnostics, type DiagReport } from '../../src/client/diag.js';
import { loadConfig } from '../../src/config/index.js';

const USER = 'dora@example.org';
const PASSWORD = 'dora-diag-pw';

function stepOf(report: DiagReport, name: string): DiagReport['steps'][number] {
  const step = report.steps.find((s) => s.name === name);
  assert.ok(step !== undefined, `report has no ${name} step:\n${formatDiagReport(report)}`);
  return step;
}

describe('pushbridge diag against the running app', () => {
  let dir: string;
  let app: PushbridgeApp;
  let url: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pushbridge-diag-'));
    const config = loadConfig({ env: { PUSHBRIDGE_LOG_LEVEL: 'silent' }, overrides: { host: '127.0.0.1', port: 0, dataDir: dir } });
    app = await createApp(config);
    await app.accounts.addUser(USER, PASSWORD, 'Dora');
    url = await app.listen();
  });

  after(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  for (const deviceType of ['iPhone', 'Android', 'Outlook'] as const) {
    it(`${deviceType}: every offered step passes, anything not offered is skipped`, async () => {
      // A heartbeat under the server's floor: Ping answers Status 5 at once rather than holding 60 s.
      const report = await runDiagnostics({ url, user: USER, password: PASSWORD, deviceType, pingHeartbeatSeconds: 30 });
      const text = formatDiagReport(report);
      assert.ok(report.ok, text);
      assert.equal(stepOf(report, 'OPTIONS').result, 'pass', text);
      assert.equal(stepOf(report, 'Authentication').result, 'pass', text);
      assert.ok(report.protocolVersion !== undefined, text);
      const options = await fetch(`${url}/Microsoft-Server-ActiveSync`, { method: 'OPTIONS' });
      const offered = new Set((options.headers.get('ms-asprotocolcommands') ?? '').split(',').filter((c) => c !== ''));
      for (const step of report.steps.slice(2)) {
        assert.notEqual(step.result, 'fail', text);
        if (!offered.has(step.name) && step.result === 'skip') assert.match(step.detail, /not offered|Outlook/, text);
        if (!offered.has(step.name)) assert.equal(step.result, 'skip', text);
      }
    });
  }

  it('a wrong password fails the authentication step and nothing after it runs', async () => {
    const report = await runDiagnostics({ url, user: USER, password: 'not-the-password', deviceType: 'iPhone' });
    const text = formatDiagReport(report);
    assert.equal(report.ok, false, text);
    assert.equal(stepOf(report, 'OPTIONS').result, 'pass', text);
    const auth = stepOf(report, 'Authentication');
    assert.equal(auth.result, 'fail', text);
    assert.match(auth.detail, /401/);
    assert.ok(report.steps.slice(2).every((s) => s.result === 'skip' && s.detail === 'authentication failed'), text);
    assert.match(text, /^FAILED: 1 passed, 1 failed, 6 skipped/m);
  });

  it('an unknown user fails authentication the same way', async () => {
    const report = await runDiagnostics({ url, user: 'nobody@example.org', password: PASSWORD, deviceType: 'Android' });
    assert.equal(stepOf(report, 'Authentication').result, 'fail', formatDiagReport(report));
  });
});
