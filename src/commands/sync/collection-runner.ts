// Runs the collections of one Sync through the engine in request order, sharing the request's
// WindowSize between them (MS-ASCMD 2.2.3.199: the top-level WindowSize bounds the whole reply),
// and keeps one collection's failure from failing the others: an unexpected error is that
// collection's Status 5 with the cause in the log. Also logs what the engine asks to be logged
// (items it could not encode, items loop detection skipped, store failures behind 9 and 16).

import type { Logger } from 'pino';
import { collectionOutcome, type CollectionOutcome } from '../../sync/collection-outcome.js';
import { collectionFailure } from '../../sync/collection-reply.js';
import type { SyncEngine } from '../../sync/sync-engine.js';
import { clampWindowSize, type ClientCommand, type SyncDevice } from '../../sync/sync-request.js';
import { SyncStatus } from '../../sync/sync-status.js';
import type { CachedCollection } from './sync-request-cache.js';

export interface PlannedCollection {
  readonly params: CachedCollection;
  /** Undefined: the collection comes from the cache and uses the key the device holds. */
  readonly syncKey?: string;
  readonly supported?: readonly string[];
  readonly commands: readonly ClientCommand[];
}

async function runOne(engine: SyncEngine, device: SyncDevice, entry: PlannedCollection, windowSize: number, log: Logger): Promise<CollectionOutcome> {
  const { params } = entry;
  const syncKey = entry.syncKey ?? (await engine.currentKey(device, params.collectionId));
  if (syncKey === undefined) {
    return collectionOutcome(params.collectionId, SyncStatus.InvalidSyncKey, collectionFailure(params.collectionId, SyncStatus.InvalidSyncKey, '0'));
  }
  try {
    return await engine.syncCollection(device, {
      collectionId: params.collectionId, syncKey, getChanges: params.getChanges, windowSize,
      deletesAsMoves: params.deletesAsMoves, options: params.options, commands: entry.commands,
      ...(entry.supported === undefined ? {} : { supported: entry.supported }),
    });
  } catch (error) {
    // CLIENT-QUIRKS §1: never a 5xx; the other collections of the request still get their answers.
    log.error({ err: error, collectionId: params.collectionId, easStatus: SyncStatus.ServerError }, 'Sync of a collection failed');
    return collectionOutcome(params.collectionId, SyncStatus.ServerError, collectionFailure(params.collectionId, SyncStatus.ServerError));
  }
}

export async function runCollections(
  engine: SyncEngine, device: SyncDevice, planned: readonly PlannedCollection[], requestWindow: number | undefined, log: Logger,
): Promise<CollectionOutcome[]> {
  const outcomes: CollectionOutcome[] = [];
  let budget = requestWindow === undefined ? Number.POSITIVE_INFINITY : clampWindowSize(requestWindow);
  for (const entry of planned) {
    const windowSize = Math.max(1, Math.min(clampWindowSize(entry.params.windowSize), budget));
    const outcome = await runOne(engine, device, entry, windowSize, log);
    budget -= outcome.sent;
    outcomes.push(outcome);
  }
  return outcomes;
}

export function logOutcomes(log: Logger, outcomes: readonly CollectionOutcome[]): void {
  for (const o of outcomes) {
    if (o.skipped.length > 0) log.warn({ collectionId: o.collectionId, skipped: o.skipped }, 'Sync: items the converter could not encode were skipped');
    for (const backendId of o.quarantined) {
      log.warn({ collectionId: o.collectionId, backendId }, 'Sync loop detection: the device kept failing on this item; it is skipped for this device until it changes');
    }
    if (o.failure !== undefined) log.warn({ err: o.failure, collectionId: o.collectionId, easStatus: o.status }, 'Sync: the store failed');
  }
}
