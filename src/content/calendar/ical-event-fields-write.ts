// Writes the fields a series and its exceptions share onto one VEVENT. For the series a field the
// client left out is cleared where EAS reads absence as "none" (Subject, Location, Sensitivity,
// Reminder, Categories) and kept where clients are known to omit what they did not change (Body,
// Attendees, BusyStatus, meeting state: Z-Push and Exchange keep those too). For an exception a
// missing field means "as the series", so it is copied from the master.
import ICAL from 'ical.js';
import { formatCompactDateTime } from '../eas-dates.js';
import { writeAttendees } from './attendees.js';
import type { EventFrame } from './event-frame.js';
import type { EasEventFields } from './event-model.js';
import {
  setText,
  writeBusyStatus,
  writeCategories,
  writeClientBody,
  writeLocation,
  writeReminder,
  writeSensitivity,
  writeX,
} from './ical-fields.js';
import { readTime, wallOfTime, writeTime } from './ical-time.js';
import { writeMeetingState } from './meeting-state.js';

/** The properties each inheritable field lives in. */
const FIELD_PROPERTIES: Readonly<Record<string, readonly string[]>> = {
  subject: ['summary'],
  location: ['location', 'geo'],
  categories: ['categories'],
  sensitivity: ['class'],
  busyStatus: ['transp', 'x-microsoft-cdo-busystatus'],
  clientBody: ['description', 'x-alt-desc'],
  attendees: ['attendee', 'organizer'],
  meetingStatus: ['status', 'x-pushbridge-meetingstatus'],
  appointmentReplyTime: ['x-microsoft-cdo-replytime'],
  responseType: ['x-pushbridge-responsetype'],
  dtStamp: ['dtstamp'],
};

function copyProperties(from: ICAL.Component, to: ICAL.Component, names: readonly string[]): void {
  for (const name of names) {
    to.removeAllProperties(name);
    for (const prop of from.getAllProperties(name)) to.addProperty(new ICAL.Property(structuredClone(prop.toJSON()) as unknown[]));
  }
}

function copyAlarms(from: ICAL.Component, to: ICAL.Component): void {
  to.removeAllSubcomponents('valarm');
  for (const alarm of from.getAllSubcomponents('valarm')) to.addSubcomponent(new ICAL.Component(structuredClone(alarm.toJSON()) as unknown[]));
}

/** Current start and end of a component in ms (for reminder arithmetic). */
function boundsOf(component: ICAL.Component, frame: EventFrame): { start: number; end: number } {
  const root = component.parent ?? component;
  const start = readTime(component.getFirstProperty('dtstart'), root, frame.zone);
  const end = readTime(component.getFirstProperty('dtend'), root, frame.zone);
  const startMs = start === undefined ? 0 : frame.toEas(start).getTime();
  return { start: startMs, end: end === undefined ? startMs : frame.toEas(end).getTime() };
}

/** DTSTART/DTEND for a component; an all-day end not after the start becomes the next day. */
export function writeBounds(component: ICAL.Component, start: Date, end: Date | undefined, allDay: boolean, frame: EventFrame): void {
  const target = frame.targetFor(allDay);
  const startTime = frame.fromEas(start, allDay);
  let endTime = frame.fromEas(end ?? start, allDay);
  if (allDay && wallOfTime(endTime) <= wallOfTime(startTime)) {
    endTime = startTime.clone();
    endTime.adjust(1, 0, 0, 0);
  }
  writeTime(component, 'dtstart', startTime, target);
  writeTime(component, 'dtend', endTime, target);
  component.removeAllProperties('duration');
}

function utcStamp(date: Date): ICAL.Time {
  return ICAL.Time.fromJSDate(new Date(Math.floor(date.getTime() / 1000) * 1000), true);
}

/** Applies `fields` to `component`. `inheritFrom` (the master) turns it into exception mode. */
export function applyFields(component: ICAL.Component, fields: EasEventFields, frame: EventFrame, inheritFrom?: ICAL.Component): void {
  if (inheritFrom !== undefined) {
    for (const [field, names] of Object.entries(FIELD_PROPERTIES)) {
      if (fields[field as keyof EasEventFields] === undefined) copyProperties(inheritFrom, component, names);
    }
    if (fields.reminder === undefined) copyAlarms(inheritFrom, component);
  }
  const keep = inheritFrom !== undefined;
  if (fields.subject !== undefined || !keep) setText(component, 'summary', fields.subject);
  if (fields.location !== undefined || !keep) writeLocation(component, fields.location);
  if (fields.sensitivity !== undefined || !keep) writeSensitivity(component, fields.sensitivity);
  if (fields.categories !== undefined || !keep) writeCategories(component, fields.categories ?? []);
  writeBusyStatus(component, fields.busyStatus);
  if (fields.reminder !== undefined || !keep) {
    const { start, end } = boundsOf(component, frame);
    writeReminder(component, fields.reminder, start, end);
  }
  writeClientBody(component, fields.clientBody);
  if (fields.dtStamp !== undefined) component.updatePropertyWithValue('dtstamp', utcStamp(fields.dtStamp));
  if (fields.attendees !== undefined) {
    writeAttendees(component, fields.attendees);
    if (fields.attendees.length === 0 && inheritFrom === undefined) component.removeAllProperties('organizer');
  }
  writeMeetingState(component, { ...(fields.meetingStatus === undefined ? {} : { meetingStatus: fields.meetingStatus }), ...(fields.responseType === undefined ? {} : { responseType: fields.responseType }) });
  if (fields.appointmentReplyTime !== undefined) writeX(component, 'x-microsoft-cdo-replytime', formatCompactDateTime(fields.appointmentReplyTime));
}
