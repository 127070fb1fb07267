// The occurrences of a stored event inside a window: what Sync's calendar FilterType and
// GetItemEstimate need to decide whether a recurring series is "in range" (MS-ASCMD 2.2.3.70.1),
// and what the tests use to show two calendar objects mean the same thing. ical.js expands the
// RRULE over floating wall times; every wall time is then placed with the event's own zone.
import ICAL from 'ical.js';
import { wallToUtc } from '../timezone/index.js';
import { frameOf, parseCalendar } from './ical-event-read.js';
import { icalDate, icalDateTime, readTime, readTimes, wallOfTime, type PropertyTime } from './ical-time.js';
import type { CalendarContext, EventFrame } from './event-frame.js';

export interface Occurrence {
  /** The slot in the series (RECURRENCE-ID), as an instant; for all-day series the wall midnight. */
  readonly recurrenceId: number;
  readonly start: number;
  readonly end: number;
  readonly allDay: boolean;
}

/** Iterations a single expansion may take: a daily rule over centuries stops here. */
const MAX_ITERATIONS = 100_000;

/** Dates stay wall midnights (all-day occurrences are days, not instants). */
function instant(value: PropertyTime, frame: EventFrame): number {
  if (value.anchor.kind === 'date' || value.anchor.kind === 'utc') return value.wall;
  return wallToUtc(value.anchor.kind === 'zoned' ? value.anchor.zone : frame.zone, value.wall);
}

function seriesWalls(master: ICAL.Component, startWall: number, isDate: boolean, toWall: number): number[] {
  const floating = isDate ? icalDate(startWall) : icalDateTime(startWall, false);
  const walls = [startWall];
  const rrule = master.getFirstPropertyValue('rrule');
  if (rrule instanceof ICAL.Recur) {
    const iterator = rrule.iterator(floating);
    // ical.js yields DTSTART first, which RFC 5545 3.8.5.3 counts as the first instance anyway.
    iterator.next();
    for (let next = iterator.next(), n = 0; next !== null && n < MAX_ITERATIONS; next = iterator.next(), n += 1) {
      const wall = wallOfTime(next);
      if (wall > toWall) break;
      walls.push(wall);
    }
  }
  return walls;
}

/** Occurrences overlapping [fromMs, toMs), in start order, overrides and EXDATEs applied. */
export function eventOccurrences(icalendar: string, fromMs: number, toMs: number, ctx: CalendarContext): Occurrence[] {
  const parsed = parseCalendar(icalendar);
  const frame = frameOf(parsed, ctx);
  const start = readTime(parsed.master.getFirstProperty('dtstart'), parsed.root, frame.zone);
  if (start === undefined) return [];
  const end = readTime(parsed.master.getFirstProperty('dtend'), parsed.root, frame.zone);
  const duration = parsed.master.getFirstPropertyValue('duration');
  const length = end !== undefined ? instant(end, frame) - instant(start, frame)
    : duration instanceof ICAL.Duration ? duration.toSeconds() * 1000 : frame.allDay ? 86_400_000 : 0;
  const isDate = start.anchor.kind === 'date';
  // Wall times run ahead of UTC by at most 14 hours; expand a little past the window.
  const walls = seriesWalls(parsed.master, start.wall, isDate, toMs + 15 * 3_600_000);
  const place = (wall: number): number => (isDate ? wall : instant({ ...start, wall }, frame));
  const excluded = new Set<number>();
  for (const prop of parsed.master.getAllProperties('exdate')) {
    for (const value of readTimes(prop, parsed.root, frame.zone)) excluded.add(instant(value, frame));
  }
  const overridden = new Map<number, Occurrence | null>();
  const seriesCancelled = String(parsed.master.getFirstPropertyValue('status') ?? '').toUpperCase() === 'CANCELLED';
  for (const override of parsed.overrides) {
    const id = readTime(override.getFirstProperty('recurrence-id'), parsed.root, frame.zone);
    const oStart = readTime(override.getFirstProperty('dtstart'), parsed.root, frame.zone);
    if (id === undefined) continue;
    const key = instant(id, frame);
    const cancelled = String(override.getFirstPropertyValue('status') ?? '').toUpperCase() === 'CANCELLED' && !seriesCancelled;
    if (cancelled || oStart === undefined) {
      overridden.set(key, null);
      continue;
    }
    const oEnd = readTime(override.getFirstProperty('dtend'), parsed.root, frame.zone);
    const s = instant(oStart, frame);
    overridden.set(key, { recurrenceId: key, start: s, end: oEnd === undefined ? s + length : instant(oEnd, frame), allDay: oStart.anchor.kind === 'date' });
  }
  const result: Occurrence[] = [];
  for (const wall of walls) {
    const id = place(wall);
    if (excluded.has(id)) continue;
    const occurrence = overridden.has(id) ? overridden.get(id) : { recurrenceId: id, start: id, end: id + length, allDay: isDate };
    if (occurrence === null || occurrence === undefined) continue;
    // A zero-length event still occupies its start instant.
    if (Math.max(occurrence.end, occurrence.start + 1) > fromMs && occurrence.start < toMs) result.push(occurrence);
  }
  return result.sort((a, b) => a.start - b.start);
}
