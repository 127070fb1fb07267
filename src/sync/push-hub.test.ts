// PushHub over the real embedded ChangeFeed: a burst becomes one wake-up naming every folder that
// changed, a hierarchy change and the heartbeat end the wait, and every way out (change, expiry,
// abort, early close, a failing subscription) leaves no listener behind. Timers are mocked, so the
// coalescing window is exercised exactly, without sleeping.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it, mock } from 'node:test';
import { EmbeddedChangeFeed } from '../backends/embedded/embedded-change-feed.js';
import type { ChangeFeed } from '../domain/change-feed.js';
import { ANSWERS_PER_TURN, COALESCE_MS, PushHub, type PushOutcome } from './push-hub.js';

const USER = 'alice@example.org';
const HOUR_MS = 3_600_000;

function setup(): { feed: EmbeddedChangeFeed; hub: PushHub; errors: unknown[] } {
  const errors: unknown[] = [];
  const feed = new EmbeddedChangeFeed((error) => errors.push(error));
  return { feed, hub: new PushHub(feed), errors };
}

function assertNothingLeft(feed: EmbeddedChangeFeed, hub: PushHub): void {
  assert.equal(feed.subscribedUserCount(), 0, 'feed subscriptions left behind');
  assert.equal(hub.activeWatches, 0, 'watch still counted');
}

/** Lets promise callbacks run without moving the mocked clock. */
const settled = async <T>(promise: Promise<T>): Promise<T | 'pending'> => Promise.race([promise, new Promise<'pending'>((resolve) => setImmediate(() => resolve('pending')))]);

