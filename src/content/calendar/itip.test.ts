import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import ICAL from 'ical.js';
import { invitationIcs, type InviteOptions } from '../email/meeting-test-kit.js';
import { easEventFromIcal } from './ical-event-read.js';
import type { CalendarContext } from './event-frame.js';
import { readItipMessage, readStoredMeeting, type Partstat } from './itip.js';
import { answerInvitation, answerStoredEvent, hasOccurrence } from './itip-attendee.js';
import { buildItipReply } from './itip-reply.js';
import { eventOccurrences } from './occurrences.js';

const ctx: CalendarContext = { protocolVersion: '16.1', bodyPreferences: [] };
const ORGANIZER = { email: 'olga@example.org', name: 'Olga' };
const BOB = ['bob@example.org'];
const at = new Date(Date.UTC(2026, 10, 21, 9));

const weekly: InviteOptions = {
  uid: 'series@example.org', start: '20261202T100000', end: '20261202T110000', tzid: 'Europe/Berlin',
  rrule: 'FREQ=WEEKLY;COUNT=6', organizer: ORGANIZER, attendees: [{ email: 'bob@example.org', rsvp: true }, { email: 'carl@example.org' }],
};

function vevents(icalendar: string): ICAL.Component[] {
  return new ICAL.Component(ICAL.parse(icalendar) as unknown[]).getAllSubcomponents('vevent');
}

function partstatOf(component: ICAL.Component, address: string): string | undefined {
  const prop = component.getAllProperties('attendee').find((p) => String(p.getFirstValue()).toLowerCase() === `mailto:${address}`);
  const value = prop?.getFirstParameter('partstat');
  return typeof value === 'string' ? value : undefined;
}

describe('readItipMessage', () => {
  it('reads METHOD, UID, SEQUENCE, the organizer and single-instance messages; refuses non-iTIP text', () => {
    const request = readItipMessage(invitationIcs({ ...weekly, sequence: 3 }));
    assert.deepEqual(request, { method: 'REQUEST', uid: 'series@example.org', sequence: 3, summary: 'Planning', organizer: ORGANIZER, singleInstance: false });
    assert.equal(readItipMessage(invitationIcs({ ...weekly, rrule: undefined, recurrenceId: '20261209T100000' }))?.singleInstance, true);
    const reply = readItipMessage(invitationIcs({ ...weekly, method: 'REPLY', attendees: [{ email: 'bob@example.org', partstat: 'tentative' }] }));
    assert.equal(reply?.replyPartstat, 'TENTATIVE');
    assert.equal(readItipMessage('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n'), undefined);
    assert.equal(readItipMessage(invitationIcs(weekly).replace('METHOD:REQUEST\r\n', '')), undefined);
    assert.equal(readItipMessage('not a calendar'), undefined);
  });

  it('tells an attendee copy from the organizer own meeting', () => {
    const stored = invitationIcs(weekly).replace('METHOD:REQUEST\r\n', '');
    assert.deepEqual(readStoredMeeting(stored, BOB), {
      uid: 'series@example.org', summary: 'Planning', organizer: ORGANIZER, isMeeting: true, userIsOrganizer: false, recurring: true,
    });
    assert.equal(readStoredMeeting(stored, ['OLGA@example.org'])?.userIsOrganizer, true);
  });
});

