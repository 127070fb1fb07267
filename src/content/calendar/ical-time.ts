// Date-time properties of iCalendar objects (RFC 5545 3.3.4/3.3.5) read and written through
// ZoneOffsets rather than ical.js's own conversion (which misplaces UTC times next to a DST
// change): a TZID resolves to the object's VTIMEZONE, else to the IANA zone of that name, else
// to the fallback zone, as do floating times. Shared by the VEVENT and VTODO converters.
import ICAL from 'ical.js';
import {
  ianaZone,
  isIanaZone,
  UTC_ZONE,
  utcToWall,
  wallToUtc,
  zoneFromVtimezone,
  type ZoneOffsets,
} from '../timezone/index.js';

const DAY = 86_400_000;

/** The root VCALENDAR's VTIMEZONE with this TZID, if any. */
export function findVtimezone(root: ICAL.Component, tzid: string): ICAL.Component | undefined {
  return root.getAllSubcomponents('vtimezone').find((vt) => vt.getFirstPropertyValue('tzid') === tzid);
}

/** A zone for a TZID: the object's own definition wins over the IANA database (RFC 5545 3.2.19). */
export function resolveTzid(root: ICAL.Component, tzid: string, fallback: ZoneOffsets): ZoneOffsets {
  const vtimezone = findVtimezone(root, tzid);
  if (vtimezone !== undefined) return zoneFromVtimezone(vtimezone);
  if (isIanaZone(tzid)) return ianaZone(tzid);
  return fallback;
}

/** The zone a default-zone name stands for; UTC when absent or unknown. */
export function defaultZone(name: string | undefined): ZoneOffsets {
  return name !== undefined && isIanaZone(name) ? ianaZone(name) : UTC_ZONE;
}

export function wallOfTime(time: ICAL.Time): number {
  return Date.UTC(time.year, time.month - 1, time.day, time.isDate ? 0 : time.hour, time.isDate ? 0 : time.minute, time.isDate ? 0 : time.second);
}

export function isUtcTime(time: ICAL.Time): boolean {
  return time.zone === ICAL.Timezone.utcTimezone || time.zone?.tzid === 'UTC';
}

/** How a date-time property is anchored. */
export type TimeAnchor =
  | { readonly kind: 'date' }
  | { readonly kind: 'utc' }
  | { readonly kind: 'floating' }
  | { readonly kind: 'zoned'; readonly tzid: string; readonly zone: ZoneOffsets };

export interface PropertyTime {
  readonly time: ICAL.Time;
  readonly wall: number;
  readonly anchor: TimeAnchor;
}

/** The value of a date/date-time property (first value), with its anchor. */
export function readTime(prop: ICAL.Property | null, root: ICAL.Component, fallback: ZoneOffsets): PropertyTime | undefined {
  const value = prop?.getFirstValue();
  return prop === null || !(value instanceof ICAL.Time) ? undefined : timeWithAnchor(prop, value, root, fallback);
}

/** Every value of a multi-valued date property (EXDATE, RDATE). */
export function readTimes(prop: ICAL.Property, root: ICAL.Component, fallback: ZoneOffsets): PropertyTime[] {
  return prop.getValues().filter((v): v is ICAL.Time => v instanceof ICAL.Time).map((v) => timeWithAnchor(prop, v, root, fallback));
}

function timeWithAnchor(prop: ICAL.Property, time: ICAL.Time, root: ICAL.Component, fallback: ZoneOffsets): PropertyTime {
  const wall = wallOfTime(time);
  if (time.isDate) return { time, wall, anchor: { kind: 'date' } };
  if (isUtcTime(time)) return { time, wall, anchor: { kind: 'utc' } };
  const tzid = prop.getFirstParameter('tzid');
  if (typeof tzid === 'string' && tzid !== '') return { time, wall, anchor: { kind: 'zoned', tzid, zone: resolveTzid(root, tzid, fallback) } };
  return { time, wall, anchor: { kind: 'floating' } };
}

/** The instant a property time names; dates and floating times are read in `fallback`. */
export function instantOf(value: PropertyTime, fallback: ZoneOffsets): number {
  switch (value.anchor.kind) {
    case 'utc':
      return value.wall;
    case 'zoned':
      return wallToUtc(value.anchor.zone, value.wall);
    default:
      return wallToUtc(fallback, value.wall);
  }
}

export function icalDate(wallMs: number): ICAL.Time {
  const d = new Date(wallMs);
  return ICAL.Time.fromData({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), isDate: true });
}

export function icalDateTime(wallMs: number, utc: boolean): ICAL.Time {
  const d = new Date(wallMs);
  const data = {
    year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(),
    hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds(), isDate: false,
  };
  return utc ? ICAL.Time.fromData(data, ICAL.Timezone.utcTimezone) : ICAL.Time.fromData(data);
}

/** How to write a time: as a DATE, in UTC, or as wall time under a TZID. */
export type TimeTarget = { readonly kind: 'date' } | { readonly kind: 'utc' } | { readonly kind: 'zoned'; readonly tzid: string; readonly zone: ZoneOffsets };

/** An ICAL.Time for an instant (or, for 'date', a wall midnight) under `target`. */
export function timeFor(utcOrWall: number, target: TimeTarget): ICAL.Time {
  if (target.kind === 'date') return icalDate(utcOrWall);
  if (target.kind === 'utc') return icalDateTime(utcOrWall, true);
  return icalDateTime(utcToWall(target.zone, utcOrWall), false);
}

/** Puts the TZID a zoned target needs on a property, unless the value had to be written in UTC. */
export function applyTzid(prop: ICAL.Property, time: ICAL.Time, target: TimeTarget): void {
  prop.removeParameter('tzid');
  if (target.kind === 'zoned' && !time.isDate && !isUtcTime(time)) prop.setParameter('tzid', target.tzid);
}

/** Sets a single-valued date property, with the TZID parameter the target needs and no other. */
export function writeTime(component: ICAL.Component, name: string, time: ICAL.Time, target: TimeTarget): ICAL.Property {
  const prop = component.updatePropertyWithValue(name, time);
  prop.removeParameter('value');
  applyTzid(prop, time, target);
  return prop;
}

/** Whole days between two wall midnights. */
export function daysBetween(startWall: number, endWall: number): number {
  return Math.round((endWall - startWall) / DAY);
}

/** A wall time rounded to the nearest midnight: clients send all-day bounds a zone-hour off. */
export function nearestMidnight(wallMs: number): number {
  return Math.round(wallMs / DAY) * DAY;
}

export const DAY_MS = DAY;
