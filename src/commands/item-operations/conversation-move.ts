// ItemOperations Move (MS-ASCMD 2.2.3.117.1, MS-ASCON 3.1.4.2, 14.0+): move every message of a
// conversation to a mail folder, from every mail folder but Sent Items (MS-ASCON 2.2.2.8). Internet
// mail carries no conversation id, so messages are matched by the id the Email converter derives
// from their headers (src/content/email/conversation.ts); only the header block is parsed. The
// answer carries no new ids: the next Syncs send Deletes and Adds as for any server-side move.
// MoveAlways would also move future messages, which needs a delivery rule no backend here has: the
// messages there now are moved, and the request is logged.

import { ItemNotFoundError } from '../../domain/errors.js';
import { FolderType, type Folder } from '../../domain/folder.js';
import { conversationIdOf, readMailContent } from '../../content/email/index.js';
import { versionAtLeast } from '../../eas/protocol-version.js';
import { element, type WbxmlElement } from '../../eas/wbxml-body.js';
import { collectionFolder } from './item-locator.js';
import type { ConversationMoveOperation } from './item-operations-request.js';
import { ItemOperationsStatus } from './item-operations-status.js';
import type { OperationContext } from './operation-context.js';

/** Messages read per store call while scanning a folder, to bound memory on large folders. */
const SCAN_BATCH = 50;

interface MessageRef {
  readonly folderId: string;
  readonly itemId: string;
}

/** The header block of a message (up to the first empty line), all conversationIdOf needs. */
export function headerBlock(mime: Uint8Array): Uint8Array {
  for (let i = 0; i + 1 < mime.length; i++) {
    if (mime[i] !== 0x0a) continue;
    if (mime[i + 1] === 0x0a) return mime.subarray(0, i + 1);
    if (mime[i + 1] === 0x0d && mime[i + 2] === 0x0a) return mime.subarray(0, i + 1);
  }
  return mime;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

async function conversationMembers(ctx: OperationContext, folder: Folder, conversationId: Uint8Array): Promise<MessageRef[]> {
  const { items } = await ctx.stores.mail.listItems(ctx.key.user, folder.id);
  const ids = items.map((item) => item.id);
  const out: MessageRef[] = [];
  for (let start = 0; start < ids.length; start += SCAN_BATCH) {
    for (const message of await ctx.stores.mail.getItems(ctx.key.user, folder.id, ids.slice(start, start + SCAN_BATCH))) {
      const content = await readMailContent(headerBlock(message.mime));
      if (sameBytes(conversationIdOf(content, message.id), conversationId)) out.push({ folderId: folder.id, itemId: message.id });
    }
  }
  return out;
}

async function moveConversation(ctx: OperationContext, op: ConversationMoveOperation): Promise<ItemOperationsStatus> {
  if (!versionAtLeast(ctx.protocolVersion, '14.0') || op.conversationId.length === 0 || op.dstFldId === '') {
    return ItemOperationsStatus.ProtocolError;
  }
  const target = await collectionFolder(ctx, ctx.key, op.dstFldId);
  if (target === undefined) return ItemOperationsStatus.NotFound;
  if (target.type === FolderType.RecipientInformationCache) return ItemOperationsStatus.InvalidCombinationOfIds;
  if (target.itemClass !== 'Email') return ItemOperationsStatus.ActionNotSupported;
  if (op.moveAlways) ctx.log.info({ dstFldId: op.dstFldId }, 'ItemOperations Move: MoveAlways cannot be kept for future messages; moving the present ones');
  const { folders } = await ctx.stores.hierarchy.listFolders(ctx.key.user);
  const scanned = folders.filter((f) => f.itemClass === 'Email' && f.type !== FolderType.SentItems);
  const members = (await Promise.all(scanned.map((f) => conversationMembers(ctx, f, op.conversationId)))).flat();
  if (members.length === 0) return ItemOperationsStatus.NotFound;
  for (const member of members) {
    if (member.folderId === target.id) continue;
    try {
      await ctx.stores.mail.moveItem(ctx.key.user, member.folderId, member.itemId, target.id);
    } catch (error) {
      // Moved or deleted by another request since the scan: nothing left to move.
      if (!(error instanceof ItemNotFoundError)) throw error;
    }
  }
  return ItemOperationsStatus.Success;
}

/** The Move element answering `op` (Status, then the ConversationId as sent). */
export async function runConversationMove(ctx: OperationContext, op: ConversationMoveOperation): Promise<WbxmlElement> {
  let status: ItemOperationsStatus;
  try {
    status = await moveConversation(ctx, op);
  } catch (error) {
    ctx.log.error({ err: error, easStatus: ItemOperationsStatus.ServerError }, 'ItemOperations: conversation Move failed');
    status = ItemOperationsStatus.ServerError;
  }
  const children = [element('ItemOperations:Status', String(status))];
  if (op.conversationId.length > 0) children.push(element('ItemOperations:ConversationId', op.conversationId));
  return element('ItemOperations:Move', children);
}
