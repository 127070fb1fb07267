// EAS date-time forms (MS-ASDTYPE 2.3 and 2.7.2): exact output, strict input, and both forms
// round-tripping every representable instant.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  EasDateError,
  formatCompactDateTime,
  formatExtendedDateTime,
  parseCompactDateTime,
  parseEasDateTime,
  parseExtendedDateTime,
} from './eas-dates.js';

const instant = fc.integer({ min: Date.UTC(1, 0, 1), max: Date.UTC(9999, 11, 31, 23, 59, 59, 999) }).map((ms) => new Date(ms));

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof EasDateError, `expected EasDateError, got ${String(error)}`);
    return error.code;
  }
  return undefined;
}

describe('EAS date-time forms', () => {
  it('writes the compact and the extended form', () => {
    const date = new Date(Date.UTC(2024, 2, 5, 7, 8, 9, 12));
    assert.equal(formatCompactDateTime(date), '20240305T070809Z');
    assert.equal(formatExtendedDateTime(date), '2024-03-05T07:08:09.012Z');
    const early = new Date(0);
    early.setUTCFullYear(50, 0, 1);
    assert.equal(formatCompactDateTime(early), '00500101T000000Z');
  });

  it('reads both forms, with or without extended milliseconds', () => {
    assert.equal(parseCompactDateTime('20240229T235959Z').toISOString(), '2024-02-29T23:59:59.000Z');
    assert.equal(parseExtendedDateTime('2024-02-29T23:59:59.5Z').toISOString(), '2024-02-29T23:59:59.500Z');
    assert.equal(parseExtendedDateTime('2024-02-29T23:59:59Z').toISOString(), '2024-02-29T23:59:59.000Z');
    assert.equal(parseEasDateTime(' 20240101T000000Z ').toISOString(), '2024-01-01T00:00:00.000Z');
    assert.equal(parseEasDateTime('2024-01-01T00:00:00.000Z').toISOString(), '2024-01-01T00:00:00.000Z');
    assert.equal(parseCompactDateTime('00500101T000000Z').getUTCFullYear(), 50);
  });

  it('refuses malformed values with a typed error', () => {
    for (const bad of ['', '2024-01-01', '20240101T000000', '20240101 000000Z', '2024010T000000Z', '20240101T000000+01', 'x']) {
      assert.equal(codeOf(() => parseCompactDateTime(bad)), 'malformed', bad);
    }
    for (const bad of ['2024-01-01T00:00:00', '2024-01-01T00:00:00.0000Z', '2024-1-01T00:00:00Z']) {
      assert.equal(codeOf(() => parseExtendedDateTime(bad)), 'malformed', bad);
    }
  });

  it('refuses dates that do not exist', () => {
    for (const bad of ['20230229T000000Z', '20240230T000000Z', '20241301T000000Z', '20240101T240000Z', '20240101T006000Z', '00000101T000000Z']) {
      assert.equal(codeOf(() => parseCompactDateTime(bad)), 'out-of-range', bad);
    }
    assert.equal(codeOf(() => formatCompactDateTime(new Date(NaN))), 'malformed');
    assert.equal(codeOf(() => formatExtendedDateTime(new Date(Date.UTC(10000, 0, 1)))), 'out-of-range');
  });

  it('round-trips every instant in both forms (property)', () => {
    fc.assert(fc.property(instant, (date) => {
      const seconds = new Date(Math.floor(date.getTime() / 1000) * 1000);
      assert.equal(parseCompactDateTime(formatCompactDateTime(date)).getTime(), seconds.getTime());
      assert.equal(parseExtendedDateTime(formatExtendedDateTime(date)).getTime(), date.getTime());
      assert.equal(parseEasDateTime(formatCompactDateTime(date)).getTime(), seconds.getTime());
    }), { numRuns: 500 });
  });
});
