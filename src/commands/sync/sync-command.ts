// Sync (MS-ASCMD 2.2.1.21) at the command layer: reads the request, completes an empty or partial
// one from the device's cached request (never answering `<Collections/>`, CLIENT-QUIRKS §1: Status
// 13 when there is nothing to complete it from, an empty 200 on 14.0+ when nothing changed), checks
// Wait/HeartbeatInterval (Status 14 with Limit) and the number of collections (Status 15), runs
// each collection through the engine within the request's WindowSize (collection-runner.ts), and
// holds a long-poll Sync until a folder changes. An unexpected failure is Status 5 with the cause
// in the log, never an HTTP 500.

import { deviceKey, type DeviceKey } from '../../domain/device.js';
import { versionAtLeast } from '../../eas/protocol-version.js';
import { element, type WbxmlElement } from '../../eas/wbxml-body.js';
import type { SyncEngine } from '../../sync/sync-engine.js';
import { MAX_SYNC_COLLECTIONS, type SyncDevice } from '../../sync/sync-request.js';
import { HeldRequests, heldRequestKey } from '../../sync/held-requests.js';
import { SyncStatus } from '../../sync/sync-status.js';
import { HEARTBEAT_SECONDS, WAIT_MINUTES, watchFolders, type FolderWatch } from '../../sync/sync-wait.js';
import type { CommandDeps } from '../command-deps.js';
import { CommandResults, type CommandContext, type CommandDefinition, type CommandRequest, type CommandResult } from '../registry.js';
import type { CollectionOutcome } from '../../sync/collection-outcome.js';
import { logOutcomes, runCollections, type PlannedCollection } from './collection-runner.js';
import { SyncRequestError, readSyncRequest, type SyncRequestBody } from './sync-request-reader.js';
import { cachedFrom, loadCachedRequest, nextCache, saveCachedRequest, type CachedSyncRequest } from './sync-request-cache.js';

const statusOnly = (status: number, extra: WbxmlElement[] = []): CommandResult =>
  CommandResults.wbxml(element('AirSync:Sync', [element('AirSync:Status', String(status)), ...extra]));

export function createSyncCommand(deps: CommandDeps, engine: SyncEngine, held: HeldRequests = new HeldRequests()): CommandDefinition {
  return {
    name: 'Sync',
    minVersion: '2.5',
    needsProvisioning: true,
    async handle(ctx, request) {
      try {
        // Held from its arrival, as Ping is: a Ping or Sync of the device that comes in while this
        // one still reads its collections is newer and ends this one's wait, never the reverse.
        return await held.hold(heldName(ctx), ctx, (signal) => handleSync({ deps, engine, held }, ctx, request, signal));
      } catch (error) {
        // CLIENT-QUIRKS §1: a 5xx makes iOS reload the account; an unexpected failure is Status 5.
        ctx.log.error({ err: error, easStatus: SyncStatus.ServerError }, 'Sync failed');
        return statusOnly(SyncStatus.ServerError);
      }
    },
  };
}

function readBody(request: CommandRequest): SyncRequestBody | undefined | 'malformed' {
  if (request.kind === 'empty') return undefined;
  if (request.kind !== 'wbxml') return 'malformed';
  try {
    return readSyncRequest(request.root);
  } catch (error) {
    if (error instanceof SyncRequestError) return 'malformed';
    throw error;
  }
}

/** MS-ASCMD 2.2.3.97 Limit: the bound the client crossed; both Wait and HeartbeatInterval is a protocol error. */
function checkHold(body: SyncRequestBody | undefined): CommandResult | undefined {
  if (body === undefined) return undefined;
  const { wait, heartbeatInterval } = body;
  if (wait !== undefined && heartbeatInterval !== undefined) return statusOnly(SyncStatus.ProtocolError);
  const [value, range] = wait !== undefined ? [wait, WAIT_MINUTES] : [heartbeatInterval, HEARTBEAT_SECONDS];
  if (value === undefined || (value >= range.min && value <= range.max)) return undefined;
  const limit = value < range.min ? range.min : range.max;
  return statusOnly(SyncStatus.InvalidWaitOrHeartbeat, [element('AirSync:Limit', String(limit))]);
}

