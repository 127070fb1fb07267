// A meeting message as the device sees it: the MessageClass for the iTIP method (MS-ASEMAIL
// 2.2.2.49: IPM.Schedule.Meeting.Request, .Canceled, .Resp.Pos/Tent/Neg) and, for requests and
// cancellations, the Email:MeetingRequest container (2.2.2.48) built from the VEVENT by the
// calendar converter, so times, the TimeZone blob and the recurrence are the ones the Calendar
// class would send. Children go in the schema's order; Reminder is in seconds here (2.2.2.63).
import { versionAtLeast, type ProtocolVersion } from '../../eas/protocol-version.js';
import { element, type WbxmlElement } from '../../eas/wbxml-body.js';
import { easEventFromIcal, type CalendarContext, type EasEvent, type EasLocation } from '../calendar/index.js';
import { frameOf, parseCalendar } from '../calendar/ical-event-read.js';
import { readTime } from '../calendar/ical-time.js';
import type { ConversionContext } from '../conversion-context.js';
import { formatExtendedDateTime } from '../eas-dates.js';
import { easTimeZoneFromZone, encodeTimeZoneBlob, UTC_ZONE } from '../timezone/index.js';
import { formatAddress } from './addresses.js';
import { globalObjIdForUid, type InstanceDate } from './meeting-global-obj-id.js';
import type { MeetingInvitation } from './meeting-invitation.js';
import { encodeMeetingRecurrences } from './meeting-recurrence.js';

const REPLY_CLASSES: Readonly<Record<string, string>> = {
  ACCEPTED: 'IPM.Schedule.Meeting.Resp.Pos',
  TENTATIVE: 'IPM.Schedule.Meeting.Resp.Tent',
  DECLINED: 'IPM.Schedule.Meeting.Resp.Neg',
};

/** The MessageClass of a meeting message; undefined for a REPLY that answers nothing EAS names. */
export function meetingMessageClass(invitation: MeetingInvitation): string | undefined {
  if (invitation.method === 'REQUEST') return 'IPM.Schedule.Meeting.Request';
  if (invitation.method === 'CANCEL') return 'IPM.Schedule.Meeting.Canceled';
  return REPLY_CLASSES[invitation.itip.replyPartstat ?? ''];
}

export interface MeetingRequestOptions {
  /** The mailbox owner's addresses: ResponseRequested then follows their own ATTENDEE's RSVP. */
  readonly ownAddresses?: readonly string[];
  /** DtStamp for an invitation without DTSTAMP (the element is required). */
  readonly fallbackStamp: Date;
}

interface Instance {
  readonly originalStart: Date;
  readonly date: InstanceDate;
}

interface InvitationFacts {
  /** The occurrence a single-instance message is about (its RECURRENCE-ID), in the event's frame. */
  readonly instance?: Instance;
  /** The RSVP parameters of the attendees, upper-cased. */
  readonly rsvp: readonly string[];
}

function factsOf(invitation: MeetingInvitation, ctx: CalendarContext): InvitationFacts {
  const parsed = parseCalendar(invitation.icalendar);
  const rsvp = parsed.master.getAllProperties('attendee').map((p) => String(p.getFirstParameter('rsvp') ?? '').toUpperCase());
  if (!invitation.itip.singleInstance) return { rsvp };
  const frame = frameOf(parsed, ctx);
  const id = readTime(parsed.master.getFirstProperty('recurrence-id'), parsed.root, frame.zone);
  if (id === undefined) return { rsvp };
  const wall = new Date(id.wall);
  const date = { year: wall.getUTCFullYear(), month: wall.getUTCMonth() + 1, day: wall.getUTCDate() };
  return { instance: { originalStart: frame.toEas(id), date }, rsvp };
}

function text(name: string, value: string | undefined): WbxmlElement[] {
  return value === undefined ? [] : [element(name, value === '' ? [] : value)];
}

function dateTime(name: string, value: Date | undefined): WbxmlElement[] {
  return value === undefined || Number.isNaN(value.getTime()) ? [] : [element(name, formatExtendedDateTime(value))];
}

function locationOf(location: EasLocation | undefined, version: ProtocolVersion): WbxmlElement[] {
  if (location === undefined || location.displayName === '') return [];
  if (!versionAtLeast(version, '16.0')) return [element('Email:Location', location.displayName)];
  return [element('AirSyncBase:Location', element('AirSyncBase:DisplayName', location.displayName))];
}

