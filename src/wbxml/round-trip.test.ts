// Property tests: tree -> bytes -> tree is the identity over generated trees that use every code
// page, and bytes -> tree -> bytes is the identity on canonical input (what our encoder writes).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { allTags, arbitraryTree, PAGES_WITH_TAGS } from './arbitrary-tree.js';
import { CODE_PAGES } from './code-pages/index.js';
import { decodeWbxml } from './decoder.js';
import { encodeWbxml } from './encoder.js';
import type { WbxmlElement } from './tree.js';

const RUNS = 1500;

describe('WBXML round trips', () => {
  it('encodes and decodes every tag of every code page, with and without content', () => {
    const tags = allTags();
    assert.equal(new Set(tags.map((t) => t.page)).size, PAGES_WITH_TAGS.length);
    assert.ok(PAGES_WITH_TAGS.length >= CODE_PAGES.length - 1, 'at most one page (AirNotify) without tags');
    for (const { page, tag } of tags) {
      for (const children of [[], ['v'], [new Uint8Array([1, 2])]]) {
        const tree: WbxmlElement = { page, tag, children };
        assert.deepEqual(decodeWbxml(encodeWbxml(tree)), tree, `${page}:${tag}`);
      }
    }
    const all: WbxmlElement = { page: 0, tag: 'Sync', children: tags.map(({ page, tag }) => ({ page, tag, children: [] })) };
    assert.deepEqual(decodeWbxml(encodeWbxml(all)), all);
  });

  it('tree -> bytes -> tree returns the same tree', () => {
    fc.assert(
      fc.property(arbitraryTree, (tree) => {
        assert.deepEqual(decodeWbxml(encodeWbxml(tree)), tree);
      }),
      { numRuns: RUNS },
    );
  });

  it('decodes the same from a Buffer and from a plain Uint8Array at an offset', () => {
    fc.assert(
      fc.property(arbitraryTree, fc.nat({ max: 7 }), (tree, offset) => {
        const encoded = encodeWbxml(tree);
        const backing = new Uint8Array(offset + encoded.length);
        backing.set(encoded, offset);
        assert.deepEqual(decodeWbxml(backing.subarray(offset)), decodeWbxml(encoded));
      }),
      { numRuns: RUNS / 3 },
    );
  });

  it('bytes -> tree -> bytes returns the same bytes for canonical input', () => {
    fc.assert(
      fc.property(arbitraryTree, (tree) => {
        const canonical = Buffer.from(encodeWbxml(tree));
        assert.deepEqual(Buffer.from(encodeWbxml(decodeWbxml(canonical))), canonical);
      }),
      { numRuns: RUNS },
    );
  });
});