function plan(body: SyncRequestBody | undefined, cached: CachedSyncRequest | undefined): PlannedCollection[] {
  const before = new Map((cached?.collections ?? []).map((c) => [c.collectionId, c]));
  const named: PlannedCollection[] = (body?.collections ?? []).map((c) => ({
    params: cachedFrom(c, before.get(c.collectionId)),
    syncKey: c.syncKey,
    commands: c.commands,
    ...(c.supported === undefined ? {} : { supported: c.supported }),
  }));
  if (body !== undefined && !body.partial) return named;
  const rest = (cached?.collections ?? []).filter((c) => !named.some((n) => n.params.collectionId === c.collectionId));
  return [...named, ...rest.map((params) => ({ params, commands: [] }))];
}

function holdMs(body: SyncRequestBody | undefined, cached: CachedSyncRequest | undefined): number | undefined {
  const source = body ?? cached;
  if (source?.wait !== undefined) return source.wait * 60_000;
  if (source?.heartbeatInterval !== undefined) return source.heartbeatInterval * 1000;
  return undefined;
}

interface SyncParts {
  readonly deps: CommandDeps;
  readonly engine: SyncEngine;
  readonly held: HeldRequests;
}

/** Watches the request's folders from before they are read, so a change in between ends the hold at once. */
async function watchPlanned({ deps, engine }: SyncParts, ctx: CommandContext, planned: readonly PlannedCollection[]): Promise<FolderWatch> {
  const folders = await Promise.all(planned.map((p) => engine.folderOf({ user: ctx.user.username, deviceId: ctx.deviceId }, p.params.collectionId)));
  const folderIds = folders.filter((id): id is string => id !== undefined);
  return watchFolders(deps.stores.changes, ctx.user.username, folderIds);
}

const heldName = (ctx: CommandContext): string => heldRequestKey(ctx.user.username, ctx.deviceId);

async function handleSync(parts: SyncParts, ctx: CommandContext, request: CommandRequest, held: AbortSignal): Promise<CommandResult> {
  const { deps, engine } = parts;
  const body = readBody(request);
  if (body === 'malformed') return statusOnly(SyncStatus.ProtocolError);
  if (body !== undefined && body.collections.length > MAX_SYNC_COLLECTIONS) return statusOnly(SyncStatus.TooManyCollections);
  const refused = checkHold(body);
  if (refused !== undefined) return refused;
  const key: DeviceKey = deviceKey(ctx.user.username, ctx.deviceId);
  const device: SyncDevice = { user: ctx.user.username, deviceId: ctx.deviceId, protocolVersion: ctx.protocolVersion, address: ctx.user.email ?? ctx.user.username };
  const cached = await loadCachedRequest(deps.state.values, key);
  const planned = plan(body, cached);
  if (planned.length === 0) return statusOnly(SyncStatus.IncompleteRequest);
  if (body !== undefined) await saveCachedRequest(deps.state.values, key, nextCache(body, cached), cached);
  const requestWindow = body === undefined || body.partial ? body?.windowSize ?? cached?.windowSize : body.windowSize;
  const ms = holdMs(body, cached);
  const watch = ms === undefined ? undefined : await watchPlanned(parts, ctx, planned);
  let outcomes: CollectionOutcome[];
  try {
    outcomes = await runCollections(engine, device, planned, requestWindow, ctx.log);
    if (watch !== undefined && ms !== undefined && !outcomes.some((o) => o.reported) && !held.aborted) {
      const changed = await watch.wait(ms, held);
      if (changed) outcomes = await runCollections(engine, device, planned.map((p) => ({ params: p.params, commands: [] })), requestWindow, ctx.log);
    }
  } finally {
    watch?.close();
  }
  logOutcomes(ctx.log, outcomes);
  const full = body !== undefined && !body.partial;
  const shown = full ? outcomes : outcomes.filter((o) => o.reported || o.status !== SyncStatus.Success);
  if (shown.length === 0) {
    if (versionAtLeast(ctx.protocolVersion, '14.0')) return CommandResults.empty();
    return CommandResults.wbxml(element('AirSync:Sync', element('AirSync:Collections', outcomes.map((o) => o.element))));
  }
  return CommandResults.wbxml(element('AirSync:Sync', element('AirSync:Collections', shown.map((o) => o.element))));
}
