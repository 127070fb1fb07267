// The codec's error type.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WbxmlError } from './errors.js';

describe('WbxmlError', () => {
  it('is an Error carrying code and offset, with the offset in its message', () => {
    const error = new WbxmlError('truncated', 'string without its NUL terminator', 12);
    assert.ok(error instanceof Error);
    assert.equal(error.name, 'WbxmlError');
    assert.equal(error.code, 'truncated');
    assert.equal(error.offset, 12);
    assert.equal(error.message, 'string without its NUL terminator (at byte 12)');
  });

  it('uses offset -1 and a bare message when there is no input position', () => {
    const error = new WbxmlError('unencodable', 'string contains NUL');
    assert.equal(error.offset, -1);
    assert.equal(error.message, 'string contains NUL');
  });
});
