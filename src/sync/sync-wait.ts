// Long-poll Sync (MS-ASCMD 2.2.3.198 Wait, 2.2.3.88.2 HeartbeatInterval): when nothing is to be
// reported, the request is held until one of its folders changes, the time is up or the client
// goes away. A held request is a promise, a timer and a ChangeFeed subscription, never a poll.
// The subscription starts before the collections are read, so a change committed between that
// read and the hold is not missed: the watch has already seen it and the wait ends at once.

import type { ChangeFeed } from '../domain/change-feed.js';

/** MS-ASCMD 2.2.3.198: Wait is 1-59 minutes. */
export const WAIT_MINUTES = { min: 1, max: 59 } as const;
/** MS-ASCMD 2.2.3.88.2 and CLIENT-QUIRKS §6.5: HeartbeatInterval is 60-3540 seconds. */
export const HEARTBEAT_SECONDS = { min: 60, max: 3540 } as const;

export interface FolderWatch {
  /** Resolves true once a watched folder changed (at once if it already did), false when the time ran out or the signal aborted. */
  wait(timeoutMs: number, signal: AbortSignal): Promise<boolean>;
  /** Ends the subscription; every path that opened a watch must close it. */
  close(): void;
}

/** Starts recording changes to `folderIds` of `user` now, before the caller reads them. */
export function watchFolders(feed: ChangeFeed, user: string, folderIds: readonly string[]): FolderWatch {
  let changed = false;
  let wake: (() => void) | undefined;
  const unsubscribe = folderIds.length === 0 ? () => undefined : feed.subscribe(user, folderIds, () => {
    changed = true;
    wake?.();
  });
  return {
    wait(timeoutMs, signal) {
      if (changed) return Promise.resolve(true);
      if (signal.aborted || folderIds.length === 0) return Promise.resolve(false);
      return new Promise((resolve) => {
        const finish = (result: boolean): void => {
          wake = undefined;
          clearTimeout(timer);
          signal.removeEventListener('abort', onAbort);
          resolve(result);
        };
        const onAbort = (): void => finish(false);
        const timer = setTimeout(() => finish(false), timeoutMs);
        wake = () => finish(true);
        signal.addEventListener('abort', onAbort, { once: true });
      });
    },
    close: unsubscribe,
  };
}
