// FilterType for mail (MS-ASCMD 2.2.3.68.2): the device keeps only messages received within the
// chosen period. Messages older than the cut-off are not sent, and one the device holds that is
// found outside it goes out as a SoftDelete (MS-ASCMD 2.2.3.172) rather than a Delete, because it
// still exists on the server.

import type { ItemRef } from '../domain/item.js';

const DAY_MS = 86_400_000;

/** Email FilterType values 1-5: one day, three days, one week, two weeks, one month. */
const MAIL_FILTER_DAYS: Readonly<Record<number, number>> = { 1: 1, 2: 3, 3: 7, 4: 14, 5: 30 };

/** The oldest receive time the device keeps, or undefined for no filter (0, absent, or not a mail value). */
export function mailCutoff(filterType: number | undefined, now: number): Date | undefined {
  const days = filterType === undefined ? undefined : MAIL_FILTER_DAYS[filterType];
  return days === undefined ? undefined : new Date(now - days * DAY_MS);
}

/** Whether a stored item falls before the cut-off; items without a receive time are always in. */
export function beforeCutoff(item: ItemRef, cutoff: Date | undefined): boolean {
  if (cutoff === undefined) return false;
  const receivedAt = (item as { receivedAt?: unknown }).receivedAt;
  return receivedAt instanceof Date && receivedAt.getTime() < cutoff.getTime();
}
