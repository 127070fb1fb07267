import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { formatLongId, parseLongId } from './long-id.js';

describe('LongId', () => {
  it('round-trips any folder and item id that fits in 256 characters', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 60 }), fc.string({ minLength: 1, maxLength: 60 }), (folderId, itemId) => {
        const text = formatLongId({ folderId, itemId });
        if (text === undefined) return;
        assert.ok(text.length <= 256);
        assert.deepEqual(parseLongId(text), { folderId, itemId });
      }),
      { numRuns: 500 },
    );
  });

  it('refuses ids too long for the spec instead of cutting them', () => {
    assert.equal(formatLongId({ folderId: 'f', itemId: 'x'.repeat(300) }), undefined);
  });

  it('refuses text it did not hand out', () => {
    for (const text of ['', 'a', 'a/b/c', '/b', 'a/', '%E0%A4%A/b', 'a'.repeat(257)]) assert.equal(parseLongId(text), undefined, text);
  });
});
