// fast-check generators of WBXML token trees, for the codec's property tests. Tags are drawn
// from every code page (page first, then a tag of it, so small pages are not drowned out by
// large ones), text from the whole Unicode range and opaque blocks from arbitrary bytes.
// Test support only: nothing at run time imports this module.

import fc from 'fast-check';
import { CODE_PAGES } from './code-pages/index.js';
import type { WbxmlElement, WbxmlNode } from './tree.js';

export interface TagRef {
  readonly page: number;
  readonly tag: string;
}

/** Every (page, tag) pair the code pages define, page by page. */
export function allTags(): TagRef[] {
  return CODE_PAGES.flatMap((page) => Object.values(page.tags).map((tag) => ({ page: page.number, tag })));
}

/** Pages that define tags (AirNotify, page 3, has none left in MS-ASWBXML). */
export const PAGES_WITH_TAGS = CODE_PAGES.filter((page) => Object.keys(page.tags).length > 0);

export const arbitraryTag: fc.Arbitrary<TagRef> = fc
  .constantFrom(...PAGES_WITH_TAGS)
  .chain((page) => fc.constantFrom(...Object.values(page.tags)).map((tag) => ({ page: page.number, tag })));

/** Any text an inline string can carry: all code points but NUL, well-formed UTF-16. Long
 *  strings are mixed in so both the short (JS) and the long (native) text paths are hit. */
export const arbitraryText: fc.Arbitrary<string> = fc
  .oneof(
    { weight: 6, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary-ascii', maxLength: 80 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 60, maxLength: 400 }) },
    { weight: 1, arbitrary: fc.tuple(fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 8 }), fc.integer({ min: 100, max: 2000 })).map(([unit, times]) => unit.repeat(times)) },
  )
  .map((text) => text.replaceAll('\0', ''));

/** Opaque blocks around the one- and two-byte length boundaries (127/128). */
export const arbitraryOpaque: fc.Arbitrary<Uint8Array> = fc.oneof(
  { weight: 4, arbitrary: fc.uint8Array({ maxLength: 16 }) },
  { weight: 1, arbitrary: fc.uint8Array({ minLength: 120, maxLength: 300 }) },
);

const { element: arbitraryElementTree } = fc.letrec<{ element: WbxmlElement; node: WbxmlNode }>((tie) => ({
  element: fc
    .record({ tag: arbitraryTag, children: fc.array(tie('node'), { maxLength: 5 }) })
    .map(({ tag, children }): WbxmlElement => ({ page: tag.page, tag: tag.tag, children })),
  node: fc.oneof(
    // Past maxDepth fast-check takes the first option, so the leaf comes first.
    { maxDepth: 6, depthIdentifier: 'wbxml-tree' },
    { weight: 2, arbitrary: arbitraryText },
    { weight: 1, arbitrary: arbitraryOpaque },
    { weight: 3, arbitrary: tie('element') },
  ),
}));

/** A whole document: a root element with nested elements, text and opaque content. */
export const arbitraryTree: fc.Arbitrary<WbxmlElement> = arbitraryElementTree;
