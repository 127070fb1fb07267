// Building a collection's reply on a committed state (MS-ASCMD 2.2.1.21): apply the client's
// commands, bring the backlog up to date (re-judging every item when the FilterType changed or its
// window aged), send a window of server changes, and commit the new state with its id-map changes
// and ClientIds in one transaction. The same steps rebuild a looping reply on the previous state
// (loop-detection.ts): the client's part is kept as it was, the server's part is sent again.

import type { DeviceKey } from '../domain/device.js';
import { FolderType, findDefaultFolder, type Folder } from '../domain/folder.js';
import type { CollectionState, CollectionStateStore } from '../domain/state-store.js';
import type { MailboxStores } from '../domain/stores.js';
import { childElements, firstChild, qualifiedName, textContent, type WbxmlElement } from '../eas/wbxml-body.js';
import { applyClientCommands, placeholdersIn } from './client-commands.js';
import { collectionOutcome, type CollectionOutcome } from './collection-outcome.js';
import { carriedOver, enqueue, progressFromJson, progressToJson, type CollectionProgress } from './collection-progress.js';
import { collectionBody, storeCollectionBody, withSyncKey } from './collection-reply.js';
import { CollectionRun, type RunTarget, type SyncItemStore } from './collection-run.js';
import { FILTER_SWEEP_MS, filterFor } from './filter-type.js';
import type { ItemConverter } from './item-converter.js';
import type { LoopVerdict } from './loop-detection.js';
import { refreshBacklog, requeueHeld, sendWindow } from './server-changes.js';
import type { CollectionRequest, SyncDevice } from './sync-request.js';
import { SyncStatus } from './sync-status.js';

export interface SyncEnv {
  readonly collections: CollectionStateStore;
  readonly stores: MailboxStores;
  /** Milliseconds since the epoch, for FilterType windows. */
  readonly now: number;
}

/** A collection ServerId resolved to the backend folder, its store and its converter. */
export interface ResolvedCollection {
  readonly key: DeviceKey;
  readonly collectionId: string;
  readonly folder: Folder;
  readonly store: SyncItemStore;
  readonly converter: ItemConverter;
}

interface ServerWindow {
  readonly progress: CollectionProgress;
  readonly moreAvailable: boolean;
  readonly skipped: readonly string[];
  /** Whether the backlog was rebuilt from a listing: worth committing even when nothing is sent. */
  readonly rejudged: boolean;
}

/** The Deleted Items folder a mail Delete moves to, when the client asked for DeletesAsMoves. */
async function trashFor(env: SyncEnv, resolved: ResolvedCollection, request: CollectionRequest): Promise<string | undefined> {
  if (!request.deletesAsMoves || resolved.folder.itemClass !== 'Email' || !request.commands.some((c) => c.kind === 'delete')) return undefined;
  const trash = findDefaultFolder((await env.stores.hierarchy.listFolders(resolved.key.user)).folders, FolderType.DeletedItems);
  return trash === undefined || trash.id === resolved.folder.id ? undefined : trash.id;
}

export async function runTarget(
  env: SyncEnv, device: SyncDevice, resolved: ResolvedCollection, request: CollectionRequest, progress: CollectionProgress, filterType: number | undefined,
): Promise<RunTarget> {
  const { key, collectionId, folder, store, converter } = resolved;
  const call = {
    protocolVersion: device.protocolVersion, options: request.options, folderType: folder.type,
    ...(progress.supported === undefined ? {} : { supported: progress.supported }),
    ...(device.address === undefined ? {} : { userAddress: device.address }),
  };
  const trashFolderId = await trashFor(env, resolved, request);
  const filter = filterFor(folder.itemClass, filterType, env.now);
  return {
    key, collectionId, folderId: folder.id, store, converter, call,
    ...(trashFolderId === undefined ? {} : { trashFolderId }), ...(filter === undefined ? {} : { filter }),
  };
}

