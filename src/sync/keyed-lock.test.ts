import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { KeyedLock } from './keyed-lock.js';

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

describe('KeyedLock', () => {
  it('runs the tasks of one key one at a time, in arrival order', async () => {
    const lock = new KeyedLock();
    const events: string[] = [];
    const gate = deferred();
    const first = lock.run('device', async () => {
      events.push('first starts');
      await gate.promise;
      events.push('first ends');
      return 1;
    });
    const second = lock.run('device', async () => {
      events.push('second runs');
      return 2;
    });
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(events, ['first starts']);
    gate.resolve();
    assert.deepEqual(await Promise.all([first, second]), [1, 2]);
    assert.deepEqual(events, ['first starts', 'first ends', 'second runs']);
  });

  it('lets tasks of other keys run while one key is busy', async () => {
    const lock = new KeyedLock();
    const gate = deferred();
    const slow = lock.run('a', () => gate.promise.then(() => 'a'));
    assert.equal(await lock.run('b', async () => 'b'), 'b');
    gate.resolve();
    assert.equal(await slow, 'a');
  });

  it('releases the key when a task fails and forgets idle keys', async () => {
    const lock = new KeyedLock();
    await assert.rejects(lock.run('device', async () => {
      throw new Error('boom');
    }), /boom/);
    assert.equal(await lock.run('device', async () => 'after'), 'after');
    assert.equal(lock.busyKeys, 0);
  });
});
