// The two mails of a 16.x meeting forward (MS-ASCMD 2.2.3.79 Forwardees, 2.2.3.169): the
// forwardees get the meeting as an iMIP invitation (RFC 6047 2.4: text/calendar; method=REQUEST
// beside the note the user wrote), and the organizer, when it is someone else, gets a meeting
// forward notification naming them, as Exchange sends one so the organizer learns who was added
// (MS-OXOCAL 2.2.6 Meeting Forward Notification). Over SMTP that notification is a plain message:
// its Exchange message class (IPM.Schedule.Meeting.Notification.Forward) has no MIME form, and
// the organizer's own calendar copy is theirs to update, which no iCalendar method asks of them.

import MailComposer from 'nodemailer/lib/mail-composer';
import { formatAddressList } from '../../content/email/index.js';
import type { MeetingForwardRequest } from './compose-request.js';
import { forwardedMeeting } from './meeting-forward-ical.js';
import { formatSender, type ComposeSender } from './outgoing-message.js';

export interface MeetingForwardMails {
  /** To the forwardees. */
  readonly invitation: Uint8Array;
  /** To the organizer; absent when the user is the organizer or the event names none. */
  readonly notification?: Uint8Array;
}

async function build(options: ConstructorParameters<typeof MailComposer>[0]): Promise<Uint8Array> {
  const built = await new MailComposer(options).compile().build();
  return new Uint8Array(built.buffer, built.byteOffset, built.length);
}

/** Builds both mails from the stored event. Throws InvalidInputError for an event that cannot be read. */
export async function meetingForwardMails(
  icalendar: string, request: MeetingForwardRequest, sender: ComposeSender, now: Date,
): Promise<MeetingForwardMails> {
  const meeting = forwardedMeeting(icalendar, request.forwardees);
  const forwardees = request.forwardees.map((f) => ({ address: f.email, name: f.name ?? '' }));
  const from = formatSender(sender);
  const subject = meeting.summary === '' ? 'Fw: meeting' : `Fw: ${meeting.summary}`;
  const note = request.body;
  const invitation = await build({
    from, to: formatAddressList(forwardees), subject, date: now,
    ...(note?.html === true ? { html: note.data } : { text: note?.data ?? '' }),
    icalEvent: { method: 'REQUEST', content: meeting.icalendar },
  });
  const organizer = meeting.organizer;
  if (organizer === undefined || organizer.address.toLowerCase() === sender.address.toLowerCase()) return { invitation };
  const who = sender.displayName ?? sender.address;
  const names = forwardees.map((f) => (f.name === '' ? f.address : `${f.name} <${f.address}>`)).join(', ');
  const notification = await build({
    from, to: formatAddressList([{ address: organizer.address, name: organizer.name ?? '' }]), date: now,
    subject: `Meeting Forward Notification: ${meeting.summary}`,
    text: `${who} forwarded your meeting "${meeting.summary}" to: ${names}.`,
  });
  return { invitation, notification };
}
