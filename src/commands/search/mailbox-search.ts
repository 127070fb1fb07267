// A mailbox Search from query to matches: the scope's folders go to the MailStore's search with
// the Range as offset and limit, and each hit comes back with a LongId naming its backend folder
// and item (what ItemOperations, SmartReply and SmartForward accept, CLIENT-QUIRKS §1), the
// device's ServerId of the folder when it has one, and its properties encoded by the same mail
// converter Sync uses, with the search's BodyPreference and MIMESupport. There is no server-side
// result cache, so RebuildResults needs no work: every request searches afresh.

import type { DeviceKey } from '../../domain/device.js';
import { FolderNotFoundError } from '../../domain/errors.js';
import type { Folder } from '../../domain/folder.js';
import type { MailMessage } from '../../domain/item.js';
import type { MailSearchHit } from '../../domain/mail-store.js';
import type { StateStore } from '../../domain/state-store.js';
import type { MailboxStores } from '../../domain/stores.js';
import type { ProtocolVersion } from '../../eas/protocol-version.js';
import type { Logger } from 'pino';
import type { ConverterCall, ItemConverter } from '../../sync/item-converter.js';
import { formatLongId } from '../long-id.js';
import { createSyncConverters } from '../sync/sync-converters.js';
import type { MailboxQuery } from './mailbox-query.js';
import type { MailboxSearchOptions } from './search-options.js';
import type { SearchResultEntry, StoreMatches } from './search-response.js';
import { resolveSearchScope } from './search-scope.js';

export interface MailboxSearchContext {
  readonly state: Pick<StateStore, 'hierarchy'>;
  readonly stores: Pick<MailboxStores, 'hierarchy' | 'mail'>;
  readonly key: DeviceKey;
  readonly protocolVersion: ProtocolVersion;
  readonly log: Logger;
}

/** The page's messages that still exist, by folder and id (a hit may be deleted before it is read). */
async function loadMessages(sc: MailboxSearchContext, hits: readonly MailSearchHit[]): Promise<Map<string, Map<string, MailMessage>>> {
  const byFolder = new Map<string, string[]>();
  for (const hit of hits) byFolder.set(hit.folderId, [...(byFolder.get(hit.folderId) ?? []), hit.id]);
  const messages = new Map<string, Map<string, MailMessage>>();
  for (const [folderId, ids] of byFolder) {
    const found = await sc.stores.mail.getItems(sc.key.user, folderId, ids).catch((error: unknown) => {
      if (error instanceof FolderNotFoundError) return [];
      throw error;
    });
    messages.set(folderId, new Map(found.map((message) => [message.id, message])));
  }
  return messages;
}

/** The device's ServerId for each folder with hits, looked up once per folder. */
async function collectionIds(sc: MailboxSearchContext, hits: readonly MailSearchHit[]): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const folderId of new Set(hits.map((hit) => hit.folderId))) {
    const mapping = await sc.state.hierarchy.findByBackendId(sc.key, folderId);
    if (mapping !== undefined) ids.set(folderId, mapping.serverId);
  }
  return ids;
}

async function encodeHit(
  sc: MailboxSearchContext, converter: ItemConverter, call: ConverterCall, message: MailMessage, collectionId: string | undefined,
): Promise<SearchResultEntry | undefined> {
  try {
    const properties = await converter.encode(message, call);
    const longId = formatLongId({ folderId: message.folderId, itemId: message.id });
    return { properties, ...(longId === undefined ? {} : { longId }), ...(collectionId === undefined ? {} : { collectionId }) };
  } catch (error) {
    // One message the converter cannot read must not cost the user every other result.
    sc.log.warn({ err: error, folderId: message.folderId, itemId: message.id }, 'Search result left out: message could not be encoded');
    return undefined;
  }
}

export async function runMailboxSearch(sc: MailboxSearchContext, query: MailboxQuery, options: MailboxSearchOptions): Promise<StoreMatches> {
  const scope = await resolveSearchScope(sc, sc.key, query, options.deepTraversal);
  const { range } = options;
  const found = await sc.stores.mail.search(sc.key.user, {
    folderIds: scope.folderIds,
    words: query.words,
    ...(query.receivedAfter === undefined ? {} : { receivedAfter: query.receivedAfter }),
    ...(query.receivedBefore === undefined ? {} : { receivedBefore: query.receivedBefore }),
    offset: range.start,
    limit: range.end - range.start + 1,
  });
  const messages = await loadMessages(sc, found.hits);
  const serverIds = await collectionIds(sc, found.hits);
  const converter = createSyncConverters().Email as ItemConverter;
  const results: SearchResultEntry[] = [];
  for (const hit of found.hits) {
    const message = messages.get(hit.folderId)?.get(hit.id);
    if (message === undefined) continue;
    const folder: Folder | undefined = scope.folders.get(hit.folderId);
    const call: ConverterCall = {
      protocolVersion: sc.protocolVersion,
      options: { bodyPreferences: options.bodyPreferences, ...(options.mimeSupport === undefined ? {} : { mimeSupport: options.mimeSupport }) },
      ...(folder === undefined ? {} : { folderType: folder.type }),
    };
    const entry = await encodeHit(sc, converter, call, message, serverIds.get(hit.folderId));
    if (entry !== undefined) results.push(entry);
  }
  return { results, start: range.start, total: found.total };
}
