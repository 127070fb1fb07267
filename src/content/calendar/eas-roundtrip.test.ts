// EAS → iCalendar → EAS gives the same tree: what a device sends is stored so that the next Sync
// (to it or to another device on the same version) says exactly the same, for generated events
// on every protocol version: any Timezone blob and its names, timed and all-day, attendees and
// meeting state, every recurrence type with deleted and modified occurrences.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { versionAtLeast, type ProtocolVersion } from '../../eas/protocol-version.js';
import { decodeEasBody, element, encodeEasBody } from '../../eas/wbxml-body.js';
import { easTimeZoneForIana, wallToUtc, zoneFromBlob, type EasTimeZone } from '../timezone/index.js';
import { decodeCalendarApplicationData, encodeCalendarApplicationData } from './calendar-converter.js';
import type { CalendarContext } from './event-frame.js';
import { encodeEventElements } from './event-elements.js';
import type { EasAttendee, EasEvent, EasException, EasRecurrence } from './event-model.js';

const DAY = 86_400_000;
const text = fc.stringMatching(/^[A-Za-z0-9 ,;:.!?'"\\-]{1,24}$/).filter((s) => s.trim() === s);
const word = fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,11}$/);
const second = (min: number, max: number): fc.Arbitrary<Date> => fc.integer({ min: min / 1000, max: max / 1000 }).map((s) => new Date(s * 1000));

interface Frame {
  readonly version: ProtocolVersion;
  readonly blob: EasTimeZone;
  readonly allDay: boolean;
}

const frameArb: fc.Arbitrary<Frame> = fc.record({
  version: fc.constantFrom<ProtocolVersion>('2.5', '12.0', '12.1', '14.0', '14.1', '16.0', '16.1'),
  zone: fc.constantFrom('Europe/Berlin', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata', 'Pacific/Auckland'),
  names: fc.constantFrom('zone', 'empty', 'windows'),
  allDay: fc.boolean(),
}).map(({ version, zone, names, allDay }) => {
  const rules = easTimeZoneForIana(zone, 2025);
  const name = names === 'zone' ? zone : names === 'empty' ? '' : 'Custom Standard Time';
  return { version, allDay, blob: { ...rules, standardName: name, daylightName: name } };
});

/** A day's midnight the way the frame sends all-day bounds. */
function midnight(frame: Frame, dayIndex: number): Date {
  const wall = Date.UTC(2025, 0, 1) + dayIndex * DAY;
  return new Date(versionAtLeast(frame.version, '16.0') ? wall : wallToUtc(zoneFromBlob(frame.blob), wall));
}

function instantArb(frame: Frame): fc.Arbitrary<Date> {
  return frame.allDay ? fc.integer({ min: 0, max: 360 }).map((d) => midnight(frame, d)) : second(Date.UTC(2025, 0, 1), Date.UTC(2025, 11, 31));
}

/** The end `length` units after `start`: whole days (zone midnights) for all-day events. */
function endAfter(frame: Frame, start: Date, length: number): Date {
  if (!frame.allDay) return new Date(start.getTime() + length * 1_800_000);
  const startDay = Math.round((start.getTime() - midnight(frame, 0).getTime()) / DAY);
  return midnight(frame, startDay + length);
}

const recurrenceArb: fc.Arbitrary<EasRecurrence> = fc.oneof(
  fc.record({ type: fc.constant(0 as const), interval: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ type: fc.constant(0 as const), interval: fc.constant(1), dayOfWeek: fc.constant(62) }),
  fc.record({ type: fc.constant(1 as const), interval: fc.integer({ min: 1, max: 3 }), dayOfWeek: fc.integer({ min: 1, max: 127 }), firstDayOfWeek: fc.integer({ min: 0, max: 6 }) }),
  fc.record({ type: fc.constant(2 as const), interval: fc.integer({ min: 1, max: 2 }), dayOfMonth: fc.integer({ min: 1, max: 31 }) }),
  fc.record({ type: fc.constant(3 as const), interval: fc.constant(1), weekOfMonth: fc.integer({ min: 1, max: 5 }), dayOfWeek: fc.constantFrom(1, 2, 4, 8, 16, 32, 64) }),
  fc.record({ type: fc.constant(5 as const), interval: fc.constant(1), monthOfYear: fc.integer({ min: 1, max: 12 }), dayOfMonth: fc.integer({ min: 1, max: 28 }) }),
  fc.record({ type: fc.constant(6 as const), interval: fc.constant(1), monthOfYear: fc.integer({ min: 1, max: 12 }), weekOfMonth: fc.integer({ min: 1, max: 5 }), dayOfWeek: fc.constantFrom(1, 2, 4) }),
);

function attendeesArb(version: ProtocolVersion): fc.Arbitrary<EasAttendee[]> {
  const full = versionAtLeast(version, '12.0');
  return fc.uniqueArray(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 3 }).chain((ids) => fc.tuple(...ids.map((id) => fc.record({
    email: fc.constant(`person${id}@example.com`),
    name: word,
    ...(full ? { status: fc.constantFrom(0, 2, 3, 4, 5), type: fc.constantFrom(1, 2, 3) } : {}),
  }))));
}