describe('answering an invitation', () => {
  it('stores the REQUEST without METHOD, with the answer, reply time and busy state on the user', () => {
    const stored = answerInvitation(invitationIcs(weekly), undefined, { addresses: BOB, partstat: 'TENTATIVE', at }, ctx);
    assert.doesNotMatch(stored, /METHOD:/);
    const [event] = vevents(stored);
    assert.ok(event !== undefined);
    assert.equal(partstatOf(event, 'bob@example.org'), 'TENTATIVE');
    assert.equal(partstatOf(event, 'carl@example.org'), 'NEEDS-ACTION');
    const eas = easEventFromIcal(stored, ctx);
    assert.equal(eas.responseType, 2);
    assert.equal(eas.busyStatus, 1);
    assert.equal(eas.meetingStatus, 3);
    assert.deepEqual(eas.appointmentReplyTime, at);
    const accepted = easEventFromIcal(answerStoredEvent(stored, { addresses: BOB, partstat: 'ACCEPTED', at }, ctx), { ...ctx, userAddresses: BOB });
    assert.equal(accepted.responseType, 3);
    assert.equal(accepted.busyStatus, 2);
  });

  it('adds the user as attendee when the invitation reached them through a list', () => {
    const stored = answerInvitation(invitationIcs(weekly), undefined, { addresses: ['dora@example.org'], name: 'Dora', partstat: 'ACCEPTED', at }, ctx);
    const [event] = vevents(stored);
    assert.equal(partstatOf(event as ICAL.Component, 'dora@example.org'), 'ACCEPTED');
  });

  it('merges an update of one occurrence into the stored series, and keeps a newer copy over an older invitation', () => {
    const series = answerInvitation(invitationIcs({ ...weekly, sequence: 1 }), undefined, { addresses: BOB, partstat: 'ACCEPTED', at }, ctx);
    const moved = invitationIcs({ ...weekly, rrule: undefined, sequence: 2, recurrenceId: '20261209T100000', start: '20261209T150000', end: '20261209T160000' });
    const merged = answerInvitation(moved, series, { addresses: BOB, partstat: 'ACCEPTED', at }, ctx);
    assert.equal(vevents(merged).length, 2);
    const starts = eventOccurrences(merged, Date.UTC(2026, 11, 8), Date.UTC(2026, 11, 10), ctx).map((o) => new Date(o.start).toISOString());
    assert.deepEqual(starts, ['2026-12-09T14:00:00.000Z']);
    const stale = answerInvitation(invitationIcs({ ...weekly, sequence: 0, summary: 'Old title' }), series, { addresses: BOB, partstat: 'DECLINED', at }, ctx);
    assert.match(stale, /SUMMARY:Planning/);
    assert.equal(partstatOf(vevents(stale)[0] as ICAL.Component, 'bob@example.org'), 'DECLINED');
  });

  it('answers one occurrence in an override of its own and finds only real occurrences', () => {
    const series = answerInvitation(invitationIcs(weekly), undefined, { addresses: BOB, partstat: 'ACCEPTED', at }, ctx);
    const third = new Date(Date.UTC(2026, 11, 16, 9));
    assert.equal(hasOccurrence(series, third, ctx), true);
    assert.equal(hasOccurrence(series, new Date(Date.UTC(2026, 11, 16, 10)), ctx), false);
    assert.equal(hasOccurrence(series, new Date(Date.UTC(2027, 5, 16, 9)), ctx), false);
    const answered = answerStoredEvent(series, { addresses: BOB, partstat: 'TENTATIVE', at }, ctx, third);
    const [master, override] = vevents(answered);
    assert.equal(partstatOf(master as ICAL.Component, 'bob@example.org'), 'ACCEPTED');
    assert.equal(partstatOf(override as ICAL.Component, 'bob@example.org'), 'TENTATIVE');
    assert.deepEqual(eventOccurrences(answered, 0, Date.UTC(2028, 0, 1), ctx).length, 6);
  });
});

describe('buildItipReply', () => {
  it('writes METHOD:REPLY with UID, SEQUENCE, ORGANIZER, DTSTAMP and the one answering ATTENDEE', () => {
    const reply = buildItipReply(invitationIcs({ ...weekly, sequence: 4 }), { addresses: BOB, partstat: 'DECLINED', at, comment: 'On holiday' }, ctx);
    const root = new ICAL.Component(ICAL.parse(reply) as unknown[]);
    assert.equal(root.getFirstPropertyValue('method'), 'REPLY');
    const [event] = root.getAllSubcomponents('vevent');
    assert.ok(event !== undefined);
    assert.equal(event.getFirstPropertyValue('uid'), 'series@example.org');
    assert.equal(event.getFirstPropertyValue('sequence'), 4);
    assert.equal(event.getAllProperties('attendee').length, 1);
    assert.equal(partstatOf(event, 'bob@example.org'), 'DECLINED');
    assert.doesNotMatch(reply, /RSVP=/);
    assert.equal(String(event.getFirstPropertyValue('organizer')), 'mailto:olga@example.org');
    assert.equal(event.getFirstPropertyValue('comment'), 'On holiday');
    assert.equal((event.getFirstPropertyValue('dtstamp') as ICAL.Time).toJSDate().getTime(), at.getTime());
    assert.equal(root.getAllSubcomponents('vtimezone').length, 0);
    assert.equal(readItipMessage(reply)?.replyPartstat, 'DECLINED');
  });

  it('names the occurrence with RECURRENCE-ID in the series zone', () => {
    const reply = buildItipReply(invitationIcs(weekly), { addresses: BOB, partstat: 'ACCEPTED', at, instance: new Date(Date.UTC(2026, 11, 16, 9)) }, ctx);
    assert.match(reply, /RECURRENCE-ID;TZID=Europe\/Berlin:20261216T100000/);
    assert.doesNotMatch(reply, /DTSTART/);
  });

  it('property: the reply answers exactly what was asked, for every answer and attendee list', () => {
    fc.assert(fc.property(
      fc.constantFrom<Partstat>('ACCEPTED', 'TENTATIVE', 'DECLINED'),
      fc.uniqueArray(fc.constantFrom('bob', 'carl', 'dora', 'emil'), { minLength: 0, maxLength: 4 }),
      fc.integer({ min: 0, max: 20 }),
      (partstat, others, sequence) => {
        const attendees = others.map((name) => ({ email: `${name}@example.org` }));
        const request = invitationIcs({ ...weekly, sequence, attendees });
        const message = readItipMessage(buildItipReply(request, { addresses: BOB, partstat, at }, ctx));
        assert.equal(message?.method, 'REPLY');
        assert.equal(message?.uid, weekly.uid);
        assert.equal(message?.sequence, sequence);
        assert.equal(message?.replyPartstat, partstat);
        const stored = answerInvitation(request, undefined, { addresses: BOB, partstat, at }, ctx);
        assert.equal(partstatOf(vevents(stored)[0] as ICAL.Component, 'bob@example.org'), partstat);
      },
    ));
  });
});
