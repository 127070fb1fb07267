import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { ContactConversionError } from './contact-errors.js';
import { dateFromEas, easDateTime, readVCardDate, vcardDateParts } from './contact-dates.js';
import { makeEntry } from './vcard-document.js';

describe('readVCardDate', () => {
  const cases: [string, string, string, object | undefined][] = [
    ['3.0', 'BDAY', '1990-05-17', { year: 1990, month: 5, day: 17 }],
    ['3.0', 'BDAY', '1990-05-17T00:00:00Z', { year: 1990, month: 5, day: 17 }],
    ['3.0', 'BDAY;VALUE=date', '19900517', { year: 1990, month: 5, day: 17 }],
    ['3.0', 'BDAY;X-APPLE-OMIT-YEAR=1604', '1604-05-17', { month: 5, day: 17 }],
    ['4.0', 'BDAY', '19900517', { year: 1990, month: 5, day: 17 }],
    ['4.0', 'BDAY', '--0517', { month: 5, day: 17 }],
    ['4.0', 'ANNIVERSARY', '20100101T120000Z', { year: 2010, month: 1, day: 1 }],
    ['4.0', 'BDAY;VALUE=text', 'circa 1800', undefined],
    ['4.0', 'BDAY', '---17', undefined],
    ['3.0', 'BDAY', '1990-13-01', undefined],
  ];
  for (const [version, prefix, value, expected] of cases) {
    it(`reads ${prefix}:${value} (${version})`, () => {
      assert.deepEqual(readVCardDate(makeEntry(version as '3.0' | '4.0', prefix, value)), expected);
    });
  }
});

describe('EAS birthday dateTime', () => {
  const date = fc.record({
    year: fc.integer({ min: 1605, max: 2200 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 28 }),
  });

  it('sends 11:59 UTC and reads its own value back as the same date', () => {
    assert.equal(easDateTime({ year: 1990, month: 5, day: 17 }), '1990-05-17T11:59:00.000Z');
    fc.assert(fc.property(date, (d) => assert.deepEqual(dateFromEas(easDateTime(d)), { ...d })));
  });

  it('reads local midnight from any offset between -11:59 and +12:00 as that local date', () => {
    const offsetMinutes = fc.integer({ min: -719, max: 720 });
    fc.assert(fc.property(date, offsetMinutes, (d, offset) => {
      const utc = new Date(Date.UTC(d.year, d.month - 1, d.day) - offset * 60_000);
      assert.deepEqual(dateFromEas(utc.toISOString()), { ...d });
    }));
  });

  it('keeps a date without a year yearless (1604 on the wire)', () => {
    const sent = easDateTime({ month: 2, day: 29 });
    assert.equal(sent, '1604-02-29T11:59:00.000Z');
    assert.deepEqual(dateFromEas(sent), { month: 2, day: 29 });
    assert.deepEqual(vcardDateParts({ month: 2, day: 29 }, '4.0'), { params: '', value: '--0229' });
    assert.deepEqual(vcardDateParts({ month: 2, day: 29 }, '3.0'), { params: ';X-APPLE-OMIT-YEAR=1604', value: '1604-02-29' });
  });

  it('accepts the compact form and refuses a non-date', () => {
    assert.deepEqual(dateFromEas('19900516T220000Z'), { year: 1990, month: 5, day: 17 });
    assert.throws(() => dateFromEas('yesterday'), (e: unknown) => e instanceof ContactConversionError && e.code === 'malformed-value');
  });
});
