// Shared pieces of the item-store contract suites: how a suite describes one class's store (its
// folders, sample content, content that must be refused) and small helpers over it.

import assert from 'node:assert/strict';
import type { CreatableFolderType, DefaultFolderType, Folder } from '../../src/domain/folder.js';
import { findDefaultFolder } from '../../src/domain/folder.js';
import type { ItemStore } from '../../src/domain/item-store.js';
import type { ItemRef } from '../../src/domain/item.js';
import type { MailboxStores } from '../../src/domain/stores.js';
import type { StoreHarness } from './store-harness.js';

export interface ItemStoreSpec<TInput, TItem extends ItemRef, TSummary extends ItemRef> {
  /** The store under test, from the harness's current stores. */
  store(stores: MailboxStores): ItemStore<TInput, TItem, TSummary>;
  /** The class's default folder (Inbox, Calendar, Contacts, Tasks, Notes). */
  readonly defaultFolderType: DefaultFolderType;
  /** The type a client creates for another folder of the class. */
  readonly userFolderType: CreatableFolderType;
  /** A default folder holding another class, for the mismatch checks. */
  readonly foreignFolderType: DefaultFolderType;
  /** Distinct, valid content for each n. */
  sample(n: number): TInput;
  /** What was written and what is read back, in a form assert.deepEqual compares. */
  written(input: TInput): unknown;
  read(item: TItem): unknown;
  /** Content the store must refuse with InvalidInputError. */
  readonly invalidInputs: readonly TInput[];
}

export async function defaultFolderOf(harness: StoreHarness, user: string, type: DefaultFolderType): Promise<Folder> {
  const folder = findDefaultFolder((await harness.stores.hierarchy.listFolders(user)).folders, type);
  assert.ok(folder, `user ${user} has a default folder of type ${type}`);
  return folder;
}

let folderCounter = 0;

export async function userFolderOf(harness: StoreHarness, user: string, type: CreatableFolderType): Promise<Folder> {
  folderCounter += 1;
  return harness.stores.hierarchy.createFolder(user, { parentId: null, displayName: `Contract folder ${folderCounter}`, type });
}

export function ids(refs: readonly ItemRef[]): string[] {
  return refs.map((ref) => ref.id);
}
