import assert from 'node:assert/strict';
import { Buffer } from 'node:buffer';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { truncateChars, truncateMime, truncateUtf8 } from './truncate.js';

const unicodeText = fc.string({ unit: 'grapheme', maxLength: 300 });

describe('truncateUtf8', () => {
  it('never splits a UTF-8 sequence and keeps the longest prefix that fits', () => {
    fc.assert(fc.property(unicodeText, fc.nat(1200), (text, max) => {
      const full = Buffer.from(text, 'utf8');
      const cut = truncateUtf8(text, max);
      const bytes = Buffer.from(cut.text, 'utf8');
      assert.equal(cut.fullBytes, full.length);
      assert.ok(bytes.length <= max || !cut.truncated);
      assert.equal(cut.truncated, full.length > max);
      assert.ok(full.subarray(0, bytes.length).equals(bytes), 'the kept text is a byte prefix of the original');
      assert.ok(!cut.text.includes('\uFFFD') || text.includes('\uFFFD'), 'no replacement character appears');
      if (cut.truncated) {
        const nextChar = Array.from(text.slice(cut.text.length))[0] ?? '';
        assert.ok(bytes.length + Buffer.byteLength(nextChar) > max, 'one more character would not fit');
      }
    }));
  });

  it('returns the text untouched without a limit', () => {
    const cut = truncateUtf8('grüße 😀', undefined);
    assert.deepEqual(cut, { text: 'grüße 😀', truncated: false, fullBytes: 12 });
  });

  it('cuts before a 4-byte character that straddles the limit', () => {
    assert.equal(truncateUtf8('ab😀', 4).text, 'ab');
    assert.equal(truncateUtf8('ab😀', 6).text, 'ab😀');
  });
});

describe('truncateMime', () => {
  it('cuts after the last line break that fits, so no line is split', () => {
    const mime = new TextEncoder().encode('Subject: x\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nhello\r\n--b--\r\n');
    const cut = truncateMime(mime, 30);
    const text = new TextDecoder().decode(cut.bytes);
    assert.equal(text, 'Subject: x\r\n\r\n--b\r\n');
    assert.equal(cut.truncated, true);
    assert.equal(cut.fullBytes, mime.length);
  });

  it('keeps every cut within the limit and on a line end when one exists', () => {
    fc.assert(fc.property(fc.array(fc.string({ unit: 'grapheme', maxLength: 40 }), { maxLength: 30 }), fc.nat(600), (lines, max) => {
      const mime = Buffer.from(lines.join('\r\n'), 'utf8');
      const cut = truncateMime(mime, max);
      assert.ok(cut.bytes.length <= Math.max(max, cut.truncated ? 0 : mime.length));
      assert.ok(mime.subarray(0, cut.bytes.length).equals(Buffer.from(cut.bytes)));
      if (cut.truncated && mime.subarray(0, max).includes(0x0a)) assert.equal(cut.bytes[cut.bytes.length - 1], 0x0a);
    }));
  });
});

describe('truncateChars', () => {
  it('counts code points, not UTF-16 units', () => {
    assert.deepEqual(truncateChars('😀😀😀', 2), { text: '😀😀', truncated: true, fullChars: 3 });
    assert.deepEqual(truncateChars('abc', 3), { text: 'abc', truncated: false, fullChars: 3 });
    assert.deepEqual(truncateChars('abc', 0), { text: '', truncated: true, fullChars: 3 });
  });

  it('keeps exactly the first N code points', () => {
    fc.assert(fc.property(unicodeText, fc.nat(400), (text, max) => {
      const points = Array.from(text);
      const cut = truncateChars(text, max);
      assert.equal(cut.fullChars, points.length);
      assert.equal(cut.text, points.slice(0, max).join(''));
      assert.equal(cut.truncated, points.length > max);
    }));
  });
});
