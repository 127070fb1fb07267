// The mails of a 16.x meeting forward: the forwardees' iTIP REQUEST (forwardees added as
// attendees asked to answer, organizer and existing attendees kept, every VEVENT of a series with
// exceptions), the organizer's notification only when the sender is not the organizer, and a
// stored item that is not iCalendar refused with InvalidInputError.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseMime } from '../../content/email/index.js';
import { InvalidInputError } from '../../domain/errors.js';
import { meetingForwardMails } from './meeting-forward.js';
import { forwardedMeeting } from './meeting-forward-ical.js';

const SERIES = [
  'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN',
  'BEGIN:VEVENT', 'UID:s-1', 'DTSTAMP:20261101T090000Z', 'DTSTART:20261201T100000Z', 'DTEND:20261201T110000Z', 'RRULE:FREQ=WEEKLY;COUNT=4',
  'SUMMARY:Weekly sync', 'ORGANIZER;CN=Bob:mailto:bob@example.org', 'ATTENDEE;PARTSTAT=ACCEPTED:mailto:alice@example.org', 'END:VEVENT',
  'BEGIN:VEVENT', 'UID:s-1', 'DTSTAMP:20261101T090000Z', 'RECURRENCE-ID:20261208T100000Z', 'DTSTART:20261208T120000Z', 'DTEND:20261208T130000Z',
  'SUMMARY:Weekly sync (moved)', 'ORGANIZER;CN=Bob:mailto:bob@example.org', 'END:VEVENT', 'END:VCALENDAR', '',
].join('\r\n');
const unfold = (text: string): string => text.replace(/\r?\n[ \t]/g, '');

describe('forwardedMeeting', () => {
  it('makes a REQUEST with the forwardees as attendees in every VEVENT, the organizer unchanged', () => {
    const meeting = forwardedMeeting(SERIES, [{ email: 'carol@example.org', name: 'Carol' }, { email: 'ALICE@example.org' }]);
    assert.equal(meeting.summary, 'Weekly sync');
    assert.deepEqual(meeting.organizer, { address: 'bob@example.org', name: 'Bob' });
    const ics = unfold(meeting.icalendar);
    assert.match(ics, /^METHOD:REQUEST\r?$/m);
    assert.equal(ics.match(/ATTENDEE;CN=Carol;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:carol@example\.org/g)?.length, 2);
    // An existing attendee is not listed twice, whatever the case of the address.
    assert.equal(ics.match(/mailto:alice@example\.org/gi)?.length, 2);
    assert.equal(ics.match(/ORGANIZER;CN=Bob:mailto:bob@example\.org/g)?.length, 2);
  });

  it('refuses a stored item that is not an iCalendar event', () => {
    assert.throws(() => forwardedMeeting('not a calendar', [{ email: 'c@example.org' }]), InvalidInputError);
    assert.throws(() => forwardedMeeting('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n', [{ email: 'c@example.org' }]), InvalidInputError);
  });
});

describe('meetingForwardMails', () => {
  const now = new Date('2026-11-23T05:00:00Z');

  it('mails the invitation to the forwardees and a notification to another organizer', async () => {
    const mails = await meetingForwardMails(SERIES, { forwardees: [{ email: 'carol@example.org', name: 'Carol' }], body: { html: false, data: 'Come along.' } },
      { address: 'alice@example.org', displayName: 'Alice' }, now);
    const invitation = await parseMime(mails.invitation);
    assert.equal(invitation.subject, 'Fw: Weekly sync');
    assert.equal(invitation.text?.trim(), 'Come along.');
    assert.match(Buffer.from(mails.invitation).toString('utf8'), /Content-Type: text\/calendar; charset=utf-8; method=REQUEST/);
    assert.ok(mails.notification !== undefined);
    const notice = await parseMime(mails.notification);
    assert.equal(notice.subject, 'Meeting Forward Notification: Weekly sync');
    assert.match(notice.text ?? '', /^Alice forwarded your meeting "Weekly sync" to: Carol <carol@example\.org>\.$/m);
    assert.match(Buffer.from(mails.notification).toString('utf8'), /^To: "?Bob"? <bob@example\.org>\r?$/m);
  });

  it('notifies nobody when the sender organizes the meeting', async () => {
    const mails = await meetingForwardMails(SERIES, { forwardees: [{ email: 'carol@example.org' }] }, { address: 'BOB@example.org' }, now);
    assert.equal(mails.notification, undefined);
  });
});
