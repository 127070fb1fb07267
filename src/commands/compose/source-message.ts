// Finding the message a SmartReply or SmartForward refers to (MS-ASCMD 2.2.3.173 Source). Device
// ServerIds go through this device's own maps: the collection ServerId names a backend folder
// (state.hierarchy), the item ServerId a backend item of that collection (state.collections). A
// missing FolderId means the Inbox (MS-ASCMD 2.2.3.93). A LongId names backend ids directly
// (src/commands/long-id.ts). Stores are scoped to the user, so another user's ids never resolve.

import type { DeviceKey } from '../../domain/device.js';
import { StoreError } from '../../domain/errors.js';
import { findDefaultFolder, FolderType } from '../../domain/folder.js';
import type { MailMessage } from '../../domain/item.js';
import { EasStatusError } from '../../eas/status.js';
import type { CommandDeps } from '../command-deps.js';
import { parseLongId } from '../long-id.js';
import type { SourceRef } from './compose-request.js';

export type OriginalItem =
  | { readonly kind: 'mail'; readonly folderId: string; readonly itemId: string; readonly message: MailMessage }
  /** A calendar item, forwarded from the Calendar app (iOS sends the calendar folder, CLIENT-QUIRKS §1). */
  | { readonly kind: 'event'; readonly folderId: string; readonly itemId: string; readonly icalendar: string };

interface BackendRef {
  readonly folderId: string;
  readonly itemId: string;
}

const notFound = (message: string): EasStatusError => new EasStatusError(150, { message: `ItemNotFound: ${message}` });

async function inboxCollection(deps: CommandDeps, key: DeviceKey): Promise<string | undefined> {
  const { folders } = await deps.stores.hierarchy.listFolders(key.user);
  const inbox = findDefaultFolder(folders, FolderType.Inbox);
  return inbox === undefined ? undefined : (await deps.state.hierarchy.findByBackendId(key, inbox.id))?.serverId;
}

async function inCollection(deps: CommandDeps, key: DeviceKey, collectionId: string, itemId: string): Promise<BackendRef | undefined> {
  const folder = await deps.state.hierarchy.lookup(key, collectionId);
  if (folder === undefined) return undefined;
  const item = await deps.state.collections.lookupItem(key, collectionId, itemId);
  return item === undefined ? undefined : { folderId: folder.backendId, itemId: item.backendId };
}

async function backendRef(deps: CommandDeps, key: DeviceKey, source: SourceRef): Promise<BackendRef> {
  if (source.longId !== undefined) {
    const target = parseLongId(source.longId);
    if (target === undefined) throw notFound(`LongId ${JSON.stringify(source.longId)} names nothing we handed out`);
    return target;
  }
  const itemId = source.itemId ?? '';
  if (source.folderId !== undefined) {
    const ref = await inCollection(deps, key, source.folderId, itemId);
    if (ref === undefined) throw notFound(`no item ${JSON.stringify(itemId)} in collection ${JSON.stringify(source.folderId)}`);
    return ref;
  }
  const inbox = await inboxCollection(deps, key);
  const fromInbox = inbox === undefined ? undefined : await inCollection(deps, key, inbox, itemId);
  // Our item ServerIds are "<collection>:<n>", so an item outside the Inbox sent without its
  // FolderId can still be found from its own id.
  const prefix = itemId.includes(':') ? itemId.slice(0, itemId.indexOf(':')) : undefined;
  const ref = fromInbox ?? (prefix === undefined || prefix === inbox ? undefined : await inCollection(deps, key, prefix, itemId));
  if (ref === undefined) throw notFound(`no item ${JSON.stringify(itemId)} in the Inbox`);
  return ref;
}

/** The original item. Throws EasStatusError 150 (not found) or 147 (not mail or a calendar item). */
export async function resolveSource(deps: CommandDeps, key: DeviceKey, source: SourceRef): Promise<OriginalItem> {
  const ref = await backendRef(deps, key, source);
  try {
    const folder = await deps.stores.hierarchy.getFolder(key.user, ref.folderId);
    if (folder.itemClass === 'Email') {
      return { kind: 'mail', ...ref, message: await deps.stores.mail.getItem(key.user, ref.folderId, ref.itemId) };
    }
    if (folder.itemClass === 'Calendar') {
      const event = await deps.stores.calendar.getItem(key.user, ref.folderId, ref.itemId);
      return { kind: 'event', ...ref, icalendar: event.content.icalendar };
    }
    throw new EasStatusError(147, { message: `UnexpectedItemClass: the source is in a ${folder.itemClass} folder` });
  } catch (error) {
    if (error instanceof StoreError && (error.code === 'item-not-found' || error.code === 'folder-not-found' || error.code === 'folder-class-mismatch')) {
      throw notFound(error.message);
    }
    throw error;
  }
}
