// EasEvent → the children of AirSync:ApplicationData, in the order MS-ASCAL 2.2.2 lists the
// top-level elements and 2.2.2.21 the Exception children, with only what the client's protocol
// version defines: AirSyncBase bodies from 12.0 (2.5 gets Calendar:Body), AttendeeStatus/Type
// from 12.0, the response elements from 14.0, online-meeting links from 14.1, and from 16.0
// AirSyncBase:Location and AirSyncBase:InstanceId in place of Location and ExceptionStartTime.
import { versionAtLeast, type ProtocolVersion } from '../../eas/protocol-version.js';
import { element, type WbxmlElement } from '../../eas/wbxml-body.js';
import { encodeBody, nativeBodyType, type BodySource } from '../body/index.js';
import type { ConversionContext } from '../conversion-context.js';
import { formatCompactDateTime } from '../eas-dates.js';
import { encodeTimeZoneBlob } from '../timezone/index.js';
import type { EasAttendee, EasEvent, EasEventFields, EasException, EasLocation } from './event-model.js';
import { optional } from './field-readers.js';
import { encodeCalendarRecurrence } from './recurrence-elements.js';

function compact(date: Date | undefined): string | undefined {
  return date === undefined ? undefined : formatCompactDateTime(date);
}

function flag(value: boolean | undefined): string | undefined {
  return value === undefined ? undefined : value ? '1' : '0';
}

function text(name: string, value: string | undefined): WbxmlElement[] {
  if (value === undefined) return [];
  return [element(name, value === '' ? [] : value)];
}

function bodyElements(body: BodySource | undefined, ctx: ConversionContext): WbxmlElement[] {
  if (body === undefined) return [];
  const elements = encodeBody(body, ctx, 'Calendar');
  // MS-ASCAL 2.2.2: on 2.5 Calendar:Body comes before Calendar:BodyTruncated.
  return [...elements].sort((a, b) => rank(a) - rank(b));
}

function rank(el: WbxmlElement): number {
  return el.tag === 'BodyTruncated' ? 1 : 0;
}

function locationElements(location: EasLocation | undefined, version: ProtocolVersion): WbxmlElement[] {
  if (location === undefined) return [];
  if (!versionAtLeast(version, '16.0')) return text('Calendar:Location', location.displayName);
  if (location.displayName === '' && location.latitude === undefined) return [element('AirSyncBase:Location')];
  // MS-ASAIRS 2.2.2.27 order: DisplayName ... Latitude, Longitude.
  return [element('AirSyncBase:Location', [
    ...text('AirSyncBase:DisplayName', location.displayName),
    ...optional('AirSyncBase:Latitude', location.latitude),
    ...optional('AirSyncBase:Longitude', location.longitude),
  ])];
}

function attendeeElements(attendees: readonly EasAttendee[] | undefined, version: ProtocolVersion): WbxmlElement[] {
  if (attendees === undefined || attendees.length === 0) return [];
  const withStatus = versionAtLeast(version, '12.0');
  return [element('Calendar:Attendees', attendees.map((a) => element('Calendar:Attendee', [
    element('Calendar:Email', a.email),
    element('Calendar:Name', a.name === undefined || a.name === '' ? a.email : a.name),
    ...(withStatus ? optional('Calendar:AttendeeStatus', a.status) : []),
    ...(withStatus ? optional('Calendar:AttendeeType', a.type) : []),
  ])))];
}

function categoryElements(categories: readonly string[] | undefined, emptyToo: boolean): WbxmlElement[] {
  if (categories === undefined || (categories.length === 0 && !emptyToo)) return [];
  return [element('Calendar:Categories', categories.map((c) => element('Calendar:Category', c)))];
}

/** BusyStatus 4 (working elsewhere) exists from 16.0; older clients see it as free, like Exchange. */
function busy(value: number | undefined, version: ProtocolVersion): number | undefined {
  return value === 4 && !versionAtLeast(version, '16.0') ? 0 : value;
}

function reminderElements(reminder: number | null | undefined, inException: boolean): WbxmlElement[] {
  if (reminder === null) return inException ? [element('Calendar:Reminder')] : [];
  return optional('Calendar:Reminder', reminder);
}

