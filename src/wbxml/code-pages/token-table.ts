// Tag name -> token for the encoder, which looks one up for every element it writes. A Map
// lookup was the largest single cost of encoding small documents (BENCHMARKS.md, "Small
// documents"); this is an open-addressed table per page, hashed on the name's length and first
// and last characters (1.2 probes on average over all pages) and compared with ===, which for
// the code pages' own strings (what element() and the decoder put in trees) is a pointer check.

import { CODE_PAGES } from './index.js';

/** Slots per page: a power of two, over twice the largest page (59 tags). */
const SLOTS = 128;
const MASK = SLOTS - 1;
const PAGE_COUNT = CODE_PAGES.length;

// Called through the prototype: tag strings come in several V8 kinds, and a method lookup on
// them would go megamorphic (see encoder.ts).
const charCodeAt = String.prototype.charCodeAt;

function slotOf(tag: string): number {
  const length = tag.length;
  // Out-of-range charCodeAt (the empty name) is NaN, and NaN & MASK is 0: still a valid slot.
  return (length * 7 + charCodeAt.call(tag, 0) * 31 + charCodeAt.call(tag, length - 1)) & MASK;
}

const names: (string | undefined)[] = Array.from({ length: CODE_PAGES.length * SLOTS });
const tokens = new Uint8Array(CODE_PAGES.length * SLOTS);
for (const page of CODE_PAGES) {
  for (const [token, name] of Object.entries(page.tags)) {
    let slot = slotOf(name);
    while (names[page.number * SLOTS + slot] !== undefined) slot = (slot + 1) & MASK;
    names[page.number * SLOTS + slot] = name;
    tokens[page.number * SLOTS + slot] = Number(token);
  }
}

/** The token of `tag` on `page`, or -1 if the page (an integer 0-25 or anything else) has no such tag. */
export function tokenOfTag(page: unknown, tag: unknown): number {
  if (typeof tag !== 'string' || typeof page !== 'number' || page >>> 0 !== page || page >= PAGE_COUNT) return -1;
  const base = page * SLOTS;
  for (let slot = slotOf(tag); ; slot = (slot + 1) & MASK) {
    const name = names[base + slot];
    if (name === tag) return tokens[base + slot] as number;
    if (name === undefined) return -1;
  }
}
