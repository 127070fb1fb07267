// The SyncKey lifecycle of a device's folder hierarchy (ARCHITECTURE.md "SyncKey and retries"):
// which kept state a request's key names, replaying the reply that handed out the current key to
// a client that resends the previous one, and committing a new state together with its reply.

import type { DeviceKey } from '../domain/device.js';
import type { FolderEntry, HierarchyState, HierarchyStateStore, StatePair } from '../domain/state-store.js';
import type { WbxmlElement } from '../eas/wbxml-body.js';
import { formatHierarchySyncKey } from './hierarchy-sync-key.js';
import {
  HierarchyStatus,
  loadStoredReply,
  statusReply,
  storedReply,
  withSyncKey,
  type HierarchyCommand,
} from './hierarchy-reply.js';

/** What the engine answers a hierarchy command with. */
export interface HierarchyReply {
  readonly status: HierarchyStatus;
  readonly root: WbxmlElement;
  /** The reply was the stored answer to an earlier, identical request (a retry after a lost reply). */
  readonly replayed: boolean;
  /** The store or state-store error a failure status stands for, for the log. */
  readonly cause?: unknown;
}

/**
 * The committed state a request builds on. `current` is the normal path; `previous` is a client
 * that never got the reply that handed out the current key: the state store rolls the current
 * state back when a commit names the previous key as its base.
 */
export type HierarchyBase =
  | { readonly kind: 'current'; readonly state: HierarchyState }
  | { readonly kind: 'previous'; readonly state: HierarchyState; readonly current: HierarchyState };

export function resolveBase(pair: StatePair<HierarchyState>, key: number): HierarchyBase | undefined {
  const { current, previous } = pair;
  if (current === null) return undefined;
  if (current.syncKey === key) return { kind: 'current', state: current };
  if (previous !== null && previous.syncKey === key) return { kind: 'previous', state: previous, current };
  return undefined;
}

export function failure(command: HierarchyCommand, status: HierarchyStatus, cause?: unknown): HierarchyReply {
  return { status, root: statusReply(command, status), replayed: false, ...(cause === undefined ? {} : { cause }) };
}

export function success(body: WbxmlElement, syncKey: number): HierarchyReply {
  return { status: HierarchyStatus.Success, root: withSyncKey(body, formatHierarchySyncKey(syncKey)), replayed: false };
}

/** The stored body of `state` if `command` produced it, for the caller to check it answers this very request. */
export function storedBody(state: HierarchyState, command: HierarchyCommand): WbxmlElement | undefined {
  return loadStoredReply(state.response, command);
}

/** The reply that handed out `state`'s key, sent again with that key. */
export function replay(state: HierarchyState, body: WbxmlElement): HierarchyReply {
  return { ...success(body, state.syncKey), replayed: true };
}

/** Commits the folder set the device holds once it has the reply, storing the reply for replay. */
export async function commitReply(
  store: HierarchyStateStore,
  key: DeviceKey,
  baseKey: number,
  folders: readonly FolderEntry[],
  body: WbxmlElement,
): Promise<HierarchyReply> {
  const state = await store.commit(key, { baseKey, folders, response: storedReply(body) });
  return success(body, state.syncKey);
}
