// The iCalendar side of forwarding a meeting (MS-ASCMD 2.2.3.79 Forwardees, 16.0+): the stored
// event becomes an iTIP REQUEST (RFC 5546 3.2.2) whose ORGANIZER is unchanged (MS-ASCMD 3.1.5.7:
// forwarding never changes the organizer) and which lists each forwardee as an ATTENDEE who is
// asked to answer, as RFC 5546 3.2.2.6 describes an invitation forwarded to an uninvited user.

import ICAL from 'ical.js';
import { InvalidInputError } from '../../domain/errors.js';

export interface Forwardee {
  readonly email: string;
  readonly name?: string;
}

export interface ForwardedMeeting {
  /** The METHOD:REQUEST calendar for the forwardees. */
  readonly icalendar: string;
  readonly summary: string;
  /** The organizer's address, when the event names one. */
  readonly organizer?: { readonly address: string; readonly name?: string };
}

const mailtoAddress = (value: unknown): string | undefined => {
  if (typeof value !== 'string') return undefined;
  const address = value.replace(/^mailto:/i, '').trim();
  return address === '' ? undefined : address;
};

function parseCalendar(icalendar: string): ICAL.Component {
  try {
    const root = new ICAL.Component(ICAL.parse(icalendar));
    if (root.name !== 'vcalendar' || root.getFirstSubcomponent('vevent') === null) throw new Error('no VEVENT in the stored item');
    return root;
  } catch (cause) {
    throw new InvalidInputError(`the calendar item cannot be forwarded: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

function addForwardee(event: ICAL.Component, forwardee: Forwardee): void {
  const address = forwardee.email.toLowerCase();
  const listed = event.getAllProperties('attendee').some((p) => mailtoAddress(p.getFirstValue())?.toLowerCase() === address);
  if (listed) return;
  const attendee = new ICAL.Property('attendee', event);
  attendee.setValue(`mailto:${forwardee.email}`);
  if (forwardee.name !== undefined && forwardee.name !== '') attendee.setParameter('cn', forwardee.name);
  attendee.setParameter('role', 'REQ-PARTICIPANT');
  attendee.setParameter('partstat', 'NEEDS-ACTION');
  attendee.setParameter('rsvp', 'TRUE');
  event.addProperty(attendee);
}

/** The REQUEST the forwardees get, with what the mails around it need. Throws InvalidInputError. */
export function forwardedMeeting(icalendar: string, forwardees: readonly Forwardee[]): ForwardedMeeting {
  const root = parseCalendar(icalendar);
  root.updatePropertyWithValue('method', 'REQUEST');
  const events = root.getAllSubcomponents('vevent');
  // Every VEVENT of the item (the series and its exceptions) invites the forwardees alike.
  for (const event of events) for (const forwardee of forwardees) addForwardee(event, forwardee);
  const master = events.find((e) => !e.hasProperty('recurrence-id')) ?? events[0];
  const organizerProp = master?.getFirstProperty('organizer') ?? null;
  const organizerAddress = mailtoAddress(organizerProp?.getFirstValue());
  const organizerName = organizerProp?.getParameter('cn');
  const summary = master?.getFirstPropertyValue('summary');
  return {
    icalendar: root.toString(),
    summary: typeof summary === 'string' ? summary : '',
    ...(organizerAddress === undefined ? {} : {
      organizer: { address: organizerAddress, ...(typeof organizerName === 'string' && organizerName !== '' ? { name: organizerName } : {}) },
    }),
  };
}
