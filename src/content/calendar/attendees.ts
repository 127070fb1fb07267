// ATTENDEE and ORGANIZER (RFC 5545 3.8.4.1, 3.8.4.3) ⇄ EAS Attendee and Organizer fields
// (MS-ASCAL 2.2.2.3-2.2.2.6, 2.2.2.35-36). PARTSTAT carries AttendeeStatus, ROLE and CUTYPE carry
// AttendeeType. Parameters EAS has no word for (RSVP, DELEGATED-TO, SENT-BY...) stay on the
// property when a client rewrites the list.
import ICAL from 'ical.js';
import type { EasAttendee } from './event-model.js';

const STATUS_BY_PARTSTAT: Readonly<Record<string, number>> = {
  'NEEDS-ACTION': 5,
  ACCEPTED: 3,
  TENTATIVE: 2,
  DECLINED: 4,
};

const PARTSTAT_BY_STATUS: Readonly<Record<number, string>> = { 5: 'NEEDS-ACTION', 3: 'ACCEPTED', 2: 'TENTATIVE', 4: 'DECLINED' };

function param(prop: ICAL.Property, name: string): string | undefined {
  const value = prop.getFirstParameter(name);
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The address of a cal-address value, without "mailto:". */
export function addressOf(prop: ICAL.Property): string {
  return String(prop.getFirstValue() ?? '').replace(/^mailto:/i, '').trim();
}

/** AttendeeStatus of an ATTENDEE. No PARTSTAT at all is "unknown" (0), kept apart from an explicit
 *  NEEDS-ACTION ("not responded", 5) so each of the two comes back as the client sent it. */
export function attendeeStatusOf(prop: ICAL.Property): number {
  const partstat = param(prop, 'partstat');
  return partstat === undefined ? 0 : STATUS_BY_PARTSTAT[partstat.toUpperCase()] ?? 0;
}

function attendeeTypeOf(prop: ICAL.Property): number {
  const cutype = (param(prop, 'cutype') ?? '').toUpperCase();
  if (cutype === 'RESOURCE' || cutype === 'ROOM') return 3;
  const role = (param(prop, 'role') ?? '').toUpperCase();
  return role === 'OPT-PARTICIPANT' || role === 'NON-PARTICIPANT' ? 2 : 1;
}

export function readAttendees(component: ICAL.Component): EasAttendee[] {
  return component.getAllProperties('attendee')
    .map((prop) => {
      const email = addressOf(prop);
      return { email, name: param(prop, 'cn') ?? email, status: attendeeStatusOf(prop), type: attendeeTypeOf(prop) };
    })
    .filter((a) => a.email !== '');
}

export function readOrganizer(component: ICAL.Component): { readonly name?: string; readonly email?: string } {
  const prop = component.getFirstProperty('organizer');
  if (prop === null) return {};
  const email = addressOf(prop);
  const name = param(prop, 'cn');
  return { ...(email === '' ? {} : { email }), ...(name === undefined ? {} : { name }) };
}

function applyAttendee(prop: ICAL.Property, attendee: EasAttendee): void {
  if (attendee.name !== undefined && attendee.name !== '' && attendee.name !== attendee.email) prop.setParameter('cn', attendee.name);
  else prop.removeParameter('cn');
  if (attendee.status !== undefined) {
    const partstat = PARTSTAT_BY_STATUS[attendee.status];
    // Status 0 ("unknown") keeps a stored PARTSTAT EAS cannot name, such as DELEGATED.
    if (partstat !== undefined) prop.setParameter('partstat', partstat);
    else if (attendeeStatusOf(prop) !== 0) prop.removeParameter('partstat');
  }
  if (attendee.type === undefined) return;
  const cutype = (param(prop, 'cutype') ?? '').toUpperCase();
  if (attendee.type === 3) {
    if (cutype !== 'ROOM') prop.setParameter('cutype', 'RESOURCE');
    return;
  }
  if (cutype === 'RESOURCE' || cutype === 'ROOM') prop.removeParameter('cutype');
  prop.setParameter('role', attendee.type === 2 ? 'OPT-PARTICIPANT' : 'REQ-PARTICIPANT');
}

/** Replaces the ATTENDEE list, reusing each address's old property so its other parameters stay. */
export function writeAttendees(component: ICAL.Component, attendees: readonly EasAttendee[]): void {
  const old = new Map(component.getAllProperties('attendee').map((p) => [addressOf(p).toLowerCase(), p]));
  component.removeAllProperties('attendee');
  for (const attendee of attendees) {
    const prop = old.get(attendee.email.toLowerCase()) ?? new ICAL.Property('attendee', component);
    prop.setValue(`mailto:${attendee.email}`);
    applyAttendee(prop, attendee);
    component.addProperty(prop);
  }
}

export function writeOrganizer(component: ICAL.Component, email: string, name: string | undefined): void {
  const existing = component.getFirstProperty('organizer');
  const prop = existing !== null && addressOf(existing).toLowerCase() === email.toLowerCase()
    ? existing
    : component.updatePropertyWithValue('organizer', `mailto:${email}`);
  prop.setValue(`mailto:${email}`);
  if (name !== undefined && name !== '' && name !== email) prop.setParameter('cn', name);
  else prop.removeParameter('cn');
}
