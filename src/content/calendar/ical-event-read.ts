// iCalendar object → EasEvent, the outbound half: the master VEVENT gives the series, its zone
// the TimeZone rules for the event's year (computed from the IANA zone or the VTIMEZONE, never
// left zero), EXDATEs become deleted exceptions and RECURRENCE-ID VEVENTs modified ones carrying
// only what differs from the series.
import ICAL from 'ical.js';
import {
  decodeTimeZoneBlob,
  easTimeZoneForIana,
  easTimeZoneFromZone,
  isIanaZone,
  UTC_ZONE,
  utcToWall,
  wallToUtc,
  zoneFollowsBlob,
  zoneFromBlob,
  type EasTimeZone,
  type ZoneOffsets,
} from '../timezone/index.js';
import type { EasEvent, EasEventFields, EasException } from './event-model.js';
import { EventFrame, type CalendarContext } from './event-frame.js';
import { CalendarContentError } from './field-readers.js';
import { readAttendees, readOrganizer } from './attendees.js';
import {
  readBodySource,
  readBusyStatus,
  readCategories,
  readLocation,
  readReminder,
  readSensitivity,
  readXNumber,
  text,
} from './ical-fields.js';
import { defaultZone, readTime, readTimes, wallOfTime, DAY_MS } from './ical-time.js';
import { meetingFields, responseRequestedOf } from './meeting-state.js';
import { recurrenceFromRrule } from './recurrence.js';

/** Exceptions per series the protocol allows (MS-ASCAL 2.2.2.21: zero to 256). */
export const MAX_EXCEPTIONS = 256;

export interface ParsedCalendar {
  readonly root: ICAL.Component;
  readonly master: ICAL.Component;
  readonly overrides: readonly ICAL.Component[];
}

/** Parses a stored calendar object; throws CalendarContentError when it is not iCalendar. */
export function parseCalendar(icalendar: string, kind: 'vevent' | 'vtodo' = 'vevent'): ParsedCalendar {
  let root: ICAL.Component;
  try {
    root = new ICAL.Component(ICAL.parse(icalendar) as unknown[]);
  } catch (error) {
    throw new CalendarContentError('invalid-icalendar', 'icalendar', `not iCalendar: ${(error as Error).message}`);
  }
  const items = root.name === kind ? [root] : root.getAllSubcomponents(kind);
  const master = items.find((c) => !c.hasProperty('recurrence-id')) ?? items[0];
  if (master === undefined) throw new CalendarContentError('invalid-icalendar', kind, `no ${kind.toUpperCase()} in the object`);
  return { root, master, overrides: items.filter((c) => c !== master && c.hasProperty('recurrence-id')) };
}

/** The Timezone blob a device last sent for this event (X-PUSHBRIDGE-TIMEZONE), if readable. */
export function storedBlob(master: ICAL.Component): EasTimeZone | undefined {
  const value = text(master, 'x-pushbridge-timezone');
  if (value === undefined) return undefined;
  try {
    return decodeTimeZoneBlob(value);
  } catch {
    return undefined;
  }
}

/**
 * The zone of a device's event whose DTSTART had to be written in UTC because it falls in the
 * second pass through an autumn hour (EventFrame.fromEas): the zone of the blob the device sent,
 * recognised by exactly that property of the start, so the device gets its own zone back.
 */
function secondPassZone(master: ICAL.Component, startMs: number): ZoneOffsets | undefined {
  const blob = storedBlob(master);
  if (blob === undefined) return undefined;
  const zone = zoneFromBlob(blob);
  return wallToUtc(zone, utcToWall(zone, startMs)) === startMs ? undefined : zone;
}

/**
 * The frame of an event: its zone from DTSTART. Floating times use the user's zone; all-day dates
 * use the zone of the device that last wrote them, so its midnights come back as it sent them.
 */
export function frameOf(parsed: ParsedCalendar, ctx: CalendarContext): EventFrame {
  const fallback = defaultZone(ctx.defaultTimeZone);
  const start = readTime(parsed.master.getFirstProperty('dtstart'), parsed.root, fallback);
  if (start === undefined) throw new CalendarContentError('invalid-icalendar', 'DTSTART', 'the event has no DTSTART');
  const anchor = start.anchor;
  if (anchor.kind === 'zoned') return new EventFrame(anchor.zone, false, ctx, { kind: 'zoned', tzid: anchor.tzid, zone: anchor.zone });
  if (anchor.kind === 'utc') return new EventFrame(secondPassZone(parsed.master, start.wall) ?? UTC_ZONE, false, ctx, { kind: 'utc' });
  const blob = anchor.kind === 'date' ? storedBlob(parsed.master) : undefined;
  const zone = blob === undefined ? fallback : zoneFromBlob(blob);
  return new EventFrame(zone, anchor.kind === 'date', ctx, { kind: 'zoned', tzid: fallback.id, zone: fallback });
}

