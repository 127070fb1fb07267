// The server side of a Sync: bring the backlog up to date from the backend's change stream, then
// send at most a window of it as Add, Change and Delete (MS-ASCMD 2.2.3.7.2, 2.2.3.24,
// 2.2.3.42.2). What each backlog entry becomes is decided here against the id map, so an item
// the device wrote itself (same version) is never echoed back, and one added and deleted in
// between is never sent at all. What is left stays queued: that is MoreAvailable.

import { ChangeTokenExpiredError } from '../domain/errors.js';
import type { ItemRef } from '../domain/item.js';
import { element, type WbxmlElement } from '../eas/wbxml-body.js';
import { enqueue, type CollectionProgress } from './collection-progress.js';
import { receivedWithin } from './filter-type.js';
import type { CollectionRun } from './collection-run.js';
import { TimeSlice } from './time-slice.js';

/** Read size for counting a backlog (GetItemEstimate) without holding every item in memory. */
const COUNT_BATCH = 512;

export interface WindowResult {
  readonly progress: CollectionProgress;
  readonly moreAvailable: boolean;
  /** Backend ids the converter could not encode: skipped and dropped from the backlog so no device loops on them. */
  readonly skipped: readonly string[];
  /** Backend ids that went out as Add or Change, in order (loop detection needs the one of a one-item reply). */
  readonly sent: readonly string[];
}

/**
 * The backlog with every backend change since the stored token queued (a listing after SyncKey 0).
 * `relist` compares a fresh listing with everything the device holds instead: after a token the
 * backend no longer answers, or when the FilterType changed and every item must be judged again.
 */
export async function refreshBacklog(run: CollectionRun, progress: CollectionProgress, relist = false): Promise<CollectionProgress> {
  const { store, folderId } = run.target;
  if (progress.token !== null && !relist) {
    try {
      let token = progress.token;
      let pending = progress.pending;
      for (;;) {
        const set = await store.changesSince(run.user, folderId, token);
        pending = enqueue(pending, set.changes.map((change) => change.itemId));
        token = set.token;
        if (!set.more) return { ...progress, token, pending };
      }
    } catch (error) {
      // The log no longer reaches back that far: compare everything the device holds with a fresh listing.
      if (!(error instanceof ChangeTokenExpiredError)) throw error;
    }
  }
  const listing = await store.listItems(run.user, folderId);
  const mapped = await run.mappedBackendIds();
  return { ...progress, token: listing.token, pending: enqueue(progress.pending, [...listing.items.map((i) => i.id), ...mapped]) };
}

/** Queues every item the device holds to be judged again (an ageing FilterType window). */
export async function requeueHeld(run: CollectionRun, progress: CollectionProgress): Promise<CollectionProgress> {
  return { ...progress, pending: enqueue(progress.pending, await run.mappedBackendIds()) };
}

type Decision = { kind: 'skip' } | { kind: 'delete'; serverId: string } | { kind: 'soft-delete'; serverId: string } | { kind: 'change'; serverId: string; item: ItemRef } | { kind: 'add'; item: ItemRef; serverId?: string };

function inWindow(run: CollectionRun, item: ItemRef): boolean {
  const { filter, converter, call } = run.target;
  if (filter === undefined) return true;
  try {
    return converter.matchesFilter === undefined ? receivedWithin(item, filter) : converter.matchesFilter(item, filter, call);
  } catch {
    // Content the converter cannot judge is sent; if it cannot be encoded either, it is skipped then.
    return true;
  }
}

async function decide(run: CollectionRun, progress: CollectionProgress, id: string, item: ItemRef | undefined): Promise<Decision> {
  if (run.deferred.has(id)) return { kind: 'skip' };
  const mapped = await run.mappingOf(id);
  if (item === undefined) return mapped === undefined ? { kind: 'skip' } : { kind: 'delete', serverId: mapped.serverId };
  if (!inWindow(run, item)) return mapped === undefined ? { kind: 'skip' } : { kind: 'soft-delete', serverId: mapped.serverId };
  // Loop detection gave up on this version for this device (loop-detection.ts).
  if (progress.skipped?.[id] === item.version) return { kind: 'skip' };
  if (mapped === undefined) return { kind: 'add', item };
  // A ServerId reserved without a version (MeetingResponse's CalendarId, MS-ASCMD 2.2.3.18) names
  // an item the device has not been sent: it goes out as an Add under that id, since a Change for
  // an id the client does not hold is dropped by clients such as AOSP.
  if (mapped.version === null) return { kind: 'add', item, serverId: mapped.serverId };
  return mapped.version === item.version ? { kind: 'skip' } : { kind: 'change', serverId: mapped.serverId, item };
}

