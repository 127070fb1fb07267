// RRULE ⇄ EAS Recurrence: every EAS pattern has one RRULE and comes back from it unchanged; each
// converted rule expands (ical.js) to the same days as the rule it came from; rules EAS cannot
// say are refused rather than approximated.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import ICAL from 'ical.js';
import type { EasRecurrence } from './event-model.js';
import { recurrenceFromRrule, rruleFromRecurrence, type UntilConversion } from './recurrence.js';

const until: UntilConversion = {
  toEas: (t) => new Date(t.toUnixTime() * 1000),
  fromEas: (d) => ICAL.Time.fromJSDate(d, true),
};

const START = Date.UTC(2025, 0, 6, 9, 30); // a Monday, as wall time

const mask = fc.integer({ min: 1, max: 127 });
const singleDay = fc.integer({ min: 0, max: 6 }).map((d) => 1 << d);
const end = fc.oneof(
  fc.constant({}),
  fc.record({ occurrences: fc.integer({ min: 1, max: 40 }) }),
  fc.integer({ min: Date.UTC(2025, 1, 1), max: Date.UTC(2027, 0, 1) }).map((ms) => ({ until: new Date(Math.floor(ms / 1000) * 1000) })),
);
const wkst = fc.option(fc.constantFrom(0, 2, 3, 4, 5, 6), { nil: undefined }).map((d) => (d === undefined ? {} : { firstDayOfWeek: d }));

/** Canonical EAS recurrences: the form recurrenceFromRrule itself produces. */
const recurrence: fc.Arbitrary<EasRecurrence> = fc.tuple(
  fc.oneof(
    fc.record({ type: fc.constant(0 as const) }),
    fc.record({ type: fc.constant(0 as const), dayOfWeek: mask }),
    fc.record({ type: fc.constant(1 as const), dayOfWeek: mask, firstDayOfWeek: fc.integer({ min: 0, max: 6 }) }),
    fc.record({ type: fc.constant(2 as const), dayOfMonth: fc.integer({ min: 1, max: 31 }) }),
    fc.record({ type: fc.constant(3 as const), weekOfMonth: fc.integer({ min: 1, max: 5 }), dayOfWeek: singleDay }),
    fc.record({ type: fc.constant(3 as const), weekOfMonth: fc.integer({ min: 1, max: 5 }), dayOfWeek: fc.constantFrom(62, 65) }),
    fc.record({ type: fc.constant(3 as const), weekOfMonth: fc.constant(5), dayOfWeek: fc.constant(127) }),
    fc.record({ type: fc.constant(5 as const), monthOfYear: fc.integer({ min: 1, max: 12 }), dayOfMonth: fc.integer({ min: 1, max: 28 }) }),
    fc.record({ type: fc.constant(6 as const), monthOfYear: fc.integer({ min: 1, max: 12 }), weekOfMonth: fc.integer({ min: 1, max: 5 }), dayOfWeek: singleDay }),
  ),
  fc.integer({ min: 1, max: 4 }),
  end,
  wkst,
).map(([pattern, interval, ending, weekStart]) => ({
  ...pattern,
  interval,
  ...ending,
  ...(pattern.type === 1 ? {} : weekStart),
}) as EasRecurrence);

function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function expand(rule: ICAL.Recur, count: number): string[] {
  const start = ICAL.Time.fromData({ year: 2025, month: 1, day: 6, hour: 9, minute: 30 });
  const iterator = rule.iterator(start);
  const out: string[] = [];
  for (let next = iterator.next(); next !== null && out.length < count; next = iterator.next()) out.push(next.toString());
  return out;
}