function rulesYear(parsed: ParsedCalendar, startMs: number): number {
  const year = new Date(startMs).getUTCFullYear();
  if (!parsed.master.hasProperty('rrule')) return year;
  // A series' occurrences that matter are current ones; DTSTAMP is when it was last written.
  const stamp = parsed.master.getFirstPropertyValue('dtstamp');
  return stamp instanceof ICAL.Time ? Math.max(year, stamp.year) : year;
}

/**
 * The blob for an event: the zone's rules for the year. When the device's own last blob states the
 * same rules it is sent back unchanged (same names, same bytes), so no client sees a zone change.
 */
function timeZoneOf(parsed: ParsedCalendar, frame: EventFrame, startMs: number): EasTimeZone | undefined {
  if (frame.floatingDates) return undefined;
  const year = rulesYear(parsed, startMs);
  const zone = frame.zone;
  const stored = storedBlob(parsed.master);
  if (stored !== undefined && zoneFollowsBlob(zone, stored, year)) return stored;
  const ownDefinition = parsed.root.getAllSubcomponents('vtimezone').some((vt) => vt.getFirstPropertyValue('tzid') === zone.id);
  return !ownDefinition && isIanaZone(zone.id) ? easTimeZoneForIana(zone.id, year) : easTimeZoneFromZone(zone, year);
}

function componentFields(component: ICAL.Component, parsed: ParsedCalendar, frame: EventFrame, ctx: CalendarContext): EasEventFields {
  const fallback = frame.zone;
  const startValue = readTime(component.getFirstProperty('dtstart'), parsed.root, fallback);
  if (startValue === undefined) throw new CalendarContentError('invalid-icalendar', 'DTSTART', 'an event has no DTSTART');
  const allDay = startValue.anchor.kind === 'date';
  const start = frame.toEas(startValue);
  const endValue = readTime(component.getFirstProperty('dtend'), parsed.root, fallback);
  const duration = component.getFirstPropertyValue('duration');
  let end: Date;
  if (endValue !== undefined) end = frame.toEas(endValue);
  else if (duration instanceof ICAL.Duration) end = new Date(start.getTime() + duration.toSeconds() * 1000);
  else end = new Date(start.getTime() + (allDay ? DAY_MS : 0));
  const stamp = component.getFirstPropertyValue('dtstamp');
  const replyTime = component.getFirstPropertyValue('x-microsoft-cdo-replytime');
  const conference = text(component, 'conference') ?? text(component, 'x-microsoft-skypeteamsmeetingurl');
  const confLink = text(component, 'x-microsoft-onlinemeetingconflink');
  const reminder = readReminder(component, start.getTime(), end.getTime());
  const sensitivity = readSensitivity(component);
  const location = readLocation(component);
  const body = readBodySource(component);
  return {
    subject: text(component, 'summary') ?? '',
    start,
    end: end.getTime() < start.getTime() ? start : end,
    allDay,
    ...(location === undefined ? {} : { location }),
    categories: readCategories(component),
    ...(sensitivity === undefined ? {} : { sensitivity }),
    busyStatus: readBusyStatus(component),
    reminder: reminder ?? null,
    ...(stamp instanceof ICAL.Time ? { dtStamp: new Date(stamp.toUnixTime() * 1000) } : {}),
    ...meetingFields(component, ctx),
    attendees: readAttendees(component),
    ...(replyTime instanceof ICAL.Time || typeof replyTime === 'string' ? { appointmentReplyTime: replyTimeOf(replyTime) } : {}),
    ...(body === undefined ? {} : { body }),
    ...(confLink === undefined ? {} : { onlineMeetingConfLink: confLink }),
    ...(conference === undefined ? {} : { onlineMeetingExternalLink: conference }),
  };
}

function replyTimeOf(value: ICAL.Time | string): Date {
  if (value instanceof ICAL.Time) return new Date(value.toUnixTime() * 1000);
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z?$/.exec(value.trim());
  return m === null ? new Date(NaN) : new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!));
}

const DIFFABLE: readonly (keyof EasEventFields)[] = [
  'subject', 'allDay', 'location', 'categories', 'sensitivity', 'busyStatus', 'reminder', 'dtStamp',
  'meetingStatus', 'attendees', 'appointmentReplyTime', 'responseType', 'body', 'onlineMeetingConfLink', 'onlineMeetingExternalLink',
];

