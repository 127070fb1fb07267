// Task ⇄ VTODO: the EAS view of dates (UTC and local), completion, reminder and recurrence; what
// survives a client Change; version gating; and round trips both ways on generated tasks, every
// tree also passing through the WBXML codec.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { versionAtLeast, type ProtocolVersion } from '../../eas/protocol-version.js';
import { decodeEasBody, element, encodeEasBody, qualifiedName, textContent, type WbxmlElement } from '../../eas/wbxml-body.js';
import type { CalendarContext } from '../calendar/event-frame.js';
import { CalendarContentError } from '../calendar/field-readers.js';
import type { TaskRecurrence } from '../calendar/recurrence-elements.js';
import { ianaZone, utcToWall, wallToUtc } from '../timezone/index.js';
import { decodeTaskApplicationData, encodeTaskApplicationData } from './task-converter.js';
import { encodeTaskElements } from './task-elements.js';
import type { EasTask } from './task-model.js';

const DAY = 86_400_000;
const BERLIN = ianaZone('Europe/Berlin');

function ctx(protocolVersion: ProtocolVersion): CalendarContext {
  return { protocolVersion, bodyPreferences: [{ type: 1 }], defaultTimeZone: 'Europe/Berlin' };
}

function overTheWire(tree: WbxmlElement[]): WbxmlElement {
  return decodeEasBody(encodeEasBody(element('AirSync:ApplicationData', tree)), {}, 'AirSync:ApplicationData');
}

function value(tree: readonly WbxmlElement[], name: string): string | undefined {
  const el = tree.find((e) => qualifiedName(e) === name);
  return el === undefined ? undefined : textContent(el);
}

const TAXES = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN', 'BEGIN:VTODO', 'UID:task-1', 'DTSTAMP:20250101T000000Z',
  'DTSTART;VALUE=DATE:20250303', 'DUE;VALUE=DATE:20250310', 'SUMMARY:File taxes', 'PRIORITY:1', 'DESCRIPTION:Before the deadline',
  'CATEGORIES:Home', 'CLASS:PRIVATE', 'RRULE:FREQ=MONTHLY;BYMONTHDAY=3;COUNT=4', 'PERCENT-COMPLETE:40', 'X-APPLE-SORT-ORDER:12',
  'BEGIN:VALARM', 'ACTION:DISPLAY', 'TRIGGER;VALUE=DATE-TIME:20250309T080000Z', 'END:VALARM', 'END:VTODO', 'END:VCALENDAR'].join('\r\n');