function organizerOf(event: EasEvent): string | undefined {
  if (event.organizerEmail === undefined) return undefined;
  return formatAddress({ name: event.organizerName ?? '', address: event.organizerEmail });
}

/**
 * The user's own RSVP when their ATTENDEE is known; otherwise a request expects an answer unless
 * every attendee says RSVP=FALSE (senders that write no RSVP at all still want replies).
 */
function responseRequested(event: EasEvent, facts: InvitationFacts, own: boolean): boolean {
  if (own && event.responseRequested !== undefined) return event.responseRequested;
  return facts.rsvp.some((r) => r !== 'FALSE') || facts.rsvp.length === 0;
}

function timeZoneBlob(event: EasEvent): string {
  // 16.x all-day events travel as floating midnights without a zone: UTC states exactly that.
  return encodeTimeZoneBlob(event.timeZone ?? easTimeZoneFromZone(UTC_ZONE, (event.start ?? new Date(0)).getUTCFullYear()));
}

function meetingMessageType(invitation: MeetingInvitation): string {
  // MS-ASEMAIL 2.2.2.47: 1 initial request, 2 full update, 0 unspecified (a cancellation).
  if (invitation.method !== 'REQUEST') return '0';
  return invitation.itip.sequence === 0 ? '1' : '2';
}

/** Email:MeetingRequest for a REQUEST or CANCEL; undefined for a REPLY or an event that cannot be read. */
export function encodeMeetingRequest(invitation: MeetingInvitation, ctx: ConversionContext, options: MeetingRequestOptions): WbxmlElement | undefined {
  if (invitation.method === 'REPLY') return undefined;
  const own = options.ownAddresses !== undefined && options.ownAddresses.length > 0;
  const calendarCtx: CalendarContext = own ? { ...ctx, userAddresses: options.ownAddresses } : ctx;
  let event: EasEvent;
  let facts: InvitationFacts;
  try {
    event = easEventFromIcal(invitation.icalendar, calendarCtx);
    facts = factsOf(invitation, calendarCtx);
  } catch {
    // An invitation the converters cannot read still shows as mail; only the meeting part is left out.
    return undefined;
  }
  const v = ctx.protocolVersion;
  const instance = facts.instance;
  const busy = event.busyStatus === 4 && !versionAtLeast(v, '16.0') ? 0 : event.busyStatus;
  const instanceType = instance !== undefined ? '3' : event.recurrence !== undefined ? '1' : '0';
  return element('Email:MeetingRequest', [
    element('Email:AllDayEvent', event.allDay === true ? '1' : '0'),
    ...dateTime('Email:StartTime', event.start),
    ...dateTime('Email:DtStamp', event.dtStamp ?? options.fallbackStamp),
    ...dateTime('Email:EndTime', event.end),
    element('Email:InstanceType', instanceType),
    ...locationOf(event.location, v),
    ...text('Email:Organizer', organizerOf(event)),
    ...dateTime('Email:RecurrenceId', instance?.originalStart),
    ...(typeof event.reminder === 'number' ? [element('Email:Reminder', String(event.reminder * 60))] : []),
    element('Email:ResponseRequested', responseRequested(event, facts, own) ? '1' : '0'),
    ...(event.recurrence === undefined || instance !== undefined ? [] : [encodeMeetingRecurrences(event.recurrence, v)]),
    element('Email:Sensitivity', String(event.sensitivity ?? 0)),
    element('Email:BusyStatus', String(busy ?? 2)),
    element('Email:TimeZone', timeZoneBlob(event)),
    element('Email:GlobalObjId', globalObjIdForUid(invitation.itip.uid, instance?.date)),
    ...(versionAtLeast(v, '14.0') ? [element('Email:DisallowNewTimeProposal', event.disallowNewTimeProposal === true ? '1' : '0')] : []),
    ...(versionAtLeast(v, '14.1') ? [element('Email2:MeetingMessageType', meetingMessageType(invitation))] : []),
  ]);
}

/** What a meeting message changes in the Email class: its MessageClass and the MeetingRequest container. */
export interface MeetingParts {
  readonly messageClass: string;
  readonly request?: WbxmlElement;
}

/** The meeting parts of a mail carrying `invitation`; undefined when it stays a plain message. */
export function meetingParts(invitation: MeetingInvitation, ctx: ConversionContext, options: MeetingRequestOptions): MeetingParts | undefined {
  const messageClass = meetingMessageClass(invitation);
  if (messageClass === undefined) return undefined;
  const request = encodeMeetingRequest(invitation, ctx, options);
  return request === undefined ? { messageClass } : { messageClass, request };
}