async function decideBatch(run: CollectionRun, progress: CollectionProgress, ids: readonly string[]): Promise<[string, Decision][]> {
  const items = await run.target.store.getItems(run.user, run.target.folderId, ids);
  const byId = new Map(items.map((item) => [item.id, item]));
  await run.prefetch(ids);
  const out: [string, Decision][] = [];
  for (const id of ids) out.push([id, await decide(run, progress, id, byId.get(id))]);
  return out;
}

function withoutSkips(skipped: CollectionProgress['skipped'], settled: readonly string[]): CollectionProgress['skipped'] {
  if (skipped === undefined || !settled.some((id) => id in skipped)) return skipped;
  const rest = { ...skipped };
  for (const id of settled) delete rest[id];
  return rest;
}

/** Sends up to `windowSize` commands from the backlog into `run.commands`. */
export async function sendWindow(run: CollectionRun, progress: CollectionProgress, windowSize: number): Promise<WindowResult> {
  const pending = progress.pending;
  const skipped: string[] = [];
  const sent: string[] = [];
  const settled: string[] = [];
  const slice = new TimeSlice();
  let index = 0;
  let remaining = windowSize;
  while (remaining > 0 && index < pending.length) {
    const batch = pending.slice(index, index + remaining);
    index += batch.length;
    const decisions = await decideBatch(run, progress, batch);
    const serverIds = await run.allocateServerIds(decisions.filter(([, d]) => d.kind === 'add' && d.serverId === undefined).length);
    for (const [id, decision] of decisions) {
      if (decision.kind === 'skip') continue;
      settled.push(id);
      if (decision.kind === 'delete' || decision.kind === 'soft-delete') {
        const name = decision.kind === 'delete' ? 'AirSync:Delete' : 'AirSync:SoftDelete';
        run.commands.push(element(name, element('AirSync:ServerId', decision.serverId)));
        run.unmap(decision.serverId);
        remaining -= 1;
        continue;
      }
      const serverId = decision.serverId ?? serverIds.shift() ?? '';
      await slice.pause();
      const data = await encodeOrSkip(run, decision.item);
      if (data === undefined) {
        skipped.push(id);
        continue;
      }
      const name = decision.kind === 'add' ? 'AirSync:Add' : 'AirSync:Change';
      run.commands.push(element(name, [element('AirSync:ServerId', serverId), data]));
      run.map(id, serverId, decision.item.version);
      sent.push(id);
      remaining -= 1;
    }
  }
  const rest = pending.slice(index);
  const kept = withoutSkips(progress.skipped, settled);
  const { skipped: _old, ...base } = progress;
  return {
    progress: { ...base, ...(kept === undefined ? {} : { skipped: kept }), pending: rest, initial: false },
    moreAvailable: rest.length > 0,
    skipped,
    sent,
  };
}

async function encodeOrSkip(run: CollectionRun, item: ItemRef): Promise<WbxmlElement | undefined> {
  try {
    return element('AirSync:ApplicationData', await run.target.converter.encode(item, run.target.call));
  } catch {
    return undefined;
  }
}

/** How many commands the backlog would produce (GetItemEstimate), without sending or changing anything. */
export async function countBacklog(run: CollectionRun, progress: CollectionProgress): Promise<number> {
  let count = 0;
  for (let index = 0; index < progress.pending.length; index += COUNT_BATCH) {
    const batch = progress.pending.slice(index, index + COUNT_BATCH);
    const decisions = await decideBatch(run, progress, batch);
    count += decisions.filter(([, d]) => d.kind !== 'skip').length;
  }
  return count;
}
