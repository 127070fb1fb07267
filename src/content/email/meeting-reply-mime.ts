// The mail that carries an attendee's iTIP REPLY to the organizer (iMIP, RFC 6047 2.4): a short
// text part and the REPLY as text/calendar; method=REPLY, with the subject prefixes Outlook and
// Exchange write ("Accepted:", "Tentative:", "Declined:"), so the organizer's client files it as
// a meeting response (IPM.Schedule.Meeting.Resp.*). Built with nodemailer like drafts.
import MailComposer from 'nodemailer/lib/mail-composer';
import type { Partstat } from '../calendar/itip.js';
import { formatAddress } from './addresses.js';
import type { MailAddress } from './parse-mime.js';

export interface MeetingReplyMail {
  /** The attendee answering (the authenticated user). */
  readonly from: MailAddress;
  /** The organizer. */
  readonly to: MailAddress;
  readonly partstat: Partstat;
  readonly summary: string;
  /** The METHOD:REPLY calendar text (itip-reply.ts). */
  readonly icalendar: string;
  /** What the user wrote (16.x SendResponse Body); a one-line statement otherwise. */
  readonly text?: string;
  readonly date: Date;
  /** Message-ID of the invitation, so the reply threads with it. */
  readonly inReplyTo?: string;
}

const VERB: Readonly<Record<Partstat, { readonly prefix: string; readonly phrase: string }>> = {
  ACCEPTED: { prefix: 'Accepted', phrase: 'has accepted' },
  TENTATIVE: { prefix: 'Tentative', phrase: 'has tentatively accepted' },
  DECLINED: { prefix: 'Declined', phrase: 'has declined' },
};

/** The RFC 5322 reply message, Date and Message-ID included. */
export async function composeMeetingReply(mail: MeetingReplyMail): Promise<Uint8Array> {
  const verb = VERB[mail.partstat];
  const who = mail.from.name.trim() === '' ? mail.from.address : mail.from.name.trim();
  const text = mail.text !== undefined && mail.text.trim() !== '' ? mail.text : `${who} ${verb.phrase} the invitation "${mail.summary}".`;
  const composer = new MailComposer({
    from: formatAddress(mail.from),
    to: formatAddress(mail.to),
    subject: `${verb.prefix}: ${mail.summary}`,
    date: mail.date,
    ...(mail.inReplyTo === undefined ? {} : { inReplyTo: mail.inReplyTo, references: [mail.inReplyTo] }),
    text,
    icalEvent: { method: 'REPLY', content: mail.icalendar },
  });
  const built = await composer.compile().build();
  return new Uint8Array(built.buffer, built.byteOffset, built.length);
}
