// Ping (MS-ASCMD 2.2.1.13) at the command layer: reads the request, completes an empty or partial
// one from the device's cached Ping, checks the bounds, and holds the request on the push hub
// until a pinged folder changes (Status 2 naming them), the hierarchy changes (7) or the heartbeat
// runs out (1). The device holds one request at a time: a new Ping or Sync of the same device
// ends the held one (HeldRequests, shared with Sync), which then answers Status 1 — the device has
// moved on, and its new request looks for changes itself. An unexpected failure is Status 8 with
// the cause in the log, never an HTTP 500 (CLIENT-QUIRKS §1).

import { deviceKey, type DeviceKey } from '../../domain/device.js';
import { heldRequestKey, type HeldRequests } from '../../sync/held-requests.js';
import type { PushHub } from '../../sync/push-hub.js';
import { DEFAULT_PING_SETTINGS, type CommandDeps } from '../command-deps.js';
import type { CommandContext, CommandDefinition, CommandRequest, CommandResult } from '../registry.js';
import { loadPingCache, savePingCache, withReported } from './ping-cache.js';
import { planPing } from './ping-parameters.js';
import { PingStatus, pingReply } from './ping-reply.js';
import { PingRequestError, readPingRequest, type PingRequestBody } from './ping-request.js';
import { holdPing, resolveTargets, type HeldPingResult, type PreparedPing } from './ping-watch.js';

export interface PingParts {
  readonly deps: CommandDeps;
  /** The same instance the Sync command holds its long polls in. */
  readonly held: HeldRequests;
  readonly hub: PushHub;
}

export function createPingCommand(parts: PingParts): CommandDefinition {
  return {
    name: 'Ping',
    minVersion: '2.5',
    needsProvisioning: true,
    // Not an async function: one frame fewer stays alive per held Ping.
    handle(ctx, request) {
      return handlePing(parts, ctx, request).catch((error: unknown) => {
        ctx.log.error({ err: error, easStatus: PingStatus.ServerError }, 'Ping failed');
        return pingReply(PingStatus.ServerError);
      });
    },
  };
}

function readBody(request: CommandRequest): PingRequestBody | undefined | 'malformed' {
  if (request.kind === 'empty') return undefined;
  if (request.kind !== 'wbxml') return 'malformed';
  try {
    return readPingRequest(request.root);
  } catch (error) {
    if (error instanceof PingRequestError) return 'malformed';
    throw error;
  }
}

function handlePing(parts: PingParts, ctx: CommandContext, request: CommandRequest): Promise<CommandResult> {
  // The whole request runs as the device's held request: it ends the one the device held (Ping
  // or Sync) at once, and a Sync or Ping arriving while this one still reads its state ends it too.
  return parts.held.hold(heldRequestKey(ctx.user.username, ctx.deviceId), ctx, (signal) => runPing(parts, ctx, request, signal));
}

async function runPing(parts: PingParts, ctx: CommandContext, request: CommandRequest, signal: AbortSignal): Promise<CommandResult> {
  const prepared = await preparePing(parts.deps, ctx, request);
  if (!('targets' in prepared)) return prepared;
  // Returned, not awaited: this frame (request, context, the prepared folders) ends before the wait.
  const { deps } = parts;
  const key = prepared.key;
  return holdPing(deps, parts.hub, prepared, signal).then((result) => answer(deps, key, result));
}

/** Everything before the hold, in a frame that ends before the Ping waits: an answer, or what to wait for. */
async function preparePing(deps: CommandDeps, ctx: CommandContext, request: CommandRequest): Promise<CommandResult | PreparedPing> {
  const body = readBody(request);
  if (body === 'malformed') return pingReply(PingStatus.ProtocolError);
  const key = deviceKey(ctx.user.username, ctx.deviceId);
  const cached = await loadPingCache(deps.state.values, key);
  const plan = planPing(body, cached, deps.ping ?? DEFAULT_PING_SETTINGS);
  if (plan.kind === 'answer') return pingReply(plan.status, plan.extras);
  await savePingCache(deps.state.values, key, { ...cached, heartbeatInterval: plan.heartbeatInterval, folders: plan.folders }, cached);
  const targets = await resolveTargets(deps, key, plan.folders);
  if (targets === undefined) return pingReply(PingStatus.FolderSyncRequired);
  return {
    key, targets, reported: cached.reported, heartbeatMs: plan.heartbeatInterval * 1000,
    ...(cached.hierarchyToken === undefined ? {} : { hierarchyToken: cached.hierarchyToken }),
  };
}

async function answer(deps: CommandDeps, key: DeviceKey, { outcome, watched }: HeldPingResult): Promise<CommandResult> {
  if (outcome.kind === 'hierarchy-changed') return pingReply(PingStatus.FolderSyncRequired);
  if (outcome.kind !== 'changed') return pingReply(PingStatus.Expired);
  const changed = new Set(outcome.folderIds);
  const named = watched.filter((w) => changed.has(w.folderId));
  // Read again rather than kept through the wait: 10,000 held Pings would each hold a copy.
  const cache = await loadPingCache(deps.state.values, key);
  const keys = new Map(named.map((w) => [w.collectionId, w.syncKey]));
  await savePingCache(deps.state.values, key, withReported(cache, keys, cache.folders ?? []), cache);
  return pingReply(PingStatus.Changes, { folders: named.map((w) => w.collectionId) });
}
