// The attendee's side of iTIP (RFC 5546 3.2.2-3.2.3): the calendar object a user keeps after
// answering an invitation. The organizer's REQUEST becomes the stored object (METHOD removed, as
// CalDAV stores it, RFC 4791 4.1), merged into a copy the calendar already holds for that UID; the
// user's ATTENDEE carries the answer as PARTSTAT, the reply time as X-MICROSOFT-CDO-REPLYTIME
// (MS-ASCAL AppointmentReplyTime) and the EAS ResponseType (meeting-state.ts), and a tentative
// answer shows as tentatively busy. Answers to one occurrence live in a RECURRENCE-ID override.
import ICAL from 'ical.js';
import { formatCompactDateTime } from '../eas-dates.js';
import { addressOf } from './attendees.js';
import type { CalendarContext } from './event-frame.js';
import { pruneVtimezones } from './event-zone.js';
import { CalendarContentError } from './field-readers.js';
import { frameOf, parseCalendar, type ParsedCalendar } from './ical-event-read.js';
import { copyOfSeries, originalStartOf, writeOverride } from './ical-exceptions-write.js';
import { deleteCalendarOccurrence } from './occurrence-change.js';
import { eventOccurrences } from './occurrences.js';
import { text, writeX } from './ical-fields.js';
import { readTime, readTimes } from './ical-time.js';
import type { Partstat } from './itip.js';
import { writeMeetingState } from './meeting-state.js';

export interface AttendeeAnswer {
  /** The user's addresses; the first is added as ATTENDEE when the user is not on the list. */
  readonly addresses: readonly string[];
  readonly name?: string;
  readonly partstat: Partstat;
  readonly at: Date;
}

/** MS-ASCAL 2.2.2.40 ResponseType for each answer. */
const RESPONSE_TYPE: Readonly<Record<Partstat, number>> = { ACCEPTED: 3, TENTATIVE: 2, DECLINED: 4 };

/** The user's ATTENDEE property, added when missing (an invitation that reached them through a list). */
export function userAttendee(component: ICAL.Component, answer: Pick<AttendeeAnswer, 'addresses' | 'name'>): ICAL.Property {
  const own = new Set(answer.addresses.map((a) => a.toLowerCase()));
  const found = component.getAllProperties('attendee').find((p) => own.has(addressOf(p).toLowerCase()));
  if (found !== undefined) return found;
  const prop = new ICAL.Property('attendee', component);
  prop.setValue(`mailto:${answer.addresses[0] ?? ''}`);
  if (answer.name !== undefined && answer.name !== '') prop.setParameter('cn', answer.name);
  prop.setParameter('role', 'REQ-PARTICIPANT');
  component.addProperty(prop);
  return prop;
}

function applyAnswer(component: ICAL.Component, answer: AttendeeAnswer): void {
  userAttendee(component, answer).setParameter('partstat', answer.partstat);
  writeX(component, 'x-microsoft-cdo-replytime', formatCompactDateTime(answer.at));
  writeMeetingState(component, { responseType: RESPONSE_TYPE[answer.partstat] });
  const transparent = text(component, 'transp')?.toUpperCase() === 'TRANSPARENT';
  const busy = text(component, 'x-microsoft-cdo-busystatus')?.toUpperCase();
  // Free stays free; otherwise a tentative answer is tentatively busy and an acceptance is busy.
  if (answer.partstat === 'TENTATIVE' && !transparent) writeX(component, 'x-microsoft-cdo-busystatus', 'TENTATIVE');
  else if (answer.partstat === 'ACCEPTED' && busy === 'TENTATIVE') writeX(component, 'x-microsoft-cdo-busystatus', undefined);
}

function events(parsed: ParsedCalendar): ICAL.Component[] {
  return [parsed.master, ...parsed.overrides];
}

function openRequest(request: string): ParsedCalendar {
  const parsed = parseCalendar(request);
  if (parsed.root.name !== 'vcalendar') throw new CalendarContentError('invalid-icalendar', 'VCALENDAR', 'an invitation must be a VCALENDAR');
  parsed.root.removeAllProperties('method');
  return parsed;
}

function sequenceOf(component: ICAL.Component): number {
  const value = Number(component.getFirstPropertyValue('sequence') ?? 0);
  return Number.isInteger(value) ? value : 0;
}

