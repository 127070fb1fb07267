// LongId (MS-ASCMD 2.2.3.98): the handle a mailbox Search result carries so a device can fetch
// (ItemOperations), reply to or forward (SmartReply/SmartForward Source) a message it has not
// synced. It names the backend folder and item directly, not a device's ServerIds, because a
// search reaches folders the device never synced. At most 256 characters by the spec.

export interface LongIdTarget {
  readonly folderId: string;
  readonly itemId: string;
}

const MAX_LONG_ID = 256;

/** The LongId for a backend item; undefined when the ids are too long to fit the spec's 256 characters. */
export function formatLongId(target: LongIdTarget): string | undefined {
  const text = `${encodeURIComponent(target.folderId)}/${encodeURIComponent(target.itemId)}`;
  return text.length <= MAX_LONG_ID ? text : undefined;
}

/** The backend folder and item a LongId names; undefined for anything we did not hand out. */
export function parseLongId(text: string): LongIdTarget | undefined {
  if (text.length === 0 || text.length > MAX_LONG_ID) return undefined;
  const parts = text.split('/');
  if (parts.length !== 2) return undefined;
  try {
    const [folderId, itemId] = parts.map((part) => decodeURIComponent(part ?? ''));
    if (folderId === undefined || itemId === undefined || folderId === '' || itemId === '') return undefined;
    return { folderId, itemId };
  } catch {
    return undefined;
  }
}
