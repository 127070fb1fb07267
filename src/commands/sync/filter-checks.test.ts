// The content-dependent FilterType checks: a calendar series stays while any occurrence ends after
// the cut-off (endless rules, finite rules, EXDATEs, single events), and FilterType 8 keeps tasks
// that are not complete.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ConversionContext } from '../../content/conversion-context.js';
import { eventEndsAfter, taskIncomplete } from './filter-checks.js';

const ctx: ConversionContext = { protocolVersion: '16.1', bodyPreferences: [] };
const CUTOFF = Date.parse('2026-10-01T00:00:00Z');

function event(start: string, end: string, extra: string[] = []): string {
  return [
    'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN', 'BEGIN:VEVENT', 'UID:e1@example.org', 'DTSTAMP:20200101T000000Z',
    `DTSTART:${start}`, `DTEND:${end}`, 'SUMMARY:Meeting', ...extra, 'END:VEVENT', 'END:VCALENDAR', '',
  ].join('\r\n');
}

function task(extra: string[]): string {
  return ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN', 'BEGIN:VTODO', 'UID:t1@example.org', 'DTSTAMP:20200101T000000Z', 'SUMMARY:Task', ...extra, 'END:VTODO', 'END:VCALENDAR', ''].join('\r\n');
}

describe('eventEndsAfter', () => {
  it('keeps single events that end after the cut-off, however far ahead, and drops older ones', () => {
    assert.equal(eventEndsAfter(event('20290101T100000Z', '20290101T110000Z'), CUTOFF, ctx), true);
    assert.equal(eventEndsAfter(event('20260930T230000Z', '20261001T003000Z'), CUTOFF, ctx), true);
    assert.equal(eventEndsAfter(event('20200101T100000Z', '20200101T110000Z'), CUTOFF, ctx), false);
  });

  it('keeps an endless series that began long ago', () => {
    const daily = event('20100104T090000Z', '20100104T093000Z', ['RRULE:FREQ=DAILY']);
    assert.equal(eventEndsAfter(daily, CUTOFF, ctx), true);
    assert.equal(eventEndsAfter(event('20100104T090000Z', '20100104T093000Z', ['RRULE:FREQ=YEARLY;INTERVAL=3']), CUTOFF, ctx), true);
  });

  it('judges a finite series by its last occurrence, EXDATEs applied', () => {
    assert.equal(eventEndsAfter(event('20200106T090000Z', '20200106T100000Z', ['RRULE:FREQ=WEEKLY;UNTIL=20250101T000000Z']), CUTOFF, ctx), false);
    assert.equal(eventEndsAfter(event('20260920T090000Z', '20260920T100000Z', ['RRULE:FREQ=WEEKLY;COUNT=3']), CUTOFF, ctx), true);
    assert.equal(eventEndsAfter(event('20260920T090000Z', '20260920T100000Z', ['RRULE:FREQ=WEEKLY;COUNT=3', 'EXDATE:20261004T090000Z']), CUTOFF, ctx), false);
    assert.equal(eventEndsAfter(event('20200101T090000Z', '20200101T100000Z', ['RRULE:FREQ=YEARLY;COUNT=10']), CUTOFF, ctx), true);
  });
});

describe('taskIncomplete', () => {
  it('is false for a completed task and true otherwise', () => {
    assert.equal(taskIncomplete(task(['STATUS:COMPLETED', 'COMPLETED:20261001T100000Z']), ctx), false);
    assert.equal(taskIncomplete(task(['STATUS:NEEDS-ACTION']), ctx), true);
    assert.equal(taskIncomplete(task([]), ctx), true);
  });
});