/** Adds one occurrence's VEVENT from an invitation to the stored series, replacing an older one. */
function mergeOccurrence(stored: ParsedCalendar, request: ParsedCalendar, ctx: CalendarContext): void {
  const frame = frameOf(stored, ctx);
  const incoming = request.master;
  const id = readTime(incoming.getFirstProperty('recurrence-id'), request.root, frame.zone);
  const at = id === undefined ? undefined : frame.toEas(id).getTime();
  for (const override of stored.overrides) {
    if (originalStartOf(override, stored, frame) === at) stored.root.removeSubcomponent(override);
  }
  for (const prop of stored.master.getAllProperties('exdate')) {
    const kept = readTimes(prop, stored.root, frame.zone).filter((t) => frame.toEas(t).getTime() !== at).map((t) => t.time);
    if (kept.length === 0) stored.master.removeProperty(prop);
    else prop.setValues(kept);
  }
  stored.root.addSubcomponent(new ICAL.Component(structuredClone(incoming.toJSON()) as unknown[]));
  const known = new Set(stored.root.getAllSubcomponents('vtimezone').map((vt) => String(vt.getFirstPropertyValue('tzid'))));
  for (const vt of request.root.getAllSubcomponents('vtimezone')) {
    if (!known.has(String(vt.getFirstPropertyValue('tzid')))) stored.root.addSubcomponent(new ICAL.Component(structuredClone(vt.toJSON()) as unknown[]));
  }
}

/**
 * The stored object after the user answered an invitation: the REQUEST's event, or `existing`
 * (the calendar's copy of the same UID) updated with it. An invitation older than the stored
 * copy (lower SEQUENCE) only records the answer; it does not roll the meeting back.
 */
export function answerInvitation(request: string, existing: string | undefined, answer: AttendeeAnswer, ctx: CalendarContext): string {
  const incoming = openRequest(request);
  let result = incoming;
  if (existing !== undefined) {
    const stored = parseCalendar(existing);
    if (incoming.master.hasProperty('recurrence-id') && stored.master.hasProperty('rrule')) {
      mergeOccurrence(stored, incoming, ctx);
      result = parseCalendar(stored.root.toString());
    } else if (sequenceOf(incoming.master) < sequenceOf(stored.master)) {
      result = stored;
    }
  }
  for (const component of events(result)) applyAnswer(component, answer);
  pruneVtimezones(result.root);
  return result.root.toString();
}

/** The stored event with the user's answer: for the whole series, or for the occurrence that originally started at `instance`. */
export function answerStoredEvent(existing: string, answer: AttendeeAnswer, ctx: CalendarContext, instance?: Date): string {
  const parsed = parseCalendar(existing);
  if (instance === undefined) {
    for (const component of events(parsed)) applyAnswer(component, answer);
    return parsed.root.toString();
  }
  const frame = frameOf(parsed, ctx);
  let override = parsed.overrides.find((o) => originalStartOf(o, parsed, frame) === instance.getTime());
  if (override === undefined) {
    override = copyOfSeries(parsed.master);
    writeOverride(override, { deleted: false, originalStart: instance }, parsed, frame);
    parsed.root.addSubcomponent(override);
  }
  applyAnswer(override, answer);
  return parsed.root.toString();
}

/** How far from an occurrence's original slot a moved occurrence is still looked for. */
const OCCURRENCE_SEARCH_MS = 400 * 86_400_000;

/** Whether the series has an occurrence that originally started at `instance` (not deleted). */
export function hasOccurrence(icalendar: string, instance: Date, ctx: CalendarContext): boolean {
  const frame = frameOf(parseCalendar(icalendar), ctx);
  // All-day occurrences are keyed by their wall midnight; timed ones by their instant.
  const key = frame.allDay ? frame.dateWall(instance.getTime()) : instance.getTime();
  const around = eventOccurrences(icalendar, key - OCCURRENCE_SEARCH_MS, key + OCCURRENCE_SEARCH_MS, ctx);
  return around.some((o) => o.recurrenceId === key);
}

/**
 * What declining an invitation leaves of the stored copy: when the invitation is about one
 * occurrence of a series the calendar holds, the series without that occurrence; otherwise
 * undefined, meaning the event goes (MS-ASCMD 3.1.5.6: the server deletes the calendar item).
 */
export function declineInvitation(request: string, existing: string, ctx: CalendarContext): string | undefined {
  const incoming = parseCalendar(request);
  const stored = parseCalendar(existing);
  if (!incoming.master.hasProperty('recurrence-id') || !stored.master.hasProperty('rrule')) return undefined;
  const frame = frameOf(stored, ctx);
  const id = readTime(incoming.master.getFirstProperty('recurrence-id'), incoming.root, frame.zone);
  return id === undefined ? undefined : deleteCalendarOccurrence({ icalendar: existing }, frame.toEas(id), ctx).icalendar;
}
