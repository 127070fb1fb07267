// The server side of a Sync: bring the backlog up to date from the backend's change stream, then
// send at most a window of it as Add, Change and Delete (MS-ASCMD 2.2.3.7.2, 2.2.3.24,
// 2.2.3.42.2). What each backlog entry becomes is decided here against the id map, so an item
// the device wrote itself (same version) is never echoed back, and one added and deleted in
// between is never sent at all. What is left stays queued: that is MoreAvailable.

import { ChangeTokenExpiredError } from '../domain/errors.js';
import type { ItemRef } from '../domain/item.js';
import { element, type WbxmlElement } from '../eas/wbxml-body.js';
import { enqueue, type CollectionProgress } from './collection-progress.js';
import { beforeCutoff } from './filter-type.js';
import type { CollectionRun } from './collection-run.js';

/** Read size for counting a backlog (GetItemEstimate) without holding every item in memory. */
const COUNT_BATCH = 512;

export interface WindowResult {
  readonly progress: CollectionProgress;
  readonly moreAvailable: boolean;
  /** Backend ids the converter could not encode: skipped and dropped from the backlog so no device loops on them. */
  readonly skipped: readonly string[];
}

/** The backlog with every backend change since the stored token queued (a listing after SyncKey 0). */
export async function refreshBacklog(run: CollectionRun, progress: CollectionProgress): Promise<CollectionProgress> {
  const { store, folderId } = run.target;
  if (progress.token !== null) {
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
  const mapped = run.mappedBackendIds();
  return { ...progress, token: listing.token, pending: enqueue(progress.pending, [...listing.items.map((i) => i.id), ...mapped]) };
}

type Decision = { kind: 'skip' } | { kind: 'delete'; serverId: string } | { kind: 'soft-delete'; serverId: string } | { kind: 'change'; serverId: string; item: ItemRef } | { kind: 'add'; item: ItemRef };

function decide(run: CollectionRun, id: string, item: ItemRef | undefined): Decision {
  const mapped = run.mappingOf(id);
  if (item === undefined) return mapped === undefined ? { kind: 'skip' } : { kind: 'delete', serverId: mapped.serverId };
  if (beforeCutoff(item, run.target.cutoff)) return mapped === undefined ? { kind: 'skip' } : { kind: 'soft-delete', serverId: mapped.serverId };
  if (mapped === undefined) return { kind: 'add', item };
  return mapped.version === item.version ? { kind: 'skip' } : { kind: 'change', serverId: mapped.serverId, item };
}

async function fetchBatch(run: CollectionRun, ids: readonly string[]): Promise<Map<string, ItemRef>> {
  const items = await run.target.store.getItems(run.user, run.target.folderId, ids);
  return new Map(items.map((item) => [item.id, item]));
}

/** Sends up to `windowSize` commands from the backlog into `run.commands`. */
export async function sendWindow(run: CollectionRun, progress: CollectionProgress, windowSize: number): Promise<WindowResult> {
  const pending = progress.pending;
  const skipped: string[] = [];
  let index = 0;
  let remaining = windowSize;
  while (remaining > 0 && index < pending.length) {
    const batch = pending.slice(index, index + remaining);
    index += batch.length;
    const items = await fetchBatch(run, batch);
    const decisions = batch.map((id) => [id, decide(run, id, items.get(id))] as const);
    const serverIds = await run.allocateServerIds(decisions.filter(([, d]) => d.kind === 'add').length);
    for (const [id, decision] of decisions) {
      if (decision.kind === 'skip') continue;
      if (decision.kind === 'delete' || decision.kind === 'soft-delete') {
        const name = decision.kind === 'delete' ? 'AirSync:Delete' : 'AirSync:SoftDelete';
        run.commands.push(element(name, element('AirSync:ServerId', decision.serverId)));
        run.unmap(decision.serverId);
        remaining -= 1;
        continue;
      }
      const serverId = decision.kind === 'add' ? serverIds.shift() ?? '' : decision.serverId;
      const data = await encodeOrSkip(run, decision.item);
      if (data === undefined) {
        skipped.push(id);
        continue;
      }
      const name = decision.kind === 'add' ? 'AirSync:Add' : 'AirSync:Change';
      run.commands.push(element(name, [element('AirSync:ServerId', serverId), data]));
      run.map(id, serverId, decision.item.version);
      remaining -= 1;
    }
  }
  const rest = pending.slice(index);
  return { progress: { ...progress, pending: rest, initial: false }, moreAvailable: rest.length > 0, skipped };
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
    const items = await fetchBatch(run, batch);
    count += batch.filter((id) => decide(run, id, items.get(id)).kind !== 'skip').length;
  }
  return count;
}