/** The backlog up to date; every item judged again when the FilterType changed or its window aged. */
async function prepareBacklog(run: CollectionRun, progress: CollectionProgress, requested: number | undefined, now: number): Promise<{ progress: CollectionProgress; rejudged: boolean }> {
  // Only a FilterType the class defines counts (a contacts folder ignores one, MS-ASCMD 2.2.3.68.2).
  const filterType = run.target.filter === undefined ? undefined : requested;
  const changedFilter = progress.token !== null && (progress.filterType ?? 0) !== (filterType ?? 0);
  let next = await refreshBacklog(run, progress, changedFilter);
  let rejudged = changedFilter || progress.token === null;
  if (!rejudged && run.target.filter?.since !== undefined && now - (progress.sweptAt ?? 0) >= FILTER_SWEEP_MS) {
    next = await requeueHeld(run, next);
    rejudged = true;
  }
  const { filterType: _old, sweptAt: _swept, ...rest } = next;
  const sweptAt = rejudged ? now : progress.sweptAt;
  return {
    progress: { ...rest, ...(filterType === undefined || filterType === 0 ? {} : { filterType }), ...(sweptAt === undefined ? {} : { sweptAt }) },
    rejudged,
  };
}

/** A window of server changes; while probing (loop detection) one item per reply. */
async function sendServerChanges(run: CollectionRun, progress: CollectionProgress, request: CollectionRequest, now: number): Promise<ServerWindow> {
  const prepared = await prepareBacklog(run, progress, request.options.filterType, now);
  const probing = (prepared.progress.probe ?? 0) > 0;
  const window = await sendWindow(run, prepared.progress, probing ? 1 : request.windowSize);
  const { probe: _probe, single: _single, ...rest } = window.progress;
  const probe = probing && window.moreAvailable ? Math.max(0, (prepared.progress.probe ?? 0) - run.commands.length) : 0;
  const [first] = window.sent;
  return {
    progress: { ...rest, ...(probe > 0 ? { probe } : {}), ...(window.sent.length === 1 && first !== undefined ? { single: first } : {}) },
    moreAvailable: window.moreAvailable,
    skipped: window.skipped,
    rejudged: prepared.rejudged,
  };
}

/** device/collection/key/: the CreateOptions.clientRef prefix of the Adds of a request built on `syncKey`. */
const clientRefPrefix = (resolved: ResolvedCollection, syncKey: number): string => `${resolved.key.deviceId}/${resolved.collectionId}/${syncKey}/`;

async function commitReply(
  env: SyncEnv, run: CollectionRun, baseKey: number, window: ServerWindow | undefined, parts: { progress: CollectionProgress; clientIds: Readonly<Record<string, string>>; quarantined?: readonly string[] },
): Promise<CollectionOutcome> {
  const { key, collectionId } = run.target;
  const moreAvailable = window?.moreAvailable ?? false;
  const body = collectionBody({ collectionId, status: SyncStatus.Success, moreAvailable, commands: run.commands, responses: run.responses });
  const state = await env.collections.commit(key, collectionId, {
    baseKey, state: progressToJson(parts.progress), response: storeCollectionBody(body), clientIds: parts.clientIds, idMap: run.idChanges,
  });
  return collectionOutcome(collectionId, SyncStatus.Success, withSyncKey(body, String(state.syncKey)), {
    moreAvailable, skipped: window?.skipped ?? [], quarantined: parts.quarantined ?? [], sent: run.commands.length,
  });
}

/** The normal path: the device sent the current key. */
export async function advanceCollection(
  env: SyncEnv, device: SyncDevice, resolved: ResolvedCollection, request: CollectionRequest, current: CollectionState,
): Promise<CollectionOutcome> {
  let progress = carriedOver(progressFromJson(current.state));
  const run = new CollectionRun(await runTarget(env, device, resolved, request, progress, request.options.filterType), env.collections);
  const resend = await applyClientCommands(run, request.commands, {
    knownClientIds: current.clientIds, clientWins: request.options.conflict === 0, clientRefPrefix: clientRefPrefix(resolved, current.syncKey),
  });
  const ownChanges = [...run.idChanges];
  if (resend.length > 0) progress = { ...progress, pending: enqueue(progress.pending, resend, true) };
  const window = request.getChanges ? await sendServerChanges(run, progress, request, env.now) : undefined;
  if (!run.changed && (window === undefined || (window.skipped.length === 0 && !window.rejudged))) {
    const body = collectionBody({ collectionId: resolved.collectionId, status: SyncStatus.Success, moreAvailable: window?.moreAvailable ?? false });
    return collectionOutcome(resolved.collectionId, SyncStatus.Success, withSyncKey(body, String(current.syncKey)), { reported: false, moreAvailable: window?.moreAvailable ?? false });
  }
  const next = { ...withDeferred(window?.progress ?? progress, run), ...(ownChanges.length > 0 ? { ownChanges } : {}) };
  return commitReply(env, run, current.syncKey, window, { progress: next, clientIds: run.clientIds });
}

