// What the engine keeps per collection in the state store's opaque JSON (CollectionState.state):
// where it stands in the backend's change stream and the backlog of items it still owes the
// device. The backlog holds backend ids only; whether each becomes an Add, a Change, a Delete or
// nothing is decided when it is sent, against the id map (so echoes of the device's own writes and
// items added and deleted in between cost nothing). The rest serves FilterType (which window the
// device's items were chosen for, when it was last re-checked) and loop detection (see
// loop-detection.ts: items to send one at a time, the item a one-item reply carried, items skipped
// for this device, and the id-map changes the client's own commands made, to rebuild a reply).

import type { IdMapChange, JsonValue } from '../domain/state-store.js';

export interface CollectionProgress {
  /** Backend change token; null until the first listing (right after SyncKey 0). */
  readonly token: string | null;
  /** Backend ids still to be looked at, oldest first, without duplicates. */
  readonly pending: readonly string[];
  /** True for the state SyncKey 0 created, until the first items are sent (CLIENT-QUIRKS §1 repeated 0). */
  readonly initial: boolean;
  readonly supported?: readonly string[];
  /** The FilterType the device's items were chosen with; a different one re-lists the folder. */
  readonly filterType?: number;
  /** When the items the device holds were last re-checked against an ageing window (ms). */
  readonly sweptAt?: number;
  /** Loop detection: this many more items go out one per reply. */
  readonly probe?: number;
  /** Loop detection: the backend id of the one Add or Change this state's reply carried. */
  readonly single?: string;
  /** Loop detection: backend id → the version this device kept failing on; not sent again until it changes. */
  readonly skipped?: Readonly<Record<string, string>>;
  /** The id-map changes the client's own commands made in this state (to rebuild its reply). */
  readonly ownChanges?: readonly IdMapChange[];
}

export const FRESH_PROGRESS: CollectionProgress = { token: null, pending: [], initial: true };

/** The fields that describe one reply only; a new state starts without them. */
export function carriedOver(progress: CollectionProgress): CollectionProgress {
  const { single: _single, ownChanges: _own, ...rest } = progress;
  return rest;
}

export function progressToJson(progress: CollectionProgress): JsonValue {
  const out: { [key: string]: JsonValue } = {
    token: progress.token,
    pending: [...progress.pending],
    initial: progress.initial,
  };
  if (progress.supported !== undefined) out.supported = [...progress.supported];
  if (progress.filterType !== undefined) out.filterType = progress.filterType;
  if (progress.sweptAt !== undefined) out.sweptAt = progress.sweptAt;
  if (progress.probe !== undefined && progress.probe > 0) out.probe = progress.probe;
  if (progress.single !== undefined) out.single = progress.single;
  if (progress.skipped !== undefined && Object.keys(progress.skipped).length > 0) out.skipped = { ...progress.skipped };
  if (progress.ownChanges !== undefined && progress.ownChanges.length > 0) out.ownChanges = progress.ownChanges.map(changeToJson);
  return out;
}

const isStringArray = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((entry) => typeof entry === 'string');

const isStringRecord = (value: unknown): value is Record<string, string> =>
  value !== null && typeof value === 'object' && !Array.isArray(value) && Object.values(value).every((v) => typeof v === 'string');

const count = (value: unknown): number | undefined => (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : undefined);

function changeToJson(change: IdMapChange): JsonValue {
  return change.op === 'delete'
    ? { op: 'delete', serverId: change.serverId }
    : { op: 'put', serverId: change.serverId, backendId: change.backendId, version: change.version ?? null };
}

function changeFromJson(value: unknown): IdMapChange | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const { op, serverId, backendId, version } = value as Record<string, unknown>;
  if (typeof serverId !== 'string') return undefined;
  if (op === 'delete') return { op, serverId };
  if (op !== 'put' || typeof backendId !== 'string') return undefined;
  return { op, serverId, backendId, version: typeof version === 'string' ? version : null };
}

function ownChangesFrom(value: unknown): IdMapChange[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const changes = value.map(changeFromJson);
  return changes.every((c): c is IdMapChange => c !== undefined) ? changes : undefined;
}

/** Reads the stored JSON; anything unreadable counts as a fresh start (the backlog is rebuilt from a listing). */
export function progressFromJson(value: JsonValue): CollectionProgress {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return FRESH_PROGRESS;
  const token = typeof value.token === 'string' ? value.token : null;
  const pending = isStringArray(value.pending) ? value.pending : [];
  const filterType = count(value.filterType);
  const sweptAt = count(value.sweptAt);
  const probe = count(value.probe);
  const ownChanges = ownChangesFrom(value.ownChanges);
  return {
    token, pending, initial: value.initial === true,
    ...(isStringArray(value.supported) ? { supported: value.supported } : {}),
    ...(filterType === undefined ? {} : { filterType }),
    ...(sweptAt === undefined ? {} : { sweptAt }),
    ...(probe === undefined || probe === 0 ? {} : { probe }),
    ...(typeof value.single === 'string' ? { single: value.single } : {}),
    ...(isStringRecord(value.skipped) ? { skipped: value.skipped } : {}),
    ...(ownChanges === undefined ? {} : { ownChanges }),
  };
}

/** Appends ids not queued yet (keeping each one's first position), or with `front` moves them to the head in the given order. */
export function enqueue(pending: readonly string[], ids: Iterable<string>, front = false): string[] {
  if (front) {
    const first = [...new Set(ids)];
    const moved = new Set(first);
    return [...first, ...pending.filter((id) => !moved.has(id))];
  }
  const added = [...ids];
  // The usual Sync finds nothing new: no set of a backlog that may hold thousands of ids.
  if (added.length === 0) return [...pending];
  const seen = new Set(pending);
  const out = [...pending];
  for (const id of added) {
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(id);
  }
  return out;
}
