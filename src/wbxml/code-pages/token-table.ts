// Tag name -> token for the encoder, which looks one up for every element it writes. A Map
// lookup was the largest single cost of encoding small documents, and so, after it, was hashing
// the name's characters (BENCHMARKS.md, "Small documents"). Here the names of each page are
// grouped by length, which costs no character reads, and the few of one length (one to ten) are
// compared with ===, which for the code pages' own strings (what element() and the decoder put
// in trees) is a pointer check, and for any other string a comparison by value.

import { CODE_PAGES } from './index.js';

const PAGE_COUNT = CODE_PAGES.length;
/** Longer than any tag name: lengths index the groups directly. */
const LENGTHS = 64;

// Group g = page * LENGTHS + length holds names[starts[g]] .. names[starts[g + 1] - 1].
const starts = new Uint16Array(PAGE_COUNT * LENGTHS + 1);
const names: string[] = [];
const tokens: number[] = [];
{
  const groups = Array.from({ length: PAGE_COUNT * LENGTHS }, (): [string, number][] => []);
  for (const page of CODE_PAGES) {
    for (const [token, name] of Object.entries(page.tags)) {
      if (name.length >= LENGTHS) throw new Error(`tag name ${name} is longer than the token table allows`);
      groups[page.number * LENGTHS + name.length]?.push([name, Number(token)]);
    }
  }
  groups.forEach((group, index) => {
    starts[index] = names.length;
    for (const [name, token] of group) {
      names.push(name);
      tokens.push(token);
    }
  });
  starts[PAGE_COUNT * LENGTHS] = names.length;
}

/** The token of `tag` on `page`, or -1 if the page (an integer 0-25 or anything else) has no such tag. */
export function tokenOfTag(page: unknown, tag: unknown): number {
  if (typeof tag !== 'string' || typeof page !== 'number' || page >>> 0 !== page || page >= PAGE_COUNT) return -1;
  const length = tag.length;
  if (length >= LENGTHS) return -1;
  const group = page * LENGTHS + length;
  const end = starts[group + 1] as number;
  for (let i = starts[group] as number; i < end; i++) {
    if (names[i] === tag) return tokens[i] as number;
  }
  return -1;
}
