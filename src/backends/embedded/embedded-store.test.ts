// Embedded-store behaviour beyond the port contracts: files and naming, the open-database bound,
// re-entrant listeners, change-log retention, schema versions, mailbox removal, shutdown.

import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { ChangeTokenExpiredError } from '../../domain/errors.js';
import { findDefaultFolder, type Folder } from '../../domain/folder.js';
import { EmbeddedStore } from './embedded-store.js';
import { IDLE_CLOSE_MS } from './mailbox-pool.js';
import { MailboxSchemaError } from './mailbox-schema.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const mime = (n: number): Uint8Array => Buffer.from(`Subject: ${n}\r\n\r\nbody ${n}\r\n`);

describe('EmbeddedStore', () => {
  let dataDir = '';
  let now = Date.UTC(2025, 0, 1);
  const open = (maxOpenDatabases = 8): EmbeddedStore =>
    EmbeddedStore.open(dataDir, { maxOpenDatabases, changeLogRetentionDays: 30, clock: () => now });
  const inboxOf = async (store: EmbeddedStore, user: string): Promise<Folder> => {
    const inbox = findDefaultFolder((await store.hierarchy.listFolders(user)).folders, 2);
    assert.ok(inbox);
    return inbox;
  };

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'pushbridge-embedded-unit-'));
    now = Date.UTC(2025, 0, 1);
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('creates one WAL database per user under users/, on first access only', async () => {
    const store = open();
    const file = store.mailboxFile('alice@example.org');
    assert.equal(dirname(file), join(dataDir, 'users'));
    assert.equal(existsSync(file), false, 'opening the store creates no mailbox');
    await store.hierarchy.listFolders('Alice@Example.org');
    assert.equal(existsSync(file), true, 'user names are case-insensitive');
    assert.equal(dirname(store.mailboxFile('../../escape')), join(dataDir, 'users'));
    await store.close();
    const db = new Database(file, { readonly: true });
    assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
    db.close();
  });

  it('keeps at most maxOpenDatabases open and reopens evicted ones transparently', async () => {
    const store = open(2);
    const users = ['u1@x.org', 'u2@x.org', 'u3@x.org', 'u4@x.org', 'u5@x.org'];
    const created = new Map<string, string>();
    for (const user of users) {
      const inbox = await inboxOf(store, user);
      created.set(user, (await store.mail.createItem(user, inbox.id, { mime: mime(1) })).id);
      assert.ok(store.openDatabaseCount() <= 2);
    }
    for (const user of users) {
      const inbox = await inboxOf(store, user);
      assert.deepEqual((await store.mail.listItems(user, inbox.id)).items.map((item) => item.id), [created.get(user)]);
    }
    await store.close();
  });

  it('closes mailboxes idle for IDLE_CLOSE_MS at the next use of the store, and reopens them transparently', async () => {
    const store = open();
    const aliceInbox = await inboxOf(store, 'alice@x.org');
    const created = await store.mail.createItem('alice@x.org', aliceInbox.id, { mime: mime(1) });
    await inboxOf(store, 'bob@x.org');
    now += IDLE_CLOSE_MS - 1;
    await inboxOf(store, 'bob@x.org');
    assert.equal(store.openDatabaseCount(), 2, 'not idle long enough yet');
    now += 1;
    await inboxOf(store, 'bob@x.org');
    assert.equal(store.openDatabaseCount(), 1, 'alice was idle, bob was just used');
    assert.deepEqual((await store.mail.listItems('alice@x.org', aliceInbox.id)).items.map((item) => item.id), [created.id]);
    assert.equal(store.openDatabaseCount(), 2);
    await store.close();
  });

  it('lets a listener use the store during notification even when that evicts the writer', async () => {
    const store = open(1);
    const bobInbox = await inboxOf(store, 'bob@x.org');
    const aliceInbox = await inboxOf(store, 'alice@x.org');
    let bobCount = -1;
    store.changes.subscribe('alice@x.org', [aliceInbox.id], () => {
      void store.mail.listItems('bob@x.org', bobInbox.id).then((listing) => (bobCount = listing.items.length));
    });
    const created = await store.mail.createItem('alice@x.org', aliceInbox.id, { mime: mime(1) });
    await store.mail.setFlags('alice@x.org', aliceInbox.id, created.id, { read: true });
    assert.equal(bobCount, 0);
    assert.equal((await store.mail.getItem('alice@x.org', aliceInbox.id, created.id)).flags.read, true);
    await store.close();
  });

  it('expires tokens older than the retention, per folder, as writes prune the log', async () => {
    const store = open();
    const user = 'carol@x.org';
    const inbox = await inboxOf(store, user);
    const calendar = findDefaultFolder((await store.hierarchy.listFolders(user)).folders, 8);
    assert.ok(calendar);
    const quietToken = (await store.calendar.listItems(user, calendar.id)).token;
    const oldToken = (await store.mail.listItems(user, inbox.id)).token;
    await store.mail.createItem(user, inbox.id, { mime: mime(1) });
    const recentToken = (await store.mail.listItems(user, inbox.id)).token;
    now += 31 * DAY_MS;
    const fresh = await store.mail.createItem(user, inbox.id, { mime: mime(2) });
    await assert.rejects(store.mail.changesSince(user, inbox.id, oldToken), ChangeTokenExpiredError);
    assert.deepEqual((await store.mail.changesSince(user, inbox.id, recentToken)).changes, [{ kind: 'added', itemId: fresh.id, version: fresh.version }]);
    assert.deepEqual((await store.calendar.changesSince(user, calendar.id, quietToken)).changes, [], 'a folder with nothing pruned keeps its tokens');
    await store.close();
  });

  it('refuses a mailbox written by a newer schema', async () => {
    const store = open();
    await store.hierarchy.listFolders('dave@x.org');
    const file = store.mailboxFile('dave@x.org');
    await store.close();
    const db = new Database(file);
    db.pragma('user_version = 99');
    db.close();
    const reopened = open();
    await assert.rejects(reopened.hierarchy.listFolders('dave@x.org'), MailboxSchemaError);
    await reopened.close();
  });

  it('removes a mailbox for good: a new one has new ids and refuses old tokens', async () => {
    const store = open();
    const user = 'erin@x.org';
    const before = await inboxOf(store, user);
    const token = (await store.mail.listItems(user, before.id)).token;
    const hierarchyToken = await store.hierarchy.hierarchyToken(user);
    store.removeMailbox(user);
    assert.deepEqual(readdirSync(join(dataDir, 'users')), []);
    const after = await inboxOf(store, user);
    assert.notEqual(after.id, before.id);
    assert.notEqual(await store.hierarchy.hierarchyToken(user), hierarchyToken);
    await assert.rejects(store.mail.changesSince(user, after.id, token), ChangeTokenExpiredError);
    await store.close();
  });

  it('leaves no message content behind when items or folders go', async () => {
    const store = open();
    const user = 'gina@x.org';
    const inbox = await inboxOf(store, user);
    const folder = await store.hierarchy.createFolder(user, { parentId: inbox.id, displayName: 'Old', type: 12 });
    const first = await store.mail.createItem(user, inbox.id, { mime: mime(1) });
    await store.mail.createItem(user, inbox.id, { mime: mime(2) });
    await store.mail.createItem(user, folder.id, { mime: mime(3) });
    await store.mail.updateItem(user, inbox.id, first.id, { mime: mime(4) });
    await store.mail.deleteItem(user, inbox.id, first.id);
    await store.hierarchy.deleteFolder(user, folder.id);
    const file = store.mailboxFile(user);
    await store.close();
    const db = new Database(file, { readonly: true });
    const count = (table: string): unknown => db.prepare(`SELECT count(*) AS n FROM ${table}`).get();
    assert.deepEqual([count('items'), count('item_content')], [{ n: 1 }, { n: 1 }]);
    db.close();
  });

  it('refuses use after close and bad options', async () => {
    const store = open();
    await store.close();
    await assert.rejects(store.hierarchy.listFolders('frank@x.org'), /closed/);
    assert.throws(() => EmbeddedStore.open(dataDir, { maxOpenDatabases: 0 }), RangeError);
    assert.throws(() => EmbeddedStore.open(dataDir, { changeLogRetentionDays: Number.NaN }), RangeError);
  });
});
