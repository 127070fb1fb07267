// Pure folder-set arithmetic for FolderSync: the device's view of the store's listing (ServerIds,
// ParentId "0" at the top), what changed between the set a device holds and that view, and the
// edits FolderCreate/FolderUpdate/FolderDelete make to the set a device holds.

import type { Folder } from '../domain/folder.js';
import type { FolderEntry } from '../domain/state-store.js';

/** MS-ASCMD 2.2.3.129.2: the ParentId of a folder at the top of the hierarchy. */
export const ROOT_PARENT_ID = '0';

export interface HierarchyChanges {
  readonly adds: readonly FolderEntry[];
  /** Renamed, moved, or retyped folders, with their new values. */
  readonly updates: readonly FolderEntry[];
  /** Folders gone from the store, children before their parents. */
  readonly deletes: readonly FolderEntry[];
}

export const NO_CHANGES: HierarchyChanges = Object.freeze({ adds: [], updates: [], deletes: [] });

export function changeCount(changes: HierarchyChanges): number {
  return changes.adds.length + changes.updates.length + changes.deletes.length;
}

/**
 * The device's entries for a listing, in listing order (parents before children). `serverIds` maps
 * every listed backend id to this device's ServerId. A parent missing from the listing (a backend
 * that lists only part of a tree) puts the folder at the top rather than pointing at nothing.
 */
export function entriesFor(folders: readonly Folder[], serverIds: ReadonlyMap<string, string>): FolderEntry[] {
  return folders.map((folder) => {
    const serverId = serverIds.get(folder.id);
    if (serverId === undefined) throw new Error(`no ServerId assigned to backend folder ${folder.id}`);
    const parentId = folder.parentId === null ? undefined : serverIds.get(folder.parentId);
    return {
      serverId,
      parentId: parentId ?? ROOT_PARENT_ID,
      displayName: folder.displayName,
      type: folder.type,
      backendId: folder.id,
    };
  });
}

function sameEntry(a: FolderEntry, b: FolderEntry): boolean {
  return a.parentId === b.parentId && a.displayName === b.displayName && a.type === b.type;
}

/** What a device holding `known` must apply to reach `now`. */
export function diffHierarchy(known: readonly FolderEntry[], now: readonly FolderEntry[]): HierarchyChanges {
  const before = new Map(known.map((entry) => [entry.serverId, entry]));
  const after = new Set(now.map((entry) => entry.serverId));
  const adds: FolderEntry[] = [];
  const updates: FolderEntry[] = [];
  for (const entry of now) {
    const old = before.get(entry.serverId);
    if (old === undefined) adds.push(entry);
    else if (!sameEntry(old, entry)) updates.push(entry);
  }
  // `known` lists parents first; reversed, a client deletes each child before its parent.
  const deletes = known.filter((entry) => !after.has(entry.serverId)).reverse();
  return { adds, updates, deletes };
}

/** Same folders with the same names, parents and types, in any order. */
export function sameFolderSet(a: readonly FolderEntry[], b: readonly FolderEntry[]): boolean {
  return a.length === b.length && changeCount(diffHierarchy(a, b)) === 0;
}

/** The set without a folder and everything below it (FolderDelete removes the whole subtree). */
export function withoutSubtree(entries: readonly FolderEntry[], serverId: string): FolderEntry[] {
  const removed = new Set([serverId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const entry of entries) {
      if (!removed.has(entry.serverId) && removed.has(entry.parentId)) {
        removed.add(entry.serverId);
        grew = true;
      }
    }
  }
  return entries.filter((entry) => !removed.has(entry.serverId));
}

/** The set with one folder renamed and/or moved; a folder the set lacks is left for FolderSync to add. */
export function withEntryChanged(
  entries: readonly FolderEntry[],
  serverId: string,
  change: Pick<FolderEntry, 'parentId' | 'displayName'>,
): FolderEntry[] {
  return entries.map((entry) => (entry.serverId === serverId ? { ...entry, ...change } : entry));
}
