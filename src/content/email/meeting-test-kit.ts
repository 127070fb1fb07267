// Invitations for the meeting tests (content, commands and the HTTP integration tests): iCalendar
// texts as calendars send them (RFC 5546 REQUEST, CANCEL and REPLY) and the iMIP mail around
// them, written by nodemailer the way it sends invitations (text/calendar alternative plus an
// application/ics copy) or as a lone .ics attachment.
import MailComposer from 'nodemailer/lib/mail-composer';

export interface InviteOptions {
  readonly method?: 'REQUEST' | 'CANCEL' | 'REPLY' | 'PUBLISH';
  readonly uid: string;
  readonly summary?: string;
  /** Wall time "YYYYMMDDTHHMMSS" under `tzid`, or a UTC "…Z" time, or a DATE "YYYYMMDD". */
  readonly start: string;
  readonly end: string;
  readonly tzid?: string;
  readonly rrule?: string;
  /** Makes the message about one occurrence: RECURRENCE-ID in the same form as `start`. */
  readonly recurrenceId?: string;
  readonly sequence?: number;
  readonly organizer: { readonly email: string; readonly name?: string };
  readonly attendees: readonly { readonly email: string; readonly name?: string; readonly partstat?: string; readonly rsvp?: boolean }[];
  readonly location?: string;
  readonly alarmMinutes?: number;
}

function timeProperty(name: string, value: string, tzid: string | undefined): string {
  if (/^\d{8}$/.test(value)) return `${name};VALUE=DATE:${value}`;
  if (value.endsWith('Z') || tzid === undefined) return `${name}:${value}`;
  return `${name};TZID=${tzid}:${value}`;
}

function person(kind: 'ORGANIZER' | 'ATTENDEE', who: { email: string; name?: string; partstat?: string; rsvp?: boolean }): string {
  const params = [
    ...(who.name === undefined ? [] : [`CN=${who.name}`]),
    ...(kind === 'ATTENDEE' ? [`PARTSTAT=${who.partstat ?? 'NEEDS-ACTION'}`, 'ROLE=REQ-PARTICIPANT'] : []),
    ...(kind === 'ATTENDEE' && who.rsvp !== undefined ? [`RSVP=${who.rsvp ? 'TRUE' : 'FALSE'}`] : []),
  ];
  return `${kind}${params.map((p) => `;${p}`).join('')}:mailto:${who.email}`;
}

/** An iTIP calendar text for one VEVENT. */
export function invitationIcs(options: InviteOptions): string {
  const lines = [
    'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Pushbridge tests//EN', `METHOD:${options.method ?? 'REQUEST'}`,
    'BEGIN:VEVENT', `UID:${options.uid}`, 'DTSTAMP:20261120T080000Z', `SEQUENCE:${options.sequence ?? 0}`,
    timeProperty('DTSTART', options.start, options.tzid), timeProperty('DTEND', options.end, options.tzid),
    ...(options.recurrenceId === undefined ? [] : [timeProperty('RECURRENCE-ID', options.recurrenceId, options.tzid)]),
    ...(options.rrule === undefined ? [] : [`RRULE:${options.rrule}`]),
    `SUMMARY:${options.summary ?? 'Planning'}`,
    ...(options.location === undefined ? [] : [`LOCATION:${options.location}`]),
    person('ORGANIZER', options.organizer),
    ...options.attendees.map((a) => person('ATTENDEE', a)),
    ...(options.alarmMinutes === undefined ? [] : ['BEGIN:VALARM', 'ACTION:DISPLAY', 'DESCRIPTION:Reminder', `TRIGGER:-PT${options.alarmMinutes}M`, 'END:VALARM']),
    'END:VEVENT', 'END:VCALENDAR', '',
  ];
  return lines.join('\r\n');
}

export interface InviteMailOptions {
  readonly from: string;
  readonly to: string;
  readonly subject: string;
  readonly icalendar: string;
  readonly method?: string;
  /** 'alternative' (the default) as calendars send it; 'attachment' for a bare invite.ics. */
  readonly form?: 'alternative' | 'attachment';
}

/** The iMIP mail carrying `icalendar`. */
export async function invitationMime(options: InviteMailOptions): Promise<Uint8Array> {
  const method = options.method ?? /METHOD:(\w+)/.exec(options.icalendar)?.[1] ?? 'REQUEST';
  const composer = new MailComposer({
    from: options.from,
    to: options.to,
    subject: options.subject,
    date: new Date(Date.UTC(2026, 10, 20, 8)),
    text: `Invitation: ${options.subject}`,
    ...(options.form === 'attachment'
      ? { attachments: [{ filename: 'invite.ics', content: options.icalendar, contentType: 'text/calendar' }] }
      : { icalEvent: { method, content: options.icalendar } }),
  });
  const built = await composer.compile().build();
  return new Uint8Array(built.buffer, built.byteOffset, built.length);
}
