// FilterType (MS-ASCMD 2.2.3.68.2): the device keeps only the items of a time window, or only the
// incomplete tasks. Mail takes 1-5 (one day to one month back, by receive time), calendars 4-7 (two
// weeks to six months back: a series stays while any occurrence ends after the cut-off), tasks 8.
// Items outside the window are not sent, and one the device holds that falls outside it goes out
// as a SoftDelete (MS-ASCMD 2.2.3.172) rather than a Delete, because it still exists on the server.
// A value a class does not define (FilterType 6 on mail, 8 on a calendar) filters nothing.

import type { ItemClass } from '../domain/folder.js';
import type { ItemRef } from '../domain/item.js';

export interface ItemFilter {
  /** Mail received before this, or an event whose every occurrence ended before it, is outside. */
  readonly since?: Date;
  /** FilterType 8: completed tasks are outside. */
  readonly incompleteOnly?: boolean;
}

/**
 * Windows that age: once this long has passed since the last look, the engine re-checks the items
 * the device holds so the ones that grew too old leave as SoftDeletes (the spec has the server keep
 * the window). Hours, not minutes: the re-check reads every item the device holds.
 */
export const FILTER_SWEEP_MS = 6 * 3_600_000;

const DAY_MS = 86_400_000;

type Span = { readonly days: number } | { readonly months: number };

const SPANS: Partial<Record<ItemClass, Readonly<Record<number, Span>>>> = {
  Email: { 1: { days: 1 }, 2: { days: 3 }, 3: { days: 7 }, 4: { days: 14 }, 5: { months: 1 } },
  Calendar: { 4: { days: 14 }, 5: { months: 1 }, 6: { months: 3 }, 7: { months: 6 } },
};

function back(now: number, span: Span): Date {
  if ('days' in span) return new Date(now - span.days * DAY_MS);
  const date = new Date(now);
  date.setUTCMonth(date.getUTCMonth() - span.months);
  return date;
}

/** The window a collection of `itemClass` keeps for `filterType`, or undefined for none. */
export function filterFor(itemClass: ItemClass, filterType: number | undefined, now: number): ItemFilter | undefined {
  if (filterType === undefined || filterType === 0) return undefined;
  if (itemClass === 'Tasks') return filterType === 8 ? { incompleteOnly: true } : undefined;
  const span = SPANS[itemClass]?.[filterType];
  return span === undefined ? undefined : { since: back(now, span) };
}

/** The check for classes whose converter has none: a receive time before `since` (mail) is outside. */
export function receivedWithin(item: ItemRef, filter: ItemFilter): boolean {
  if (filter.since === undefined) return true;
  const receivedAt = (item as { receivedAt?: unknown }).receivedAt;
  return !(receivedAt instanceof Date) || receivedAt.getTime() >= filter.since.getTime();
}
