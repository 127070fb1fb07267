import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatHierarchySyncKey, parseHierarchySyncKey } from './hierarchy-sync-key.js';

describe('hierarchy SyncKey', () => {
  it('reads "0" as a request for the whole hierarchy and decimals as committed keys', () => {
    assert.deepEqual(parseHierarchySyncKey('0'), { kind: 'initial' });
    assert.deepEqual(parseHierarchySyncKey('1'), { kind: 'key', value: 1 });
    assert.deepEqual(parseHierarchySyncKey(' 42 '), { kind: 'key', value: 42 });
    assert.deepEqual(parseHierarchySyncKey('999999999999999'), { kind: 'key', value: 999_999_999_999_999 });
  });

  it('refuses what it never issues: empty, signs, leading zeros, other formats, huge numbers', () => {
    for (const text of ['', ' ', '-1', '+1', '01', '1.5', '1e3', '{uuid}1', 'abc', '1234567890123456']) {
      assert.deepEqual(parseHierarchySyncKey(text), { kind: 'invalid' }, JSON.stringify(text));
    }
  });

  it('formats committed keys so they read back as themselves', () => {
    for (const value of [1, 7, 123_456]) {
      assert.deepEqual(parseHierarchySyncKey(formatHierarchySyncKey(value)), { kind: 'key', value });
    }
    assert.throws(() => formatHierarchySyncKey(0), RangeError);
    assert.throws(() => formatHierarchySyncKey(1.5), RangeError);
  });
});
