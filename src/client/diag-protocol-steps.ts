// The protocol steps of the diagnostic, one runner per command, each judged against the spec:
// Provision (MS-ASPROV 3.1.5.1), Settings DeviceInformation (MS-ASCMD 3.1.5.2), FolderSync from
// key 0, Sync of the Inbox (prime with key 0, then one window), GetItemEstimate, and one Ping.

import { versionAtLeast } from '../eas/protocol-version.js';
import type { ProfileStep } from './device-profiles.js';
import { fail, ms, pass, skip, type DiagRun, type Outcome } from './diag-types.js';

/** MS-ASCMD 2.2.3.186.3: folder Type 2 is the Inbox. */
const INBOX_TYPE = 2;
const DEFAULT_WINDOW = 25;
const DEFAULT_HEARTBEAT_SECONDS = 60;
/** Ask for plain text cut at 5 KB, as phones do for the message list. */
const BODY_PREFERENCE = { type: 1, truncationSize: 5120 };

/** MS-ASCMD 2.2.3.177.11 Ping statuses that mean the request itself was refused. */
const PING_FAILURES: Readonly<Record<number, string>> = {
  3: 'server wants the full Ping parameters',
  4: 'syntax error in the Ping request',
  6: 'too many folders',
  7: 'folder hierarchy out of date, FolderSync needed',
  8: 'server error',
};

async function provisionStep(run: DiagRun): Promise<Outcome> {
  if (run.provisionedDuring !== undefined) {
    return pass(`already provisioned during ${run.provisionedDuring}, when the server demanded it`);
  }
  const outcome = await run.client.provision();
  if (outcome.policyKey === undefined) return pass(`server has no policy for this device (Policy Status 2) in ${ms(outcome.durationMs)}`);
  return pass(`${outcome.phases} phases, ${outcome.policyType}, key ${outcome.temporaryPolicyKey ?? '?'} → ${outcome.policyKey}, `
    + `policy settings ${outcome.policyDataReceived ? 'received' : 'absent'} in ${ms(outcome.durationMs)}`);
}

async function settingsStep(run: DiagRun): Promise<Outcome> {
  if (!versionAtLeast(run.version, '12.1')) return skip(`DeviceInformation needs EAS 12.1+, using ${run.version}`);
  const result = await run.client.settingsDeviceInformation(run.profile.deviceInformation);
  const info = result.deviceInformationStatus;
  const detail = `Status ${result.status ?? '(none)'}, DeviceInformation Status ${info ?? '(none)'} in ${ms(result.response.durationMs)}`;
  return result.status === 1 && (info === undefined || info === 1) ? pass(detail) : fail(detail);
}

async function folderSyncStep(run: DiagRun): Promise<Outcome> {
  const result = await run.client.folderSync('0');
  if (result.status !== 1) return fail(`Status ${result.status ?? '(none)'} in ${ms(result.response.durationMs)}`);
  const inbox = result.added.find((folder) => folder.type === INBOX_TYPE);
  const summary = `Status 1, key 0 → ${result.syncKey ?? '(none)'}, ${result.added.length} folders`;
  if (inbox === undefined) return fail(`${summary} but no Inbox (Type ${INBOX_TYPE})`);
  run.inbox = inbox;
  return pass(`${summary}, Inbox "${inbox.displayName}" (id ${inbox.serverId}) in ${ms(result.response.durationMs)}`);
}

async function syncStep(run: DiagRun): Promise<Outcome> {
  const inbox = run.inbox;
  if (inbox === undefined) return skip('needs the Inbox from FolderSync');
  const prime = await run.client.sync(inbox.serverId, { syncKey: '0', className: 'Email' });
  if (prime.status !== 1 || prime.syncKey === undefined) {
    return fail(`initial Sync (key 0): Status ${prime.globalStatus ?? prime.status ?? '(none)'}${prime.syncKey === undefined ? ', no SyncKey' : ''}`);
  }
  const windowSize = run.options.windowSize ?? DEFAULT_WINDOW;
  const fetch = await run.client.sync(inbox.serverId, { className: 'Email', windowSize, filterType: 0, bodyPreference: BODY_PREFERENCE });
  const primed = `key 0 → ${prime.syncKey} in ${ms(prime.response.durationMs)}`;
  if (fetch.status !== 1) return fail(`${primed}; fetch: Status ${fetch.globalStatus ?? fetch.status ?? '(none)'}`);
  run.syncPrimed = true;
  const window = fetch.empty ? 'no changes (empty reply)'
    : `${fetch.added.length} added, ${fetch.changed.length} changed, ${fetch.deleted.length} deleted${fetch.moreAvailable ? ', more available' : ''}`;
  return pass(`${primed}; window of ${windowSize}: ${window}, key → ${fetch.syncKey ?? '(none)'} in ${ms(fetch.response.durationMs)}`);
}

async function estimateStep(run: DiagRun): Promise<Outcome> {
  const inbox = run.inbox;
  if (inbox === undefined) return skip('needs the Inbox from FolderSync');
  if (!run.syncPrimed) return skip('needs a Sync key for the Inbox from the Sync step');
  const result = await run.client.getItemEstimate(inbox.serverId, { className: 'Email', filterType: 0 });
  const detail = `Status ${result.status ?? '(none)'}, estimate ${result.estimate ?? '(none)'} in ${ms(result.response.durationMs)}`;
  return result.status === 1 ? pass(detail) : fail(detail);
}

async function pingStep(run: DiagRun): Promise<Outcome> {
  const inbox = run.inbox;
  if (inbox === undefined) return skip('needs the Inbox from FolderSync');
  const heartbeat = run.options.pingHeartbeatSeconds ?? DEFAULT_HEARTBEAT_SECONDS;
  const result = await run.client.ping({ heartbeatInterval: heartbeat, folders: [{ id: inbox.serverId, className: 'Email' }] });
  const held = `${(result.response.durationMs / 1000).toFixed(1)} s`;
  switch (result.status) {
    case 1: return pass(`Status 1 (no changes) after ${held}, heartbeat ${heartbeat} s`);
    case 2: return pass(`Status 2, changes in folder(s) ${result.folders.join(',') || '(none listed)'} after ${held}`);
    case 5: return pass(`Status 5: heartbeat ${heartbeat} s outside the server's range, it allows ${result.heartbeatInterval ?? '(none)'} s`);
    default: {
      const status = result.status;
      return fail(`Status ${status ?? '(none)'}${status === undefined ? '' : ` ${PING_FAILURES[status] ?? ''}`.trimEnd()} after ${held}`);
    }
  }
}

export function protocolSteps(): Readonly<Record<ProfileStep, (run: DiagRun) => Promise<Outcome>>> {
  return {
    Provision: provisionStep,
    Settings: settingsStep,
    FolderSync: folderSyncStep,
    Sync: syncStep,
    GetItemEstimate: estimateStep,
    Ping: pingStep,
  };
}
