// The one mapping from what a store or the state store throws to the status a hierarchy command
// answers with (MS-ASCMD 2.2.3.177.3-6). Undefined means the error is unexpected: the command
// logs it and answers Status 6, never an HTTP 5xx (CLIENT-QUIRKS §1: iOS reloads after 500s).

import {
  FolderNameExistsError,
  FolderNotFoundError,
  InvalidFolderMoveError,
  InvalidInputError,
  ParentFolderNotFoundError,
  SpecialFolderError,
  isStoreError,
} from '../domain/errors.js';
import { FolderType } from '../domain/folder.js';
import { StateStoreError } from '../domain/state-store.js';
import { HierarchyStatus, type HierarchyCommand } from './hierarchy-reply.js';

function specialFolderStatus(command: HierarchyCommand, error: SpecialFolderError): HierarchyStatus {
  // FolderUpdate keeps 3 for the Recipient Information Cache and says 2 for the other special
  // folders (2.2.3.177.6); FolderCreate's 3 is "the parent is the Recipient Information Cache"
  // (2.2.3.177.3); FolderDelete answers 3 for every special folder (2.2.3.177.4).
  if (command === 'FolderUpdate' && error.folderType !== FolderType.RecipientInformationCache) {
    return HierarchyStatus.NameExistsOrSpecial;
  }
  return HierarchyStatus.SpecialFolder;
}

function storeErrorStatus(command: HierarchyCommand, error: unknown): HierarchyStatus | undefined {
  if (error instanceof FolderNameExistsError) return HierarchyStatus.NameExistsOrSpecial;
  if (error instanceof SpecialFolderError) return specialFolderStatus(command, error);
  if (error instanceof ParentFolderNotFoundError) return HierarchyStatus.ParentNotFound;
  // For FolderCreate the only folder named is the parent.
  if (error instanceof FolderNotFoundError) {
    return command === 'FolderCreate' ? HierarchyStatus.ParentNotFound : HierarchyStatus.FolderNotFound;
  }
  // Moving a folder under its own subtree, an empty or over-long name: a semantic error (10).
  if (error instanceof InvalidFolderMoveError || error instanceof InvalidInputError) return HierarchyStatus.MalformedRequest;
  // A store error no hierarchy operation should raise (item or change-token errors).
  if (isStoreError(error)) return HierarchyStatus.UnknownError;
  return undefined;
}

export function hierarchyStatusFor(command: HierarchyCommand, error: unknown): HierarchyStatus | undefined {
  if (error instanceof StateStoreError) {
    // Another writer moved the state on, or an admin removed the device mid-request: the key the
    // client holds is no longer a kept state, which is exactly Status 9.
    if (error.code === 'stale-key' || error.code === 'unknown-device') return HierarchyStatus.InvalidSyncKey;
    return HierarchyStatus.ServerError;
  }
  return storeErrorStatus(command, error);
}
