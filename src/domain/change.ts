// Backend-neutral change model: what "changes since a token" returns for one folder, and the
// events a ChangeFeed emits. The sync engine turns ChangeSets into Sync Add/Change/Delete and the
// push hub turns events into Ping and long-poll Sync wake-ups.

export type ChangeKind = 'added' | 'changed' | 'deleted';

/**
 * The net effect on one item since the token: an item added and then changed is 'added', an item
 * added and then deleted within the range does not appear at all, an item deleted and moved back
 * is 'changed'. Each item appears at most once per ChangeSet.
 */
export interface ItemChange {
  readonly kind: ChangeKind;
  readonly itemId: string;
  /** The item's version after the change; absent for 'deleted'. Lets the engine skip its own echoes. */
  readonly version?: string;
}

export interface ChangeSet {
  /** Token for the state after these changes; pass it to the next changesSince call. */
  readonly token: string;
  readonly changes: readonly ItemChange[];
  /** True when the limit stopped the read early: call again with `token` for the rest. */
  readonly more: boolean;
}

export interface ChangesSinceOptions {
  /** Upper bound on log entries read in one call; the result then has at most this many changes. */
  readonly limit?: number;
}

/** Emitted after a committed write that touched items of a folder (or the folder itself). */
export interface FolderChangeEvent {
  readonly user: string;
  readonly folderId: string;
}

/** Emitted after a committed folder create, rename, move or delete (Ping Status 7 territory). */
export interface HierarchyChangeEvent {
  readonly user: string;
}

export type Unsubscribe = () => void;
