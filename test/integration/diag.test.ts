// `pushbridge diag` against the real application over real HTTP: the composed app (config,
// embedded accounts, HTTP front) in-process on a free port, a user added through its account
// store, and runDiagnostics acting as each device profile. The report must be clean: every step
// passes, and a step the server does not list in MS-ASProtocolCommands is skipped as "not offered".
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatDiagReport, runDiagnostics, type DiagReport } from '../../src/client/diag.js';
import { startTestApp, type TestApp } from '../helpers/app-harness.js';

const USER = 'dora@example.org';
const PASSWORD = 'dora-diag-pw';

function stepOf(report: DiagReport, name: string): DiagReport['steps'][number] {
  const step = report.steps.find((s) => s.name === name);
  assert.ok(step !== undefined, `report has no ${name} step:\n${formatDiagReport(report)}`);
  return step;
}

describe('pushbridge diag against the running app', () => {
  let fx: TestApp;
  let url: string;

  before(async () => {
    fx = await startTestApp({ accounts: [{ user: USER, password: PASSWORD, displayName: 'Dora' }] });
    url = fx.url;
  });

  after(() => fx.close());

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
