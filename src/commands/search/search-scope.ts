// Which backend folders a mailbox Search runs over. The query names the device's collection
// ServerIds, resolved through the device's own hierarchy (another device's or user's ids never
// resolve); none, or "0" (Outlook Mobile's way of saying all, CLIENT-QUIRKS §3.3), means every
// mail folder, as Android 6 sends it (§2). DeepTraversal adds every folder below the named ones.
// Only mail is searched: a named calendar or contacts folder contributes nothing, and a query
// whose airsync:Class list leaves out Email searches no folder at all.

import type { DeviceKey } from '../../domain/device.js';
import type { Folder } from '../../domain/folder.js';
import type { StateStore } from '../../domain/state-store.js';
import type { MailboxStores } from '../../domain/stores.js';
import type { MailboxQuery } from './mailbox-query.js';
import { SearchStoreError, StoreStatus } from './search-status.js';

export interface ScopeDeps {
  readonly state: Pick<StateStore, 'hierarchy'>;
  readonly stores: Pick<MailboxStores, 'hierarchy'>;
}

export interface SearchScope {
  /** The mail folders to search, each once. */
  readonly folderIds: readonly string[];
  /** Every folder of the user, by backend id. */
  readonly folders: ReadonlyMap<string, Folder>;
}

/** The collection ServerId that stands for the whole mailbox. */
const ALL_FOLDERS = '0';

const searchesMail = (classes: readonly string[]): boolean =>
  classes.length === 0 || classes.some((name) => name.toLowerCase() === 'email');

/** The folders below each of `roots`, parents before children, as the listing orders them. */
function withSubfolders(roots: readonly Folder[], all: readonly Folder[]): Folder[] {
  const chosen = new Set(roots.map((folder) => folder.id));
  for (const folder of all) {
    if (folder.parentId !== null && chosen.has(folder.parentId)) chosen.add(folder.id);
  }
  return all.filter((folder) => chosen.has(folder.id));
}

async function namedFolders(deps: ScopeDeps, key: DeviceKey, ids: readonly string[], byId: ReadonlyMap<string, Folder>): Promise<Folder[]> {
  const named: Folder[] = [];
  for (const collectionId of ids) {
    const mapping = await deps.state.hierarchy.lookup(key, collectionId);
    const folder = mapping === undefined ? undefined : byId.get(mapping.backendId);
    // A ServerId this device was never given, or whose folder has gone: its hierarchy is stale.
    if (folder === undefined) throw new SearchStoreError(StoreStatus.FolderSyncRequired, `unknown collection ${JSON.stringify(collectionId)}`);
    named.push(folder);
  }
  return named;
}

export async function resolveSearchScope(deps: ScopeDeps, key: DeviceKey, query: MailboxQuery, deepTraversal: boolean): Promise<SearchScope> {
  const { folders } = await deps.stores.hierarchy.listFolders(key.user);
  const byId = new Map(folders.map((folder) => [folder.id, folder]));
  const mail = (list: readonly Folder[]): string[] => list.filter((folder) => folder.itemClass === 'Email').map((folder) => folder.id);
  if (!searchesMail(query.classes)) return { folderIds: [], folders: byId };
  if (query.collectionIds.length === 0 || query.collectionIds.includes(ALL_FOLDERS)) return { folderIds: mail(folders), folders: byId };
  const named = await namedFolders(deps, key, query.collectionIds, byId);
  const scope = deepTraversal ? withSubfolders(named, folders) : folders.filter((folder) => named.includes(folder));
  return { folderIds: mail(scope), folders: byId };
}
