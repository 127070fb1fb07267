// Before a Ping is held: which of its folders already have something the device has not fetched.
// MS-ASCMD 3.1.5.8 has the server judge a Ping against the last SyncKey it gave the device, so a
// change committed while no Ping was held (between two Pings, or during a Sync) must answer the
// next Ping at once, or the device would only hear of it at the next change. Kept cheap, since
// every Ping runs it for every folder: the collection's stored state, then one change-log read
// of at most one entry. Whether a queued change really becomes a command (or is the device's own
// write coming back) is the Sync's business; the Ping command guards against telling twice.

import type { DeviceKey } from '../domain/device.js';
import { ChangeTokenExpiredError } from '../domain/errors.js';
import type { Folder } from '../domain/folder.js';
import type { StateStore } from '../domain/state-store.js';
import { itemStoreFor, type MailboxStores } from '../domain/stores.js';
import { progressFromJson } from './collection-progress.js';

export interface BacklogDeps {
  readonly state: Pick<StateStore, 'collections'>;
  readonly stores: MailboxStores;
}

export interface CollectionBacklog {
  /** The SyncKey the device holds for the collection; 0 when it has never synced it. */
  readonly syncKey: number;
  /**
   * Whether the device has something to fetch: a change since its key, items still queued
   * (MoreAvailable), a key 0 start that has not brought the items yet, or a collection it never
   * synced at all (everything in it is news to the device, MS-ASCMD 3.1.5.8; iOS Pings folders
   * before it syncs them, CLIENT-QUIRKS §1, and a Sync is how it learns of them).
   */
  readonly changed: boolean;
}

export async function collectionBacklog(deps: BacklogDeps, key: DeviceKey, collectionId: string, folder: Folder): Promise<CollectionBacklog> {
  const { current } = await deps.state.collections.get(key, collectionId);
  if (current === null) return { syncKey: 0, changed: true };
  const syncKey = current.syncKey;
  const progress = progressFromJson(current.state);
  if (progress.token === null || progress.pending.length > 0) return { syncKey, changed: true };
  // Journal folders have no item store: nothing in them ever syncs.
  const store = itemStoreFor(deps.stores, folder.itemClass);
  if (store === undefined) return { syncKey, changed: false };
  try {
    const next = await store.changesSince(key.user, folder.id, progress.token, { limit: 1 });
    return { syncKey, changed: next.changes.length > 0 };
  } catch (error) {
    // The log no longer reaches the device's position: its next Sync starts from a listing.
    if (error instanceof ChangeTokenExpiredError) return { syncKey, changed: true };
    throw error;
  }
}
