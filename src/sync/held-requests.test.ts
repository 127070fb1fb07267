// HeldRequests: a device holds at most one request (Ping or long-poll Sync); a newer one, or the
// client going away, ends it, the held request can tell which of the two it was, and a finished
// hold leaves nothing behind.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HeldRequests, SupersededError, wasSuperseded } from './held-requests.js';

const untilAborted = (signal: AbortSignal): Promise<string> =>
  new Promise((resolve) =>
    signal.addEventListener('abort', () => resolve(wasSuperseded(signal) ? 'superseded' : 'client gone'), { once: true }));

describe('HeldRequests', () => {
  it('a second hold of one device ends the first; other devices are left alone', async () => {
    const held = new HeldRequests();
    const client = new AbortController();
    const first = held.hold('a', { signal: client.signal }, untilAborted);
    let otherSignal: AbortSignal | undefined;
    const other = held.hold('b', { signal: client.signal }, async (signal) => {
      otherSignal = signal;
      return 'kept';
    });
    const second = held.hold('a', { signal: client.signal }, async () => 'second');
    assert.deepEqual(await Promise.all([first, second, other]), ['superseded', 'second', 'kept']);
    assert.equal(otherSignal?.aborted, false);
    assert.equal(held.size, 0);
  });

  it('release ends the held request with a SupersededError, and is harmless when nothing is held', async () => {
    const held = new HeldRequests();
    held.release('a');
    const client = new AbortController();
    let seen: AbortSignal | undefined;
    const pending = held.hold('a', { signal: client.signal }, (signal) => {
      seen = signal;
      return untilAborted(signal);
    });
    assert.equal(held.size, 1);
    held.release('a');
    assert.equal(await pending, 'superseded');
    assert.ok(seen?.reason instanceof SupersededError);
    assert.equal(held.size, 0);
  });

  it('the client going away ends the hold, and is not taken for a newer request', async () => {
    const held = new HeldRequests();
    const client = new AbortController();
    const pending = held.hold('a', { signal: client.signal }, untilAborted);
    client.abort(new Error('client closed the connection'));
    assert.equal(await pending, 'client gone');
    assert.equal(held.size, 0);
  });

  it('a client already gone gets an aborted signal at once', async () => {
    const held = new HeldRequests();
    const client = new AbortController();
    client.abort();
    assert.equal(await held.hold('a', { signal: client.signal }, async (signal) => signal.aborted), true);
    assert.equal(held.size, 0);
  });

  it('an ended hold does not remove the newer hold of the same device', async () => {
    const held = new HeldRequests();
    const client = new AbortController();
    const first = held.hold('a', { signal: client.signal }, untilAborted);
    const second = held.hold('a', { signal: client.signal }, untilAborted);
    await first;
    assert.equal(held.size, 1);
    held.release('a');
    assert.equal(await second, 'superseded');
    assert.equal(held.size, 0);
  });

  it('releaseAll ends every held request (shutdown)', async () => {
    const held = new HeldRequests();
    const client = new AbortController();
    const pending = ['a', 'b', 'c'].map((device) => held.hold(device, { signal: client.signal }, untilAborted));
    held.releaseAll();
    assert.deepEqual(await Promise.all(pending), ['superseded', 'superseded', 'superseded']);
    assert.equal(held.size, 0);
  });

  it('a failing wait still clears the hold', async () => {
    const held = new HeldRequests();
    const client = new AbortController();
    await assert.rejects(held.hold('a', { signal: client.signal }, async () => {
      throw new Error('boom');
    }), /boom/);
    assert.equal(held.size, 0);
  });

  it('a request that can abort its own signal is held without a controller of its own (the HTTP front\'s contexts)', async () => {
    const held = new HeldRequests();
    const first = new AbortController();
    let firstSignal: AbortSignal | undefined;
    const pending = held.hold('a', first, (signal) => {
      firstSignal = signal;
      return untilAborted(signal);
    });
    assert.equal(firstSignal, first.signal);
    const second = new AbortController();
    const next = held.hold('a', second, untilAborted);
    assert.equal(await pending, 'superseded');
    assert.ok(first.signal.reason instanceof SupersededError);
    second.abort(new Error('client closed the connection'));
    assert.equal(await next, 'client gone');
    assert.equal(held.size, 0);
  });
});
