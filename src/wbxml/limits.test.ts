// Limit defaults and overrides.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_WBXML_LIMITS, MAX_WBXML_DEPTH, resolveWbxmlLimits } from './limits.js';

describe('resolveWbxmlLimits', () => {
  it('returns the frozen defaults when nothing is overridden', () => {
    assert.equal(resolveWbxmlLimits(), DEFAULT_WBXML_LIMITS);
    assert.ok(Object.isFrozen(DEFAULT_WBXML_LIMITS));
    assert.equal(DEFAULT_WBXML_LIMITS.maxDepth, MAX_WBXML_DEPTH);
  });

  it('overrides only the given limits and leaves the defaults untouched', () => {
    const limits = resolveWbxmlLimits({ maxDepth: 10, maxElements: undefined });
    assert.equal(limits.maxDepth, 10);
    assert.equal(limits.maxElements, DEFAULT_WBXML_LIMITS.maxElements);
    assert.equal(DEFAULT_WBXML_LIMITS.maxDepth, MAX_WBXML_DEPTH);
  });

  it('throws a RangeError for a limit that is not a non-negative integer', () => {
    for (const bad of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      assert.throws(() => resolveWbxmlLimits({ maxBytes: bad }), RangeError);
    }
  });

  it('keeps every default inside what a body can hold', () => {
    const { maxBytes, maxStringBytes, maxOpaqueBytes, maxElements } = DEFAULT_WBXML_LIMITS;
    assert.ok(maxStringBytes <= maxBytes && maxOpaqueBytes <= maxBytes && maxElements <= maxBytes);
  });
});
