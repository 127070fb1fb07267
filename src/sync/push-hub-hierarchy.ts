// Before a Ping is held: whether the folder set the device got from its last FolderSync still
// matches the store. A folder created, renamed, moved or deleted while no Ping was held (by
// another device, the web or the admin) must answer the next Ping with Status 7 (MS-ASCMD
// 2.2.3.177.11), or the device would only FolderSync at the next hierarchy change. FolderSync's
// own comparison (hierarchy-diff.ts) decides, so Ping and FolderSync never disagree.

import type { DeviceKey } from '../domain/device.js';
import type { Folder } from '../domain/folder.js';
import type { HierarchyStore } from '../domain/hierarchy-store.js';
import type { FolderEntry, StateStore } from '../domain/state-store.js';
import { entriesFor, sameFolderSet } from './hierarchy-diff.js';

/** Whether `listing` shows the device nothing new against the set it holds. */
export function hierarchyMatches(known: readonly FolderEntry[], listing: readonly Folder[]): boolean {
  if (known.length !== listing.length) return false;
  const serverIds = new Map(known.map((entry) => [entry.backendId, entry.serverId]));
  if (!listing.every((folder) => serverIds.has(folder.id))) return false;
  return sameFolderSet(known, entriesFor(listing, serverIds));
}

export interface HierarchyCheckDeps {
  readonly state: Pick<StateStore, 'hierarchy'>;
  readonly folders: Pick<HierarchyStore, 'listFolders' | 'hierarchyToken'>;
}

export interface HierarchyCheck {
  /** False when the device must FolderSync first: it never did, or the store's hierarchy moved on since. */
  readonly current: boolean;
  /** The store's hierarchy token the answer holds for. */
  readonly token: string;
}

/**
 * `verifiedToken`: a hierarchy token for which this device's set was found current before. While
 * the store's token is still that one, nothing can have moved on for the device (its own
 * FolderSync only catches up), so one token read replaces the listing and the comparison — most
 * Pings of a device follow one another with no folder change in between.
 */
export async function checkDeviceHierarchy(deps: HierarchyCheckDeps, key: DeviceKey, verifiedToken?: string): Promise<HierarchyCheck> {
  if (verifiedToken !== undefined) {
    const token = await deps.folders.hierarchyToken(key.user);
    if (token === verifiedToken) return { current: true, token };
  }
  const { current } = await deps.state.hierarchy.get(key);
  const listing = await deps.folders.listFolders(key.user);
  return { current: current !== null && hierarchyMatches(current.folders, listing.folders), token: listing.token };
}
