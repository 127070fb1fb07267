// ItemOperations EmptyFolderContents (MS-ASCMD 2.2.3.58): delete every item of a mail folder and,
// with DeleteSubFolders, its subfolders. Only mail folders can be emptied (the mail store's
// emptyFolder; clients offer it for Deleted Items and Junk): any other class is Status 156. The id
// map is left alone: the next Sync of the collection sends the Deletes, as the spec expects.

import { FolderClassMismatchError, FolderNotFoundError } from '../../domain/errors.js';
import { element, type WbxmlElement } from '../../eas/wbxml-body.js';
import { collectionFolder } from './item-locator.js';
import type { EmptyFolderOperation } from './item-operations-request.js';
import { ItemOperationsStatus } from './item-operations-status.js';
import type { OperationContext } from './operation-context.js';

async function emptyFolder(ctx: OperationContext, op: EmptyFolderOperation): Promise<ItemOperationsStatus> {
  if (op.collectionId === '') return ItemOperationsStatus.ProtocolError;
  const folder = await collectionFolder(ctx, ctx.key, op.collectionId);
  if (folder === undefined) return ItemOperationsStatus.NotFound;
  if (folder.itemClass !== 'Email') return ItemOperationsStatus.ActionNotSupported;
  try {
    await ctx.stores.mail.emptyFolder(ctx.key.user, folder.id, { deleteSubfolders: op.deleteSubfolders });
  } catch (error) {
    if (error instanceof FolderNotFoundError) return ItemOperationsStatus.NotFound;
    if (error instanceof FolderClassMismatchError) return ItemOperationsStatus.ActionNotSupported;
    throw error;
  }
  return ItemOperationsStatus.Success;
}

/** The EmptyFolderContents element answering `op`: Status first, as for Fetch and Move. */
export async function runEmptyFolder(ctx: OperationContext, op: EmptyFolderOperation): Promise<WbxmlElement> {
  let status: ItemOperationsStatus;
  try {
    status = await emptyFolder(ctx, op);
  } catch (error) {
    ctx.log.error({ err: error, easStatus: ItemOperationsStatus.ServerError }, 'ItemOperations: EmptyFolderContents failed');
    status = ItemOperationsStatus.ServerError;
  }
  return element('ItemOperations:EmptyFolderContents', [
    element('ItemOperations:Status', String(status)),
    element('AirSync:CollectionId', op.collectionId),
  ]);
}
