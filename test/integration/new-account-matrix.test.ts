// A new account on every protocol version, set up the way each client family does it (issue 4's
// acceptance: iOS Mail, Android and Outlook provision and complete FolderSync on 2.5 through 16.1
// without a loop). `runDiagnostics` drives our own client as that device against the composed app
// over real HTTP; a step that fails, or a client that had to retry more than once, fails the test.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatDiagReport, runDiagnostics, type DiagReport } from '../../src/client/diag.js';
import { PROTOCOL_VERSIONS } from '../../src/eas/protocol-version.js';
import { startTestApp, type TestApp } from '../helpers/app-harness.js';

const USER = 'matrix@example.org';
const PASSWORD = 'matrix-pw';

function resultOf(report: DiagReport, name: string): string | undefined {
  return report.steps.find((step) => step.name === name)?.result;
}

describe('new account on every protocol version, as each client family sets it up', () => {
  let fx: TestApp;
  let url: string;

  before(async () => {
    fx = await startTestApp({
      config: { eas: { advertisedVersions: [...PROTOCOL_VERSIONS] } },
      accounts: [{ user: USER, password: PASSWORD, displayName: 'Matrix Tester' }],
    });
    url = fx.url;
  });

  after(() => fx.close());

  for (const deviceType of ['iPhone', 'Android', 'Outlook'] as const) {
    for (const protocolVersion of PROTOCOL_VERSIONS) {
      it(`${deviceType} on ${protocolVersion}: provisions as that client does and completes FolderSync and a first Sync`, async () => {
        // Below the 60 s floor, so the Ping step ends at once with Status 5 and the allowed value
        // instead of holding a whole heartbeat; push itself is tested in ping.test.ts.
        const report = await runDiagnostics({ url, user: USER, password: PASSWORD, deviceType, protocolVersion, pingHeartbeatSeconds: 30 });
        const text = formatDiagReport(report);
        assert.ok(report.ok, text);
        assert.equal(report.protocolVersion, protocolVersion, text);
        assert.equal(resultOf(report, 'FolderSync'), 'pass', text);
        assert.equal(resultOf(report, 'Sync'), 'pass', text);
        // Outlook is exempt from provisioning (CLIENT-QUIRKS §3.1); every other family ends provisioned.
        const device = (await fx.app.state.devices.list(USER)).find((d) => d.deviceId === report.deviceId.toLowerCase());
        assert.ok(device !== undefined, text);
        assert.equal(device.protocolVersion, protocolVersion, text);
        assert.equal(device.policy.state, deviceType === 'Outlook' ? 'none' : 'provisioned', text);
      });
    }
  }
});
