// Rules computed from ICU for a year, written as Windows day-in-month rules, must reproduce the
// zone: a blob evaluated at any instant gives the offset Intl gives (northern, southern,
// half-hour and 30-minute-DST zones), and no zone with DST ever gets a zero blob.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { hasDaylightSaving } from './timezone-blob.js';
import { blobTransitions, easTimeZoneForIana, sameRules, zoneFollowsBlob, zoneFromBlob } from './timezone-rules.js';
import { ianaZone, utcToWall, wallToUtc } from './zone-offsets.js';

const ZONES = ['Europe/Berlin', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata', 'Australia/Lord_Howe', 'America/Santiago', 'Europe/London', 'Pacific/Auckland'];

function rule(tz: ReturnType<typeof easTimeZoneForIana>, which: 'standardDate' | 'daylightDate'): number[] {
  const r = tz[which];
  return [r.month, r.dayOfWeek, r.day, r.hour, r.minute];
}

describe('TimeZone rules from IANA zones', () => {
  it('gives New York, Sydney and Kolkata the rules Windows uses', () => {
    const ny = easTimeZoneForIana('America/New_York', 2025);
    assert.equal(ny.bias, 300);
    assert.deepEqual(rule(ny, 'daylightDate'), [3, 0, 2, 2, 0]);
    assert.deepEqual(rule(ny, 'standardDate'), [11, 0, 1, 2, 0]);
    const sydney = easTimeZoneForIana('Australia/Sydney', 2025);
    assert.equal(sydney.bias, -600);
    assert.deepEqual(rule(sydney, 'daylightDate'), [10, 0, 1, 2, 0]);
    assert.deepEqual(rule(sydney, 'standardDate'), [4, 0, 1, 3, 0]);
    const kolkata = easTimeZoneForIana('Asia/Kolkata', 2025);
    assert.equal(kolkata.bias, -330);
    assert.equal(hasDaylightSaving(kolkata), false);
    assert.equal(easTimeZoneForIana('Australia/Lord_Howe', 2025).daylightBias, -30);
  });

  it('evaluates to the offsets Intl reports at any instant (property)', () => {
    const instant = fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2027, 11, 31) });
    fc.assert(fc.property(fc.constantFrom(...ZONES), instant, (name, ms) => {
      const year = new Date(ms).getUTCFullYear();
      const blobZone = zoneFromBlob(easTimeZoneForIana(name, year));
      assert.equal(blobZone.offsetAt(ms), ianaZone(name).offsetAt(ms), `${name} at ${new Date(ms).toISOString()}`);
    }), { numRuns: 2000 });
  });

  it('never leaves a zone that has DST without its transitions', () => {
    for (const name of Intl.supportedValuesOf('timeZone')) {
      const zone = ianaZone(name);
      const offsets = new Set([0, 2, 4, 6, 8, 10].map((m) => zone.offsetAt(Date.UTC(2025, m, 15))));
      if (offsets.size < 2) continue;
      const tz = easTimeZoneForIana(name, 2025);
      assert.ok(hasDaylightSaving(tz), `${name} has DST in 2025 but got no transitions`);
      assert.notEqual(tz.daylightBias, 0, name);
    }
  });

  it('compares rule sets by the instants they produce', () => {
    const berlin = easTimeZoneForIana('Europe/Berlin', 2026);
    const paris = easTimeZoneForIana('Europe/Paris', 2026);
    assert.ok(sameRules(berlin, paris, 2026));
    assert.ok(!sameRules(berlin, easTimeZoneForIana('Europe/London', 2026), 2026));
    // "4th Sunday" and "last Sunday" of February 2026 are the same day.
    const fourth = { ...berlin, daylightDate: { ...berlin.daylightDate, month: 2, day: 4 } };
    const last = { ...berlin, daylightDate: { ...berlin.daylightDate, month: 2, day: 5 } };
    assert.ok(sameRules(fourth, last, 2026));
    assert.ok(!sameRules(fourth, last, 2032));
    const transitions = blobTransitions(berlin, 2026);
    assert.equal(new Date(transitions?.start ?? 0).toISOString(), '2026-03-29T01:00:00.000Z');
    assert.equal(new Date(transitions?.end ?? 0).toISOString(), '2026-10-25T01:00:00.000Z');
  });

  it('places wall times in the gap after and the overlap on the earlier instant', () => {
    const berlin = ianaZone('Europe/Berlin');
    assert.equal(new Date(wallToUtc(berlin, Date.UTC(2025, 2, 30, 2, 30))).toISOString(), '2025-03-30T01:30:00.000Z');
    assert.equal(new Date(wallToUtc(berlin, Date.UTC(2025, 9, 26, 2, 30))).toISOString(), '2025-10-26T00:30:00.000Z');
    const sydney = ianaZone('Australia/Sydney');
    const wall = Date.UTC(2025, 0, 10, 9, 0);
    assert.equal(utcToWall(sydney, wallToUtc(sydney, wall)), wall);
  });
});

describe('zoneFollowsBlob', () => {
  it('recognises a zone that keeps a blob\'s rules, north and south, and one that does not', () => {
    for (const name of ['Europe/Berlin', 'Pacific/Auckland', 'Australia/Sydney', 'Asia/Kolkata', 'America/Santiago']) {
      assert.ok(zoneFollowsBlob(ianaZone(name), easTimeZoneForIana(name, 2025), 2025), name);
    }
    assert.ok(!zoneFollowsBlob(ianaZone('Europe/London'), easTimeZoneForIana('Europe/Berlin', 2025), 2025));
    assert.ok(!zoneFollowsBlob(ianaZone('America/New_York'), easTimeZoneForIana('America/Chicago', 2025), 2025));
    assert.ok(!zoneFollowsBlob(ianaZone('Australia/Brisbane'), easTimeZoneForIana('Australia/Sydney', 2025), 2025));
  });
});
