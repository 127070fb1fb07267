// The encoder's hashed tag table agrees with the code pages for every tag, by value not identity.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CODE_PAGES, tagToken } from './index.js';
import { tokenOfTag } from './token-table.js';

describe('tokenOfTag', () => {
  it('finds every tag of every page, also through a copy of its name', () => {
    for (const page of CODE_PAGES) {
      for (const [token, name] of Object.entries(page.tags)) {
        assert.equal(tokenOfTag(page.number, name), Number(token), `${page.namespace}:${name}`);
        const copy = Buffer.from(name, 'latin1').toString('latin1');
        assert.equal(tokenOfTag(page.number, copy), Number(token));
        assert.equal(tokenOfTag(page.number, name), tagToken(page.number, name));
      }
    }
  });

  it('returns -1 for names a page lacks and for anything that is not a page and a name', () => {
    assert.equal(tokenOfTag(0, 'Subject'), -1);
    assert.equal(tokenOfTag(2, 'Subject'), 0x14);
    for (const name of ['', 'sync', 'Sync ', 'NoSuchTag', 'x'.repeat(200)]) assert.equal(tokenOfTag(0, name), -1, name);
    for (const page of [-1, 0.5, 26, 99, Number.NaN, '0', null, undefined]) assert.equal(tokenOfTag(page, 'Sync'), -1, String(page));
    assert.equal(tokenOfTag(0, 5), -1);
  });
});
