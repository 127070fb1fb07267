// iCalendar → EAS → iCalendar keeps the meaning of generated events: zones with and without DST
// (Berlin, New York, southern Sydney, half-hour Kolkata), timed and all-day, every EAS recurrence
// pattern with COUNT/UNTIL, deleted and moved occurrences, on every protocol version. "Same
// meaning" is the same occurrences over two years as ical.js expands them; every tree also goes
// through the WBXML codec, and converting the result again gives the same tree.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { ProtocolVersion } from '../../eas/protocol-version.js';
import { decodeEasBody, element, encodeEasBody } from '../../eas/wbxml-body.js';
import { ianaZone, utcToWall } from '../timezone/index.js';
import { decodeCalendarApplicationData, encodeCalendarApplicationData } from './calendar-converter.js';
import type { CalendarContext } from './event-frame.js';
import { eventOccurrences } from './occurrences.js';

const WINDOW: [number, number] = [Date.UTC(2025, 0, 1), Date.UTC(2027, 0, 1)];
const DAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];

const rule = fc.oneof(
  fc.integer({ min: 1, max: 3 }).map((n) => `FREQ=DAILY;INTERVAL=${n}`),
  fc.constant('FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR'),
  fc.tuple(fc.integer({ min: 1, max: 3 }), fc.subarray(DAYS, { minLength: 1 })).map(([n, d]) => `FREQ=WEEKLY;INTERVAL=${n};BYDAY=${d.join(',')}`),
  fc.integer({ min: 1, max: 28 }).map((d) => `FREQ=MONTHLY;BYMONTHDAY=${d}`),
  fc.tuple(fc.constantFrom(1, 2, 3, 4, -1), fc.constantFrom(...DAYS)).map(([n, d]) => `FREQ=MONTHLY;BYDAY=${n}${d}`),
  fc.constant('FREQ=MONTHLY;BYMONTHDAY=-1'),
  fc.tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 })).map(([m, d]) => `FREQ=YEARLY;BYMONTH=${m};BYMONTHDAY=${d}`),
  fc.tuple(fc.integer({ min: 1, max: 12 }), fc.constantFrom(1, 2, 3, 4, -1), fc.constantFrom(...DAYS)).map(([m, n, d]) => `FREQ=YEARLY;BYMONTH=${m};BYDAY=${n}${d}`),
);

const scenario = fc.record({
  zone: fc.constantFrom('Europe/Berlin', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata'),
  version: fc.constantFrom<ProtocolVersion>('2.5', '12.0', '14.0', '14.1', '16.0', '16.1'),
  allDay: fc.boolean(),
  month: fc.integer({ min: 1, max: 12 }),
  day: fc.integer({ min: 1, max: 28 }),
  hour: fc.integer({ min: 0, max: 23 }),
  minute: fc.constantFrom(0, 15, 30, 45),
  length: fc.integer({ min: 1, max: 40 }),
  rule,
  end: fc.oneof(fc.constant(''), fc.integer({ min: 2, max: 25 }).map((n) => `COUNT=${n}`), fc.integer({ min: 20, max: 500 }).map((d) => `UNTIL+${d}`)),
  deleted: fc.uniqueArray(fc.integer({ min: 1, max: 12 }), { maxLength: 3 }),
  moved: fc.option(fc.integer({ min: 1, max: 12 }), { nil: undefined }),
});

type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function stamp(wall: number, date: boolean): string {
  const d = new Date(wall);
  const day = `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}`;
  return date ? day : `${day}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}`;
}

function timeProp(name: string, wall: number, s: Scenario): string {
  return s.allDay ? `${name};VALUE=DATE:${stamp(wall, true)}` : `${name};TZID=${s.zone}:${stamp(wall, false)}`;
}

function calendar(s: Scenario, extra: { exdates?: number[]; moved?: number } = {}): string {
  const start = Date.UTC(2025, s.month - 1, s.day, s.allDay ? 0 : s.hour, s.allDay ? 0 : s.minute);
  const end = s.allDay ? start + (1 + (s.length % 3)) * 86_400_000 : start + s.length * 15 * 60_000;
  let ending = s.end;
  if (ending.startsWith('UNTIL+')) {
    const until = start + Number(ending.slice(6)) * 86_400_000;
    ending = s.allDay ? `UNTIL=${stamp(until, true)}` : `UNTIL=${stamp(until, false)}Z`;
  }
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN', 'BEGIN:VEVENT', 'UID:gen-1', 'DTSTAMP:20250101T000000Z',
    timeProp('DTSTART', start, s), timeProp('DTEND', end, s), 'SUMMARY:Generated', `RRULE:${s.rule}${ending === '' ? '' : `;${ending}`}`];
  for (const wall of extra.exdates ?? []) lines.push(timeProp('EXDATE', wall, s));
  lines.push('END:VEVENT');
  if (extra.moved !== undefined) {
    const shift = s.allDay ? 86_400_000 : 2 * 3_600_000;
    lines.push('BEGIN:VEVENT', 'UID:gen-1', 'DTSTAMP:20250101T000000Z', timeProp('RECURRENCE-ID', extra.moved, s),
      timeProp('DTSTART', extra.moved + shift, s), timeProp('DTEND', extra.moved + shift + (end - start), s), 'SUMMARY:Moved', 'END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return lines.join('\r\n');
}

/** The generated event with some of its real occurrences deleted and one moved. */
function withExceptions(s: Scenario, ctx: CalendarContext): string {
  const base = eventOccurrences(calendar(s), ...WINDOW, ctx);
  const wallOf = (id: number): number => (s.allDay ? id : utcToWall(ianaZone(s.zone), id));
  const pickWall = (i: number): number | undefined => (i < base.length ? wallOf(base[i]!.recurrenceId) : undefined);
  const exdates = s.deleted.map(pickWall).filter((w): w is number => w !== undefined);
  const moved = s.moved === undefined || s.deleted.includes(s.moved) ? undefined : pickWall(s.moved);
  return calendar(s, { exdates, ...(moved === undefined ? {} : { moved }) });
}

describe('iCalendar → EAS → iCalendar', () => {
  it('keeps every occurrence over two years (property)', () => {
    fc.assert(fc.property(scenario, (s) => {
      const ctx: CalendarContext = { protocolVersion: s.version, bodyPreferences: [], defaultTimeZone: 'Europe/Berlin' };
      const original = withExceptions(s, ctx);
      const tree = encodeCalendarApplicationData({ icalendar: original }, ctx);
      const wire = decodeEasBody(encodeEasBody(element('AirSync:ApplicationData', tree)), {}, 'AirSync:ApplicationData');
      assert.deepEqual(wire.children, tree, 'the WBXML codec carries the tree unchanged');
      const stored = decodeCalendarApplicationData(wire, undefined, ctx);
      const strip = (list: ReturnType<typeof eventOccurrences>): unknown[] => list.map(({ start, end, allDay }) => [start, end, allDay]);
      assert.deepEqual(strip(eventOccurrences(stored.icalendar, ...WINDOW, ctx)), strip(eventOccurrences(original, ...WINDOW, ctx)));
      assert.deepEqual(encodeCalendarApplicationData(stored, ctx), tree, 'converting the result again gives the same tree');
    }), { numRuns: 150 });
  });
});
