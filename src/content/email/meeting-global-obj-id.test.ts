import assert from 'node:assert/strict';
import { Buffer } from 'node:buffer';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { globalObjIdForUid, uidFromGlobalObjId } from './meeting-global-obj-id.js';

const CLASS_ID = '040000008200e00074c5b7101a82e008';
const hex = (base64: string): string => Buffer.from(base64, 'base64').toString('hex');

describe('GlobalObjId', () => {
  it('wraps a plain UID as a vCal id: zero header fields, little-endian length, marker, version, UID and NUL', () => {
    // Laid out by hand from the ABNF of MS-ASEMAIL 2.2.2.37: 8 ("vCal-Uid") + 4 + 3 + 1 = 16 data bytes.
    const expected = CLASS_ID + '00000000' + '00'.repeat(16) + '10000000' + '7643616c2d556964' + '01000000' + '616263' + '00';
    assert.equal(hex(globalObjIdForUid('abc')), expected);
  });

  it('puts an occurrence date into bytes 17-20, year first and big-endian', () => {
    const id = hex(globalObjIdForUid('abc', { year: 2026, month: 12, day: 9 }));
    assert.equal(id.slice(32, 40), '07ea0c09');
    assert.equal(uidFromGlobalObjId(Buffer.from(id, 'hex').toString('base64')), 'abc');
  });

  it('gives an Outlook id written as a hex UID its own bytes back, and reads it as the hex UID again', () => {
    const outlookUid = (CLASS_ID + '00000000' + '0011223344556677' + '00'.repeat(8) + '04000000' + 'deadbeef').toUpperCase();
    const goid = globalObjIdForUid(outlookUid);
    assert.equal(hex(goid), outlookUid.toLowerCase());
    const instance = globalObjIdForUid(outlookUid, { year: 2027, month: 1, day: 31 });
    assert.equal(hex(instance).slice(32, 40), '07eb011f');
    assert.equal(uidFromGlobalObjId(instance), outlookUid);
  });

  it('refuses what is not a GlobalObjId', () => {
    assert.equal(uidFromGlobalObjId(''), undefined);
    assert.equal(uidFromGlobalObjId(Buffer.from('not an id at all, but long enough to have a header').toString('base64')), undefined);
    const truncated = Buffer.from(hex(globalObjIdForUid('abc')).slice(0, -4), 'hex').toString('base64');
    assert.equal(uidFromGlobalObjId(truncated), undefined);
  });

  it('property: every UID comes back from its GlobalObjId, with or without an occurrence date', () => {
    fc.assert(fc.property(
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 120 }).filter((s) => !s.includes('\u0000')),
      fc.option(fc.record({ year: fc.integer({ min: 1601, max: 4500 }), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 31 })}), { nil: undefined }),
      (uid, instance) => {
        const goid = globalObjIdForUid(uid, instance);
        assert.equal(hex(goid).slice(0, 32), CLASS_ID);
        assert.equal(uidFromGlobalObjId(goid), uid);
      },
    ));
  });
});
