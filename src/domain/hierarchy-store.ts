// HierarchyStore port: the user's folder tree, as FolderSync, FolderCreate, FolderUpdate and
// FolderDelete (MS-ASCMD 2.2.1.3-2.2.1.6) need it. A backend creates the default folders itself;
// the hierarchy token lets FolderSync see cheaply whether anything changed.

import type { CreatableFolderType, Folder } from './folder.js';

export interface NewFolder {
  /** Null creates the folder at the top of the hierarchy (EAS ParentId "0"). */
  readonly parentId: string | null;
  readonly displayName: string;
  readonly type: CreatableFolderType;
}

/** FolderUpdate renames and moves in one request. */
export interface FolderChange {
  readonly parentId: string | null;
  readonly displayName: string;
}

export interface HierarchyListing {
  /** Hierarchy token of exactly this listing. */
  readonly token: string;
  readonly folders: readonly Folder[];
}

export interface HierarchyStore {
  /** Every folder of the user, parents before children; creates the default folders on first use. */
  listFolders(user: string): Promise<HierarchyListing>;

  /** Throws FolderNotFoundError. */
  getFolder(user: string, folderId: string): Promise<Folder>;

  /**
   * Throws ParentFolderNotFoundError, SpecialFolderError (parent is the Recipient Information
   * Cache), FolderNameExistsError, InvalidInputError (empty or over-long name).
   */
  createFolder(user: string, folder: NewFolder): Promise<Folder>;

  /**
   * Renames and/or moves. Throws FolderNotFoundError, SpecialFolderError (a default folder),
   * ParentFolderNotFoundError, InvalidFolderMoveError (under its own subtree),
   * FolderNameExistsError, InvalidInputError.
   */
  updateFolder(user: string, folderId: string, change: FolderChange): Promise<Folder>;

  /** Deletes the folder, its subfolders and their items. Throws FolderNotFoundError, SpecialFolderError. */
  deleteFolder(user: string, folderId: string): Promise<void>;

  /** Opaque token that changes whenever a folder is created, renamed, moved or deleted. */
  hierarchyToken(user: string): Promise<string>;
}