/** Exceptions carry only what differs from the series (as the server sends them). */
function exceptionsArb(frame: Frame, subject: string, seriesReminder: number | undefined): fc.Arbitrary<EasException[]> {
  const one = fc.record({
    deleted: fc.boolean(),
    originalStart: instantArb(frame),
    start: instantArb(frame),
    length: fc.integer({ min: 1, max: 3 }),
    suffix: word,
    reminder: fc.option(fc.constantFrom<number | null>(null, 5, 45), { nil: undefined }),
  });
  return fc.uniqueArray(one, { maxLength: 4, selector: (e) => e.originalStart.getTime() }).map((list) => list
    .sort((a, b) => a.originalStart.getTime() - b.originalStart.getTime())
    .map((e): EasException => (e.deleted ? { deleted: true, originalStart: e.originalStart } : {
      deleted: false, originalStart: e.originalStart, subject: `${subject} ${e.suffix}`, start: e.start,
      end: endAfter(frame, e.start, e.length),
      ...(e.reminder === undefined || e.reminder === (seriesReminder ?? null) ? {} : { reminder: e.reminder }),
    })));
}

function eventArb(frame: Frame): fc.Arbitrary<EasEvent> {
  const v = frame.version;
  const as14 = versionAtLeast(v, '14.0');
  return fc.record({
    start: instantArb(frame), length: fc.integer({ min: 1, max: 3 }), subject: text, uid: fc.uuid(),
    dtStamp: second(Date.UTC(2024, 0, 1), Date.UTC(2025, 11, 31)),
    busyStatus: fc.constantFrom(...(versionAtLeast(v, '16.0') ? [0, 1, 2, 3, 4] : [0, 1, 2, 3])),
    sensitivity: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
    reminder: fc.option(fc.integer({ min: 0, max: 2880 }), { nil: undefined }),
    location: fc.option(text, { nil: undefined }),
    categories: fc.option(fc.uniqueArray(word, { minLength: 1, maxLength: 3 }), { nil: undefined }),
    body: fc.option(fc.stringMatching(/^[A-Za-z0-9 .\n]{1,60}$/), { nil: undefined }),
    meeting: fc.option(fc.record({ attendees: attendeesArb(v), status: fc.constantFrom(1, 3, 5, 7, 9, 11, 13, 15), organizer: word,
      responseType: fc.option(fc.integer({ min: 0, max: 5 }), { nil: undefined }) }), { nil: undefined }),
    responseRequested: fc.option(fc.boolean(), { nil: undefined }),
    disallow: fc.option(fc.boolean(), { nil: undefined }),
    replyTime: fc.option(second(Date.UTC(2025, 0, 1), Date.UTC(2025, 5, 1)), { nil: undefined }),
    recurrence: fc.option(fc.tuple(recurrenceArb, fc.oneof(fc.constant({}), fc.record({ occurrences: fc.integer({ min: 1, max: 30 }) }),
      instantArb(frame).map((until) => ({ until }))), fc.boolean()), { nil: undefined }),
  }).chain((e) => (e.recurrence === undefined ? fc.constant({ e, exceptions: [] as EasException[] }) : exceptionsArb(frame, e.subject, e.reminder).map((exceptions) => ({ e, exceptions }))))
    .map(({ e, exceptions }): EasEvent => ({
      ...(frame.allDay && versionAtLeast(v, '16.0') ? {} : { timeZone: frame.blob }),
      allDay: frame.allDay, start: e.start, end: endAfter(frame, e.start, e.length),
      subject: e.subject, uid: e.uid, dtStamp: e.dtStamp, busyStatus: e.busyStatus,
      ...(e.sensitivity === undefined ? {} : { sensitivity: e.sensitivity }),
      ...(e.reminder === undefined ? {} : { reminder: e.reminder }),
      ...(e.location === undefined ? {} : { location: { displayName: e.location } }),
      ...(e.categories === undefined ? {} : { categories: e.categories }),
      ...(e.body === undefined ? {} : { body: { plain: e.body } }),
      meetingStatus: e.meeting?.status ?? 0,
      ...(e.meeting === undefined ? {} : {
        attendees: e.meeting.attendees, organizerName: e.meeting.organizer, organizerEmail: `${e.meeting.organizer.toLowerCase()}@example.org`,
        ...(as14 && e.meeting.responseType !== undefined ? { responseType: e.meeting.responseType } : {}),
      }),
      ...(as14 && e.responseRequested !== undefined ? { responseRequested: e.responseRequested } : {}),
      ...(as14 && e.disallow !== undefined ? { disallowNewTimeProposal: e.disallow } : {}),
      ...(as14 && e.replyTime !== undefined ? { appointmentReplyTime: e.replyTime } : {}),
      ...(e.recurrence === undefined ? {} : {
        recurrence: { ...e.recurrence[0], ...e.recurrence[1], ...(as14 && e.recurrence[2] ? { isLeapMonth: false } : {}) },
        exceptions,
      }),
    }));
}

