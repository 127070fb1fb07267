// ChangeFeed port: tells the push hub that a user's folder changed. Backends emit after the write
// is committed (embedded change log, IMAP IDLE/NOTIFY, DAV sync-token checks, PostgreSQL LISTEN);
// coalescing bursts into one wake-up is the hub's job, not the feed's.

import type { FolderChangeEvent, HierarchyChangeEvent, Unsubscribe } from './change.js';

export type FolderChangeListener = (event: FolderChangeEvent) => void;
export type HierarchyChangeListener = (event: HierarchyChangeEvent) => void;

export interface ChangeFeed {
  /**
   * Calls `listener` for every committed change to one of `folderIds` of `user` until the returned
   * function is called. Listeners run synchronously after the commit and must not block; an error a
   * listener throws never fails the write that caused it.
   */
  subscribe(user: string, folderIds: readonly string[], listener: FolderChangeListener): Unsubscribe;

  /** Calls `listener` after every committed change to the user's folder hierarchy. */
  subscribeHierarchy(user: string, listener: HierarchyChangeListener): Unsubscribe;
}
