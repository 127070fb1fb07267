// Encoder on hand-built trees: each test states the exact bytes EAS peers expect.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { encodeWbxml } from './encoder.js';
import { WbxmlError, type WbxmlErrorCode } from './errors.js';
import type { WbxmlElement } from './tree.js';

const HEADER = [0x03, 0x01, 0x6a, 0x00];
const str = (text: string): number[] => [0x03, ...Buffer.from(text, 'utf8'), 0x00];
const el = (page: number, tag: string, ...children: WbxmlElement['children']): WbxmlElement => ({ page, tag, children });
const bytesOf = (root: WbxmlElement): number[] => [...encodeWbxml(root)];

function assertCode(root: unknown, code: WbxmlErrorCode): void {
  assert.throws(
    () => encodeWbxml(root as WbxmlElement),
    (error: unknown) => error instanceof WbxmlError && error.code === code && error.offset === -1,
  );
}

describe('encodeWbxml: bytes', () => {
  it('starts with exactly 03 01 6A 00 and writes a childless root without the content bit', () => {
    assert.deepEqual(bytesOf(el(0, 'Sync')), [...HEADER, 0x05]);
  });

  it('sets the content bit and closes with END only for elements with children', () => {
    const root = el(0, 'Sync', el(0, 'Collections', el(0, 'Collection', el(0, 'SyncKey', '0'), el(0, 'GetChanges'))));
    assert.deepEqual(bytesOf(root), [...HEADER, 0x45, 0x5c, 0x4f, 0x4b, ...str('0'), 0x01, 0x13, 0x01, 0x01, 0x01]);
  });

  it('writes an empty string as STR_I with only its terminator', () => {
    assert.deepEqual(bytesOf(el(0, 'Sync', '')), [...HEADER, 0x45, 0x03, 0x00, 0x01]);
  });

  it('switches page only when it changes, including back to page 0', () => {
    const root = el(0, 'Sync', el(2, 'Subject', 'a'), el(2, 'Read'), el(0, 'SyncKey'), el(0, 'Status'));
    assert.deepEqual(bytesOf(root), [...HEADER, 0x45, 0x00, 0x02, 0x54, ...str('a'), 0x01, 0x15, 0x00, 0x00, 0x0b, 0x0e, 0x01]);
  });

  it('switches before a root that is not on page 0', () => {
    assert.deepEqual(bytesOf(el(7, 'FolderSync', el(7, 'SyncKey', '0'))), [...HEADER, 0x00, 0x07, 0x56, 0x52, ...str('0'), 0x01, 0x01]);
  });

  it('writes opaque lengths as multi-byte integers at the 7-bit boundaries', () => {
    const cases: [number, number[]][] = [[0, [0x00]], [127, [0x7f]], [128, [0x81, 0x00]], [16_383, [0xff, 0x7f]], [16_384, [0x81, 0x80, 0x00]]];
    for (const [length, prefix] of cases) {
      const data = new Uint8Array(length).fill(0x5a);
      const out = encodeWbxml(el(17, 'Data', data));
      assert.deepEqual([...out.subarray(0, 8 + prefix.length)], [...HEADER, 0x00, 0x11, 0x4b, 0xc3, ...prefix]);
      assert.deepEqual(out.subarray(8 + prefix.length, out.length - 1), Buffer.from(data));
      assert.equal(out[out.length - 1], 0x01);
      assert.equal(out.length, 9 + prefix.length + length);
    }
  });

  it('writes short and long, ASCII and non-ASCII strings as UTF-8', () => {
    const texts = ['x', 'héllo 😀', 'a'.repeat(64), 'a'.repeat(65), 'é'.repeat(64), 'Grüße 東京 😀 '.repeat(50), 'ascii then ü at the end, past sixty-four characters of ASCII text'];
    const out = encodeWbxml(el(0, 'Sync', ...texts));
    assert.deepEqual([...out], [...HEADER, 0x45, ...texts.flatMap(str), 0x01]);
  });

  it('writes a lone surrogate as U+FFFD (EF BF BD)', () => {
    assert.deepEqual(bytesOf(el(0, 'Sync', 'a\uD800b')), [...HEADER, 0x45, 0x03, 0x61, 0xef, 0xbf, 0xbd, 0x62, 0x00, 0x01]);
    assert.deepEqual(bytesOf(el(0, 'Sync', `${'x'.repeat(70)}\uDC00`)), [...HEADER, 0x45, ...str(`${'x'.repeat(70)}\uFFFD`), 0x01]);
  });

  it('returns exactly the document, with no spare bytes', () => {
    const out = encodeWbxml(el(0, 'Sync', el(0, 'SyncKey', '1')));
    assert.equal(out.length, out.byteLength);
    assert.equal(out.length, 4 + 1 + 1 + 3 + 1 + 1);
  });
});

describe('encodeWbxml: refused trees', () => {
  it('refuses a NUL in a short or long string', () => {
    assertCode(el(0, 'Sync', 'a\0b'), 'unencodable');
    assertCode(el(0, 'Sync', `${'a'.repeat(100)}\0`), 'unencodable');
  });

  it('refuses unknown pages and tags', () => {
    assertCode(el(99, 'Sync'), 'unencodable');
    assertCode(el(-1, 'Sync'), 'unencodable');
    assertCode(el(0.5, 'Sync'), 'unencodable');
    assertCode(el(0, 'NoSuchTag'), 'unencodable');
    assertCode(el(0, 'Sync', el(2, 'Sync')), 'unencodable');
  });

  it('refuses children that are not nodes (numbers, null, plain objects) and a non-element root', () => {
    assertCode(el(0, 'Sync', 5 as unknown as string), 'unencodable');
    assertCode(el(0, 'Sync', null as unknown as string), 'unencodable');
    assertCode(el(0, 'Sync', { page: 0, tag: 'Sync' } as unknown as string), 'unencodable');
    assertCode('Sync', 'unencodable');
    assertCode(null, 'unencodable');
  });

  it('refuses nesting deeper than maxDepth with limit, and honours a raised maxDepth', () => {
    let root = el(0, 'Sync');
    for (let i = 1; i < 10; i++) root = el(0, 'Sync', root);
    assert.throws(() => encodeWbxml(root, { maxDepth: 9 }), (e: unknown) => e instanceof WbxmlError && e.code === 'limit');
    assert.equal(encodeWbxml(root, { maxDepth: 10 }).length, 4 + 9 * 2 + 1);
  });

  it('refuses a cyclic tree with limit instead of looping', () => {
    const root: WbxmlElement = el(0, 'Sync');
    root.children.push(root);
    assertCode(root, 'limit');
  });
});