describe('Task ⇄ VTODO', () => {
  it('sends dates as UTC and as the user\'s local day, in MS-ASTASK order', () => {
    const tree = encodeTaskApplicationData({ icalendar: TAXES }, ctx('14.1'));
    assert.deepEqual(tree.map((e) => qualifiedName(e)), ['Tasks:Subject', 'AirSyncBase:Body', 'Tasks:Importance', 'Tasks:UtcStartDate',
      'Tasks:StartDate', 'Tasks:UtcDueDate', 'Tasks:DueDate', 'Tasks:Categories', 'Tasks:Recurrence', 'Tasks:Complete', 'Tasks:Sensitivity',
      'Tasks:ReminderTime', 'Tasks:ReminderSet']);
    assert.equal(value(tree, 'Tasks:UtcStartDate'), '2025-03-02T23:00:00.000Z');
    assert.equal(value(tree, 'Tasks:StartDate'), '2025-03-03T00:00:00.000Z');
    assert.equal(value(tree, 'Tasks:DueDate'), '2025-03-10T00:00:00.000Z');
    assert.deepEqual([value(tree, 'Tasks:Importance'), value(tree, 'Tasks:Complete'), value(tree, 'Tasks:Sensitivity')], ['2', '0', '2']);
    assert.deepEqual([value(tree, 'Tasks:ReminderSet'), value(tree, 'Tasks:ReminderTime')], ['1', '2025-03-09T08:00:00.000Z']);
    const recurrence = tree.find((e) => e.tag === 'Recurrence');
    assert.deepEqual(recurrence?.children.map((c) => [(c as WbxmlElement).tag, textContent(c as WbxmlElement)]),
      [['Type', '2'], ['Start', '2025-03-02T23:00:00.000Z'], ['Occurrences', '4'], ['Interval', '1'], ['DayOfMonth', '3'], ['CalendarType', '0']]);
  });

  it('keeps VTODO properties EAS does not map when a client completes the task', () => {
    const tree = encodeTaskApplicationData({ icalendar: TAXES }, ctx('14.1'));
    const done = tree.map((e) => (e.tag === 'Complete' ? element('Tasks:Complete', '1') : e));
    done.splice(done.findIndex((e) => e.tag === 'Complete') + 1, 0, element('Tasks:DateCompleted', '2025-03-08T10:00:00.000Z'));
    const after = decodeTaskApplicationData(overTheWire(done), { icalendar: TAXES }, ctx('14.1')).icalendar;
    assert.match(after, /STATUS:COMPLETED/);
    assert.match(after, /COMPLETED:20250308T100000Z/);
    assert.match(after, /PERCENT-COMPLETE:100/);
    assert.match(after, /X-APPLE-SORT-ORDER:12/);
    assert.match(after, /UID:task-1/);
    assert.match(after, /DTSTART;VALUE=DATE:20250303/);
    const again = encodeTaskApplicationData({ icalendar: after }, ctx('14.1'));
    assert.deepEqual([value(again, 'Tasks:Complete'), value(again, 'Tasks:DateCompleted')], ['1', '2025-03-08T10:00:00.000Z']);
  });

  it('sends only what each protocol version defines', () => {
    const legacy = encodeTaskApplicationData({ icalendar: TAXES.replace('FREQ=MONTHLY;BYMONTHDAY=3', 'FREQ=WEEKLY;BYDAY=MO') }, ctx('2.5'));
    assert.ok(legacy.some((e) => qualifiedName(e) === 'Tasks:Body'));
    assert.ok(!legacy.some((e) => qualifiedName(e) === 'AirSyncBase:Body'));
    const recurrenceTags = (v: ProtocolVersion): string[] => (encodeTaskApplicationData({ icalendar: TAXES.replace('FREQ=MONTHLY;BYMONTHDAY=3', 'FREQ=WEEKLY;BYDAY=MO') }, ctx(v))
      .find((e) => e.tag === 'Recurrence')?.children ?? []).map((c) => (c as WbxmlElement).tag);
    assert.ok(!recurrenceTags('14.0').includes('FirstDayOfWeek'));
    assert.ok(recurrenceTags('14.1').includes('FirstDayOfWeek'));
    for (const v of ['2.5', '12.0', '14.0', '14.1', '16.0', '16.1'] as const) overTheWire(encodeTaskApplicationData({ icalendar: TAXES }, ctx(v)));
  });

  it('answers bad client values with CalendarContentError', () => {
    const field = (tree: WbxmlElement[]): string => {
      try {
        decodeTaskApplicationData(overTheWire(tree), undefined, ctx('14.1'));
      } catch (error) {
        assert.ok(error instanceof CalendarContentError);
        return error.field;
      }
      return assert.fail('no error');
    };
    assert.equal(field([element('Tasks:Subject', 'x'), element('Tasks:Importance', '7')]), 'Tasks:Importance');
    assert.equal(field([element('Tasks:Subject', 'x'), element('Tasks:UtcDueDate', '2025-02-30T00:00:00.000Z')]), 'Tasks:UtcDueDate');
    assert.equal(field([element('Tasks:Recurrence', [element('Tasks:Type', '9')])]), 'Tasks:Type');
  });
});

const versions = fc.constantFrom<ProtocolVersion>('2.5', '12.0', '14.0', '14.1', '16.0', '16.1');
const seconds = fc.integer({ min: Date.UTC(2025, 0, 1) / 1000, max: Date.UTC(2026, 11, 31) / 1000 }).map((s) => s * 1000);

/** A date pair as a device in the user's zone sends it: a local day, or a local time. */
const datePair = fc.oneof(
  fc.integer({ min: 0, max: 700 }).map((d) => Date.UTC(2025, 0, 1) + d * DAY).map((wall) => ({ utc: new Date(wallToUtc(BERLIN, wall)), local: new Date(wall) })),
  seconds.map((ms) => ({ utc: new Date(ms), local: new Date(utcToWall(BERLIN, ms)) })),
);

