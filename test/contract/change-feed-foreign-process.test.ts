// Cross-process change notification of the embedded store: a real child process writes through
// its own EmbeddedStore on the same data directory, and the ChangeFeed of a store opened with
// watchForeignWrites wakes the right subscribers: folder writes, hierarchy changes, deleted
// folders. Users nobody subscribes to get no event and no open database; a write of this process
// is announced once (at its commit), never again by the watcher, even interleaved with foreign
// ones; and the watcher survives its directory being removed. Waits are bounded, never fixed.

import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, describe, it } from 'node:test';
import { EmbeddedStore } from '../../src/backends/embedded/embedded-store.js';
import type { FolderChangeEvent, HierarchyChangeEvent } from '../../src/domain/change.js';
import type { Folder } from '../../src/domain/folder.js';
import { Recorder } from './change-feed.contract.js';
import type { WriterAnswer, WriterRequest } from './change-feed-foreign-writer.js';

// Generous: the other process, inotify and the debounce stand between the write and the event.
const FOREIGN_WAIT_MS = 10_000;
const SCRIPT = new URL('./change-feed-foreign-writer.ts', import.meta.url).pathname;
const ROOT = new URL('../../', import.meta.url).pathname;

/** The child process, driven one request at a time. */
class ForeignWriter {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly pending = new Map<number, (answer: WriterAnswer) => void>();
  private nextId = 0;

  constructor(dataDir: string) {
    this.child = spawn(process.execPath, ['--import', 'tsx', SCRIPT, dataDir], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    createInterface({ input: this.child.stdout }).on('line', (line) => {
      const answer = JSON.parse(line) as WriterAnswer;
      this.pending.get(answer.id)?.(answer);
      this.pending.delete(answer.id);
    });
  }

  async call<T>(request: WriterRequest): Promise<T> {
    const id = ++this.nextId;
    const answer = await new Promise<WriterAnswer>((resolve) => {
      this.pending.set(id, resolve);
      this.child.stdin.write(`${JSON.stringify({ id, request })}\n`);
    });
    if (answer.error !== undefined) throw new Error(`writer process: ${answer.error}`);
    return answer.result as T;
  }

  async folderOfType(user: string, type: number): Promise<string> {
    const folder = (await this.call<Folder[]>({ op: 'folders', user })).find((f) => f.type === type);
    assert.ok(folder !== undefined, `no folder of type ${type} for ${user}`);
    return folder.id;
  }

  append(user: string, folderId: string, subject: string): Promise<string> {
    return this.call({ op: 'append', user, folderId, subject });
  }

  async close(): Promise<void> {
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.stdin.end();
    await exited;
  }
}

const recorder = (): Recorder<FolderChangeEvent> => new Recorder<FolderChangeEvent>(FOREIGN_WAIT_MS);

describe('ChangeFeed across processes (embedded store, watchForeignWrites)', () => {
  let dataDir = '';
  let store: EmbeddedStore;
  let writer: ForeignWriter;
  const warnings: string[] = [];

  before(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'pushbridge-foreign-process-'));
    store = EmbeddedStore.open(dataDir, { watchForeignWrites: true, maxOpenDatabases: 64, onWatcherWarning: (message) => warnings.push(message) });
    writer = new ForeignWriter(dataDir);
  });
  after(async () => {
    await writer.close();
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('a message another process appends wakes the subscribers of that folder only', async () => {
    const user = 'append@example.org';
    const [inbox, drafts] = [await writer.folderOfType(user, 2), await writer.folderOfType(user, 3)];
    const [onInbox, onDrafts] = [recorder(), recorder()];
    store.changes.subscribe(user, [inbox], onInbox.listener);
    store.changes.subscribe(user, [drafts], onDrafts.listener);
    await writer.append(user, inbox, 'from another process');
    await onInbox.waitForMoreThan(0);
    assert.deepEqual(onInbox.events, [{ user, folderId: inbox }]);
    // A later write to Drafts is seen after the Inbox one, so by then nothing else is pending.
    await writer.append(user, drafts, 'sentinel');
    await onDrafts.waitForMoreThan(0);
    assert.deepEqual([onInbox.events.length, onDrafts.events.length], [1, 1]);
    const listed = await store.mail.listItems(user, inbox);
    assert.equal(listed.items.length, 1, 'the woken subscriber can read the message');
  });

  it('a folder created and deleted by another process reach hierarchy and folder subscribers', async () => {
    const user = 'tree@example.org';
    await writer.folderOfType(user, 2);
    const tree = new Recorder<HierarchyChangeEvent>(FOREIGN_WAIT_MS);
    store.changes.subscribeHierarchy(user, tree.listener);
    const created = await writer.call<string>({ op: 'createFolder', user, name: 'Projects' });
    await tree.waitForMoreThan(0);
    assert.deepEqual(tree.events, [{ user }]);
    const onFolder = recorder();
    store.changes.subscribe(user, [created], onFolder.listener);
    await writer.call({ op: 'deleteFolder', user, folderId: created });
    await tree.waitForMoreThan(1);
    await onFolder.waitForMoreThan(0);
    assert.deepEqual(onFolder.events, [{ user, folderId: created }], 'a deleted folder wakes its subscribers');
  });

  it('users nobody subscribes to get no event and cost no open database', async () => {
    const [ignored, gone, watched] = ['ignored@example.org', 'gone@example.org', 'watched@example.org'];
    const ignoredInbox = await writer.folderOfType(ignored, 2);
    const goneInbox = await writer.folderOfType(gone, 2);
    const watchedInbox = await writer.folderOfType(watched, 2);
    const onGone = recorder();
    store.changes.subscribe(gone, [goneInbox], onGone.listener)();
    const onWatched = recorder();
    store.changes.subscribe(watched, [watchedInbox], onWatched.listener);
    const openBefore = store.openDatabaseCount();
    await writer.append(ignored, ignoredInbox, 'nobody listens');
    await writer.append(gone, goneInbox, 'nobody listens any more');
    await writer.append(watched, watchedInbox, 'sentinel');
    await onWatched.waitForMoreThan(0);
    assert.deepEqual(onGone.events, []);
    assert.equal(store.openDatabaseCount(), openBefore, 'no mailbox was opened for the unwatched users');
  });

  it('announces a write of this process once, also when it interleaves with foreign writes', async () => {
    const user = 'mixed@example.org';
    const [inbox, drafts, sent] = [await writer.folderOfType(user, 2), await writer.folderOfType(user, 3), await writer.folderOfType(user, 5)];
    const [onInbox, onDrafts, onSent] = [recorder(), recorder(), recorder()];
    store.changes.subscribe(user, [inbox], onInbox.listener);
    store.changes.subscribe(user, [drafts], onDrafts.listener);
    store.changes.subscribe(user, [sent], onSent.listener);
    await store.mail.createItem(user, inbox, { mime: Buffer.from('Subject: own 1\r\n\r\nx\r\n') });
    assert.equal(onInbox.events.length, 1, 'announced at the commit');
    await writer.append(user, drafts, 'foreign between own writes');
    await store.mail.createItem(user, inbox, { mime: Buffer.from('Subject: own 2\r\n\r\nx\r\n') });
    await onDrafts.waitForMoreThan(0);
    await writer.append(user, sent, 'sentinel');
    await onSent.waitForMoreThan(0);
    assert.deepEqual([onInbox.events.length, onDrafts.events.length, onSent.events.length], [2, 1, 1]);
  });
});

