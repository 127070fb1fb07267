// Decoder on hand-written byte sequences: each test spells out the bytes a peer would send.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeWbxml } from './decoder.js';
import { WbxmlError, type WbxmlErrorCode } from './errors.js';
import type { WbxmlElement } from './tree.js';

const HEADER = [0x03, 0x01, 0x6a, 0x00];
const doc = (...body: number[]): Uint8Array => new Uint8Array([...HEADER, ...body]);
const str = (text: string): number[] => [0x03, ...Buffer.from(text, 'utf8'), 0x00];
const el = (page: number, tag: string, ...children: WbxmlElement['children']): WbxmlElement => ({ page, tag, children });

function assertCode(bytes: Uint8Array, code: WbxmlErrorCode): WbxmlError {
  let caught: unknown;
  try {
    decodeWbxml(bytes);
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof WbxmlError, `expected a WbxmlError, got ${String(caught)}`);
  assert.equal(caught.code, code, caught.message);
  return caught;
}

describe('decodeWbxml: structure', () => {
  it('reads a root without content (no content bit)', () => {
    assert.deepEqual(decodeWbxml(doc(0x05)), el(0, 'Sync'));
  });

  it('reads a root with the content bit and no children as an empty element', () => {
    assert.deepEqual(decodeWbxml(doc(0x45, 0x01)), el(0, 'Sync'));
  });

  it('reads a root that holds only a string, and rejects a byte after it', () => {
    assert.deepEqual(decodeWbxml(doc(0x4b, ...str('42'), 0x01)), el(0, 'SyncKey', '42'));
    assertCode(doc(0x4b, ...str('42'), 0x01, 0x01), 'malformed');
  });

  it('reads an element whose string is followed by more content', () => {
    assert.deepEqual(decodeWbxml(doc(0x45, ...str('a'), 0x0b, 0x01)), el(0, 'Sync', 'a', el(0, 'SyncKey')));
    assert.deepEqual(decodeWbxml(doc(0x45, ...str('a'), 0xc3, 0x01, 0x09, 0x01)), el(0, 'Sync', 'a', new Uint8Array([9])));
  });

  it('reads nested elements with inline strings', () => {
    // AirSync: Sync > Collections > Collection > (SyncKey "0", CollectionId "7", GetChanges)
    const bytes = doc(0x45, 0x5c, 0x4f, 0x4b, ...str('0'), 0x01, 0x52, ...str('7'), 0x01, 0x13, 0x01, 0x01, 0x01);
    assert.deepEqual(
      decodeWbxml(bytes),
      el(0, 'Sync', el(0, 'Collections', el(0, 'Collection', el(0, 'SyncKey', '0'), el(0, 'CollectionId', '7'), el(0, 'GetChanges')))),
    );
  });

  it('follows SWITCH_PAGE before the root and between siblings', () => {
    // FolderHierarchy (7): FolderSync > SyncKey "0"; then AirSyncBase (17) Type inside it, back to 7 for Count.
    const bytes = doc(0x00, 0x07, 0x56, 0x52, ...str('0'), 0x01, 0x00, 0x11, 0x46, ...str('1'), 0x01, 0x00, 0x07, 0x57, ...str('3'), 0x01, 0x01);
    assert.deepEqual(
      decodeWbxml(bytes),
      el(7, 'FolderSync', el(7, 'SyncKey', '0'), el(17, 'Type', '1'), el(7, 'Count', '3')),
    );
  });

  it('keeps the page across END (pages are not scoped to elements)', () => {
    const bytes = doc(0x45, 0x00, 0x02, 0x54, ...str('a'), 0x01, 0x15, 0x01);
    assert.deepEqual(decodeWbxml(bytes), el(0, 'Sync', el(2, 'Subject', 'a'), el(2, 'Read')));
  });

  it('accepts a redundant SWITCH_PAGE to the current page', () => {
    assert.deepEqual(decodeWbxml(doc(0x00, 0x00, 0x45, 0x00, 0x00, 0x0b, 0x01)), el(0, 'Sync', el(0, 'SyncKey')));
  });

  it('keeps consecutive strings, empty strings and mixed content as separate nodes in order', () => {
    const bytes = doc(0x45, ...str('a'), ...str(''), 0x0b, ...str('b'), 0x01);
    assert.deepEqual(decodeWbxml(bytes), el(0, 'Sync', 'a', '', el(0, 'SyncKey'), 'b'));
  });

  it('accepts WBXML versions 1.1, 1.2 and 1.3 and a non-minimal multi-byte charset', () => {
    for (const version of [0x01, 0x02, 0x03]) {
      assert.deepEqual(decodeWbxml(new Uint8Array([version, 0x01, 0x6a, 0x00, 0x05])), el(0, 'Sync'));
    }
    assert.deepEqual(decodeWbxml(new Uint8Array([0x03, 0x81, 0x00, 0x80, 0x6a, 0x00, 0x05])), el(0, 'Sync'));
  });
});

