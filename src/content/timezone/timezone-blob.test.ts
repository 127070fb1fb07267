// The TimeZone blob's byte layout (MS-ASDTYPE 2.7.6): 172 bytes, little-endian, names as 32
// UTF-16 units; Berlin's rules as a Windows client writes them; bad client blobs refused.
import assert from 'node:assert/strict';
import { Buffer } from 'node:buffer';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  decodeTimeZoneBlob,
  encodeTimeZoneBlob,
  hasDaylightSaving,
  TIMEZONE_BLOB_BYTES,
  TimeZoneBlobError,
  type EasTimeZone,
  type SystemTime,
} from './timezone-blob.js';
import { easTimeZoneForIana } from './timezone-rules.js';

const rule: fc.Arbitrary<SystemTime> = fc.record({
  year: fc.constant(0),
  month: fc.integer({ min: 1, max: 12 }),
  dayOfWeek: fc.integer({ min: 0, max: 6 }),
  day: fc.integer({ min: 1, max: 5 }),
  hour: fc.integer({ min: 0, max: 23 }),
  minute: fc.integer({ min: 0, max: 59 }),
  second: fc.constant(0),
  milliseconds: fc.constant(0),
});

const name = fc.string({ maxLength: 31 }).filter((s) => !s.includes('\u0000') && s.trim() === s);

const zone: fc.Arbitrary<EasTimeZone> = fc.record({
  bias: fc.integer({ min: -14 * 60, max: 12 * 60 }),
  standardName: name,
  standardDate: rule,
  standardBias: fc.constant(0),
  daylightName: name,
  daylightDate: rule,
  daylightBias: fc.constantFrom(-60, -30, -120),
});

function errorCode(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof TimeZoneBlobError);
    return error.code;
  }
  return undefined;
}

describe('TimeZone blob', () => {
  it('writes Europe/Berlin with bias -60 and last-Sunday transitions', () => {
    const berlin = easTimeZoneForIana('Europe/Berlin', 2025);
    const bytes = Buffer.from(encodeTimeZoneBlob(berlin), 'base64');
    assert.equal(bytes.length, TIMEZONE_BLOB_BYTES);
    assert.equal(bytes.readInt32LE(0), -60);
    // StandardDate: October, Sunday, 5th (= last) occurrence, 03:00.
    assert.deepEqual([68, 70, 72, 74, 76].map((o) => bytes.readUInt16LE(o)), [0, 10, 0, 5, 3]);
    assert.equal(bytes.readInt32LE(84), 0);
    // DaylightDate: March, Sunday, last occurrence, 02:00; DaylightBias -60.
    assert.deepEqual([152, 154, 156, 158, 160].map((o) => bytes.readUInt16LE(o)), [0, 3, 0, 5, 2]);
    assert.equal(bytes.readInt32LE(168), -60);
    assert.equal(bytes.toString('utf16le', 4, 4 + 'Europe/Berlin'.length * 2), 'Europe/Berlin');
    assert.ok(hasDaylightSaving(berlin));
  });

  it('is never all zero for a zone with daylight saving time', () => {
    for (const name of ['Europe/Berlin', 'America/New_York', 'Australia/Sydney', 'America/Santiago']) {
      const bytes = Buffer.from(encodeTimeZoneBlob(easTimeZoneForIana(name, 2025)), 'base64');
      assert.ok(bytes.some((b) => b !== 0), name);
      assert.ok(hasDaylightSaving(decodeTimeZoneBlob(bytes.toString('base64'))), name);
    }
  });

  it('round-trips any rule set (property)', () => {
    fc.assert(fc.property(zone, (tz) => {
      // fast-check builds records without a prototype; compare the plain data.
      assert.deepEqual(decodeTimeZoneBlob(encodeTimeZoneBlob(tz)), JSON.parse(JSON.stringify(tz)));
    }), { numRuns: 300 });
  });

  it('cuts names to 31 characters and a NUL', () => {
    const tz = { ...easTimeZoneForIana('Asia/Kolkata', 2025), standardName: 'x'.repeat(40) };
    assert.equal(decodeTimeZoneBlob(encodeTimeZoneBlob(tz)).standardName, 'x'.repeat(31));
  });

  it('refuses a blob that is not 172 bytes of valid rules', () => {
    assert.equal(errorCode(() => decodeTimeZoneBlob('not base64!')), 'malformed');
    assert.equal(errorCode(() => decodeTimeZoneBlob(Buffer.alloc(100).toString('base64'))), 'wrong-size');
    const bad = Buffer.from(encodeTimeZoneBlob(easTimeZoneForIana('Europe/Berlin', 2025)), 'base64');
    bad.writeUInt16LE(13, 70);
    assert.equal(errorCode(() => decodeTimeZoneBlob(bad.toString('base64'))), 'invalid-rule');
    const farBias = Buffer.alloc(TIMEZONE_BLOB_BYTES);
    farBias.writeInt32LE(5000, 0);
    assert.equal(errorCode(() => decodeTimeZoneBlob(farBias.toString('base64'))), 'invalid-rule');
  });

  it('reads the all-zero blob some servers send as UTC without DST', () => {
    const tz = decodeTimeZoneBlob(Buffer.alloc(TIMEZONE_BLOB_BYTES).toString('base64'));
    assert.equal(tz.bias, 0);
    assert.equal(hasDaylightSaving(tz), false);
  });
});
