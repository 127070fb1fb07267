// The background index pass over real mailbox databases: named users' queues are worked off in
// steps, a failing pass leaves the messages queued for the next search, and nothing runs after
// close.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { findDefaultFolder } from '../../domain/folder.js';
import { EmbeddedChangeFeed } from './embedded-change-feed.js';
import { EmbeddedMailStore } from './embedded-mail-store.js';
import { EmbeddedHierarchyStore } from './embedded-hierarchy-store.js';
import { MailIndexScheduler } from './mail-index-scheduler.js';
import { MailSearchIndex } from './mail-search-index.js';
import { MailboxAccess } from './mailbox-access.js';
import { MailboxPool } from './mailbox-pool.js';

const USERS = ['ann@example.org', 'ben@example.org'];
const mime = (n: number): Uint8Array => Buffer.from(`Subject: note ${n}\r\nFrom: a@example.org\r\n\r\nbody word${n}\r\n`);

describe('MailIndexScheduler', () => {
  let dir: string;
  let pool: MailboxPool;
  let access: MailboxAccess;
  let index: MailSearchIndex;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pushbridge-index-pass-'));
    pool = new MailboxPool(dir, 10, Date.now);
    access = new MailboxAccess(pool, new EmbeddedChangeFeed(() => undefined), Date.now, 86_400_000);
    index = new MailSearchIndex(access);
  });
  afterEach(() => {
    pool.closeAll();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Queues `count` messages for the user through a store whose own scheduler is closed at once. */
  const queue = async (user: string, count: number): Promise<void> => {
    const mail = new EmbeddedMailStore(access);
    await mail.closeIndexing();
    const inbox = findDefaultFolder((await new EmbeddedHierarchyStore(access).listFolders(user)).folders, 2);
    assert.ok(inbox !== undefined);
    for (let n = 0; n < count; n += 1) await mail.createItem(user, inbox.id, { mime: mime(n) });
  };

  it('works off every named user\'s queue, more than one step each', async () => {
    await queue(USERS[0] as string, 40);
    await queue(USERS[1] as string, 3);
    const scheduler = new MailIndexScheduler(index);
    for (const user of USERS) scheduler.schedule(user);
    await scheduler.settled();
    assert.deepEqual(USERS.map((user) => index.pending(user)), [0, 0]);
  });

  it('leaves the queue alone for users it was not told about', async () => {
    await queue(USERS[0] as string, 2);
    await queue(USERS[1] as string, 2);
    const scheduler = new MailIndexScheduler(index);
    scheduler.schedule(USERS[1] as string);
    await scheduler.settled();
    assert.deepEqual(USERS.map((user) => index.pending(user)), [2, 0]);
  });

  it('starts no pass after close', async () => {
    await queue(USERS[0] as string, 2);
    const scheduler = new MailIndexScheduler(index);
    await scheduler.close();
    scheduler.schedule(USERS[0] as string);
    await scheduler.settled();
    assert.equal(index.pending(USERS[0] as string), 2);
  });

  it('survives a pass that fails, leaving the messages queued', async () => {
    await queue(USERS[0] as string, 2);
    const scheduler = new MailIndexScheduler(index);
    pool.closeAll();
    scheduler.schedule(USERS[0] as string);
    await scheduler.settled();
    const reopened = new MailboxPool(dir, 10, Date.now);
    const feed = new EmbeddedChangeFeed(() => undefined);
    assert.equal(new MailSearchIndex(new MailboxAccess(reopened, feed, Date.now, 86_400_000)).pending(USERS[0] as string), 2);
    reopened.closeAll();
  });
});
