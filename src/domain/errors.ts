// Typed errors every store throws for expected failures, so commands map them to EAS statuses
// (FolderCreate/Update/Delete, Sync, MoveItems...) without knowing the backend. Anything else a
// store throws is unexpected and becomes the command's server-error status.

import type { FolderType, ItemClass } from './folder.js';

export type StoreErrorCode =
  | 'folder-not-found'
  | 'parent-not-found'
  | 'folder-name-exists'
  | 'special-folder'
  | 'invalid-folder-move'
  | 'folder-class-mismatch'
  | 'item-not-found'
  | 'version-conflict'
  | 'change-token-expired'
  | 'invalid-input'
  | 'quota-exceeded'
  | 'store-unavailable';

export abstract class StoreError extends Error {
  abstract readonly code: StoreErrorCode;

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The folder does not exist for this user (FolderUpdate/FolderDelete Status 4, Sync Status 12). */
export class FolderNotFoundError extends StoreError {
  readonly code = 'folder-not-found';
  constructor(readonly folderId: string) {
    super(`folder ${JSON.stringify(folderId)} not found`);
  }
}

/** The parent named for a new or moved folder does not exist (FolderCreate/FolderUpdate Status 5). */
export class ParentFolderNotFoundError extends StoreError {
  readonly code = 'parent-not-found';
  constructor(readonly parentId: string) {
    super(`parent folder ${JSON.stringify(parentId)} not found`);
  }
}

/** The parent already holds a folder of that name (FolderCreate/FolderUpdate Status 2). Names compare case-insensitively. */
export class FolderNameExistsError extends StoreError {
  readonly code = 'folder-name-exists';
  constructor(readonly displayName: string) {
    super(`a folder named ${JSON.stringify(displayName)} already exists there`);
  }
}

/**
 * The operation targets a special folder: renaming, moving or deleting a default folder, or
 * creating under the Recipient Information Cache (FolderCreate 3, FolderUpdate 2 or 3 for type 19,
 * FolderDelete 3).
 */
export class SpecialFolderError extends StoreError {
  readonly code = 'special-folder';
  constructor(
    readonly folderId: string,
    readonly folderType: FolderType,
  ) {
    super(`folder ${JSON.stringify(folderId)} is a special folder (type ${folderType})`);
  }
}

/** A folder cannot be moved under itself or one of its own subfolders. */
export class InvalidFolderMoveError extends StoreError {
  readonly code = 'invalid-folder-move';
  constructor(
    readonly folderId: string,
    readonly parentId: string,
  ) {
    super(`folder ${JSON.stringify(folderId)} cannot move under its own subtree (${JSON.stringify(parentId)})`);
  }
}

/** The folder holds another class of item than the store or operation needs (e.g. moving mail into a calendar). */
export class FolderClassMismatchError extends StoreError {
  readonly code = 'folder-class-mismatch';
  constructor(
    readonly folderId: string,
    readonly expected: ItemClass,
    readonly actual: ItemClass,
  ) {
    super(`folder ${JSON.stringify(folderId)} holds ${actual}, not ${expected}`);
  }
}

/** The item is not in that folder of this user (it never was, was deleted, moved, or belongs to someone else). */
export class ItemNotFoundError extends StoreError {
  readonly code = 'item-not-found';
  constructor(
    readonly folderId: string,
    readonly itemId: string,
  ) {
    super(`item ${JSON.stringify(itemId)} not found in folder ${JSON.stringify(folderId)}`);
  }
}

/** The If-Match precondition failed: the item changed since the caller read it (Sync conflict handling). */
export class VersionConflictError extends StoreError {
  readonly code = 'version-conflict';
  constructor(
    readonly itemId: string,
    readonly expectedVersion: string,
    readonly currentVersion: string,
  ) {
    super(`item ${JSON.stringify(itemId)} is at version ${currentVersion}, not ${expectedVersion}`);
  }
}

/**
 * The change token can no longer be answered: older than the change log's retention, from another
 * incarnation of the store, or not a token at all. The engine resyncs the collection from scratch.
 */
export class ChangeTokenExpiredError extends StoreError {
  readonly code = 'change-token-expired';
  constructor(readonly token: string) {
    super(`change token ${JSON.stringify(token)} is expired or unknown`);
  }
}

/** Input the store refuses: an empty folder name, a type a client may not create, content in the wrong format. */
export class InvalidInputError extends StoreError {
  readonly code = 'invalid-input';
}

/** The user's storage is full (a mailbox quota, or the disk under it): nothing more fits until space is freed (Sync Status 9). */
export class QuotaExceededError extends StoreError {
  readonly code = 'quota-exceeded';
}

/**
 * The backend cannot serve the request right now (a database locked by another writer, a server
 * that does not answer); the same request may well succeed when retried (Sync Status 16).
 */
export class StoreUnavailableError extends StoreError {
  readonly code = 'store-unavailable';
}

export function isStoreError(error: unknown): error is StoreError {
  return error instanceof StoreError;
}
