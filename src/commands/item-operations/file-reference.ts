// The FileReference (MS-ASAIRS 2.2.2.24.1) of a mail attachment: a prefix naming the message,
// then the attachment's part index (src/content/email/attachments.ts). iOS and Android fetch an
// attachment by its FileReference alone, with no CollectionId (CLIENT-QUIRKS §6.6), so the prefix
// names the message on its own: by the LongId of its backend folder and item, which Sync, Search
// and ItemOperations can all write without knowing the device's ServerIds. A prefix made of an
// item ServerId ("<collection>:<n>:") is read too, for references written that way.

import { parseFileReference } from '../../content/email/index.js';
import { formatLongId, parseLongId, type LongIdTarget } from '../long-id.js';

export type AttachmentReference =
  | { readonly kind: 'backend'; readonly folderId: string; readonly itemId: string; readonly partIndex: number }
  | { readonly kind: 'server-id'; readonly collectionId: string; readonly serverId: string; readonly partIndex: number };

const SEPARATOR = ':';

/** The prefix for attachments of this message; undefined when its ids do not fit a LongId. */
export function fileReferencePrefixFor(target: LongIdTarget): string | undefined {
  const longId = formatLongId(target);
  return longId === undefined ? undefined : `${longId}${SEPARATOR}`;
}

/** The message and attachment a FileReference names; undefined for anything we never wrote. */
export function parseAttachmentReference(reference: string): AttachmentReference | undefined {
  const split = parseFileReference(reference.trim());
  if (split === undefined || !split.prefix.endsWith(SEPARATOR)) return undefined;
  const prefix = split.prefix.slice(0, -SEPARATOR.length);
  if (prefix.includes('/')) {
    const target = parseLongId(prefix);
    return target === undefined ? undefined : { kind: 'backend', ...target, partIndex: split.partIndex };
  }
  // An item ServerId is "<collectionId>:<n>" (the sync engine's allocateServerIds).
  const match = /^([^:]+):\d+$/.exec(prefix);
  if (match?.[1] === undefined) return undefined;
  return { kind: 'server-id', collectionId: match[1], serverId: prefix, partIndex: split.partIndex };
}
