// Turning the ids a device sends into backend folders and items, for the commands that act on
// single items outside a Sync (ItemOperations, MoveItems). A collection ServerId resolves through
// the device's hierarchy, an item ServerId through that collection's id map; both are scoped to
// the device, and every store call is scoped to the authenticated user, so another user's ids
// never resolve (ARCHITECTURE.md "Ids").

import type { DeviceKey } from '../../domain/device.js';
import { FolderNotFoundError } from '../../domain/errors.js';
import type { Folder } from '../../domain/folder.js';
import type { StateStore } from '../../domain/state-store.js';
import type { MailboxStores } from '../../domain/stores.js';

export interface LocatorDeps {
  readonly state: Pick<StateStore, 'hierarchy' | 'collections'>;
  readonly stores: Pick<MailboxStores, 'hierarchy'>;
}

/** A backend item and the folder that holds it. */
export interface LocatedItem {
  readonly folder: Folder;
  readonly itemId: string;
}

/** The user's backend folder, or undefined when it does not exist (any more). */
export async function backendFolder(deps: LocatorDeps, user: string, folderId: string): Promise<Folder | undefined> {
  try {
    return await deps.stores.hierarchy.getFolder(user, folderId);
  } catch (error) {
    if (error instanceof FolderNotFoundError) return undefined;
    throw error;
  }
}

/** The backend folder a collection ServerId names for this device, if its hierarchy has one. */
export async function collectionFolder(deps: LocatorDeps, key: DeviceKey, collectionId: string): Promise<Folder | undefined> {
  if (collectionId === '') return undefined;
  const mapping = await deps.state.hierarchy.lookup(key, collectionId);
  return mapping === undefined ? undefined : backendFolder(deps, key.user, mapping.backendId);
}

/**
 * The backend id behind an item ServerId. The previous state's view is consulted too: a device
 * whose last Sync reply was lost still holds the ids that state handed out.
 */
export async function mappedItemId(deps: LocatorDeps, key: DeviceKey, collectionId: string, serverId: string): Promise<string | undefined> {
  if (serverId === '') return undefined;
  const current = await deps.state.collections.lookupItem(key, collectionId, serverId);
  if (current !== undefined) return current.backendId;
  return (await deps.state.collections.lookupItem(key, collectionId, serverId, 'previous'))?.backendId;
}

/** The item an item ServerId of a collection names. */
export async function locateByServerId(
  deps: LocatorDeps, key: DeviceKey, collectionId: string, serverId: string,
): Promise<LocatedItem | undefined> {
  const folder = await collectionFolder(deps, key, collectionId);
  if (folder === undefined) return undefined;
  const itemId = await mappedItemId(deps, key, collectionId, serverId);
  return itemId === undefined ? undefined : { folder, itemId };
}

/** The item a backend folder and item id name (LongId, FileReference), if the folder is the user's. */
export async function locateByBackendIds(deps: LocatorDeps, user: string, folderId: string, itemId: string): Promise<LocatedItem | undefined> {
  const folder = await backendFolder(deps, user, folderId);
  return folder === undefined ? undefined : { folder, itemId };
}
