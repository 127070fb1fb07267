// iTIP messages (RFC 5546) as they arrive by mail (iMIP, RFC 6047): the few facts the mail and
// MeetingResponse paths decide on — the METHOD, the meeting's UID and SEQUENCE, the organizer,
// whether the message is about one occurrence (RECURRENCE-ID) and, for a REPLY, what the
// replying attendee answered. Anything that is not a VCALENDAR with a METHOD and a VEVENT with
// a UID is not an iTIP message about an event, and reads as undefined rather than an error.
import ICAL from 'ical.js';
import { addressOf } from './attendees.js';

/** The user's answer to an invitation, as iCalendar spells it (RFC 5545 3.2.12). */
export type Partstat = 'ACCEPTED' | 'TENTATIVE' | 'DECLINED';

export interface ItipMessage {
  /** METHOD, upper-cased: REQUEST, CANCEL, REPLY, PUBLISH, COUNTER... */
  readonly method: string;
  readonly uid: string;
  /** SEQUENCE of the main component; 0 when absent (RFC 5545 3.8.7.4). */
  readonly sequence: number;
  readonly summary?: string;
  readonly organizer?: { readonly email: string; readonly name?: string };
  /** The message is about one occurrence of a series only: it has no component without RECURRENCE-ID. */
  readonly singleInstance: boolean;
  /** REPLY: the PARTSTAT of the replying ATTENDEE (RFC 5546 3.2.3 sends exactly one). */
  readonly replyPartstat?: string;
}

/** Larger calendar parts are not read: an invitation is a few kilobytes, a whole calendar is not one. */
export const MAX_ITIP_BYTES = 1024 * 1024;

function parseRoot(icalendar: string): ICAL.Component | undefined {
  if (icalendar.length > MAX_ITIP_BYTES) return undefined;
  try {
    const root = new ICAL.Component(ICAL.parse(icalendar) as unknown[]);
    return root.name === 'vcalendar' ? root : undefined;
  } catch {
    return undefined;
  }
}

function textOf(component: ICAL.Component, name: string): string | undefined {
  const value = component.getFirstPropertyValue(name);
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function organizerOf(component: ICAL.Component): ItipMessage['organizer'] {
  const prop = component.getFirstProperty('organizer');
  if (prop === null) return undefined;
  const email = addressOf(prop);
  if (email === '') return undefined;
  const cn = prop.getFirstParameter('cn');
  return typeof cn === 'string' && cn.trim() !== '' ? { email, name: cn.trim() } : { email };
}

/** The iTIP facts of a calendar text; undefined when it is not an iTIP message about an event. */
export function readItipMessage(icalendar: string): ItipMessage | undefined {
  const root = parseRoot(icalendar);
  if (root === undefined) return undefined;
  const method = textOf(root, 'method')?.toUpperCase();
  const events = root.getAllSubcomponents('vevent');
  const main = events.find((e) => !e.hasProperty('recurrence-id')) ?? events[0];
  if (method === undefined || main === undefined) return undefined;
  const uid = textOf(main, 'uid');
  if (uid === undefined) return undefined;
  const sequence = Number(main.getFirstPropertyValue('sequence') ?? 0);
  const summary = textOf(main, 'summary');
  const organizer = organizerOf(main);
  const partstat = method === 'REPLY' ? main.getFirstProperty('attendee')?.getFirstParameter('partstat') : undefined;
  return {
    method,
    uid,
    sequence: Number.isInteger(sequence) && sequence >= 0 ? sequence : 0,
    ...(summary === undefined ? {} : { summary }),
    ...(organizer === undefined ? {} : { organizer }),
    singleInstance: main.hasProperty('recurrence-id'),
    ...(typeof partstat === 'string' ? { replyPartstat: partstat.toUpperCase() } : {}),
  };
}

/** A stored event as MeetingResponse sees it (MS-ASCMD 2.2.3.177.9 Status 2 cases). */
export interface StoredMeeting {
  readonly uid?: string;
  readonly summary?: string;
  readonly organizer?: { readonly email: string; readonly name?: string };
  /** The event has an ORGANIZER or ATTENDEEs: something can be answered. */
  readonly isMeeting: boolean;
  /** One of `addresses` is the ORGANIZER: the user cannot answer their own meeting. */
  readonly userIsOrganizer: boolean;
  readonly recurring: boolean;
}

/** The meeting facts of a stored calendar object; undefined when it is not one event. */
export function readStoredMeeting(icalendar: string, addresses: readonly string[]): StoredMeeting | undefined {
  const root = parseRoot(icalendar);
  const events = root?.getAllSubcomponents('vevent') ?? [];
  const main = events.find((e) => !e.hasProperty('recurrence-id')) ?? events[0];
  if (main === undefined) return undefined;
  const own = new Set(addresses.map((a) => a.toLowerCase()));
  const organizer = organizerOf(main);
  const uid = textOf(main, 'uid');
  const summary = textOf(main, 'summary');
  return {
    ...(uid === undefined ? {} : { uid }),
    ...(summary === undefined ? {} : { summary }),
    ...(organizer === undefined ? {} : { organizer }),
    isMeeting: organizer !== undefined || main.hasProperty('attendee'),
    userIsOrganizer: organizer !== undefined && own.has(organizer.email.toLowerCase()),
    recurring: main.hasProperty('rrule') || main.hasProperty('rdate'),
  };
}