describe('EAS → iCalendar → EAS', () => {
  it('gives back the tree the device sent (property)', () => {
    fc.assert(fc.property(frameArb.chain((frame) => eventArb(frame).map((event) => ({ frame, event }))), ({ frame, event }) => {
      const ctx: CalendarContext = { protocolVersion: frame.version, bodyPreferences: [{ type: 1 }], defaultTimeZone: 'Europe/Berlin' };
      const sent = encodeEventElements(event, ctx);
      const wire = decodeEasBody(encodeEasBody(element('AirSync:ApplicationData', sent)), {}, 'AirSync:ApplicationData');
      assert.deepEqual(wire.children, sent, 'the WBXML codec carries the tree unchanged');
      const stored = decodeCalendarApplicationData(wire, undefined, ctx);
      assert.deepEqual(encodeCalendarApplicationData(stored, ctx), sent);
    }), { numRuns: 150 });
  });

  // Found by the property above (seed 1386608483): 16:00Z on 5 April 2025 is 02:00 AEST, the
  // second pass through Sydney's repeated hour, which only UTC can spell in iCalendar.
  it('keeps the zone of an event in the second pass through an autumn hour, and of its series', () => {
    const blob = { ...easTimeZoneForIana('Australia/Sydney', 2025), standardName: '', daylightName: '' };
    const ctx: CalendarContext = { protocolVersion: '14.0', bodyPreferences: [{ type: 1 }], defaultTimeZone: 'Europe/Berlin' };
    const base: EasEvent = { timeZone: blob, allDay: false, start: new Date('2025-04-05T16:00:00Z'), end: new Date('2025-04-05T16:30:00Z'),
      subject: 'a', uid: 'u', dtStamp: new Date('2024-01-01T00:00:00Z'), busyStatus: 0, meetingStatus: 0 };
    for (const event of [base, { ...base, recurrence: { type: 0 as const, interval: 1 }, exceptions: [{ deleted: true, originalStart: base.start! }] }]) {
      const sent = encodeEventElements(event, ctx);
      const stored = decodeCalendarApplicationData(element('AirSync:ApplicationData', sent), undefined, ctx);
      assert.match(stored.icalendar, /DTSTART:20250405T160000Z/);
      assert.deepEqual(encodeCalendarApplicationData(stored, ctx), sent);
    }
  });
});
