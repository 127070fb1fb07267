// FilterType windows that need an item's content (MS-ASCMD 2.2.3.68.2), for the Sync converters:
// a calendar series stays on the device while any of its occurrences ends after the cut-off (a
// weekly meeting that began years ago is still current), and FilterType 8 keeps only tasks that
// are not complete. Mail needs none: its receive time is in the stored summary.

import { eventOccurrences } from '../../content/calendar/index.js';
import { easTaskFromIcal } from '../../content/task/index.js';
import type { ConversionContext } from '../../content/conversion-context.js';

/**
 * How far past the cut-off a finite series is expanded first. Expansion walks a series from its
 * start (about 10 µs an occurrence), so a long series with an UNTIL far ahead stops here; only one
 * with no occurrence in this year is walked to its end, which its COUNT or UNTIL bounds.
 */
const FIRST_LOOK_MS = 366 * 86_400_000;
/** A rule without COUNT or UNTIL runs forever. */
const ENDLESS_RULE = /^RRULE:(?![^\r\n]*\b(?:COUNT|UNTIL)=)/im;

/** Whether some occurrence of the stored event (overrides and EXDATEs applied) ends after `cutoffMs`. */
export function eventEndsAfter(icalendar: string, cutoffMs: number, ctx: ConversionContext): boolean {
  if (!/^RRULE:/im.test(icalendar)) return eventOccurrences(icalendar, cutoffMs, Number.MAX_SAFE_INTEGER, ctx).length > 0;
  // An endless rule always has occurrences ahead (EXDATEs and overrides can only remove finitely many).
  if (ENDLESS_RULE.test(icalendar)) return true;
  if (eventOccurrences(icalendar, cutoffMs, cutoffMs + FIRST_LOOK_MS, ctx).length > 0) return true;
  return eventOccurrences(icalendar, cutoffMs + FIRST_LOOK_MS, Number.MAX_SAFE_INTEGER, ctx).length > 0;
}

export function taskIncomplete(icalendar: string, ctx: ConversionContext): boolean {
  return easTaskFromIcal(icalendar, ctx).complete !== true;
}
