// Tests for the verified-login cache: exact password and stored hash must both match, entries
// are bounded with the least recently verified evicted first, and the password is not kept.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { VerifiedLoginCache } from './verified-login-cache.js';

describe('VerifiedLoginCache', () => {
  it('matches only the remembered password against the same stored hash', () => {
    const cache = new VerifiedLoginCache(10);
    cache.remember('a@example.org', 'hash-1', 'pw');
    assert.equal(cache.matches('a@example.org', 'hash-1', 'pw'), true);
    assert.equal(cache.matches('a@example.org', 'hash-1', 'pw '), false);
    assert.equal(cache.matches('a@example.org', 'hash-2', 'pw'), false, 'password changed since');
    assert.equal(cache.matches('b@example.org', 'hash-1', 'pw'), false);
  });

  it('forgets one address or all of them', () => {
    const cache = new VerifiedLoginCache(10);
    cache.remember('a@example.org', 'h', 'pw');
    cache.remember('b@example.org', 'h', 'pw');
    cache.forget('a@example.org');
    assert.equal(cache.matches('a@example.org', 'h', 'pw'), false);
    assert.equal(cache.matches('b@example.org', 'h', 'pw'), true);
    cache.clear();
    assert.equal(cache.size, 0);
  });

  it('stays within its bound, evicting the least recently verified login', () => {
    const cache = new VerifiedLoginCache(2);
    cache.remember('a@example.org', 'h', 'pw');
    cache.remember('b@example.org', 'h', 'pw');
    cache.remember('a@example.org', 'h', 'pw');
    cache.remember('c@example.org', 'h', 'pw');
    assert.equal(cache.size, 2);
    assert.equal(cache.matches('b@example.org', 'h', 'pw'), false);
    assert.equal(cache.matches('a@example.org', 'h', 'pw'), true);
    assert.equal(cache.matches('c@example.org', 'h', 'pw'), true);
  });

  it('does not hold the password itself', () => {
    const cache = new VerifiedLoginCache(10);
    cache.remember('a@example.org', 'h', 'very-secret-password');
    const entries = (cache as unknown as { entries: Map<string, { digest: Buffer }> }).entries;
    const digest = entries.get('a@example.org')?.digest;
    assert.ok(digest !== undefined && digest.length === 32);
    assert.ok(!digest.toString('latin1').includes('very-secret-password'));
  });
});
