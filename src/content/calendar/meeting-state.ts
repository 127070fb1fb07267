// MeetingStatus, ResponseType and ResponseRequested (MS-ASCAL 2.2.2.28, 2.2.2.40, 2.2.2.39) are
// about the user's role in a meeting, which iCalendar states only relative to an address: the
// ORGANIZER and the user's own ATTENDEE. With the user's addresses they are derived; without
// them the values a device last sent are kept in X-PUSHBRIDGE-* properties, so an event edited on
// a phone does not turn from "my meeting" into "an invitation" on the next Sync.
import type ICAL from 'ical.js';
import { addressOf, attendeeStatusOf } from './attendees.js';
import type { CalendarContext } from './event-frame.js';
import { readXNumber, text, writeX } from './ical-fields.js';

const X_MEETING_STATUS = 'x-pushbridge-meetingstatus';
const X_RESPONSE_TYPE = 'x-pushbridge-responsetype';
const X_RESPONSE_REQUESTED = 'x-pushbridge-responserequested';

/** MS-ASCAL 2.2.2.28: 0 appointment, 1 my meeting, 3 received, 5 my meeting cancelled, 7 received and cancelled;
 *  9, 11, 13 and 15 are the same states as seen by other clients. */
const MEETING_STATUSES = new Set([0, 1, 3, 5, 7, 9, 11, 13, 15]);

function userAttendee(component: ICAL.Component, ctx: CalendarContext): ICAL.Property | undefined {
  const own = new Set((ctx.userAddresses ?? []).map((a) => a.toLowerCase()));
  return component.getAllProperties('attendee').find((p) => own.has(addressOf(p).toLowerCase()));
}

function userIsOrganizer(component: ICAL.Component, ctx: CalendarContext, stored: number | undefined): boolean {
  const organizer = component.getFirstProperty('organizer');
  if (ctx.userAddresses !== undefined && organizer !== null) {
    return ctx.userAddresses.some((a) => a.toLowerCase() === addressOf(organizer).toLowerCase());
  }
  // Bit 2 marks "received" in every received state (3, 7, 11, 15).
  return stored !== undefined && (stored & 2) === 0;
}

export function meetingFields(component: ICAL.Component, ctx: CalendarContext): { meetingStatus: number; responseType?: number } {
  const isMeeting = component.hasProperty('attendee') || component.hasProperty('organizer');
  if (!isMeeting) return { meetingStatus: 0 };
  const stored = readXNumber(component, X_MEETING_STATUS);
  const organizer = userIsOrganizer(component, ctx, stored);
  const cancelled = text(component, 'status')?.toUpperCase() === 'CANCELLED';
  const derived = organizer ? (cancelled ? 5 : 1) : cancelled ? 7 : 3;
  const meetingStatus = stored !== undefined && MEETING_STATUSES.has(stored) && (stored & 7) === derived ? stored : derived;
  const attendee = userAttendee(component, ctx);
  let responseType = readXNumber(component, X_RESPONSE_TYPE);
  if (organizer && ctx.userAddresses !== undefined) responseType = 1;
  else if (attendee !== undefined) responseType = attendeeStatusOf(attendee);
  return responseType === undefined ? { meetingStatus } : { meetingStatus, responseType };
}

export function responseRequestedOf(component: ICAL.Component, ctx: CalendarContext): boolean | undefined {
  const attendee = userAttendee(component, ctx);
  if (attendee !== undefined) return String(attendee.getFirstParameter('rsvp') ?? '').toUpperCase() === 'TRUE';
  const stored = text(component, X_RESPONSE_REQUESTED);
  return stored === undefined ? undefined : stored.toUpperCase() === 'TRUE';
}

export interface MeetingState {
  readonly meetingStatus?: number;
  readonly responseType?: number;
  readonly responseRequested?: boolean;
}

/** Records what a device said; STATUS:CANCELLED follows the cancelled states (5, 7, 13, 15). */
export function writeMeetingState(component: ICAL.Component, state: MeetingState): void {
  if (state.meetingStatus !== undefined) {
    writeX(component, X_MEETING_STATUS, state.meetingStatus === 0 ? undefined : state.meetingStatus);
    const cancelled = (state.meetingStatus & 4) !== 0;
    const status = text(component, 'status')?.toUpperCase();
    if (cancelled) component.updatePropertyWithValue('status', 'CANCELLED');
    else if (status === 'CANCELLED') component.removeAllProperties('status');
  }
  if (state.responseType !== undefined) writeX(component, X_RESPONSE_TYPE, state.responseType);
  if (state.responseRequested !== undefined) writeX(component, X_RESPONSE_REQUESTED, state.responseRequested);
}
