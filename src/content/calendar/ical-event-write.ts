// EasEvent (what a client sent) + the stored object → the new iCalendar object, the inbound half.
// The stored object is edited in place, so properties and parameters EAS has no word for
// (X-properties, COLOR, CONFERENCE, ATTACH, extra alarms, other VTIMEZONEs' users) survive a
// client Change. Times are written in the zone the client's Timezone blob names (event-zone.ts);
// all-day events become DATE values, midnight to midnight.
import { randomUUID } from 'node:crypto';
import ICAL from 'ical.js';
import { encodeTimeZoneBlob } from '../timezone/index.js';
import { writeOrganizer } from './attendees.js';
import { EventFrame, type CalendarContext } from './event-frame.js';
import type { EasEvent } from './event-model.js';
import { allDayZone, pruneVtimezones, zoneForBlob, zoneWithoutBlob, type ChosenZone } from './event-zone.js';
import { CalendarContentError } from './field-readers.js';
import { applyFields, writeBounds } from './ical-event-fields-write.js';
import { writeExceptions } from './ical-exceptions-write.js';
import { text, writeX } from './ical-fields.js';
import { parseCalendar, type ParsedCalendar } from './ical-event-read.js';
import { readTime } from './ical-time.js';
import { writeMeetingState } from './meeting-state.js';
import { rruleFromRecurrence } from './recurrence.js';

const PRODID = '-//Pushbridge//EAS Calendar//EN';

function newCalendar(kind: 'vevent' | 'vtodo'): ParsedCalendar {
  const root = new ICAL.Component('vcalendar');
  root.addPropertyWithValue('version', '2.0');
  root.addPropertyWithValue('prodid', PRODID);
  const master = new ICAL.Component(kind);
  root.addSubcomponent(master);
  return { root, master, overrides: [] };
}

/** The stored object opened for editing (a bare component is wrapped in a VCALENDAR). */
export function openForEdit(existing: string | undefined, kind: 'vevent' | 'vtodo'): ParsedCalendar {
  if (existing === undefined || existing.trim() === '') return newCalendar(kind);
  const parsed = parseCalendar(existing, kind);
  if (parsed.root.name === 'vcalendar') return parsed;
  const fresh = newCalendar(kind);
  fresh.root.removeAllSubcomponents();
  fresh.root.addSubcomponent(parsed.master);
  return { root: fresh.root, master: parsed.master, overrides: [] };
}

function wasAllDay(parsed: ParsedCalendar): boolean {
  const value = parsed.master.getFirstPropertyValue('dtstart');
  return value instanceof ICAL.Time && value.isDate;
}

function rulesYear(event: EasEvent, parsed: ParsedCalendar): number {
  const start = event.start ?? (() => {
    const value = parsed.master.getFirstPropertyValue('dtstart');
    return value instanceof ICAL.Time ? new Date(value.toUnixTime() * 1000) : new Date();
  })();
  const year = start.getUTCFullYear();
  return event.recurrence !== undefined && event.dtStamp !== undefined ? Math.max(year, event.dtStamp.getUTCFullYear()) : year;
}

function frameFor(event: EasEvent, parsed: ParsedCalendar, ctx: CalendarContext): EventFrame {
  const allDay = event.allDay ?? wasAllDay(parsed);
  const year = rulesYear(event, parsed);
  const hadMaster = parsed.master.hasProperty('dtstart') ? parsed.master : undefined;
  let chosen: ChosenZone;
  if (allDay) {
    // DATE values carry no zone; exceptions that are timed are written in UTC.
    chosen = { tzid: undefined, zone: allDayZone(event.timeZone, ctx) };
  } else if (event.timeZone !== undefined) {
    chosen = zoneForBlob(parsed.root, hadMaster, event.timeZone, year, ctx);
  } else {
    chosen = zoneWithoutBlob(parsed.root, hadMaster, year, ctx);
  }
  const timed = chosen.tzid === undefined ? { kind: 'utc' as const } : { kind: 'zoned' as const, tzid: chosen.tzid, zone: chosen.zone };
  return new EventFrame(chosen.zone, allDay, ctx, timed);
}

