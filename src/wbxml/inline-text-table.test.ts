// The table of short ASCII strings in inline-text.ts: whatever was looked up before, and whatever
// collides in a slot, a string read from bytes is always the string those bytes spell.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { asciiCodesText, CACHED_TEXT_BYTES } from './inline-text.js';

const asciiBytes = fc.array(fc.integer({ min: 1, max: 0x7f }), { minLength: 1, maxLength: 8 }).map((b) => new Uint8Array(b));

describe('short ASCII strings from the table', () => {
  it('gives the latin1 reading of any 1 to 8 ASCII bytes, on a miss and on a hit', () => {
    fc.assert(fc.property(fc.array(asciiBytes, { minLength: 1, maxLength: 50 }), (list) => {
      for (let round = 0; round < 2; round++) {
        for (const bytes of list) assert.equal(asciiCodesText(bytes, 0, bytes.length), Buffer.from(bytes).toString('latin1'));
      }
    }), { numRuns: 500 });
  });

  it('tells apart strings whose codes would run together, and strings read from an offset', () => {
    const doc = Buffer.from('\u0001\u0001 \u0001\u0001\u0001 ab abc abcd f12 f120 5:3', 'latin1');
    const words = doc.toString('latin1').split(' ');
    for (let pass = 0; pass < 3; pass++) {
      let at = 0;
      for (const word of words) {
        assert.ok(word.length <= CACHED_TEXT_BYTES);
        assert.equal(asciiCodesText(doc, at, word.length), word);
        at += word.length + 1;
      }
    }
  });
});