describe('EAS recurrence ⇄ RRULE', () => {
  it('maps each EAS type to its RRULE', () => {
    const cases: [EasRecurrence, string][] = [
      [{ type: 0, interval: 2 }, 'FREQ=DAILY;INTERVAL=2'],
      [{ type: 0, interval: 1, dayOfWeek: 62 }, 'FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR'],
      [{ type: 1, interval: 1, dayOfWeek: 10, firstDayOfWeek: 0, occurrences: 5 }, 'FREQ=WEEKLY;COUNT=5;BYDAY=MO,WE;WKST=SU'],
      [{ type: 2, interval: 1, dayOfMonth: 31 }, 'FREQ=MONTHLY;BYMONTHDAY=31'],
      [{ type: 3, interval: 1, weekOfMonth: 5, dayOfWeek: 32 }, 'FREQ=MONTHLY;BYDAY=-1FR'],
      [{ type: 3, interval: 1, weekOfMonth: 5, dayOfWeek: 127 }, 'FREQ=MONTHLY;BYMONTHDAY=-1'],
      [{ type: 3, interval: 1, weekOfMonth: 1, dayOfWeek: 62 }, 'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=1'],
      [{ type: 5, interval: 1, monthOfYear: 2, dayOfMonth: 29 }, 'FREQ=YEARLY;BYMONTHDAY=29;BYMONTH=2'],
      [{ type: 6, interval: 1, monthOfYear: 11, weekOfMonth: 4, dayOfWeek: 16 }, 'FREQ=YEARLY;BYDAY=4TH;BYMONTH=11'],
    ];
    for (const [rec, rule] of cases) assert.equal(rruleFromRecurrence(rec, until).toString(), rule);
    const withUntil = rruleFromRecurrence({ type: 1, interval: 1, dayOfWeek: 2, until: new Date(Date.UTC(2025, 5, 30, 21)) }, until);
    assert.equal(withUntil.toString(), 'FREQ=WEEKLY;BYDAY=MO;UNTIL=20250630T210000Z');
  });

  it('fills in what a bare RRULE leaves to DTSTART', () => {
    assert.deepEqual(plain(recurrenceFromRrule(ICAL.Recur.fromString('FREQ=WEEKLY'), START, until)), { type: 1, interval: 1, dayOfWeek: 2, firstDayOfWeek: 1 });
    assert.deepEqual(plain(recurrenceFromRrule(ICAL.Recur.fromString('FREQ=MONTHLY'), START, until)), { type: 2, interval: 1, dayOfMonth: 6 });
    assert.deepEqual(plain(recurrenceFromRrule(ICAL.Recur.fromString('FREQ=YEARLY'), START, until)), { type: 5, interval: 1, dayOfMonth: 6, monthOfYear: 1 });
  });

  it('refuses rules EAS has no pattern for', () => {
    for (const rule of ['FREQ=HOURLY', 'FREQ=MINUTELY', 'FREQ=MONTHLY;BYMONTHDAY=1,15', 'FREQ=YEARLY;BYWEEKNO=20', 'FREQ=MONTHLY;BYDAY=TU',
      'FREQ=MONTHLY;BYDAY=-2FR', 'FREQ=YEARLY;BYMONTH=1,7', 'FREQ=WEEKLY;BYHOUR=9', 'FREQ=DAILY;BYMONTH=3']) {
      assert.equal(recurrenceFromRrule(ICAL.Recur.fromString(rule), START, until), undefined, rule);
    }
    assert.throws(() => rruleFromRecurrence({ type: 3, interval: 1 }, until), RangeError);
  });

  it('comes back unchanged through RRULE (property)', () => {
    fc.assert(fc.property(recurrence, (rec) => {
      const rule = rruleFromRecurrence(rec, until);
      const back = recurrenceFromRrule(ICAL.Recur.fromString(rule.toString()), START, until);
      assert.deepEqual(plain(back), plain(rec), rule.toString());
    }), { numRuns: 1000 });
  });

  it('expands to the same occurrences after a round trip (property)', () => {
    fc.assert(fc.property(recurrence, (rec) => {
      const rule = rruleFromRecurrence(rec, until);
      const back = recurrenceFromRrule(rule, START, until);
      assert.ok(back !== undefined);
      assert.deepEqual(expand(rruleFromRecurrence(back, until), 30), expand(rule, 30));
    }), { numRuns: 150 });
  });
});
