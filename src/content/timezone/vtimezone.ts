// EAS rules ⇄ iCalendar VTIMEZONE (RFC 5545 3.6.5). Writing: the blob's two day-in-month rules
// become a STANDARD and a DAYLIGHT sub-component with a yearly RRULE, so any iCalendar reader
// (and ical.js for recurrence expansion) sees exactly the client's rules. Reading: a VTIMEZONE's
// observances are expanded and its transitions for the event's year are written back as rules.
import ICAL from 'ical.js';
import { hasDaylightSaving, type EasTimeZone, type SystemTime } from './timezone-blob.js';
import { blobOffsets, easTimeZoneFromZone, ruleWallTime } from './timezone-rules.js';
import type { ZoneOffsets } from './zone-offsets.js';

const DAY_CODES = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'] as const;

// RFC 5545 wants DTSTART of an observance to be a real onset; 1970 is before any event we carry.
const OBSERVANCE_BASE_YEAR = 1970;

function utcOffset(minutes: number): ICAL.UtcOffset {
  const abs = Math.abs(minutes);
  return new ICAL.UtcOffset({ hours: Math.floor(abs / 60), minutes: abs % 60, factor: minutes < 0 ? -1 : 1 });
}

function localTime(wallMs: number): ICAL.Time {
  const d = new Date(wallMs);
  return ICAL.Time.fromData({
    year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(),
    hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds(), isDate: false,
  });
}

function observance(name: 'standard' | 'daylight', from: number, to: number, rule: SystemTime | undefined): ICAL.Component {
  const component = new ICAL.Component(name);
  const start = rule === undefined
    ? Date.UTC(OBSERVANCE_BASE_YEAR, 0, 1)
    : ruleWallTime(rule, OBSERVANCE_BASE_YEAR);
  component.addPropertyWithValue('dtstart', localTime(start));
  component.addPropertyWithValue('tzoffsetfrom', utcOffset(from));
  component.addPropertyWithValue('tzoffsetto', utcOffset(to));
  if (rule !== undefined) {
    const week = rule.day >= 5 ? -1 : rule.day;
    const recur = ICAL.Recur.fromData({ freq: 'YEARLY' });
    recur.setComponent('BYMONTH', [rule.month]);
    recur.setComponent('BYDAY', [`${week}${DAY_CODES[rule.dayOfWeek] ?? 'SU'}`]);
    component.addPropertyWithValue('rrule', recur);
  }
  return component;
}

/** A VTIMEZONE that states the blob's rules under `tzid`. */
export function vtimezoneFromEasTimeZone(tz: EasTimeZone, tzid: string): ICAL.Component {
  const vtimezone = new ICAL.Component('vtimezone');
  vtimezone.addPropertyWithValue('tzid', tzid);
  const { standard, daylight } = blobOffsets(tz);
  if (!hasDaylightSaving(tz)) {
    vtimezone.addSubcomponent(observance('standard', standard, standard, undefined));
    return vtimezone;
  }
  vtimezone.addSubcomponent(observance('standard', daylight, standard, tz.standardDate));
  vtimezone.addSubcomponent(observance('daylight', standard, daylight, tz.daylightDate));
  return vtimezone;
}

interface Onset {
  readonly at: number;
  readonly from: number;
  readonly to: number;
}

function offsetMinutes(value: unknown): number {
  if (value instanceof ICAL.UtcOffset) return value.factor * (value.hours * 60 + value.minutes);
  return 0;
}

function wallOf(time: ICAL.Time): number {
  return Date.UTC(time.year, time.month - 1, time.day, time.hour, time.minute, time.second);
}

const DAY_INDEX: Readonly<Record<string, number>> = { SU: 0, MO: 1, TU: 2, WE: 3, TH: 4, FR: 5, SA: 6 };

/**
 * Onsets of the common "yearly on the nth weekday of a month" rule, computed directly for the
 * years asked about: expanding it with ical.js from a 1970 DTSTART costs milliseconds per zone.
 * Undefined when the rule has another shape.
 */
