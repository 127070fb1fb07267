// Long-poll Sync (MS-ASCMD 2.2.3.198 Wait, 2.2.3.88.2 HeartbeatInterval): when nothing is to be
// reported, the request is held until one of its folders changes, the time is up or the client
// goes away. A held request is a promise, a timer and a ChangeFeed subscription, never a poll.

import type { ChangeFeed } from '../domain/change-feed.js';

/** MS-ASCMD 2.2.3.198: Wait is 1-59 minutes. */
export const WAIT_MINUTES = { min: 1, max: 59 } as const;
/** MS-ASCMD 2.2.3.88.2 and CLIENT-QUIRKS §6.5: HeartbeatInterval is 60-3540 seconds. */
export const HEARTBEAT_SECONDS = { min: 60, max: 3540 } as const;

/** Resolves true when a folder changed, false when the time ran out or the signal aborted. */
export function waitForFolderChange(
  feed: ChangeFeed,
  user: string,
  folderIds: readonly string[],
  timeoutMs: number,
  signal: AbortSignal,
): Promise<boolean> {
  if (signal.aborted || folderIds.length === 0) return Promise.resolve(false);
  return new Promise((resolve) => {
    let settled = false;
    const finish = (changed: boolean): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      unsubscribe();
      signal.removeEventListener('abort', onAbort);
      resolve(changed);
    };
    const onAbort = (): void => finish(false);
    const timer = setTimeout(() => finish(false), timeoutMs);
    const unsubscribe = feed.subscribe(user, folderIds, () => finish(true));
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