describe('decodeWbxml: opaque', () => {
  it('reads opaque blocks with one- and two-byte lengths', () => {
    const small = [1, 2, 3];
    const large = Array.from({ length: 200 }, (_, i) => i);
    // AirSyncBase (17): Body > Data opaque(3), Data opaque(200: length 0x81 0x48)
    const bytes = doc(0x00, 0x11, 0x4a, 0x4b, 0xc3, 0x03, ...small, 0x01, 0x4b, 0xc3, 0x81, 0x48, ...large, 0x01, 0x01);
    assert.deepEqual(decodeWbxml(bytes), el(17, 'Body', el(17, 'Data', new Uint8Array(small)), el(17, 'Data', new Uint8Array(large))));
  });

  it('reads an empty opaque block', () => {
    assert.deepEqual(decodeWbxml(doc(0x45, 0xc3, 0x00, 0x01)), el(0, 'Sync', new Uint8Array(0)));
  });

  it('returns opaque content as a zero-copy view of the input', () => {
    const bytes = doc(0x45, 0xc3, 0x02, 0xaa, 0xbb, 0x01);
    const opaque = decodeWbxml(bytes).children[0];
    assert.ok(opaque instanceof Uint8Array);
    assert.equal(Object.getPrototypeOf(opaque), Uint8Array.prototype);
    assert.equal(opaque.buffer, bytes.buffer);
    bytes[7] = 0xcc;
    assert.equal(opaque[0], 0xcc);
  });

  it('handles input that is a view at an offset into a larger buffer', () => {
    const backing = new Uint8Array([0xff, 0xff, ...doc(0x45, 0xc3, 0x01, 0x7e, ...str('é'), 0x01), 0xff]);
    const view = backing.subarray(2, backing.length - 1);
    assert.deepEqual(decodeWbxml(view), el(0, 'Sync', new Uint8Array([0x7e]), 'é'));
  });
});

describe('decodeWbxml: text', () => {
  it('decodes multi-byte UTF-8, short and long', () => {
    const long = 'Grüße, 東京 😀 '.repeat(40);
    const bytes = doc(0x45, ...str('héllo 😀'), ...str(long), 0x01);
    assert.deepEqual(decodeWbxml(bytes), el(0, 'Sync', 'héllo 😀', long));
  });

  it('decodes long ASCII strings (past the window and the ASCII probe sizes)', () => {
    const sizes = [63, 64, 65, 4095, 4096, 4097, 20_000];
    const texts = sizes.map((n) => 'abcdefghij'.repeat(Math.ceil(n / 10)).slice(0, n));
    const bytes = doc(0x45, ...texts.flatMap(str), 0x01);
    assert.deepEqual(decodeWbxml(bytes), el(0, 'Sync', ...texts));
  });

  it('keeps a leading byte-order mark', () => {
    assert.deepEqual(decodeWbxml(doc(0x45, ...str('\uFEFFx'), 0x01)), el(0, 'Sync', '\uFEFFx'));
  });

  it('replaces invalid UTF-8 with U+FFFD instead of rejecting the body', () => {
    const bytes = doc(0x45, 0x03, 0x61, 0xc3, 0x28, 0xff, 0x62, 0x00, 0x01);
    assert.deepEqual(decodeWbxml(bytes), el(0, 'Sync', 'a\uFFFD(\uFFFDb'));
  });
});

describe('decodeWbxml: errors carry code and offset', () => {
  it('reports the offset of an unknown page and of an unknown token', () => {
    assert.equal(assertCode(doc(0x45, 0x00, 0x63), 'unknown-page').offset, 6);
    assert.equal(assertCode(doc(0x45, 0x7f), 'unknown-token').offset, 5);
  });

  it('rejects a bad version byte as bad-header', () => {
    assertCode(new Uint8Array([0x00, 0x01, 0x6a, 0x00, 0x05]), 'bad-header');
    assertCode(new Uint8Array([0x04, 0x01, 0x6a, 0x00, 0x05]), 'bad-header');
  });

  it('rejects content outside the root and bytes after it as malformed', () => {
    assertCode(doc(...str('x'), 0x05), 'malformed');
    assertCode(doc(0x01), 'malformed');
    assertCode(doc(0x05, 0x05), 'malformed');
    assertCode(doc(0x45, 0x01, 0x00), 'malformed');
    assertCode(doc(0x45, 0x01, 0x00, 0x00), 'malformed');
  });

  it('rejects an empty body and a header-only body as truncated', () => {
    assertCode(new Uint8Array(0), 'truncated');
    assertCode(doc(), 'truncated');
    assertCode(doc(0x00, 0x07), 'truncated');
  });
});
