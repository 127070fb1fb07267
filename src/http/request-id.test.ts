import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { requestIdSequence } from './request-id.js';

describe('requestIdSequence', () => {
  it('issues distinct ids with one prefix per sequence and another for the next sequence', () => {
    const next = requestIdSequence();
    const ids = Array.from({ length: 2000 }, next);
    assert.equal(new Set(ids).size, ids.length);
    const prefixes = new Set(ids.map((id) => id.split('-')[0]));
    assert.equal(prefixes.size, 1);
    assert.match(ids[0] ?? '', /^[0-9a-f]{8}-1$/);
    assert.notEqual(requestIdSequence()().split('-')[0], [...prefixes][0]);
  });
});
