// The user → mailbox file name mapping: readable, confined to the users directory, injective.

import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { InvalidInputError } from '../../domain/errors.js';
import { canonicalUser, userFileName } from './user-file-name.js';

const USERS_DIR = '/data/users';

describe('userFileName', () => {
  it('keeps ordinary addresses readable and folds case', () => {
    assert.equal(userFileName('alice@example.org'), 'alice@example.org.sqlite');
    assert.equal(userFileName('Alice.Smith+tag@Example.ORG'), 'alice.smith+tag@example.org.sqlite');
    assert.equal(canonicalUser('ÄLICE@x'), 'älice@x');
  });

  it('never leaves the users directory', () => {
    for (const hostile of ['..', '.', '../../etc/passwd', '/etc/passwd', 'a/../../b', 'a\\..\\b', 'nul\u0000byte', '.hidden', '%2e%2e']) {
      const name = userFileName(hostile);
      assert.ok(!name.includes('/') && !name.includes('\\') && !name.includes('\u0000'), name);
      assert.ok(!name.startsWith('.'), name);
      assert.equal(dirname(join(USERS_DIR, name)), USERS_DIR, name);
    }
  });

  it('refuses an empty user name', () => {
    assert.throws(() => userFileName(''), InvalidInputError);
  });

  it('gives distinct users distinct files (property)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ unit: 'binary', minLength: 1, maxLength: 300 }), { minLength: 2, maxLength: 8, selector: canonicalUser }), (users) => {
        const names = users.map(userFileName);
        assert.equal(new Set(names).size, users.length);
        for (const name of names) {
          assert.ok(Buffer.byteLength(name) <= 255, `${name.length} chars`);
          assert.equal(dirname(join(USERS_DIR, name)), USERS_DIR);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('keeps long names apart by their hash', () => {
    const stem = 'x'.repeat(250);
    const a = userFileName(`${stem}a@example.org`);
    const b = userFileName(`${stem}b@example.org`);
    assert.notEqual(a, b);
    assert.ok(a.includes('~') && Buffer.byteLength(a) <= 255);
  });
});
