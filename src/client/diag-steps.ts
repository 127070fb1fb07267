// The steps behind runDiagnostics: OPTIONS, an authentication probe, then the profile's commands.
// Steps share one DiagRun (the client, what OPTIONS offered, the Inbox found by FolderSync) and
// each returns a one-line outcome; an exception becomes a failed step, never a crashed report.

import { commandExistsIn, type EasCommandName } from '../eas/commands.js';
import type { ProtocolVersion } from '../eas/protocol-version.js';
import { commonStatus } from '../eas/status.js';
import { EasClientError } from './client-errors.js';
import { EasClient } from './eas-client.js';
import type { EasClientEvent } from './client-types.js';
import type { DeviceProfile, ProfileStep } from './device-profiles.js';
import { protocolSteps } from './diag-protocol-steps.js';
import { fail, ms, pass, skip, type DiagOptions, type DiagRun, type DiagStep, type Outcome } from './diag-types.js';
import { highestCommonVersion, type OptionsReply } from './options-reply.js';
import { buildFolderSync } from './request-builders.js';
import { readCommandStatus } from './response-readers.js';

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function timed(run: DiagRun, name: string, step: () => Promise<Outcome>): Promise<DiagStep> {
  const started = performance.now();
  run.currentStep = name;
  run.notes = [];
  let outcome: Outcome;
  try {
    outcome = await step();
  } catch (error) {
    outcome = fail(errorText(error));
  }
  const detail = run.notes.length === 0 ? outcome.detail : `${outcome.detail}; ${run.notes.join('; ')}`;
  return { name, result: outcome.result, detail, durationMs: performance.now() - started };
}

function describeEvent(run: DiagRun, event: EasClientEvent): void {
  if (event.type === 'provisioning-required') {
    const trigger = event.trigger === 'http-449' ? 'HTTP 449' : `Status ${event.trigger.slice('status-'.length)}`;
    run.notes.push(`server demanded provisioning with ${trigger}, provisioned and retried`);
  } else if (event.type === 'provisioned' && run.currentStep !== 'Provision') {
    run.provisionedDuring = run.currentStep;
  }
}

async function checkOptions(run: DiagRun, maxVersion: ProtocolVersion): Promise<Outcome> {
  let reply: OptionsReply & { durationMs: number };
  try {
    reply = await run.client.options();
  } catch (error) {
    if (error instanceof EasClientError && (error.code === 'network' || error.code === 'timeout')) run.unreachable = true;
    throw error;
  }
  const problems: string[] = [];
  if (reply.httpStatus === 401) {
    problems.push('unauthenticated OPTIONS got 401 (iOS and Android then fall back to manual setup)');
    reply = await run.client.options({ authenticate: true });
  }
  problems.push(...reply.problems);
  if (reply.commandsHeader !== undefined) run.offered = new Set(reply.commands);
  const version = highestCommonVersion(reply.versions, maxVersion);
  if (version === undefined && reply.versions.length > 0) {
    run.noCommonVersion = true;
    problems.push(`no version up to ${maxVersion} in common`);
  }
  if (version !== undefined) {
    run.negotiated = version;
    run.version = version;
    run.client.setProtocolVersion(version);
  }
  const detail = `HTTP ${reply.httpStatus} in ${ms(reply.durationMs)}; versions ${reply.versionsHeader ?? '(none)'}`
    + `${version === undefined ? '' : `, using ${version}`}; commands: ${reply.commands.length === 0 ? '(none)' : reply.commands.join(',')}`;
  return problems.length === 0 ? pass(detail) : fail(`${problems.join('; ')}; ${detail}`);
}

/** A POST with the credentials; anything but 401/403 shows the login was accepted. */
async function checkAuthentication(run: DiagRun): Promise<Outcome> {
  const response = await run.client.sendRaw('FolderSync', buildFolderSync('0'));
  if (response.status === 401) return fail(`HTTP 401 to an authenticated POST: user name or password rejected`);
  if (response.status === 403) return fail(`HTTP 403: the account may not use ActiveSync`);
  const status = response.body === undefined ? undefined : readCommandStatus(response.body);
  const name = status === undefined ? undefined : commonStatus(status)?.name;
  const named = status === undefined ? '' : `, Status ${status}${name === undefined ? '' : ` ${name}`}`;
  return pass(`HTTP ${response.status}${named} to an authenticated FolderSync POST in ${ms(response.durationMs)}: credentials accepted`);
}

function gate(run: DiagRun, step: ProfileStep): Outcome | undefined {
  if (run.offered !== undefined && !run.offered.has(step)) return skip('not offered (absent from MS-ASProtocolCommands)');
  if (!commandExistsIn(step as EasCommandName, run.version)) return skip(`not part of EAS ${run.version}`);
  return undefined;
}

export interface StepsInput extends DiagOptions {
  profile: DeviceProfile;
  deviceId: string;
}

function skipped(name: string, detail: string): DiagStep {
  return { name, result: 'skip', detail, durationMs: 0 };
}

function newRun(input: StepsInput, maxVersion: ProtocolVersion): DiagRun {
  const { profile } = input;
  const run: DiagRun = {
    profile, options: input, version: maxVersion, notes: [], currentStep: '', syncPrimed: false, unreachable: false, noCommonVersion: false,
    client: new EasClient({
      baseUrl: input.url, username: input.user, password: input.password, deviceId: input.deviceId,
      deviceType: profile.deviceType, userAgent: profile.userAgent, protocolVersion: maxVersion,
      requestLineForm: profile.requestLineForm, sendZeroPolicyKey: profile.sendZeroPolicyKey,
      deviceInformation: profile.deviceInformation, onEvent: (event) => describeEvent(run, event),
      ...(input.timeoutMs === undefined ? {} : { timeoutMs: input.timeoutMs }),
    }),
  };
  return run;
}

export async function runSteps(input: StepsInput): Promise<{ steps: DiagStep[]; protocolVersion?: ProtocolVersion; endpoint: string }> {
  const { profile } = input;
  const maxVersion = input.protocolVersion ?? profile.maxVersion;
  const later = [...Object.keys(profile.omitted), ...profile.steps];
  let run: DiagRun;
  try {
    run = newRun(input, maxVersion);
  } catch (error) {
    const steps = [{ name: 'OPTIONS', result: 'fail' as const, detail: errorText(error), durationMs: 0 }, skipped('Authentication', 'no usable URL')];
    return { steps: [...steps, ...later.map((name) => skipped(name, 'no usable URL'))], endpoint: input.url };
  }
  const steps = [await timed(run, 'OPTIONS', () => checkOptions(run, maxVersion))];
  const auth = run.unreachable ? undefined : await timed(run, 'Authentication', () => checkAuthentication(run));
  steps.push(auth ?? skipped('Authentication', 'server unreachable'));
  const blocked = auth === undefined ? 'server unreachable'
    : auth.result === 'fail' ? 'authentication failed'
      : run.noCommonVersion ? 'no EAS version in common' : undefined;
  const runners = protocolSteps();
  for (const [step, reason] of Object.entries(profile.omitted)) steps.push(skipped(step, reason));
  for (const step of profile.steps) {
    steps.push(blocked !== undefined ? skipped(step, blocked) : await timed(run, step, async () => gate(run, step) ?? runners[step](run)));
  }
  return { steps, endpoint: run.client.endpoint.href, ...(run.negotiated === undefined ? {} : { protocolVersion: run.negotiated }) };
}
