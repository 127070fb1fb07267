// A client's Calendar ApplicationData (Sync Add/Change) → EasEvent. Values are checked against
// the ranges MS-ASCAL gives them; a wrong one is a CalendarContentError naming the element.
// ClientUid (16.x) is read as the UID, normalised first (CLIENT-QUIRKS §1: iOS sends 32 hex
// digits and a NUL).
import { childElements, firstChild, textContent, type WbxmlElement } from '../../eas/wbxml-body.js';
import { readBody } from '../body/index.js';
import { decodeTimeZoneBlob, TimeZoneBlobError, type EasTimeZone } from '../timezone/index.js';
import { normalizeClientUid } from './client-uid.js';
import type { EasAttendee, EasEvent, EasEventFields, EasException, EasLocation } from './event-model.js';
import { CalendarContentError, readBool, readCategories, readDate, readInt, readText } from './field-readers.js';
import { readRecurrence } from './recurrence-elements.js';

const MEETING_STATUSES = new Set([0, 1, 3, 5, 7, 9, 11, 13, 15]);
// A reminder beyond four weeks is no reminder a phone can set; it is still accepted up to a year.
const MAX_REMINDER_MINUTES = 525_600;

function pick<K extends string, T>(key: K, value: T | undefined): { [P in K]?: T } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: T };
}

function readCoordinate(container: WbxmlElement, name: string, limit: number): number | undefined {
  const value = readText(container, name);
  if (value === undefined || value.trim() === '') return undefined;
  const number = Number(value.trim());
  if (!Number.isFinite(number) || Math.abs(number) > limit) {
    throw new CalendarContentError('invalid-value', name, `${name} is not a coordinate: '${value}'`);
  }
  return number;
}

function readLocation(container: WbxmlElement): EasLocation | undefined {
  const modern = firstChild(container, 'AirSyncBase:Location');
  if (modern !== undefined) {
    const latitude = readCoordinate(modern, 'AirSyncBase:Latitude', 90);
    const longitude = readCoordinate(modern, 'AirSyncBase:Longitude', 180);
    return {
      displayName: readText(modern, 'AirSyncBase:DisplayName') ?? '',
      ...(latitude !== undefined && longitude !== undefined ? { latitude, longitude } : {}),
    };
  }
  const legacy = readText(container, 'Calendar:Location');
  return legacy === undefined ? undefined : { displayName: legacy };
}

function readAttendees(container: WbxmlElement): EasAttendee[] | undefined {
  const list = firstChild(container, 'Calendar:Attendees');
  if (list === undefined) return undefined;
  const attendees: EasAttendee[] = [];
  for (const attendee of childElements(list, 'Calendar:Attendee')) {
    const email = readText(attendee, 'Calendar:Email')?.trim() ?? '';
    if (email === '') continue;
    const name = readText(attendee, 'Calendar:Name');
    attendees.push({
      email,
      ...pick('name', name === undefined || name === '' ? undefined : name),
      ...pick('status', readInt(attendee, 'Calendar:AttendeeStatus', 0, 5)),
      ...pick('type', readInt(attendee, 'Calendar:AttendeeType', 1, 3)),
    });
  }
  return attendees;
}

function readReminder(container: WbxmlElement): number | null | undefined {
  const el = firstChild(container, 'Calendar:Reminder');
  if (el === undefined) return undefined;
  if (textContent(el).trim() === '') return null;
  return readInt(container, 'Calendar:Reminder', 0, MAX_REMINDER_MINUTES);
}

function readMeetingStatus(container: WbxmlElement): number | undefined {
  const value = readInt(container, 'Calendar:MeetingStatus', 0, 15);
  if (value !== undefined && !MEETING_STATUSES.has(value)) {
    throw new CalendarContentError('invalid-value', 'Calendar:MeetingStatus', `MeetingStatus ${value} is not defined`);
  }
  return value;
}

/** The fields a top-level item and an Exception share. */
export function readFields(container: WbxmlElement): EasEventFields {
  const location = readLocation(container);
  const body = readBody(container, 'Calendar');
  return {
    ...pick('subject', readText(container, 'Calendar:Subject')),
    ...pick('start', readDate(container, 'Calendar:StartTime')),
    ...pick('end', readDate(container, 'Calendar:EndTime')),
    ...pick('allDay', readBool(container, 'Calendar:AllDayEvent')),
    ...pick('location', location),
    ...pick('categories', readCategories(container, 'Calendar:Categories', 'Calendar:Category')),
    ...pick('sensitivity', readInt(container, 'Calendar:Sensitivity', 0, 3)),
    ...pick('busyStatus', readInt(container, 'Calendar:BusyStatus', 0, 5)),
    ...pick('reminder', readReminder(container)),
    ...pick('dtStamp', readDate(container, 'Calendar:DtStamp')),
    ...pick('meetingStatus', readMeetingStatus(container)),
    ...pick('attendees', readAttendees(container)),
    ...pick('appointmentReplyTime', readDate(container, 'Calendar:AppointmentReplyTime')),
    ...pick('responseType', readInt(container, 'Calendar:ResponseType', 0, 5)),
    ...pick('clientBody', body),
  };
}

function readException(el: WbxmlElement): EasException {
  const originalStart = readDate(el, 'Calendar:ExceptionStartTime') ?? readDate(el, 'AirSyncBase:InstanceId');
  if (originalStart === undefined) {
    throw new CalendarContentError('invalid-value', 'Calendar:ExceptionStartTime', 'an Exception names no ExceptionStartTime or InstanceId');
  }
  return { ...readFields(el), deleted: readBool(el, 'Calendar:Deleted') ?? false, originalStart };
}

function readTimeZone(appData: WbxmlElement): EasTimeZone | undefined {
  const value = readText(appData, 'Calendar:Timezone');
  if (value === undefined || value.trim() === '') return undefined;
  try {
    return decodeTimeZoneBlob(value);
  } catch (error) {
    if (error instanceof TimeZoneBlobError) throw new CalendarContentError('invalid-value', 'Calendar:Timezone', error.message);
    throw error;
  }
}

/** Reads a client's Calendar ApplicationData. */
export function parseEventElements(appData: WbxmlElement): EasEvent {
  const exceptions = firstChild(appData, 'Calendar:Exceptions');
  const clientUid = readText(appData, 'Calendar:ClientUid');
  const uid = readText(appData, 'Calendar:UID');
  const chosenUid = uid !== undefined && uid.trim() !== '' ? uid : clientUid;
  return {
    ...readFields(appData),
    ...pick('timeZone', readTimeZone(appData)),
    ...pick('uid', chosenUid === undefined || chosenUid.trim() === '' ? undefined : normalizeClientUid(chosenUid)),
    ...pick('organizerName', readText(appData, 'Calendar:OrganizerName')),
    ...pick('organizerEmail', readText(appData, 'Calendar:OrganizerEmail')),
    ...pick('recurrence', readRecurrence(appData, 'Calendar')),
    ...pick('exceptions', exceptions === undefined ? undefined : childElements(exceptions, 'Calendar:Exception').map(readException)),
    ...pick('responseRequested', readBool(appData, 'Calendar:ResponseRequested')),
    ...pick('disallowNewTimeProposal', readBool(appData, 'Calendar:DisallowNewTimeProposal')),
  };
}
