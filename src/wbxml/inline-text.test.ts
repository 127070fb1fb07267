// The JS text paths against Node's own UTF-8 decoder, which defines the result: whatever the
// bytes, a string read through the decoder equals Buffer#toString('utf8') of those bytes.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { decodeWbxml } from './decoder.js';
import { asciiCodesText, longText, PROBED_TEXT_BYTES, utf8CodesText } from './inline-text.js';

const HEADER = [0x03, 0x01, 0x6a, 0x00];
const RUNS = 3000;

/** Bytes without NUL, biased towards UTF-8 lead and continuation bytes and their edge values. */
const textByte = fc.oneof(
  fc.integer({ min: 1, max: 0x7f }),
  fc.integer({ min: 0x80, max: 0xbf }),
  fc.constantFrom(0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xed, 0xee, 0xef, 0xf0, 0xf4, 0xf5, 0xff, 0x9f, 0xa0, 0x8f, 0x90),
  fc.integer({ min: 0xc0, max: 0xff }),
);
const textBytes = fc.array(textByte, { maxLength: 80 }).map((bytes) => new Uint8Array(bytes));

/** Any string without NUL, encoded: always valid UTF-8. */
const validUtf8 = fc.string({ unit: 'binary', maxLength: 24 })
  .map((text) => new Uint8Array(Buffer.from(text.replaceAll('\0', ''), 'utf8')));

describe('inline text', () => {
  it('decodes valid UTF-8 in JS exactly as Node does', () => {
    fc.assert(fc.property(validUtf8, (bytes) => {
      const text = utf8CodesText(bytes, 0, bytes.length, []);
      assert.equal(text, Buffer.from(bytes).toString('utf8'));
    }), { numRuns: RUNS });
  });

  it('gives up (undefined) on invalid UTF-8 rather than guess, and agrees with Node otherwise', () => {
    fc.assert(fc.property(textBytes, (bytes) => {
      const text = utf8CodesText(bytes, 0, bytes.length, []);
      const node = Buffer.from(bytes).toString('utf8');
      if (text === undefined) assert.ok(node.includes('\uFFFD'), `gave up on valid bytes ${Buffer.from(bytes).toString('hex')}`);
      else assert.equal(text, node);
    }), { numRuns: RUNS });
  });

  it('refuses overlong forms, surrogates, code points above U+10FFFF and cut sequences', () => {
    const invalid = [[0xc0, 0x80], [0xc1, 0xbf], [0xe0, 0x80, 0x80], [0xed, 0xa0, 0x80], [0xf0, 0x80, 0x80, 0x80],
      [0xf4, 0x90, 0x80, 0x80], [0xf5, 0x80, 0x80, 0x80], [0xe2, 0x82], [0xc3], [0x80], [0xff]];
    for (const bytes of invalid) assert.equal(utf8CodesText(new Uint8Array(bytes), 0, bytes.length, []), undefined, String(bytes));
  });

  it('reads a string within a larger buffer, reusing the units scratch', () => {
    const bytes = new Uint8Array(Buffer.from('xxGrüße, 東京 😀 and more text past eight unitsyy', 'utf8'));
    const units: number[] = [];
    assert.equal(utf8CodesText(bytes, 2, bytes.length - 2, units), 'Grüße, 東京 😀 and more text past eight units');
    assert.equal(utf8CodesText(bytes, 2, 4, units), 'Gr');
    assert.equal(asciiCodesText(bytes, 0, 0), '');
    assert.equal(asciiCodesText(bytes, 2, 2), 'Gr');
  });

  it('the decoder returns Node\'s reading of any string bytes, short or long', () => {
    const anyText = fc.oneof(textBytes, fc.array(textByte, { minLength: 60, maxLength: 300 }).map((b) => new Uint8Array(b)));
    fc.assert(fc.property(anyText, (bytes) => {
      const doc = new Uint8Array([...HEADER, 0x45, 0x03, ...bytes, 0x00, 0x01]);
      assert.deepEqual(decodeWbxml(doc).children, [Buffer.from(bytes).toString('utf8')]);
    }), { numRuns: RUNS });
  });

  it('reads long text (ASCII, valid UTF-8, invalid UTF-8, a BOM) exactly as Node does', () => {
    const size = PROBED_TEXT_BYTES + 5;
    const ascii = Buffer.from('MIME-Version: 1.0\r\n'.repeat(200).slice(0, size), 'latin1');
    const valid = Buffer.from(`\uFEFF${'Grüße, 東京 😀 '.repeat(200)}`, 'utf8');
    const invalid = Buffer.from(valid);
    invalid[100] = 0xff;
    invalid[invalid.length - 1] = 0xe2;
    for (const bytes of [ascii, valid, invalid]) {
      const framed = Buffer.concat([Buffer.from('xx'), bytes, Buffer.from('yy')]);
      assert.equal(longText(framed, 2, framed.length - 2), bytes.toString('utf8'));
    }
  });

  it('long random text through the decoder equals Node\'s reading', () => {
    const longBytes = fc.array(textByte, { minLength: PROBED_TEXT_BYTES, maxLength: PROBED_TEXT_BYTES + 600 }).map((b) => new Uint8Array(b));
    fc.assert(fc.property(fc.oneof(longBytes, fc.string({ unit: 'binary', minLength: 700, maxLength: 1500 })
      .map((t) => new Uint8Array(Buffer.from(t.replaceAll('\0', ''), 'utf8')))), (bytes) => {
      const doc = new Uint8Array([...HEADER, 0x45, 0x03, ...bytes, 0x00, 0x01]);
      assert.deepEqual(decodeWbxml(doc).children, [Buffer.from(bytes).toString('utf8')]);
    }), { numRuns: 300 });
  });

  it('reads short ASCII strings alike in a small document (char codes) and a large one (windows)', () => {
    const texts = Array.from({ length: 14 }, (_, n) => 'abcdefghijklmn'.slice(0, n));
    const body = (copies: number): number[] => Array.from({ length: copies }, () => texts.flatMap((t) => [0x03, ...Buffer.from(t), 0x00])).flat();
    for (const copies of [1, 40]) {
      const doc = new Uint8Array([...HEADER, 0x45, ...body(copies), 0x01]);
      assert.deepEqual(decodeWbxml(doc).children, Array.from({ length: copies }, () => texts).flat(), `${copies} copies`);
    }
  });
});
