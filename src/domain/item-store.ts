// The operations every item store port shares (MailStore, CalendarStore, ContactStore, TaskStore,
// NoteStore), so the sync engine can drive any class through one shape. Every method is scoped to
// a user and a folder: a backend id from another user or another folder resolves to not-found.

import type { ChangeSet, ChangesSinceOptions } from './change.js';
import type { ItemClass } from './folder.js';
import type { ItemListing, ItemRef, WriteOptions } from './item.js';

export interface CreateOptions {
  /**
   * The writer's idempotency key (the sync engine uses device, collection, SyncKey and ClientId).
   * Opaque to the store, at most a few hundred characters; the store may keep it with the item
   * (a column, a MIME header, an iCalendar or vCard property) or derive the item's id from it.
   */
  readonly clientRef?: string;
}

/**
 * `TInput` is what a client writes, `TItem` what a read returns with content, `TSummary` what a
 * listing and a write return. Errors: FolderNotFoundError, FolderClassMismatchError (the folder
 * holds another class), ItemNotFoundError, VersionConflictError, ChangeTokenExpiredError,
 * InvalidInputError (content not in the class's format).
 */
export interface ItemStore<TInput, TItem extends ItemRef, TSummary extends ItemRef> {
  readonly itemClass: ItemClass;

  /** Every item of the folder and the change token of that same snapshot. */
  listItems(user: string, folderId: string): Promise<ItemListing<TSummary>>;

  getItem(user: string, folderId: string, itemId: string): Promise<TItem>;

  /** The items that exist, in the order asked; ids not found in the folder are left out. */
  getItems(user: string, folderId: string, itemIds: readonly string[]): Promise<TItem[]>;

  /**
   * Adds an item. With `clientRef`, a second create under the same ref in the same folder returns
   * the item the first one made instead of adding another: a client Add retried after its Sync
   * state was lost between the write and the commit must not become a duplicate.
   */
  createItem(user: string, folderId: string, input: TInput, options?: CreateOptions): Promise<TSummary>;

  /** Replaces the content; with `ifVersion` fails with VersionConflictError if the item moved on. */
  updateItem(user: string, folderId: string, itemId: string, input: TInput, options?: WriteOptions): Promise<TSummary>;

  deleteItem(user: string, folderId: string, itemId: string, options?: WriteOptions): Promise<void>;

  /**
   * Moves the item to another folder of the same class and returns its new identity: the id may
   * change (IMAP assigns a new UID), so callers must use the returned one. Moving to the folder it
   * is in already changes nothing.
   */
  moveItem(user: string, folderId: string, itemId: string, toFolderId: string): Promise<TSummary>;

  /** Net changes since `token` (from listItems or an earlier ChangeSet). */
  changesSince(user: string, folderId: string, token: string, options?: ChangesSinceOptions): Promise<ChangeSet>;
}
