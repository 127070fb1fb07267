// Fetch of one mail attachment by FileReference (MS-ASCMD 2.2.3.67.2, MS-ASAIRS 2.2.2.24.1): its
// content type and decoded bytes, or the Range the client asked for together with the Total
// size. Range and Total appear only when a Range was asked (CLIENT-QUIRKS §7 #17). A reference we
// cannot resolve, or that names another user's message or no attachment, is Status 15.

import { extractAttachment } from '../../content/email/index.js';
import { element, type WbxmlElement } from '../../eas/wbxml-body.js';
import { sliceRange } from './byte-range.js';
import { parseAttachmentReference } from './file-reference.js';
import { locateByBackendIds, locateByServerId } from './item-locator.js';
import type { FetchOptions } from './item-operations-request.js';
import { ItemOperationsStatus } from './item-operations-status.js';
import type { FetchAnswer, OperationContext } from './operation-context.js';

const invalid: FetchAnswer = { status: ItemOperationsStatus.InvalidAttachment };

export async function fetchAttachment(ctx: OperationContext, fileReference: string, options: FetchOptions): Promise<FetchAnswer> {
  const reference = parseAttachmentReference(fileReference);
  if (reference === undefined) return invalid;
  const located = reference.kind === 'backend'
    ? await locateByBackendIds(ctx, ctx.key.user, reference.folderId, reference.itemId)
    : await locateByServerId(ctx, ctx.key, reference.collectionId, reference.serverId);
  if (located === undefined || located.folder.itemClass !== 'Email') return invalid;
  const [message] = await ctx.stores.mail.getItems(ctx.key.user, located.folder.id, [located.itemId]);
  if (message === undefined) return invalid;
  const attachment = await extractAttachment(message.mime, reference.partIndex);
  if (attachment === undefined) return invalid;
  const properties: WbxmlElement[] = [element('AirSyncBase:ContentType', attachment.contentType)];
  if (options.range === undefined) {
    properties.push(dataElement(attachment.bytes));
    return { status: ItemOperationsStatus.Success, properties };
  }
  const slice = options.range === 'invalid' ? undefined : sliceRange(attachment.bytes, options.range);
  if (slice === undefined) return { status: ItemOperationsStatus.InvalidRange };
  properties.push(
    element('ItemOperations:Range', slice.range),
    element('ItemOperations:Total', String(slice.total)),
    dataElement(slice.bytes),
  );
  return { status: ItemOperationsStatus.Success, properties };
}

/** Attachment bytes travel as opaque data (CLIENT-QUIRKS §6.2); an empty one as an empty element. */
function dataElement(bytes: Uint8Array): WbxmlElement {
  return element('ItemOperations:Data', bytes.length === 0 ? [] : bytes);
}