/** Queues what the run deferred (the placeholders of Adds that left no item, client-commands.ts): their Delete goes out in the next reply. */
function withDeferred(progress: CollectionProgress, run: CollectionRun): CollectionProgress {
  return run.deferred.size === 0 ? progress : { ...progress, pending: enqueue(progress.pending, run.deferred, true) };
}

function storedResponses(reply: WbxmlElement): WbxmlElement[] {
  const responses = firstChild(reply, 'AirSync:Responses');
  return responses === undefined ? [] : childElements(responses);
}

/** Backend ids of the Changes the stored reply answered with 7: the server's version goes out again. */
async function conflictLosers(run: CollectionRun, responses: readonly WbxmlElement[]): Promise<string[]> {
  const out: string[] = [];
  for (const response of childElementsNamed(responses, 'AirSync:Change')) {
    const status = firstChild(response, 'AirSync:Status');
    const serverId = firstChild(response, 'AirSync:ServerId');
    if (status === undefined || serverId === undefined || textContent(status).trim() !== String(SyncStatus.Conflict)) continue;
    const backendId = await run.backendIdOf(textContent(serverId).trim());
    if (backendId !== undefined) out.push(backendId);
  }
  return out;
}

const childElementsNamed = (list: readonly WbxmlElement[], name: string): WbxmlElement[] => list.filter((el) => qualifiedName(el) === name);

/**
 * Loop detection's rebuild (loop-detection.ts): the reply to the previous key, built again on the
 * previous state with the client's part kept (its Responses, ClientIds and id-map changes) and
 * the server's part sent one item at a time, or without the item the device kept failing on.
 */
export async function rebuildCollection(
  env: SyncEnv, device: SyncDevice, resolved: ResolvedCollection, request: CollectionRequest,
  states: { current: CollectionState; previous: CollectionState }, reply: WbxmlElement, verdict: Exclude<LoopVerdict, { kind: 'replay' }>,
): Promise<CollectionOutcome> {
  const looping = progressFromJson(states.current.state);
  const base = carriedOver(progressFromJson(states.previous.state));
  const run = new CollectionRun(await runTarget(env, device, resolved, request, base, request.options.filterType), env.collections, 'previous');
  run.replay(looping.ownChanges ?? []);
  for (const placeholder of placeholdersIn(looping.ownChanges ?? [])) run.deferred.add(placeholder);
  const responses = storedResponses(reply);
  run.responses.push(...responses);
  const skipped: Record<string, string> = { ...base.skipped, ...looping.skipped };
  const quarantined: string[] = [];
  if (verdict.kind === 'skip') {
    const [item] = await resolved.store.getItems(resolved.key.user, resolved.folder.id, [verdict.backendId]);
    if (item !== undefined) {
      skipped[verdict.backendId] = item.version;
      quarantined.push(verdict.backendId);
    }
  }
  const { probe: _probe, ...rest } = base;
  let progress: CollectionProgress = { ...rest, skipped, ...(verdict.kind === 'probe' ? { probe: verdict.items } : {}) };
  const resend = await conflictLosers(run, responses);
  if (resend.length > 0) progress = { ...progress, pending: enqueue(progress.pending, resend, true) };
  const window = await sendServerChanges(run, progress, request, env.now);
  const next = { ...withDeferred(window.progress, run), ...(looping.ownChanges === undefined ? {} : { ownChanges: looping.ownChanges }) };
  return commitReply(env, run, states.previous.syncKey, window, { progress: next, clientIds: states.current.clientIds, quarantined });
}