describe('PushHub', () => {
  beforeEach(() => mock.timers.enable({ apis: ['setTimeout'] }));
  afterEach(() => mock.timers.reset());

  it('waits the coalescing window after the first change and answers once with every changed folder', async () => {
    const { feed, hub, errors } = setup();
    const watch = hub.watch({ user: USER, folderIds: ['inbox', 'contacts', 'calendar'], hierarchy: true, signal: new AbortController().signal });
    const outcome = watch.wait(HOUR_MS);
    feed.notify(USER, ['contacts'], false);
    mock.timers.tick(COALESCE_MS - 1);
    assert.equal(await settled(outcome), 'pending');
    feed.notify(USER, ['inbox', 'contacts', 'drafts'], false);
    mock.timers.tick(1);
    assert.deepEqual(await outcome, { kind: 'changed', folderIds: ['contacts', 'inbox'] });
    assertNothingLeft(feed, hub);
    assert.deepEqual(errors, []);
  });

  it('keeps changes that arrive before wait() is called', async () => {
    const { feed, hub } = setup();
    const watch = hub.watch({ user: USER, folderIds: ['inbox'], hierarchy: false, signal: new AbortController().signal });
    feed.notify(USER, ['inbox'], false);
    assert.deepEqual(watch.pendingChanges, ['inbox']);
    const outcome = watch.wait(HOUR_MS);
    mock.timers.tick(COALESCE_MS);
    assert.deepEqual(await outcome, { kind: 'changed', folderIds: ['inbox'] });
    assertNothingLeft(feed, hub);
  });

  it('ignores other folders and other users', async () => {
    const { feed, hub } = setup();
    const watch = hub.watch({ user: USER, folderIds: ['inbox'], hierarchy: false, signal: new AbortController().signal });
    const outcome = watch.wait(1000);
    feed.notify(USER, ['contacts'], true);
    feed.notify('bob@example.org', ['inbox'], false);
    mock.timers.tick(999);
    assert.equal(await settled(outcome), 'pending');
    mock.timers.tick(1);
    assert.deepEqual(await outcome, { kind: 'expired' });
    assertNothingLeft(feed, hub);
  });

  it('a hierarchy change ends the wait at once', async () => {
    const { feed, hub } = setup();
    const outcome = hub.watch({ user: USER, folderIds: ['inbox'], hierarchy: true, signal: new AbortController().signal }).wait(HOUR_MS);
    feed.notify(USER, [], true);
    assert.deepEqual(await outcome, { kind: 'hierarchy-changed' });
    assertNothingLeft(feed, hub);
  });

  it('the heartbeat running out during the coalescing window still reports the change', async () => {
    const { feed, hub } = setup();
    const outcome = hub.watch({ user: USER, folderIds: ['inbox'], hierarchy: false, signal: new AbortController().signal }).wait(10);
    mock.timers.tick(9);
    feed.notify(USER, ['inbox'], false);
    mock.timers.tick(1);
    assert.deepEqual(await outcome, { kind: 'changed', folderIds: ['inbox'] });
    assertNothingLeft(feed, hub);
  });

  it('an aborted signal ends the wait, before or during it', async () => {
    const { feed, hub } = setup();
    const during = new AbortController();
    const outcome = hub.watch({ user: USER, folderIds: ['inbox'], hierarchy: true, signal: during.signal }).wait(HOUR_MS);
    feed.notify(USER, ['inbox'], false);
    during.abort();
    assert.deepEqual(await outcome, { kind: 'ended' });
    const before = new AbortController();
    before.abort();
    assert.deepEqual(await hub.watch({ user: USER, folderIds: ['inbox'], hierarchy: true, signal: before.signal }).wait(HOUR_MS), { kind: 'ended' });
    assertNothingLeft(feed, hub);
  });

  it('closing a watch early (changes found before holding) unsubscribes, and later events are ignored', async () => {
    const { feed, hub } = setup();
    const watch = hub.watch({ user: USER, folderIds: ['inbox', 'contacts'], hierarchy: true, signal: new AbortController().signal });
    assert.equal(feed.subscribedUserCount(), 1);
    watch.close();
    watch.close();
    feed.notify(USER, ['inbox'], true);
    assert.deepEqual(await watch.wait(HOUR_MS), { kind: 'ended' });
    assertNothingLeft(feed, hub);
  });

  it('many watches of one user each wake once and leave nothing behind', async () => {
    const { feed, hub } = setup();
    const outcomes: Promise<PushOutcome>[] = [];
    for (let i = 0; i < 100; i += 1) {
      outcomes.push(hub.watch({ user: USER, folderIds: [i % 2 === 0 ? 'inbox' : 'contacts'], hierarchy: true, signal: new AbortController().signal }).wait(HOUR_MS));
    }
    assert.equal(hub.activeWatches, 100);
    feed.notify(USER, ['inbox', 'contacts'], false);
    mock.timers.tick(COALESCE_MS);
    const results = await Promise.all(outcomes);
    assert.equal(results.filter((r) => r.kind === 'changed').length, 100);
    assertNothingLeft(feed, hub);
  });

  it('answers a burst ANSWERS_PER_TURN at a time, letting the event loop turn in between', async () => {
    const { feed, hub } = setup();
    const count = 2 * ANSWERS_PER_TURN + 50;
    const order: string[] = [];
    const outcomes = Array.from({ length: count }, (_, i) =>
      hub.watch({ user: USER, folderIds: ['inbox'], hierarchy: false, signal: new AbortController().signal }).wait(HOUR_MS).then((outcome) => {
        order.push(`answer ${i}`);
        return outcome;
      }));
    feed.notify(USER, ['inbox'], false);
    mock.timers.tick(COALESCE_MS);
    // Queued behind the hub's second turn: it runs once that turn's answers are out, before the third's.
    setImmediate(() => order.push('turn'));
    for (const outcome of await Promise.all(outcomes)) assert.deepEqual(outcome, { kind: 'changed', folderIds: ['inbox'] });
    assert.equal(order.indexOf('turn'), 2 * ANSWERS_PER_TURN);
    assert.deepEqual(order.filter((entry) => entry !== 'turn'), Array.from({ length: count }, (_, i) => `answer ${i}`));
    assertNothingLeft(feed, hub);
  });

  it('a feed that fails to subscribe leaves nothing counted or subscribed', () => {
    const inner = new EmbeddedChangeFeed(() => undefined);
    const failing: ChangeFeed = {
      subscribe: () => {
        throw new Error('feed unavailable');
      },
      subscribeHierarchy: (user, listener) => inner.subscribeHierarchy(user, listener),
    };
    const hub = new PushHub(failing);
    assert.throws(() => hub.watch({ user: USER, folderIds: ['inbox'], hierarchy: true, signal: new AbortController().signal }), /feed unavailable/);
    assertNothingLeft(inner, hub);
  });
});