async function inboxOf(store: EmbeddedStore, user: string): Promise<string> {
  const inbox = (await store.hierarchy.listFolders(user)).folders.find((folder) => folder.type === 2);
  assert.ok(inbox !== undefined);
  return inbox.id;
}

describe('the foreign-write watcher', () => {
  it('watches again after its directory was removed, and reports what was written meanwhile', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pushbridge-foreign-restart-'));
    const warnings: string[] = [];
    const store = EmbeddedStore.open(dataDir, { watchForeignWrites: true, onWatcherWarning: (message) => warnings.push(message) });
    const user = 'survivor@example.org';
    try {
      // Other writers here are further stores in this process: the watcher only sees file events either way.
      const first = EmbeddedStore.open(dataDir);
      const inbox = await inboxOf(first, user);
      await first.close();
      const onInbox = recorder();
      store.changes.subscribe(user, [inbox], onInbox.listener);
      rmSync(join(dataDir, EmbeddedStore.USERS_DIR), { recursive: true, force: true });
      // The next writer re-creates the directory and the mailbox: a new file, so every subscriber wakes.
      const second = EmbeddedStore.open(dataDir);
      await second.mail.createItem(user, await inboxOf(second, user), { mime: Buffer.from('Subject: back\r\n\r\nx\r\n') });
      await second.close();
      await onInbox.waitForMoreThan(0);
      assert.deepEqual(onInbox.events, [{ user, folderId: inbox }]);
      assert.ok(warnings.some((message) => /was removed or renamed; watching it again/.test(message)), `warnings: ${warnings.join(' | ')}`);
    } finally {
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
