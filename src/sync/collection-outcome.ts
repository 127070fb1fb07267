// What the engine answers for one collection of a Sync: the Collection element and the facts the
// command layer needs around it (whether to show it, the window budget it used, what to log).

import type { WbxmlElement } from '../eas/wbxml-body.js';

export interface CollectionOutcome {
  readonly collectionId: string;
  readonly status: number;
  readonly element: WbxmlElement;
  /** Whether the reply tells the device anything (a new key, commands or responses). */
  readonly reported: boolean;
  readonly replayed: boolean;
  readonly moreAvailable: boolean;
  /** Backend ids the converter could not encode; the caller logs them. */
  readonly skipped: readonly string[];
  /** Backend ids loop detection stopped sending to this device (the caller logs a warning). */
  readonly quarantined: readonly string[];
  /** Server commands (Add, Change, Delete) the reply carries, against the request's WindowSize. */
  readonly sent: number;
  /** The store failure behind a Status 9 or 16, for the log. */
  readonly failure?: unknown;
}

export function collectionOutcome(collectionId: string, status: number, element: WbxmlElement, extra: Partial<CollectionOutcome> = {}): CollectionOutcome {
  return { collectionId, status, element, reported: true, replayed: false, moreAvailable: false, skipped: [], quarantined: [], sent: 0, ...extra };
}