function taskArb(v: ProtocolVersion): fc.Arbitrary<EasTask> {
  const as14 = versionAtLeast(v, '14.0');
  const recurrence: fc.Arbitrary<TaskRecurrence> = fc.record({
    type: fc.constantFrom(0 as const, 2 as const, 5 as const),
    interval: fc.integer({ min: 1, max: 3 }),
    occurrences: fc.integer({ min: 1, max: 20 }),
    dayOfMonth: fc.integer({ min: 1, max: 28 }),
    monthOfYear: fc.integer({ min: 1, max: 12 }),
    regenerate: fc.boolean(),
    deadOccur: fc.boolean(),
  }).map((r) => ({
    type: r.type, interval: r.interval, occurrences: r.occurrences, regenerate: r.regenerate, deadOccur: r.deadOccur,
    ...(r.type === 0 ? {} : { dayOfMonth: r.dayOfMonth }), ...(r.type === 5 ? { monthOfYear: r.monthOfYear } : {}),
    ...(as14 && r.type !== 0 ? { calendarType: 0 } : {}),
  }));
  return fc.record({
    subject: fc.stringMatching(/^[A-Za-z0-9 ,;.]{0,20}$/),
    importance: fc.integer({ min: 0, max: 2 }),
    start: fc.option(datePair, { nil: undefined }),
    due: fc.option(datePair, { nil: undefined }),
    complete: fc.boolean(),
    completedAt: seconds,
    sensitivity: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
    reminder: fc.option(seconds, { nil: undefined }),
    categories: fc.option(fc.uniqueArray(fc.stringMatching(/^[A-Za-z]{1,8}$/), { minLength: 1, maxLength: 3 }), { nil: undefined }),
    body: fc.option(fc.stringMatching(/^[A-Za-z0-9 .]{1,40}$/), { nil: undefined }),
    recurrence: fc.option(recurrence, { nil: undefined }),
  }).map((t): EasTask => ({
    subject: t.subject, importance: t.importance,
    ...(t.start === undefined ? {} : { utcStartDate: t.start.utc, startDate: t.start.local }),
    ...(t.due === undefined ? {} : { utcDueDate: t.due.utc, dueDate: t.due.local }),
    complete: t.complete, ...(t.complete ? { dateCompleted: new Date(t.completedAt) } : {}),
    ...(t.sensitivity === undefined ? {} : { sensitivity: t.sensitivity }),
    reminderSet: t.reminder !== undefined, ...(t.reminder === undefined ? {} : { reminderTime: new Date(t.reminder) }),
    ...(t.categories === undefined ? {} : { categories: t.categories }),
    ...(t.body === undefined ? {} : { body: { plain: t.body } }),
    // Task recurrences start from the task's start (or due) date, which they need.
    ...(t.recurrence === undefined || (t.start ?? t.due) === undefined ? {} : { recurrence: { ...t.recurrence, start: (t.start ?? t.due)!.utc } }),
  }));
}

describe('Task round trips', () => {
  it('EAS → VTODO → EAS gives back the tree the device sent (property)', () => {
    fc.assert(fc.property(versions.chain((v) => taskArb(v).map((task) => ({ v, task }))), ({ v, task }) => {
      const sent = encodeTaskElements(task, ctx(v));
      const wire = overTheWire(sent);
      assert.deepEqual(wire.children, sent);
      const stored = decodeTaskApplicationData(wire, undefined, ctx(v));
      assert.deepEqual(encodeTaskApplicationData(stored, ctx(v)), sent);
    }), { numRuns: 150 });
  });

  it('VTODO → EAS → VTODO keeps dates, state and recurrence (property)', () => {
    fc.assert(fc.property(versions, fc.boolean(), fc.integer({ min: 0, max: 300 }), fc.integer({ min: 1, max: 10 }), fc.boolean(), (v, dated, day, span, done) => {
      const start = Date.UTC(2025, 0, 1) + day * DAY + (dated ? 0 : 9.5 * 3_600_000);
      const stamp = (ms: number): string => new Date(ms).toISOString().replace(/[-:]/g, '').slice(0, dated ? 8 : 15);
      const prop = (name: string, ms: number): string => (dated ? `${name};VALUE=DATE:${stamp(ms)}` : `${name};TZID=America/New_York:${stamp(ms)}`);
      const vtodo = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:x', 'BEGIN:VTODO', 'UID:g', 'DTSTAMP:20250101T000000Z', prop('DTSTART', start),
        prop('DUE', start + span * DAY), 'SUMMARY:Generated', 'RRULE:FREQ=WEEKLY;COUNT=5', ...(done ? ['STATUS:COMPLETED', 'COMPLETED:20250201T120000Z'] : []),
        'END:VTODO', 'END:VCALENDAR'].join('\r\n');
      const tree = encodeTaskApplicationData({ icalendar: vtodo }, ctx(v));
      const stored = decodeTaskApplicationData(overTheWire(tree), undefined, ctx(v));
      const again = encodeTaskApplicationData(stored, ctx(v));
      for (const name of ['Tasks:UtcStartDate', 'Tasks:UtcDueDate', 'Tasks:Complete', 'Tasks:DateCompleted', 'Tasks:Subject']) {
        assert.equal(value(again, name), value(tree, name), name);
      }
      assert.deepEqual(again.find((e) => e.tag === 'Recurrence'), tree.find((e) => e.tag === 'Recurrence'));
      assert.equal(/DTSTART;VALUE=DATE/.test(stored.icalendar), dated);
    }), { numRuns: 200 });
  });
});
