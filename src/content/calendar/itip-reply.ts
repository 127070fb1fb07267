// The iTIP REPLY an attendee sends the organizer (RFC 5546 3.2.3): METHOD:REPLY with one VEVENT
// carrying the meeting's UID and SEQUENCE, the ORGANIZER, exactly one ATTENDEE (the user, with
// the answer as PARTSTAT) and a fresh DTSTAMP; RECURRENCE-ID when the answer is for one
// occurrence. SUMMARY and the times go along so the organizer's mail client can show what the
// answer is about; the VTIMEZONEs those times name go with them.
import ICAL from 'ical.js';
import type { CalendarContext } from './event-frame.js';
import { pruneVtimezones } from './event-zone.js';
import { frameOf, parseCalendar, type ParsedCalendar } from './ical-event-read.js';
import { originalStartOf } from './ical-exceptions-write.js';
import { applyTzid, isUtcTime } from './ical-time.js';
import type { Partstat } from './itip.js';
import { userAttendee } from './itip-attendee.js';

const PRODID = '-//Pushbridge//EAS MeetingResponse//EN';

export interface ReplyInput {
  readonly addresses: readonly string[];
  readonly name?: string;
  readonly partstat: Partstat;
  readonly at: Date;
  /** The occurrence answered (its original start); absent for the whole meeting. */
  readonly instance?: Date;
  /** Free text from the user (16.x SendResponse Body), as RFC 5546 COMMENT. */
  readonly comment?: string;
}

function copyProperty(from: ICAL.Component, to: ICAL.Component, name: string): void {
  for (const prop of from.getAllProperties(name)) to.addProperty(new ICAL.Property(structuredClone(prop.toJSON()) as unknown[]));
}

/** The component the answer is about: the occurrence's override if there is one, else the series. */
function sourceOf(parsed: ParsedCalendar, ctx: CalendarContext, instance: Date | undefined): ICAL.Component {
  if (instance === undefined) return parsed.master;
  const frame = frameOf(parsed, ctx);
  return parsed.overrides.find((o) => originalStartOf(o, parsed, frame) === instance.getTime()) ?? parsed.master;
}

function writeRecurrenceId(parsed: ParsedCalendar, source: ICAL.Component, vevent: ICAL.Component, instance: Date, ctx: CalendarContext): void {
  if (source !== parsed.master) {
    copyProperty(source, vevent, 'recurrence-id');
    return;
  }
  const frame = frameOf(parsed, ctx);
  const time = frame.fromEas(instance);
  const prop = vevent.updatePropertyWithValue('recurrence-id', time);
  applyTzid(prop, time, isUtcTime(time) ? { kind: 'utc' } : frame.targetFor());
}

/** The REPLY calendar text for an answer to the meeting in `icalendar` (a REQUEST or the stored copy). */
export function buildItipReply(icalendar: string, input: ReplyInput, ctx: CalendarContext): string {
  const parsed = parseCalendar(icalendar);
  const source = sourceOf(parsed, ctx, input.instance);
  const root = new ICAL.Component('vcalendar');
  root.addPropertyWithValue('version', '2.0');
  root.addPropertyWithValue('prodid', PRODID);
  root.addPropertyWithValue('method', 'REPLY');
  for (const vt of parsed.root.getAllSubcomponents('vtimezone')) root.addSubcomponent(new ICAL.Component(structuredClone(vt.toJSON()) as unknown[]));
  const vevent = new ICAL.Component('vevent');
  root.addSubcomponent(vevent);
  for (const name of ['uid', 'organizer']) copyProperty(parsed.master, vevent, name);
  for (const name of ['sequence', 'summary']) copyProperty(source, vevent, name);
  if (input.instance !== undefined) writeRecurrenceId(parsed, source, vevent, input.instance, ctx);
  // The times of what was answered; an occurrence without an override of its own goes without them.
  if (input.instance === undefined || source !== parsed.master) for (const name of ['dtstart', 'dtend', 'duration']) copyProperty(source, vevent, name);
  vevent.updatePropertyWithValue('dtstamp', ICAL.Time.fromJSDate(new Date(Math.floor(input.at.getTime() / 1000) * 1000), true));
  const attendee = new ICAL.Property(structuredClone(userAttendee(source, input).toJSON()) as unknown[]);
  attendee.setParameter('partstat', input.partstat);
  attendee.removeParameter('rsvp');
  vevent.addProperty(attendee);
  if (input.comment !== undefined && input.comment.trim() !== '') vevent.addPropertyWithValue('comment', input.comment.trim());
  pruneVtimezones(root);
  return root.toString();
}
