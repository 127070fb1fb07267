// VTIMEZONE output states a blob's rules exactly, VTIMEZONE input (including full-history
// definitions with UNTIL) gives the rules of the year asked about, and ical.js agrees with our
// reading of the generated definitions.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import ICAL from 'ical.js';
import { easTimeZoneForIana, sameRules } from './timezone-rules.js';
import { easTimeZoneFromVtimezone, vtimezoneFromEasTimeZone, zoneFromVtimezone } from './vtimezone.js';
import { ianaZone, wallToUtc } from './zone-offsets.js';

const NEW_YORK_HISTORY = [
  'BEGIN:VTIMEZONE', 'TZID:America/New_York',
  'BEGIN:DAYLIGHT', 'TZOFFSETFROM:-0500', 'TZOFFSETTO:-0400', 'DTSTART:19870405T020000',
  'RRULE:FREQ=YEARLY;UNTIL=20060402T070000Z;BYMONTH=4;BYDAY=1SU', 'END:DAYLIGHT',
  'BEGIN:STANDARD', 'TZOFFSETFROM:-0400', 'TZOFFSETTO:-0500', 'DTSTART:19671029T020000',
  'RRULE:FREQ=YEARLY;UNTIL=20061029T060000Z;BYMONTH=10;BYDAY=-1SU', 'END:STANDARD',
  'BEGIN:DAYLIGHT', 'TZOFFSETFROM:-0500', 'TZOFFSETTO:-0400', 'DTSTART:20070311T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU', 'END:DAYLIGHT',
  'BEGIN:STANDARD', 'TZOFFSETFROM:-0400', 'TZOFFSETTO:-0500', 'DTSTART:20071104T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU', 'END:STANDARD',
  'END:VTIMEZONE',
].join('\r\n');

describe('VTIMEZONE', () => {
  it('writes a blob as STANDARD and DAYLIGHT with yearly rules', () => {
    const text = vtimezoneFromEasTimeZone(easTimeZoneForIana('Europe/Berlin', 2025), 'Europe/Berlin').toString();
    assert.match(text, /BEGIN:STANDARD\r\nDTSTART:19701025T030000\r\nTZOFFSETFROM:\+0200\r\nTZOFFSETTO:\+0100\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU/);
    assert.match(text, /BEGIN:DAYLIGHT\r\nDTSTART:19700329T020000\r\nTZOFFSETFROM:\+0100\r\nTZOFFSETTO:\+0200\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU/);
    const kolkata = vtimezoneFromEasTimeZone(easTimeZoneForIana('Asia/Kolkata', 2025), 'Asia/Kolkata').toString();
    assert.match(kolkata, /TZOFFSETFROM:\+0530\r\nTZOFFSETTO:\+0530/);
    assert.doesNotMatch(kolkata, /DAYLIGHT|RRULE/);
  });

  it('reads back the rules it wrote, for the southern hemisphere too (property)', () => {
    fc.assert(fc.property(
      fc.constantFrom('Europe/Berlin', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata', 'America/Santiago'),
      fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2027, 11, 31) }),
      (name, ms) => {
        // Rules are those of one year (Chile's "Sunday on or after the 2nd" is the first Sunday in
        // 2025 but the second in 2024), as for events: the blob is computed for the event's year.
        const vtimezone = vtimezoneFromEasTimeZone(easTimeZoneForIana(name, new Date(ms).getUTCFullYear()), name);
        assert.equal(zoneFromVtimezone(vtimezone).offsetAt(ms), ianaZone(name).offsetAt(ms), `${name} ${new Date(ms).toISOString()}`);
      },
    ), { numRuns: 500 });
  });

  it('takes the rules of the asked year from a full-history definition', () => {
    const vtimezone = ICAL.Component.fromString(NEW_YORK_HISTORY);
    for (const year of [2005, 2024]) {
      assert.ok(sameRules(easTimeZoneFromVtimezone(vtimezone, year), easTimeZoneForIana('America/New_York', year), year), String(year));
    }
    assert.equal(easTimeZoneFromVtimezone(vtimezone, 2005).daylightDate.month, 4);
    assert.equal(easTimeZoneFromVtimezone(vtimezone, 2024).daylightDate.month, 3);
  });

  it('agrees with ical.js on local times outside the changes', () => {
    const vtimezone = vtimezoneFromEasTimeZone(easTimeZoneForIana('Australia/Sydney', 2025), 'Australia/Sydney');
    const tz = new ICAL.Timezone({ component: vtimezone, tzid: 'Australia/Sydney' });
    const zone = zoneFromVtimezone(vtimezone);
    for (const [month, day, hour] of [[1, 15, 9], [4, 6, 12], [7, 1, 8], [10, 5, 12], [12, 24, 18]] as const) {
      const local = ICAL.Time.fromData({ year: 2025, month, day, hour, minute: 0 }, tz);
      assert.equal(local.toUnixTime() * 1000, wallToUtc(zone, Date.UTC(2025, month - 1, day, hour)), `${month}/${day}`);
    }
  });
});