function exceptionElement(ex: EasException, ctx: ConversionContext): WbxmlElement {
  const v = ctx.protocolVersion;
  const as14 = versionAtLeast(v, '14.0');
  const start = versionAtLeast(v, '16.0')
    ? element('AirSyncBase:InstanceId', formatCompactDateTime(ex.originalStart))
    : element('Calendar:ExceptionStartTime', formatCompactDateTime(ex.originalStart));
  if (ex.deleted) return element('Calendar:Exception', [element('Calendar:Deleted', '1'), start]);
  return element('Calendar:Exception', [
    start,
    ...text('Calendar:Subject', ex.subject),
    ...optional('Calendar:StartTime', compact(ex.start)),
    ...optional('Calendar:EndTime', compact(ex.end)),
    ...bodyElements(ex.body, ctx),
    ...locationElements(ex.location, v),
    ...categoryElements(ex.categories, true),
    ...optional('Calendar:Sensitivity', ex.sensitivity),
    ...optional('Calendar:BusyStatus', busy(ex.busyStatus, v)),
    ...optional('Calendar:AllDayEvent', flag(ex.allDay)),
    ...reminderElements(ex.reminder, true),
    ...optional('Calendar:DtStamp', compact(ex.dtStamp)),
    ...optional('Calendar:MeetingStatus', ex.meetingStatus),
    ...(versionAtLeast(v, '12.0') ? attendeeElements(ex.attendees, v) : []),
    ...(as14 ? optional('Calendar:AppointmentReplyTime', compact(ex.appointmentReplyTime)) : []),
    ...(as14 ? optional('Calendar:ResponseType', ex.responseType) : []),
    ...linkElements(ex, v),
  ]);
}

function linkElements(fields: EasEventFields, version: ProtocolVersion): WbxmlElement[] {
  if (!versionAtLeast(version, '14.1')) return [];
  return [
    ...text('Calendar:OnlineMeetingConfLink', fields.onlineMeetingConfLink),
    ...text('Calendar:OnlineMeetingExternalLink', fields.onlineMeetingExternalLink),
  ];
}

/** The ApplicationData children for an event, for `ctx.protocolVersion`. */
export function encodeEventElements(event: EasEvent, ctx: ConversionContext): WbxmlElement[] {
  const v = ctx.protocolVersion;
  const as14 = versionAtLeast(v, '14.0');
  const exceptions = event.recurrence === undefined ? [] : event.exceptions ?? [];
  return [
    ...optional('Calendar:Timezone', event.timeZone === undefined ? undefined : encodeTimeZoneBlob(event.timeZone)),
    ...optional('Calendar:AllDayEvent', flag(event.allDay ?? false)),
    ...bodyElements(event.body, ctx),
    ...optional('Calendar:BusyStatus', busy(event.busyStatus, v)),
    ...text('Calendar:OrganizerName', event.organizerName),
    ...text('Calendar:OrganizerEmail', event.organizerEmail),
    ...optional('Calendar:DtStamp', compact(event.dtStamp)),
    ...optional('Calendar:EndTime', compact(event.end)),
    ...locationElements(event.location, v),
    ...reminderElements(event.reminder, false),
    ...optional('Calendar:Sensitivity', event.sensitivity),
    ...text('Calendar:Subject', event.subject),
    ...optional('Calendar:StartTime', compact(event.start)),
    ...text('Calendar:UID', event.uid),
    ...optional('Calendar:MeetingStatus', event.meetingStatus),
    ...attendeeElements(event.attendees, v),
    ...categoryElements(event.categories, false),
    ...(event.recurrence === undefined ? [] : [encodeCalendarRecurrence(event.recurrence, v)]),
    ...(exceptions.length === 0 ? [] : [element('Calendar:Exceptions', exceptions.map((ex) => exceptionElement(ex, ctx)))]),
    ...(as14 ? optional('Calendar:ResponseRequested', flag(event.responseRequested)) : []),
    ...(as14 ? optional('Calendar:AppointmentReplyTime', compact(event.appointmentReplyTime)) : []),
    ...(as14 ? optional('Calendar:ResponseType', event.responseType) : []),
    ...(as14 ? optional('Calendar:DisallowNewTimeProposal', flag(event.disallowNewTimeProposal)) : []),
    ...(versionAtLeast(v, '12.0') && event.body !== undefined ? [element('AirSyncBase:NativeBodyType', String(nativeBodyType(event.body)))] : []),
    ...linkElements(event, v),
  ];
}
