// One Move of MoveItems (MS-ASCMD 2.2.1.12): move the backend item, then fix both id maps of the
// device in the same breath. The device has already moved the item on its side, so its source
// collection loses the ServerId (no stray Delete on the next Sync) and its destination collection
// gets the new one mapped at the moved item's version (the engine skips an item whose mapped
// version matches, so no duplicate Add; Outlook keeps the new id, CLIENT-QUIRKS §3). Both
// collections are locked against the device's Syncs meanwhile.

import type { DeviceKey } from '../../domain/device.js';
import { FolderClassMismatchError, FolderNotFoundError, ItemNotFoundError } from '../../domain/errors.js';
import { FolderType, type Folder } from '../../domain/folder.js';
import type { ItemRef } from '../../domain/item.js';
import type { ItemStore } from '../../domain/item-store.js';
import type { StateStore } from '../../domain/state-store.js';
import { itemStoreFor, type MailboxStores } from '../../domain/stores.js';
import { collectionFolder, mappedItemId } from '../item-operations/item-locator.js';
import type { MoveRequest } from './move-items-request.js';

/** MoveItems Status values, MS-ASCMD 2.2.3.177.10. */
export const MoveStatus = {
  InvalidSource: 1,
  InvalidDestination: 2,
  Success: 3,
  SameFolder: 4,
  /** Any other failure, e.g. a destination of another class. */
  CannotMove: 5,
  /** Never sent here: a move waits for the collections' locks instead of failing on them. */
  Locked: 7,
} as const;
export type MoveStatus = (typeof MoveStatus)[keyof typeof MoveStatus];

export interface MoveOutcome {
  readonly status: MoveStatus;
  readonly dstMsgId?: string;
}

/** Serializes work on collections with the device's Syncs (the SyncEngine provides this). */
export interface CollectionLocks {
  withCollectionsLocked<T>(device: { user: string; deviceId: string }, collectionIds: readonly string[], task: () => Promise<T>): Promise<T>;
}

export interface MoveDeps {
  readonly state: Pick<StateStore, 'hierarchy' | 'collections'>;
  readonly stores: MailboxStores;
  readonly locks?: CollectionLocks;
}

type AnyStore = ItemStore<unknown, ItemRef, ItemRef>;

const fail = (status: MoveStatus): MoveOutcome => ({ status });

export async function moveItem(deps: MoveDeps, key: DeviceKey, request: MoveRequest): Promise<MoveOutcome> {
  const source = await collectionFolder(deps, key, request.srcFldId);
  if (source === undefined) return fail(MoveStatus.InvalidSource);
  const target = await collectionFolder(deps, key, request.dstFldId);
  if (target === undefined) return fail(MoveStatus.InvalidDestination);
  if (request.srcFldId === request.dstFldId || source.id === target.id) return fail(MoveStatus.SameFolder);
  // The Recipient Information Cache is the server's own (MS-ASCMD 2.2.3.186.3); items move only within a class.
  if (target.type === FolderType.RecipientInformationCache || source.itemClass !== target.itemClass) return fail(MoveStatus.CannotMove);
  const store = itemStoreFor(deps.stores, source.itemClass) as AnyStore | undefined;
  if (store === undefined) return fail(MoveStatus.CannotMove);
  const task = (): Promise<MoveOutcome> => moveLocked(deps, key, request, { store, source, target });
  return deps.locks === undefined ? task() : deps.locks.withCollectionsLocked(key, [request.srcFldId, request.dstFldId], task);
}

interface MovePlan {
  readonly store: AnyStore;
  readonly source: Folder;
  readonly target: Folder;
}

async function moveLocked(deps: MoveDeps, key: DeviceKey, request: MoveRequest, plan: MovePlan): Promise<MoveOutcome> {
  const itemId = await mappedItemId(deps, key, request.srcFldId, request.srcMsgId);
  if (itemId === undefined) return fail(MoveStatus.InvalidSource);
  let moved: ItemRef;
  try {
    moved = await plan.store.moveItem(key.user, plan.source.id, itemId, plan.target.id);
  } catch (error) {
    if (error instanceof ItemNotFoundError) return fail(MoveStatus.InvalidSource);
    if (error instanceof FolderNotFoundError) {
      return fail(error.folderId === plan.target.id ? MoveStatus.InvalidDestination : MoveStatus.InvalidSource);
    }
    if (error instanceof FolderClassMismatchError) return fail(MoveStatus.CannotMove);
    throw error;
  }
  return { status: MoveStatus.Success, dstMsgId: await remap(deps, key, request, moved) };
}

/** Drops the source ServerId and maps the moved item in the destination; returns its ServerId there. */
async function remap(deps: MoveDeps, key: DeviceKey, request: MoveRequest, moved: ItemRef): Promise<string> {
  const { collections } = deps.state;
  await collections.applyIdMapChanges(key, request.srcFldId, [{ op: 'delete', serverId: request.srcMsgId }]);
  // A mapping left over from an earlier stay in the destination keeps its ServerId.
  const existing = await collections.findItem(key, request.dstFldId, moved.id);
  const serverId = existing?.serverId ?? `${request.dstFldId}:${await collections.reserveItemNumbers(key, request.dstFldId, 1)}`;
  await collections.applyIdMapChanges(key, request.dstFldId, [{ op: 'put', serverId, backendId: moved.id, version: moved.version }]);
  return serverId;
}
