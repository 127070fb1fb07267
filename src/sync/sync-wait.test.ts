import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EmbeddedChangeFeed } from '../backends/embedded/embedded-change-feed.js';
import { watchFolders } from './sync-wait.js';

const USER = 'watcher@example.org';

describe('watchFolders', () => {
  it('a change committed before the wait starts ends the wait at once', async () => {
    const feed = new EmbeddedChangeFeed((error) => assert.fail(String(error)));
    const watch = watchFolders(feed, USER, ['inbox']);
    feed.notify(USER, ['inbox'], false);
    assert.equal(await watch.wait(60_000, new AbortController().signal), true);
    watch.close();
    assert.equal(feed.subscribedUserCount(), 0);
  });

  it('wakes on a change while waiting, ignores other folders, and times out without one', async () => {
    const feed = new EmbeddedChangeFeed((error) => assert.fail(String(error)));
    const watch = watchFolders(feed, USER, ['inbox', 'notes']);
    const waiting = watch.wait(60_000, new AbortController().signal);
    feed.notify(USER, ['calendar'], false);
    feed.notify(USER, ['notes'], false);
    assert.equal(await waiting, true);
    watch.close();
    const quiet = watchFolders(feed, USER, ['inbox']);
    assert.equal(await quiet.wait(5, new AbortController().signal), false);
    quiet.close();
    assert.equal(feed.subscribedUserCount(), 0);
  });

  it('an aborted signal ends the wait with false, and no folders means no subscription', async () => {
    const feed = new EmbeddedChangeFeed((error) => assert.fail(String(error)));
    const controller = new AbortController();
    const watch = watchFolders(feed, USER, ['inbox']);
    const waiting = watch.wait(60_000, controller.signal);
    controller.abort();
    assert.equal(await waiting, false);
    watch.close();
    const none = watchFolders(feed, USER, []);
    assert.equal(feed.subscribedUserCount(), 0);
    assert.equal(await none.wait(60_000, new AbortController().signal), false);
    none.close();
  });
});
