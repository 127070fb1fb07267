// The last Sync request's parameters per device (MS-ASCMD 2.2.3.131 Partial and the empty-body
// Sync of 12.1+): iOS sends an empty body to mean "the same as last time" (CLIENT-QUIRKS §1), so
// each full or partial request is remembered in the ValueStore and an empty or partial one is
// completed from it. Keys are not cached: the engine knows the key each collection holds.

import type { DeviceKey } from '../../domain/device.js';
import type { JsonValue, ValueStore } from '../../domain/state-store.js';
import type { SyncItemOptions } from '../../sync/sync-request.js';
import type { RequestedCollection, SyncRequestBody } from './sync-request-reader.js';

const CACHE_NAME = 'sync-request';

export interface CachedCollection {
  readonly collectionId: string;
  readonly getChanges: boolean;
  readonly windowSize?: number;
  readonly deletesAsMoves: boolean;
  readonly options: SyncItemOptions;
}

export interface CachedSyncRequest {
  readonly collections: readonly CachedCollection[];
  readonly windowSize?: number;
  readonly wait?: number;
  readonly heartbeatInterval?: number;
}

export const NO_OPTIONS: SyncItemOptions = { bodyPreferences: [] };

export async function loadCachedRequest(values: ValueStore, key: DeviceKey): Promise<CachedSyncRequest | undefined> {
  const value = await values.getDeviceValue(key, CACHE_NAME);
  if (value === undefined || value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const collections = value.collections;
  if (!Array.isArray(collections)) return undefined;
  return value as unknown as CachedSyncRequest;
}

/** Stores the request unless it is the one already cached (most devices repeat theirs): one write less per Sync. */
export async function saveCachedRequest(values: ValueStore, key: DeviceKey, request: CachedSyncRequest, cached?: CachedSyncRequest): Promise<void> {
  const json = JSON.stringify(request);
  if (cached !== undefined && json === JSON.stringify(cached)) return;
  await values.setDeviceValue(key, CACHE_NAME, JSON.parse(json) as JsonValue);
}

/** A requested collection's parameters, with what it left out taken from its cached entry. */
export function cachedFrom(requested: RequestedCollection, cached: CachedCollection | undefined): CachedCollection {
  const windowSize = requested.windowSize ?? cached?.windowSize;
  return {
    collectionId: requested.collectionId,
    // MS-ASCMD 2.2.3.84: with a non-zero key an absent GetChanges means changes are wanted.
    getChanges: requested.getChanges ?? true,
    deletesAsMoves: requested.deletesAsMoves ?? cached?.deletesAsMoves ?? true,
    options: requested.options ?? cached?.options ?? NO_OPTIONS,
    ...(windowSize === undefined ? {} : { windowSize }),
  };
}

/** The request the device's next empty or partial Sync will be completed from. */
export function nextCache(body: SyncRequestBody, previous: CachedSyncRequest | undefined): CachedSyncRequest {
  const before = new Map((previous?.collections ?? []).map((c) => [c.collectionId, c]));
  const named = body.collections.map((c) => cachedFrom(c, before.get(c.collectionId)));
  const kept = body.partial ? (previous?.collections ?? []).filter((c) => !named.some((n) => n.collectionId === c.collectionId)) : [];
  const windowSize = body.windowSize ?? (body.partial ? previous?.windowSize : undefined);
  const wait = body.wait ?? (body.partial ? previous?.wait : undefined);
  const heartbeatInterval = body.heartbeatInterval ?? (body.partial ? previous?.heartbeatInterval : undefined);
  return {
    collections: [...kept, ...named],
    ...(windowSize === undefined ? {} : { windowSize }),
    ...(wait === undefined ? {} : { wait }),
    ...(heartbeatInterval === undefined ? {} : { heartbeatInterval }),
  };
}
