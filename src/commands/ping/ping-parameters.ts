// Decides a Ping's parameters from the request and the device's cached Ping (MS-ASCMD 3.1.5.8):
// what the request leaves out comes from the cache; a value the request sends outside the
// configured bounds is refused with the bound (Status 5 with HeartbeatInterval, 2.2.3.88.1;
// Status 6 with MaxFolders, 2.2.3.102); nothing to complete the request from is Status 3.

import type { PingSettings } from '../command-deps.js';
import type { PingCache } from './ping-cache.js';
import { PingStatus, type PingReplyExtras } from './ping-reply.js';
import type { PingFolder, PingRequestBody } from './ping-request.js';

export type PingPlan =
  | { readonly kind: 'answer'; readonly status: PingStatus; readonly extras?: PingReplyExtras }
  | { readonly kind: 'watch'; readonly heartbeatInterval: number; readonly folders: readonly PingFolder[] };

const answer = (status: PingStatus, extras?: PingReplyExtras): PingPlan => ({ kind: 'answer', status, ...(extras === undefined ? {} : { extras }) });

function inBounds(seconds: number, settings: PingSettings): boolean {
  return seconds >= settings.minHeartbeatSeconds && seconds <= settings.maxHeartbeatSeconds;
}

/** `body` undefined is an empty request. */
export function planPing(body: PingRequestBody | undefined, cache: PingCache, settings: PingSettings): PingPlan {
  const sentHeartbeat = body?.heartbeatInterval;
  if (sentHeartbeat !== undefined && !inBounds(sentHeartbeat, settings)) {
    const bound = sentHeartbeat < settings.minHeartbeatSeconds ? settings.minHeartbeatSeconds : settings.maxHeartbeatSeconds;
    return answer(PingStatus.HeartbeatOutOfRange, { heartbeatInterval: bound });
  }
  const sentFolders = body?.folders;
  if (sentFolders !== undefined && sentFolders.length > settings.maxFolders) {
    return answer(PingStatus.TooManyFolders, { maxFolders: settings.maxFolders });
  }
  const heartbeatInterval = sentHeartbeat ?? cache.heartbeatInterval;
  const folders = sentFolders ?? cache.folders;
  if (heartbeatInterval === undefined || folders === undefined || folders.length === 0) return answer(PingStatus.MissingParameters);
  // A cached value the operator's bounds have since excluded: the device resends everything and
  // then gets Status 5 or 6 for its own value (CLIENT-QUIRKS §6.5, as Z-Push does).
  if (!inBounds(heartbeatInterval, settings) || folders.length > settings.maxFolders) return answer(PingStatus.MissingParameters);
  return { kind: 'watch', heartbeatInterval, folders };
}
