// What the engine keeps per collection in the state store's opaque JSON (CollectionState.state):
// where it stands in the backend's change stream and the backlog of items it still owes the
// device. The backlog holds backend ids only; whether each becomes an Add, a Change, a Delete or
// nothing is decided when it is sent, against the id map (so echoes of the device's own writes and
// items added and deleted in between cost nothing).

import type { JsonValue } from '../domain/state-store.js';

export interface CollectionProgress {
  /** Backend change token; null until the first listing (right after SyncKey 0). */
  readonly token: string | null;
  /** Backend ids still to be looked at, oldest first, without duplicates. */
  readonly pending: readonly string[];
  /** True for the state SyncKey 0 created, until the first items are sent (CLIENT-QUIRKS §1 repeated 0). */
  readonly initial: boolean;
  readonly supported?: readonly string[];
}

export const FRESH_PROGRESS: CollectionProgress = { token: null, pending: [], initial: true };

export function progressToJson(progress: CollectionProgress): JsonValue {
  const out: { [key: string]: JsonValue } = {
    token: progress.token,
    pending: [...progress.pending],
    initial: progress.initial,
  };
  if (progress.supported !== undefined) out.supported = [...progress.supported];
  return out;
}

const isStringArray = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((entry) => typeof entry === 'string');

/** Reads the stored JSON; anything unreadable counts as a fresh start (the backlog is rebuilt from a listing). */
export function progressFromJson(value: JsonValue): CollectionProgress {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return FRESH_PROGRESS;
  const token = typeof value.token === 'string' ? value.token : null;
  const pending = isStringArray(value.pending) ? value.pending : [];
  const initial = value.initial === true;
  return isStringArray(value.supported) ? { token, pending, initial, supported: value.supported } : { token, pending, initial };
}

/** Appends ids not queued yet (keeping each one's first position), or with `front` moves them to the head in the given order. */
export function enqueue(pending: readonly string[], ids: Iterable<string>, front = false): string[] {
  if (front) {
    const first = [...new Set(ids)];
    const moved = new Set(first);
    return [...first, ...pending.filter((id) => !moved.has(id))];
  }
  const seen = new Set(pending);
  const out = [...pending];
  for (const id of ids) {
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(id);
  }
  return out;
}
