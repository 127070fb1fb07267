// Sync and GetItemEstimate status codes (MS-ASCMD 2.2.3.177.17 and 2.2.3.177.6) the engine and the
// commands answer with, in one place so the numbers are written once.

export const SyncStatus = {
  Success: 1,
  /** The SyncKey names no kept state: the client starts the collection over from 0. */
  InvalidSyncKey: 3,
  ProtocolError: 4,
  ServerError: 5,
  /** Per item: the client's data could not be converted. */
  ConversionError: 6,
  /** Per item: the client changed an item the server changed too; the server's version wins. */
  Conflict: 7,
  /** Per item: no such item (deleted on the server or by another device). */
  ObjectNotFound: 8,
  /** The store is out of space (a quota, a full disk): the client tells the user and retries later. */
  CannotComplete: 9,
  /** The collection is unknown: the client must FolderSync (CLIENT-QUIRKS §1: iOS recovers only this way). */
  FolderHierarchyChanged: 12,
  /** An empty or partial request with no cached request to complete it. */
  IncompleteRequest: 13,
  /** Wait or HeartbeatInterval out of range; the reply carries Limit. */
  InvalidWaitOrHeartbeat: 14,
  /** The request names more collections than MAX_SYNC_COLLECTIONS: the client syncs fewer at once. */
  TooManyCollections: 15,
  /** A transient backend failure (a locked database, a server not answering): the client resends the same request. */
  Retry: 16,
} as const;
export type SyncStatus = (typeof SyncStatus)[keyof typeof SyncStatus];

export const EstimateStatus = {
  Success: 1,
  InvalidCollection: 2,
  /** The collection was never synced (the client still holds key 0). */
  NotPrimed: 3,
  InvalidSyncKey: 4,
} as const;
export type EstimateStatus = (typeof EstimateStatus)[keyof typeof EstimateStatus];
