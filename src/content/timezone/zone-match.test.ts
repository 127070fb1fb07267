// Blob → IANA zone, as TbSync does it (CLIENT-QUIRKS §4): by offsets and transitions, whatever
// the blob's names say. Every blob we write maps back to a zone with the same rules; a blob no
// zone reproduces keeps its own rules so no event moves.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NO_TRANSITION, type EasTimeZone } from './timezone-blob.js';
import { easTimeZoneForIana, sameRules, zoneFromBlob } from './timezone-rules.js';
import { matchTimeZone } from './zone-match.js';

const ZONES = ['Europe/Berlin', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata', 'America/Sao_Paulo', 'Asia/Tokyo',
  'America/Los_Angeles', 'Pacific/Auckland', 'Australia/Adelaide', 'Asia/Kathmandu', 'America/St_Johns', 'Europe/London'];

function nameless(tz: EasTimeZone): EasTimeZone {
  return { ...tz, standardName: '', daylightName: '' };
}

describe('TimeZone blob to IANA zone', () => {
  it('maps every blob we write back to a zone with the same rules', () => {
    for (const name of ZONES) {
      const blob = nameless(easTimeZoneForIana(name, 2025));
      const match = matchTimeZone(blob, 2025);
      assert.ok(match.iana && match.exact, `${name} → ${match.tzid}`);
      assert.ok(sameRules(easTimeZoneForIana(match.tzid, 2025), blob, 2025), `${name} → ${match.tzid}`);
      assert.ok(sameRules(easTimeZoneForIana(match.tzid, 2026), easTimeZoneForIana(name, 2026), 2026), `${name} in 2026`);
    }
  });

  it('prefers the zone the blob names, then the zones the request suggests, then the primary zone', () => {
    const berlinRules = nameless(easTimeZoneForIana('Europe/Berlin', 2025));
    assert.equal(matchTimeZone(berlinRules, 2025).tzid, 'Europe/Berlin');
    assert.equal(matchTimeZone({ ...berlinRules, standardName: 'Europe/Amsterdam' }, 2025).tzid, 'Europe/Amsterdam');
    assert.equal(matchTimeZone(berlinRules, 2025, ['Europe/Paris']).tzid, 'Europe/Paris');
    // A preferred zone with other rules is passed over.
    assert.equal(matchTimeZone(berlinRules, 2025, ['America/New_York']).tzid, 'Europe/Berlin');
    assert.equal(matchTimeZone({ ...berlinRules, standardName: 'W. Europe Standard Time' }, 2025).tzid, 'Europe/Berlin');
  });

  it('reads an all-zero blob as UTC', () => {
    const zero: EasTimeZone = { bias: 0, standardName: '', standardDate: NO_TRANSITION, standardBias: 0, daylightName: '', daylightDate: NO_TRANSITION, daylightBias: 0 };
    assert.equal(matchTimeZone(zero, 2025).tzid, 'UTC');
  });

  it('keeps the client rules when no zone has them', () => {
    // US rules before 2007: first Sunday of April to last Sunday of October.
    const ny = easTimeZoneForIana('America/New_York', 2025);
    const old: EasTimeZone = {
      ...nameless(ny),
      daylightDate: { ...ny.daylightDate, month: 4, day: 1 },
      standardDate: { ...ny.standardDate, month: 10, day: 5 },
    };
    const match = matchTimeZone(old, 2025);
    assert.equal(match.exact, false);
    for (const ms of [Date.UTC(2025, 2, 20), Date.UTC(2025, 3, 10), Date.UTC(2025, 9, 30), Date.UTC(2025, 10, 5), Date.UTC(2025, 6, 1)]) {
      assert.equal(match.zone.offsetAt(ms), zoneFromBlob(old).offsetAt(ms), new Date(ms).toISOString());
    }
  });

  it('falls back to a fixed offset for an offset no zone has', () => {
    const odd: EasTimeZone = { bias: -77, standardName: '', standardDate: NO_TRANSITION, standardBias: 0, daylightName: '', daylightDate: NO_TRANSITION, daylightBias: 0 };
    const match = matchTimeZone(odd, 2025);
    assert.deepEqual([match.tzid, match.iana, match.exact], ['UTC+01:17', false, false]);
    assert.equal(match.zone.offsetAt(Date.UTC(2025, 5, 1)), 77);
  });

  // Speed belongs in bench/; what a test can hold is that the cached answer never drifts.
  it('gives the same answer on every call once its zone facts are cached', () => {
    const blob = nameless(easTimeZoneForIana('Australia/Sydney', 2025));
    const first = matchTimeZone(blob, 2025, ['Europe/Berlin']);
    assert.equal(first.tzid, 'Australia/Sydney');
    for (let i = 0; i < 50; i += 1) {
      const again = matchTimeZone(blob, 2025, ['Europe/Berlin']);
      assert.deepEqual([again.tzid, again.exact, again.iana], [first.tzid, first.exact, first.iana]);
    }
  });
});
