// Hostile and broken input: every failure must be a WbxmlError with the right code, found fast,
// never another exception, a stack overflow, a huge allocation or a hang.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { arbitraryTree } from './arbitrary-tree.js';
import { tagName } from './code-pages/index.js';
import { decodeWbxml } from './decoder.js';
import { encodeWbxml } from './encoder.js';
import { WbxmlError, type WbxmlErrorCode } from './errors.js';
import type { WbxmlLimits } from './limits.js';
import type { WbxmlElement } from './tree.js';

const HEADER = [0x03, 0x01, 0x6a, 0x00];
const doc = (...body: number[]): Uint8Array => new Uint8Array([...HEADER, ...body]);
const CODES = new Set<WbxmlErrorCode>(['truncated', 'bad-header', 'unknown-page', 'unknown-token', 'unsupported', 'limit', 'malformed']);

function decodeError(bytes: Uint8Array, limits?: Partial<WbxmlLimits>): WbxmlError | undefined {
  try {
    decodeWbxml(bytes, limits);
    return undefined;
  } catch (error) {
    if (error instanceof WbxmlError) return error;
    throw error;
  }
}

function assertCode(bytes: Uint8Array, code: WbxmlErrorCode, limits?: Partial<WbxmlLimits>): void {
  const error = decodeError(bytes, limits);
  assert.ok(error !== undefined, `expected ${code}, but the input decoded`);
  assert.equal(error.code, code, error.message);
}

/** Decoding either succeeds or fails with a WbxmlError of a decoder code. */
function assertDecodesOrWbxmlError(bytes: Uint8Array): void {
  const error = decodeError(bytes);
  if (error !== undefined) assert.ok(CODES.has(error.code), error.code);
}

function nested(depth: number): WbxmlElement {
  let root: WbxmlElement = { page: 0, tag: 'SyncKey', children: ['x'] };
  for (let i = 1; i < depth; i++) root = { page: 0, tag: 'Sync', children: [root] };
  return root;
}

function depthOf(root: WbxmlElement): number {
  let depth = 1;
  let node = root;
  for (let child = node.children[0]; typeof child === 'object' && !(child instanceof Uint8Array); child = node.children[0]) {
    node = child;
    depth++;
  }
  return depth;
}

describe('hostile input: unknown and unsupported', () => {
  it('rejects unknown code pages', () => {
    for (const page of [26, 99, 0xff]) assertCode(doc(0x45, 0x00, page, 0x05, 0x01), 'unknown-page');
  });

  it('rejects tokens the current page does not define', () => {
    assert.equal(tagName(0, 0x3f), undefined);
    assertCode(doc(0x7f), 'unknown-token');
    assertCode(doc(0x45, 0x3f, 0x01), 'unknown-token');
    assertCode(doc(0x45, 0x00, 0x03, 0x05, 0x01), 'unknown-token');
  });

  it('rejects every global token EAS does not use, inside the root and in its place', () => {
    for (const token of [0x02, 0x04, 0x40, 0x41, 0x42, 0x43, 0x44, 0x80, 0x81, 0x82, 0x83, 0x84, 0xc0, 0xc1, 0xc2, 0xc4]) {
      assertCode(doc(0x45, token, 0x00, 0x00, 0x01), 'unsupported');
      assertCode(doc(token, 0x00, 0x00), 'unsupported');
    }
  });

  it('rejects tags with the attribute bit', () => {
    assertCode(doc(0x85, 0x01), 'unsupported');
    assertCode(doc(0x45, 0xcb, 0x01, 0x01), 'unsupported');
  });

  it('rejects header features EAS does not use', () => {
    assertCode(new Uint8Array([0x03, 0x00, 0x00, 0x6a, 0x00, 0x05]), 'unsupported');
    assertCode(new Uint8Array([0x03, 0x01, 0x04, 0x00, 0x05]), 'unsupported');
    assertCode(new Uint8Array([0x03, 0x01, 0x6a, 0x03, 0x61, 0x62, 0x00, 0x05]), 'unsupported');
    assertCode(new Uint8Array([0x00, 0x01, 0x6a, 0x00, 0x05]), 'bad-header');
  });
});