function writeSeriesTimes(parsed: ParsedCalendar, event: EasEvent, frame: EventFrame): void {
  if (event.start !== undefined) {
    writeBounds(parsed.master, event.start, event.end, frame.allDay, frame);
    return;
  }
  // A Change without StartTime keeps the stored times, re-anchored if the zone or all-day changed.
  const start = readTime(parsed.master.getFirstProperty('dtstart'), parsed.root, frame.zone);
  const end = readTime(parsed.master.getFirstProperty('dtend'), parsed.root, frame.zone);
  if (start === undefined) throw new CalendarContentError('invalid-value', 'Calendar:StartTime', 'a new event needs a StartTime');
  writeBounds(parsed.master, frame.toEas(start), end === undefined ? undefined : frame.toEas(end), frame.allDay, frame);
}

function writeRecurrence(parsed: ParsedCalendar, event: EasEvent, frame: EventFrame): void {
  const master = parsed.master;
  if (event.recurrence === undefined) {
    for (const name of ['rrule', 'rdate', 'exdate', 'x-pushbridge-calendartype', 'x-pushbridge-isleapmonth']) master.removeAllProperties(name);
    for (const override of parsed.overrides) parsed.root.removeSubcomponent(override);
    return;
  }
  let rrule: ICAL.Recur;
  try {
    rrule = rruleFromRecurrence(event.recurrence, frame.until());
  } catch (error) {
    throw new CalendarContentError('invalid-value', 'Calendar:Recurrence', (error as Error).message);
  }
  master.updatePropertyWithValue('rrule', rrule);
  writeX(master, 'x-pushbridge-calendartype', event.recurrence.calendarType);
  writeX(master, 'x-pushbridge-isleapmonth', event.recurrence.isLeapMonth);
  // No Exceptions element: the client did not touch them (Z-Push and Exchange read it so too).
  if (event.exceptions !== undefined) writeExceptions(parsed, event.exceptions, frame);
}

function writeIdentity(parsed: ParsedCalendar, event: EasEvent): void {
  const uid = text(parsed.master, 'uid') ?? event.uid ?? randomUUID();
  parsed.master.updatePropertyWithValue('uid', uid);
  // RFC 5545 requires DTSTAMP; a client that sent no DtStamp gets the time of this write.
  if (!parsed.master.hasProperty('dtstamp')) parsed.master.updatePropertyWithValue('dtstamp', ICAL.Time.fromJSDate(new Date(), true));
  for (const override of parsed.overrides) override.updatePropertyWithValue('uid', uid);
}

/** Applies a client's event to the stored object (or a new one) and returns the iCalendar text. */
export function icalFromEasEvent(event: EasEvent, existing: string | undefined, ctx: CalendarContext): string {
  const parsed = openForEdit(existing, 'vevent');
  const frame = frameFor(event, parsed, ctx);
  writeSeriesTimes(parsed, event, frame);
  applyFields(parsed.master, event, frame);
  if (event.organizerEmail !== undefined && event.organizerEmail.trim() !== '') {
    writeOrganizer(parsed.master, event.organizerEmail.trim(), event.organizerName);
  }
  writeMeetingState(parsed.master, event.responseRequested === undefined ? {} : { responseRequested: event.responseRequested });
  if (event.disallowNewTimeProposal !== undefined) writeX(parsed.master, 'x-microsoft-disallow-counter', event.disallowNewTimeProposal);
  if (event.timeZone !== undefined) writeX(parsed.master, 'x-pushbridge-timezone', encodeTimeZoneBlob(event.timeZone));
  writeIdentity(parsed, event);
  writeRecurrence(parsed, event, frame);
  pruneVtimezones(parsed.root);
  return parsed.root.toString();
}
