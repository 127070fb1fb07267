// The iTIP message a mail carries (iMIP, RFC 6047 2.4): a text/calendar part with a METHOD, sent
// inline as an alternative by most calendars, or attached as an .ics file (application/ics is how
// nodemailer and Outlook web attach their copy). The first part that reads as an iTIP message
// about an event wins, inline parts first, so an attached copy never outranks the real one.
import type { ParsedMail } from 'mailparser';
import { MAX_ITIP_BYTES, readItipMessage, type ItipMessage } from '../calendar/itip.js';

/** The methods that make a mail a meeting message on the device (MS-ASEMAIL MessageClass). */
export type MeetingMethod = 'REQUEST' | 'CANCEL' | 'REPLY';

export interface MeetingInvitation {
  readonly method: MeetingMethod;
  /** The calendar text as sent, METHOD included. */
  readonly icalendar: string;
  readonly itip: ItipMessage;
}

type Part = ParsedMail['attachments'][number];

const MEETING_METHODS: ReadonlySet<string> = new Set<MeetingMethod>(['REQUEST', 'CANCEL', 'REPLY']);
const ICS_TYPES = new Set(['text/calendar', 'application/ics', 'text/x-vcalendar', 'application/x-ics']);

/** Whether a part of this type or file name is one the invitation is looked for in. */
export function mayCarryInvitation(contentType: string, filename: string | undefined): boolean {
  return ICS_TYPES.has(contentType.toLowerCase()) || (filename ?? '').toLowerCase().endsWith('.ics');
}

function rank(part: Part): number | undefined {
  const type = part.contentType.toLowerCase();
  if (!mayCarryInvitation(type, part.filename)) return undefined;
  if (type === 'text/calendar' && part.contentDisposition !== 'attachment') return 0;
  return type === 'text/calendar' ? 1 : 2;
}

function charsetOf(part: Part): string {
  const header = part.headers.get('content-type');
  const params = typeof header === 'object' && header !== null && 'params' in header ? (header.params as Record<string, string>) : {};
  return params['charset'] ?? 'utf-8';
}

function decodeText(part: Part): string | undefined {
  if (part.content.length > MAX_ITIP_BYTES) return undefined;
  try {
    return new TextDecoder(charsetOf(part)).decode(part.content);
  } catch {
    // An unknown charset label: RFC 5545 3.1.4 makes UTF-8 the default.
    return new TextDecoder('utf-8').decode(part.content);
  }
}

/** The meeting message in a parsed mail, or undefined when it carries none. */
export function findMeetingInvitation(parsed: ParsedMail): MeetingInvitation | undefined {
  const candidates = parsed.attachments
    .map((part) => ({ part, rank: rank(part) }))
    .filter((c): c is { part: Part; rank: number } => c.rank !== undefined)
    .sort((a, b) => a.rank - b.rank);
  for (const { part } of candidates) {
    const icalendar = decodeText(part);
    const itip = icalendar === undefined ? undefined : readItipMessage(icalendar);
    if (icalendar !== undefined && itip !== undefined && MEETING_METHODS.has(itip.method)) {
      return { method: itip.method as MeetingMethod, icalendar, itip };
    }
  }
  return undefined;
}
