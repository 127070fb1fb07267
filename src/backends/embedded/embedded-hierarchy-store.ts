// HierarchyStore of the embedded store: the user's folder tree in the mailbox database, with the
// rules FolderCreate, FolderUpdate and FolderDelete enforce (MS-ASCMD 2.2.3.177.3, .4, .6): default
// folders stay put, names are unique per parent, a folder never moves under itself. Every change
// bumps the hierarchy counter that the hierarchy token carries.

import { FolderNameExistsError, InvalidFolderMoveError, InvalidInputError, ParentFolderNotFoundError, SpecialFolderError } from '../../domain/errors.js';
import {
  FolderType,
  isCreatableFolderType,
  isDefaultFolderType,
  itemClassOfFolderType,
  type Folder,
  type FolderType as FolderTypeValue,
} from '../../domain/folder.js';
import type { FolderChange, HierarchyListing, HierarchyStore, NewFolder } from '../../domain/hierarchy-store.js';
import { dropFolderLog } from './change-log.js';
import { checkFolderName, folderNameKey } from './folder-name.js';
import { findFolderRow, listFolderRows, requireFolderRow, subtreeIds, toFolder, type FolderRow } from './folder-rows.js';
import type { MailboxAccess, WriteEffects } from './mailbox-access.js';
import type { MailboxDatabase } from './mailbox-database.js';
import { newId } from './random-id.js';

function hierarchyToken(mailbox: MailboxDatabase): string {
  return `${mailbox.epoch}.${mailbox.hierarchyVersion()}`;
}

/** The new parent of a created or moved folder: must exist and must not be the Recipient Information Cache. */
function requireParent(mailbox: MailboxDatabase, parentId: string | null): FolderRow | null {
  if (parentId === null) return null;
  const parent = findFolderRow(mailbox, parentId);
  if (parent === undefined) throw new ParentFolderNotFoundError(parentId);
  if (parent.type === FolderType.RecipientInformationCache) throw new SpecialFolderError(parent.id, FolderType.RecipientInformationCache);
  return parent;
}

function ensureNameFree(mailbox: MailboxDatabase, parentId: string | null, displayName: string, exceptId: string | null): void {
  const clash = mailbox
    .statement("SELECT id FROM folders WHERE coalesce(parent_id, '') = ? AND name_key = ? AND id IS NOT ?")
    .get(parentId ?? '', folderNameKey(displayName), exceptId);
  if (clash !== undefined) throw new FolderNameExistsError(displayName);
}

function changed(mailbox: MailboxDatabase, effects: WriteEffects): void {
  mailbox.bumpHierarchyVersion();
  effects.hierarchy = true;
}

/** Deletes a folder with its subfolders and all their items, inside the caller's write. */
export function deleteFolderTree(mailbox: MailboxDatabase, folderId: string, effects: WriteEffects): void {
  for (const id of subtreeIds(mailbox, folderId)) {
    mailbox.statement('DELETE FROM items WHERE folder_id = ?').run(id);
    dropFolderLog(mailbox, id);
    mailbox.statement('DELETE FROM folders WHERE id = ?').run(id);
    // A Ping held on a deleted folder must wake up to learn it is gone.
    effects.touch(id);
  }
  changed(mailbox, effects);
}

export class EmbeddedHierarchyStore implements HierarchyStore {
  constructor(private readonly access: MailboxAccess) {}

  async listFolders(user: string): Promise<HierarchyListing> {
    return this.access.read(user, (mailbox) => ({ token: hierarchyToken(mailbox), folders: listFolderRows(mailbox).map(toFolder) }));
  }

  async getFolder(user: string, folderId: string): Promise<Folder> {
    return this.access.read(user, (mailbox) => toFolder(requireFolderRow(mailbox, folderId)));
  }

  async createFolder(user: string, folder: NewFolder): Promise<Folder> {
    const displayName = checkFolderName(folder.displayName);
    if (!isCreatableFolderType(folder.type)) throw new InvalidInputError(`a client cannot create folders of type ${String(folder.type)}`);
    const type: FolderTypeValue = folder.type;
    return this.access.write(user, (mailbox, effects) => {
      requireParent(mailbox, folder.parentId);
      ensureNameFree(mailbox, folder.parentId, displayName, null);
      const created: Folder = { id: newId(), parentId: folder.parentId, displayName, type, itemClass: itemClassOfFolderType(type) };
      mailbox
        .statement(
          `INSERT INTO folders (id, parent_id, display_name, name_key, type, item_class, position)
           VALUES (?, ?, ?, ?, ?, ?, (SELECT coalesce(max(position), 0) + 1 FROM folders))`,
        )
        .run(created.id, created.parentId, displayName, folderNameKey(displayName), type, created.itemClass);
      changed(mailbox, effects);
      return created;
    });
  }

  async updateFolder(user: string, folderId: string, change: FolderChange): Promise<Folder> {
    const displayName = checkFolderName(change.displayName);
    return this.access.write(user, (mailbox, effects) => {
      const row = requireFolderRow(mailbox, folderId);
      if (isDefaultFolderType(row.type as FolderTypeValue)) throw new SpecialFolderError(row.id, row.type as FolderTypeValue);
      requireParent(mailbox, change.parentId);
      if (change.parentId !== null && subtreeIds(mailbox, folderId).includes(change.parentId)) {
        throw new InvalidFolderMoveError(folderId, change.parentId);
      }
      const updated = toFolder({ ...row, parent_id: change.parentId, display_name: displayName });
      if (row.parent_id === change.parentId && row.display_name === displayName) return updated;
      ensureNameFree(mailbox, change.parentId, displayName, folderId);
      mailbox
        .statement('UPDATE folders SET parent_id = ?, display_name = ?, name_key = ? WHERE id = ?')
        .run(change.parentId, displayName, folderNameKey(displayName), folderId);
      changed(mailbox, effects);
      return updated;
    });
  }

  async deleteFolder(user: string, folderId: string): Promise<void> {
    this.access.write(user, (mailbox, effects) => {
      const row = requireFolderRow(mailbox, folderId);
      if (isDefaultFolderType(row.type as FolderTypeValue)) throw new SpecialFolderError(row.id, row.type as FolderTypeValue);
      deleteFolderTree(mailbox, folderId, effects);
    });
  }

  async hierarchyToken(user: string): Promise<string> {
    return this.access.read(user, hierarchyToken);
  }
}