describe('hostile input: integers, lengths and limits', () => {
  it('rejects multi-byte integers over 5 bytes or over 2^32-1', () => {
    assertCode(doc(0x45, 0xc3, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01, 0x01), 'malformed');
    assertCode(doc(0x45, 0xc3, 0x90, 0x80, 0x80, 0x80, 0x00, 0x01), 'malformed');
    assertCode(new Uint8Array([0x03, 0x01, 0xff, 0xff, 0xff, 0xff, 0x7f, 0x00, 0x05]), 'malformed');
  });

  it('fails fast on a 2 GB opaque length claim, by limit and by the bytes left', () => {
    const claim = doc(0x45, 0xc3, 0x88, 0x80, 0x80, 0x80, 0x00, 0x01, 0x01);
    assertCode(claim, 'limit');
    assertCode(claim, 'truncated', { maxOpaqueBytes: 0xffffffff });
    assertCode(doc(0x45, 0xc3, 0x8f, 0xff, 0xff, 0xff, 0x7f), 'truncated', { maxOpaqueBytes: 0xffffffff });
  });

  it('bounds strings: unterminated, over the limit, exactly at it', () => {
    const text = (n: number): number[] => new Array<number>(n).fill(0x61);
    assertCode(doc(0x45, 0x03, ...text(10)), 'truncated');
    assertCode(doc(0x45, 0x03, ...text(100)), 'limit', { maxStringBytes: 50 });
    assertCode(doc(0x45, 0x03, ...text(51), 0x00, 0x01), 'limit', { maxStringBytes: 50 });
    assert.equal(decodeWbxml(doc(0x45, 0x03, ...text(50), 0x00, 0x01), { maxStringBytes: 50 }).children[0], 'a'.repeat(50));
    assertCode(doc(0x45, 0x03, ...text(40)), 'truncated', { maxStringBytes: 50 });
  });

  it('fails fast on a 2 GB string claim: a 64 MiB body with no terminator', () => {
    const bytes = new Uint8Array(64 * 1024 * 1024).fill(0x61);
    bytes.set([...HEADER, 0x45, 0x03]);
    assertCode(bytes, 'limit');
    assertCode(bytes, 'truncated', { maxStringBytes: 2 ** 31 });
  });

  it('enforces maxBytes, maxElements, maxOpaqueBytes', () => {
    assertCode(doc(0x45, 0x0b, 0x0b, 0x0b, 0x01), 'limit', { maxBytes: 8 });
    assertCode(doc(0x45, 0x0b, 0x0b, 0x0b, 0x01), 'limit', { maxElements: 3 });
    assert.equal(decodeWbxml(doc(0x45, 0x0b, 0x0b, 0x0b, 0x01), { maxElements: 4 }).children.length, 3);
    assertCode(doc(0x45, 0xc3, 0x03, 1, 2, 3, 0x01), 'limit', { maxOpaqueBytes: 2 });
  });

  it('rejects 100,000-deep nesting with limit, and decodes it without recursion when allowed', () => {
    const depth = 100_000;
    const bytes = new Uint8Array(HEADER.length + 2 * depth);
    bytes.set(HEADER);
    bytes.fill(0x45, HEADER.length, HEADER.length + depth);
    bytes.fill(0x01, HEADER.length + depth);
    assertCode(bytes, 'limit');
    assertCode(bytes.subarray(0, HEADER.length + depth), 'limit');
    assert.equal(depthOf(decodeWbxml(bytes, { maxDepth: depth })), depth);
    assertCode(bytes.subarray(0, bytes.length - 1), 'truncated', { maxDepth: depth });
  });

  it('refuses to encode 100,000-deep nesting with limit, and encodes it without recursion when allowed', () => {
    const deep = nested(100_000);
    assert.throws(() => encodeWbxml(deep), (e: unknown) => e instanceof WbxmlError && e.code === 'limit');
    const bytes = encodeWbxml(deep, { maxDepth: 100_000 });
    assert.equal(depthOf(decodeWbxml(bytes, { maxDepth: 100_000 })), 100_000);
  });
});

describe('hostile input: truncation', () => {
  it('reports truncated for every proper prefix of a rich document', () => {
    const sample: WbxmlElement = {
      page: 0, tag: 'Sync', children: [
        { page: 0, tag: 'SyncKey', children: ['1234567890'] },
        { page: 17, tag: 'Body', children: [{ page: 17, tag: 'Data', children: [new Uint8Array(300).fill(7)] }, { page: 17, tag: 'Type', children: ['4'] }] },
        { page: 2, tag: 'Subject', children: ['Grüße 😀', 'a'.repeat(100)] },
        { page: 0, tag: 'GetChanges', children: [] },
        { page: 21, tag: 'Mime', children: [new Uint8Array(0)] },
      ],
    };
    const bytes = encodeWbxml(sample);
    for (let length = 0; length < bytes.length; length++) assertCode(bytes.subarray(0, length), 'truncated');
    assert.deepEqual(decodeWbxml(bytes), sample);
  });

  it('reports malformed content outside the root and after its END', () => {
    assertCode(doc(0xc3, 0x00, 0x05), 'malformed');
    assertCode(doc(0x05, 0x01), 'malformed');
    assertCode(doc(0x45, 0x01, 0x45, 0x01), 'malformed');
    assertCode(doc(0x45, 0x01, 0x03, 0x00), 'malformed');
  });
});

describe('hostile input: fuzzing', () => {
  it('random bytes decode or throw a WbxmlError', { timeout: 120_000 }, () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => assertDecodesOrWbxmlError(bytes)), { numRuns: 5000 });
  });

  it('a valid header followed by random tokens decodes or throws a WbxmlError', { timeout: 120_000 }, () => {
    const body = fc.array(
      fc.oneof(fc.integer({ min: 0, max: 255 }), fc.constantFrom(0x00, 0x01, 0x03, 0xc3, 0x45, 0x05, 0x4b, 0x0b, 0x56)),
      { maxLength: 200 },
    );
    fc.assert(fc.property(body, (tokens) => assertDecodesOrWbxmlError(doc(...tokens))), { numRuns: 5000 });
  });

  it('random mutations of valid documents decode or throw a WbxmlError', { timeout: 120_000 }, () => {
    const mutation = fc.record({ kind: fc.constantFrom('set', 'insert', 'delete', 'truncate'), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) });
    fc.assert(
      fc.property(arbitraryTree, fc.array(mutation, { minLength: 1, maxLength: 4 }), (tree, mutations) => {
        const bytes = [...encodeWbxml(tree)];
        for (const { kind, at, value } of mutations) {
          const index = at % (bytes.length + 1);
          if (kind === 'set') bytes[Math.min(index, bytes.length - 1)] = value;
          else if (kind === 'insert') bytes.splice(index, 0, value);
          else if (kind === 'delete') bytes.splice(index, 1);
          else bytes.length = index;
        }
        assertDecodesOrWbxmlError(new Uint8Array(bytes));
      }),
      { numRuns: 3000 },
    );
  });
});
