// Fetch Range handling: what "m-n" parses to, and how a slice is cut at the end of the data.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseByteRange, sliceRange } from './byte-range.js';

describe('parseByteRange', () => {
  it('reads "m-n" with m not above n', () => {
    assert.deepEqual(parseByteRange('0-99'), { start: 0, end: 99 });
    assert.deepEqual(parseByteRange(' 5-5 '), { start: 5, end: 5 });
  });

  it('refuses anything else', () => {
    for (const text of ['', '10', '9-3', '-5', '1-', 'a-b', '1-2-3', '0x1-2']) assert.equal(parseByteRange(text), undefined, text);
  });
});

describe('sliceRange', () => {
  const bytes = Uint8Array.from({ length: 10 }, (_, i) => i);

  it('returns the inclusive slice with the Range actually sent and the Total', () => {
    const slice = sliceRange(bytes, { start: 2, end: 4 });
    assert.deepEqual([...(slice?.bytes ?? [])], [2, 3, 4]);
    assert.equal(slice?.range, '2-4');
    assert.equal(slice?.total, 10);
  });

  it('cuts a range that runs past the end at the last byte', () => {
    const slice = sliceRange(bytes, { start: 8, end: 99 });
    assert.deepEqual([...(slice?.bytes ?? [])], [8, 9]);
    assert.equal(slice?.range, '8-9');
  });

  it('cannot serve a range that starts at or after the end', () => {
    assert.equal(sliceRange(bytes, { start: 10, end: 20 }), undefined);
    assert.equal(sliceRange(new Uint8Array(0), { start: 0, end: 0 }), undefined);
  });
});
