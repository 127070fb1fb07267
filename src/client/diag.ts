// `pushbridge diag`: walks a server through what a phone does on first contact (OPTIONS, a login,
// then every command the server offers in that phone's order) and reports each step as pass,
// fail or skip with one line of detail. A step the server does not offer is a skip, not a failure.

import { DEVICE_PROFILES } from './device-profiles.js';
import { runSteps } from './diag-steps.js';
import type { DiagOptions, DiagReport, DiagResult } from './diag-types.js';

export type { DiagOptions, DiagReport, DiagResult, DiagStep } from './diag-types.js';

export async function runDiagnostics(options: DiagOptions): Promise<DiagReport> {
  const started = performance.now();
  const profile = DEVICE_PROFILES[options.deviceType];
  const deviceId = options.deviceId ?? profile.newDeviceId(Math.random);
  const { steps, protocolVersion, endpoint } = await runSteps({ ...options, profile, deviceId });
  const report: DiagReport = {
    ok: steps.every((s) => s.result !== 'fail'),
    steps,
    url: endpoint,
    profile: profile.name,
    deviceId,
    durationMs: performance.now() - started,
  };
  if (protocolVersion !== undefined) report.protocolVersion = protocolVersion;
  return report;
}

const LABEL: Readonly<Record<DiagResult, string>> = { pass: 'PASS', fail: 'FAIL', skip: 'SKIP' };

export function formatDiagReport(report: DiagReport): string {
  const width = Math.max(...report.steps.map((s) => s.name.length), 8);
  const version = report.protocolVersion === undefined ? 'EAS version not negotiated' : `EAS ${report.protocolVersion}`;
  const lines = [`EAS diagnostics for ${report.url}`, `  device: ${report.profile} (DeviceId ${report.deviceId}), ${version}`, ''];
  for (const step of report.steps) {
    lines.push(`  ${LABEL[step.result]}  ${step.name.padEnd(width)}  ${step.detail}`);
  }
  const count = (result: DiagResult): number => report.steps.filter((s) => s.result === result).length;
  lines.push('', `${report.ok ? 'OK' : 'FAILED'}: ${count('pass')} passed, ${count('fail')} failed, ${count('skip')} skipped `
    + `in ${(report.durationMs / 1000).toFixed(1)} s`);
  return lines.join('\n');
}