/** What an occurrence changes: start and end always, the rest only where it differs. */
function diffFields(series: EasEventFields, occurrence: EasEventFields): EasEventFields {
  const out: Record<string, unknown> = { start: occurrence.start, end: occurrence.end };
  for (const key of DIFFABLE) {
    const mine = occurrence[key];
    const theirs = series[key];
    if (JSON.stringify(mine) === JSON.stringify(theirs)) continue;
    if (mine !== undefined) out[key] = mine;
    else if (key === 'subject') out[key] = '';
    else if (key === 'location') out[key] = { displayName: '' };
    else if (key === 'body') out[key] = { plain: '' };
    else if (key === 'sensitivity') out[key] = 0;
  }
  return out as EasEventFields;
}

function exceptionsOf(parsed: ParsedCalendar, frame: EventFrame, series: EasEventFields, ctx: CalendarContext): EasException[] {
  const byStart = new Map<number, EasException>();
  const seriesCancelled = text(parsed.master, 'status')?.toUpperCase() === 'CANCELLED';
  for (const prop of parsed.master.getAllProperties('exdate')) {
    for (const value of readTimes(prop, parsed.root, frame.zone)) {
      const originalStart = frame.toEas(value);
      byStart.set(originalStart.getTime(), { deleted: true, originalStart });
    }
  }
  for (const override of parsed.overrides) {
    const id = readTime(override.getFirstProperty('recurrence-id'), parsed.root, frame.zone);
    if (id === undefined) continue;
    const originalStart = frame.toEas(id);
    // A cancelled occurrence of a live series is a deletion (how Google and others write them);
    // in a cancelled series every override inherits CANCELLED and stays an override.
    if (text(override, 'status')?.toUpperCase() === 'CANCELLED' && !seriesCancelled) {
      byStart.set(originalStart.getTime(), { deleted: true, originalStart });
      continue;
    }
    const fields = diffFields(series, componentFields(override, parsed, frame, ctx));
    if (!byStart.get(originalStart.getTime())?.deleted) byStart.set(originalStart.getTime(), { ...fields, deleted: false, originalStart });
  }
  return [...byStart.values()].sort((a, b) => a.originalStart.getTime() - b.originalStart.getTime()).slice(0, MAX_EXCEPTIONS);
}

/** The EAS view of a stored event. */
export function easEventFromIcal(icalendar: string, ctx: CalendarContext): EasEvent {
  const parsed = parseCalendar(icalendar);
  const frame = frameOf(parsed, ctx);
  const master = parsed.master;
  const fields = componentFields(master, parsed, frame, ctx);
  const start = readTime(master.getFirstProperty('dtstart'), parsed.root, frame.zone);
  const rrule = master.getFirstPropertyValue('rrule');
  let recurrence = rrule instanceof ICAL.Recur && start !== undefined
    ? recurrenceFromRrule(rrule, start.anchor.kind === 'utc' ? utcToWall(frame.zone, start.wall) : wallOfTime(start.time), frame.until())
    : undefined;
  if (recurrence !== undefined) {
    const calendarType = readXNumber(master, 'x-pushbridge-calendartype');
    const leap = text(master, 'x-pushbridge-isleapmonth');
    recurrence = {
      ...recurrence,
      ...(calendarType === undefined ? {} : { calendarType }),
      ...(leap === undefined ? {} : { isLeapMonth: leap.toUpperCase() === 'TRUE' }),
    };
  }
  const organizer = readOrganizer(master);
  const timeZone = timeZoneOf(parsed, frame, fields.start?.getTime() ?? 0);
  const uid = text(master, 'uid');
  const disallow = text(master, 'x-microsoft-disallow-counter');
  const responseRequested = responseRequestedOf(master, ctx);
  return {
    ...fields,
    ...(timeZone === undefined ? {} : { timeZone }),
    ...(uid === undefined ? {} : { uid }),
    ...(organizer.name === undefined ? {} : { organizerName: organizer.name }),
    ...(organizer.email === undefined ? {} : { organizerEmail: organizer.email }),
    ...(recurrence === undefined ? {} : { recurrence, exceptions: exceptionsOf(parsed, frame, fields, ctx) }),
    ...(responseRequested === undefined ? {} : { responseRequested }),
    ...(disallow === undefined ? {} : { disallowNewTimeProposal: disallow.toUpperCase() === 'TRUE' }),
  };
}