function nthWeekdayOnsets(recur: ICAL.Recur, dtstart: number, years: readonly number[], from: number): number[] | undefined {
  const parts = recur.toJSON() as Record<string, unknown>;
  const allowed = new Set(['freq', 'bymonth', 'byday', 'until', 'interval', 'wkst']);
  if (recur.freq !== 'YEARLY' || (recur.interval ?? 1) !== 1 || Object.keys(parts).some((k) => !allowed.has(k))) return undefined;
  const months = recur.getComponent('bymonth') as number[];
  const days = recur.getComponent('byday') as string[];
  const match = days.length === 1 ? /^([+-]?[1-5])?(SU|MO|TU|WE|TH|FR|SA)$/.exec(days[0] ?? '') : null;
  if (months.length !== 1 || match === null || match[1] === undefined) return undefined;
  const position = Number(match[1]);
  if (position < -1) return undefined;
  const time = new Date(dtstart);
  const until = recur.until === null ? undefined : recur.until.isDate ? wallOf(recur.until) + 86_400_000 : wallOf(recur.until);
  const walls: number[] = [];
  for (const year of years) {
    const rule = {
      year: 0, month: months[0] ?? 1, dayOfWeek: DAY_INDEX[match[2] ?? 'SU'] ?? 0, day: position < 0 ? 5 : position,
      hour: time.getUTCHours(), minute: time.getUTCMinutes(), second: time.getUTCSeconds(), milliseconds: 0,
    };
    const wall = ruleWallTime(rule, year);
    // UNTIL is UTC (or a date) while onsets are local: compare on the UTC axis.
    if (wall >= dtstart && (until === undefined || wall - from * 60_000 <= until)) walls.push(wall);
  }
  return walls;
}

function observanceWalls(observance: ICAL.Component, dtstart: ICAL.Time, year: number, from: number): number[] {
  const floating = ICAL.Time.fromData({
    year: dtstart.year, month: dtstart.month, day: dtstart.day,
    hour: dtstart.hour, minute: dtstart.minute, second: dtstart.second, isDate: false,
  });
  const start = wallOf(floating);
  const limit = Date.UTC(year + 2, 0, 1);
  const walls: number[] = [start];
  for (const rrule of observance.getAllProperties('rrule')) {
    const recur = rrule.getFirstValue();
    if (!(recur instanceof ICAL.Recur)) continue;
    const fast = nthWeekdayOnsets(recur, start, [year - 1, year, year + 1], from);
    if (fast !== undefined) {
      walls.push(...fast);
      continue;
    }
    const iterator = recur.iterator(floating);
    for (let next = iterator.next(), guard = 0; next !== null && guard < 5000; next = iterator.next(), guard += 1) {
      const wall = wallOf(next);
      if (wall >= limit) break;
      walls.push(wall);
    }
  }
  for (const rdate of observance.getAllProperties('rdate')) {
    for (const value of rdate.getValues()) if (value instanceof ICAL.Time) walls.push(wallOf(value));
  }
  return walls.filter((wall) => wall < limit);
}

function onsetsIn(vtimezone: ICAL.Component, year: number): Onset[] {
  const onsets: Onset[] = [];
  for (const observance of [...vtimezone.getAllSubcomponents('standard'), ...vtimezone.getAllSubcomponents('daylight')]) {
    const from = offsetMinutes(observance.getFirstPropertyValue('tzoffsetfrom'));
    const to = offsetMinutes(observance.getFirstPropertyValue('tzoffsetto'));
    const dtstart = observance.getFirstPropertyValue('dtstart');
    if (!(dtstart instanceof ICAL.Time)) continue;
    // Onsets are local times on the clock in force before them (RFC 5545 3.6.5); they are expanded
    // as floating times because ical.js's own UTC conversion misplaces times near a change.
    for (const wall of observanceWalls(observance, dtstart, year, from)) onsets.push({ at: wall - from * 60_000, from, to });
  }
  return onsets.sort((a, b) => a.at - b.at);
}

/** The zone a VTIMEZONE defines, evaluated from its observances. */
export function zoneFromVtimezone(vtimezone: ICAL.Component): ZoneOffsets {
  const tzid = String(vtimezone.getFirstPropertyValue('tzid') ?? '');
  const byYear = new Map<number, Onset[]>();
  return {
    id: tzid,
    offsetAt(utcMs: number): number {
      const year = new Date(utcMs).getUTCFullYear();
      let onsets = byYear.get(year);
      if (onsets === undefined) {
        onsets = onsetsIn(vtimezone, year);
        byYear.set(year, onsets);
      }
      let offset = onsets[0]?.from ?? 0;
      for (const onset of onsets) {
        if (onset.at > utcMs) break;
        offset = onset.to;
      }
      return offset;
    },
  };
}

/** The rules a VTIMEZONE has in `year`, named after its TZID (31 characters fit a blob). */
export function easTimeZoneFromVtimezone(vtimezone: ICAL.Component, year: number): EasTimeZone {
  return easTimeZoneFromZone(zoneFromVtimezone(vtimezone), year);
}
