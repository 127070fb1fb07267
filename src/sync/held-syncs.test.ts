// HeldSyncs: a device holds at most one long-poll Sync; a newer one, or the client going away,
// ends it, and a finished hold leaves nothing behind.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HeldSyncs } from './held-syncs.js';

const untilAborted = (signal: AbortSignal): Promise<string> =>
  new Promise((resolve) => signal.addEventListener('abort', () => resolve('released'), { once: true }));

describe('HeldSyncs', () => {
  it('a second hold of one device releases the first; other devices are left alone', async () => {
    const held = new HeldSyncs();
    const client = new AbortController();
    const first = held.hold('a', client.signal, untilAborted);
    const other = held.hold('b', client.signal, (signal) => new Promise<string>((resolve) => setTimeout(() => resolve(signal.aborted ? 'released' : 'kept'), 20)));
    const second = held.hold('a', client.signal, async () => 'second');
    assert.deepEqual(await Promise.all([first, second, other]), ['released', 'second', 'kept']);
    assert.equal(held.size, 0);
  });

  it('the client going away ends the hold', async () => {
    const held = new HeldSyncs();
    const client = new AbortController();
    const pending = held.hold('a', client.signal, untilAborted);
    client.abort();
    assert.equal(await pending, 'released');
    assert.equal(held.size, 0);
  });
});
