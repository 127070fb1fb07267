// Fetch of a whole mailbox item (any class) by CollectionId + ServerId or by LongId: the item's
// properties exactly as Sync would send them, through the same converters, with the Fetch's own
// BodyPreference and MIMESupport, narrowed to the Schema when the client sent one. A ServerId
// without CollectionId still resolves, since an item ServerId names its collection
// ("<collection>:<n>", CLIENT-QUIRKS §6.6). A LongId names a backend folder and item of the
// authenticated user; anyone else's is simply not found.

import type { Folder } from '../../domain/folder.js';
import type { ItemRef } from '../../domain/item.js';
import type { ItemStore } from '../../domain/item-store.js';
import { itemStoreFor } from '../../domain/stores.js';
import { qualifiedName, type WbxmlElement } from '../../eas/wbxml-body.js';
import type { ConverterCall } from '../../sync/item-converter.js';
import { parseLongId } from '../long-id.js';
import { locateByBackendIds, locateByServerId, type LocatedItem } from './item-locator.js';
import type { FetchOperation, FetchOptions } from './item-operations-request.js';
import { ItemOperationsStatus } from './item-operations-status.js';
import type { FetchAnswer, OperationContext } from './operation-context.js';

type AnyStore = ItemStore<unknown, ItemRef, ItemRef>;

/** The collection part of an item ServerId "<collection>:<n>". */
function collectionOfServerId(serverId: string): string | undefined {
  const colon = serverId.lastIndexOf(':');
  return colon > 0 ? serverId.slice(0, colon) : undefined;
}

async function locate(ctx: OperationContext, op: FetchOperation): Promise<LocatedItem | undefined | 'no-id'> {
  if (op.longId !== undefined) {
    const target = parseLongId(op.longId);
    return target === undefined ? undefined : locateByBackendIds(ctx, ctx.key.user, target.folderId, target.itemId);
  }
  if (op.serverId === undefined) return 'no-id';
  const collectionId = op.collectionId ?? collectionOfServerId(op.serverId);
  return collectionId === undefined ? undefined : locateByServerId(ctx, ctx.key, collectionId, op.serverId);
}

/** The converter call a Sync of the item's folder would make, with the Fetch's own body options. */
function callFor(ctx: OperationContext, folder: Folder, options: FetchOptions): ConverterCall {
  return {
    protocolVersion: ctx.protocolVersion,
    options: { bodyPreferences: options.bodyPreferences, ...(options.mimeSupport === undefined ? {} : { mimeSupport: options.mimeSupport }) },
    folderType: folder.type,
  };
}

/** MS-ASCMD 2.2.3.156 Schema: only the properties named, when the client named any. */
function narrow(properties: readonly WbxmlElement[], schema: readonly string[] | undefined): WbxmlElement[] {
  if (schema === undefined) return [...properties];
  const wanted = new Set(schema);
  return properties.filter((p) => wanted.has(qualifiedName(p)));
}

export async function fetchMailboxItem(ctx: OperationContext, op: FetchOperation): Promise<FetchAnswer> {
  const located = await locate(ctx, op);
  if (located === 'no-id') return { status: ItemOperationsStatus.ProtocolError };
  if (located === undefined) return { status: ItemOperationsStatus.NotFound };
  const { folder, itemId } = located;
  const store = itemStoreFor(ctx.stores, folder.itemClass) as AnyStore | undefined;
  const converter = ctx.converters[folder.itemClass];
  if (store === undefined || converter === undefined) return { status: ItemOperationsStatus.NotFound };
  const [item] = await store.getItems(ctx.key.user, folder.id, [itemId]);
  if (item === undefined) return { status: ItemOperationsStatus.NotFound };
  let properties: WbxmlElement[];
  try {
    properties = await converter.encode(item, callFor(ctx, folder, op.options));
  } catch (error) {
    ctx.log.warn({ err: error, itemId, easStatus: ItemOperationsStatus.ConversionFailed }, 'ItemOperations: item could not be converted');
    return { status: ItemOperationsStatus.ConversionFailed };
  }
  return { status: ItemOperationsStatus.Success, className: folder.itemClass, properties: narrow(properties, op.options.schema) };
}
