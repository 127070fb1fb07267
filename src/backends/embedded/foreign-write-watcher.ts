// Wakes this process's ChangeFeed subscribers when ANOTHER process (the admin CLI's `mail import`,
// a second server process, a delivery script) writes a mailbox in the same data directory. One
// fs.watch on <dataDir>/users/ (inotify on Linux) reports writes to the mailbox files and their
// WAL; for a user with subscribers the change log is then read from the last state this process
// announced, skipping this process's own writes (announced at their commit). File events of users
// nobody subscribes to cost a map lookup: no database is opened for them. Push stays event-driven:
// nothing is read unless a file event arrived.
//
// Caveat: inotify (like fs.watch elsewhere) sees only writes made through this host's kernel. A
// data directory on a network file system written from another host wakes nobody; the watcher
// warns at start when it recognises one. SQLite's locking is unreliable over such file systems
// anyway, so the data directory belongs on local storage.

import { existsSync, mkdirSync, statSync, watch, type FSWatcher } from 'node:fs';
import { basename } from 'node:path';
import type { EmbeddedChangeFeed, SubscriptionObserver } from './embedded-change-feed.js';
import { ABSENT_MAILBOX, ForeignChangeCursor, readMark, type ForeignChanges, type MailboxMark } from './foreign-change-cursor.js';
import type { CommitObserver, CommittedRange } from './mailbox-access.js';
import type { MailboxDatabase } from './mailbox-database.js';
import type { MailboxPool } from './mailbox-pool.js';
import { networkFileSystemOf } from './network-file-system.js';

export type WatcherWarningHandler = (message: string, error?: unknown) => void;

export interface ForeignWriteWatcherOptions {
  readonly pool: MailboxPool;
  readonly feed: EmbeddedChangeFeed;
  readonly onWarning: WatcherWarningHandler;
  /** Quiet time after a file event before reading (one commit writes the WAL several times). */
  readonly debounceMs?: number;
  /** First delay before watching again after the watch failed; doubles up to a minute. */
  readonly restartDelayMs?: number;
}

// A few ms: a commit's WAL writes arrive as a burst of events; one read should answer them all.
const DEFAULT_DEBOUNCE_MS = 5;
const DEFAULT_RESTART_DELAY_MS = 1000;
const MAX_RESTART_DELAY_MS = 60_000;
// While another process holds the write lock, reading again sooner would only find it held.
const MAX_BUSY_DELAY_MS = 250;
const SIDE_FILE = /-(wal|shm|journal)$/;

interface TrackedUser {
  readonly cursor: ForeignChangeCursor;
  readonly fileName: string;
  timer: NodeJS.Timeout | undefined;
  busyRetries: number;
}

export class ForeignWriteWatcher implements SubscriptionObserver, CommitObserver {
  private readonly users = new Map<string, TrackedUser>();
  private readonly usersByFile = new Map<string, string>();
  private readonly debounceMs: number;
  private readonly restartDelayMs: number;
  private watcher: FSWatcher | undefined;
  /** Inode of the directory being watched: a directory re-created under the same name is another one. */
  private watchedInode = -1;
  private restartTimer: NodeJS.Timeout | undefined;
  private failures = 0;
  private closed = false;

  constructor(private readonly options: ForeignWriteWatcherOptions) {
    this.debounceMs = options.debounceMs ?? DEFAULT_DEBOUNCE_MS;
    this.restartDelayMs = options.restartDelayMs ?? DEFAULT_RESTART_DELAY_MS;
  }

  private get usersDir(): string {
    return this.options.pool.usersDir;
  }

  start(): void {
    const network = networkFileSystemOf(this.usersDir);
    if (network !== undefined) {
      this.options.onWarning(`${this.usersDir} is on a ${network} file system: writes made on other hosts will not wake held Ping or Sync requests`);
    }
    this.watch();
  }

  close(): void {
    this.closed = true;
    this.watcher?.close();
    this.watcher = undefined;
    clearTimeout(this.restartTimer);
    for (const tracked of this.users.values()) clearTimeout(tracked.timer);
    this.users.clear();
    this.usersByFile.clear();
  }

  userSubscribed(user: string): void {
    if (this.closed) return;
    try {
      const file = this.options.pool.fileFor(user);
      const mark = existsSync(file) ? readCommitted(this.options.pool.acquire(user)) : ABSENT_MAILBOX;
      const fileName = basename(file);
      this.users.set(user, { cursor: new ForeignChangeCursor(mark), fileName, timer: undefined, busyRetries: 0 });
      this.usersByFile.set(fileName, user);
    } catch (error) {
      this.options.onWarning(`cannot watch the mailbox of ${user} for writes by other processes`, error);
    }
  }

  userUnsubscribed(user: string): void {
    const tracked = this.users.get(user);
    if (tracked === undefined) return;
    clearTimeout(tracked.timer);
    this.users.delete(user);
    this.usersByFile.delete(tracked.fileName);
  }

  tracks(user: string): boolean {
    return this.users.has(user);
  }

  committed(user: string, range: CommittedRange): void {
    this.users.get(user)?.cursor.recordOwn(range);
  }

  private watch(): void {
    try {
      // The directory may have been removed under us; the pool needs it back as much as we do.
      mkdirSync(this.usersDir, { recursive: true, mode: 0o700 });
      this.watchedInode = statSync(this.usersDir).ino;
      // Not persistent: a watcher alone must not keep a process (or a test run) alive.
      const watcher = watch(this.usersDir, { persistent: false });
      watcher.on('change', (event, fileName) => this.onFileEvent(event, typeof fileName === 'string' ? fileName : null));
      watcher.on('error', (error) => this.restart(`watching ${this.usersDir} failed`, error));
      this.watcher = watcher;
    } catch (error) {
      this.restart(`cannot watch ${this.usersDir}`, error);
    }
  }

  private onFileEvent(event: string, fileName: string | null): void {
    if (this.closed) return;
    // Events flow again: the next failure starts the back-off from the beginning.
    this.failures = 0;
    // Some platforms leave the name out: every tracked user may have changed.
    if (fileName === null) return this.scheduleAll();
    // inotify names the watched directory itself when it is deleted or moved away, but only once
    // no open file in it pins it; a file appearing or vanishing is the cue to look (one stat).
    if (event === 'rename' && (fileName === basename(this.usersDir) || this.directoryReplaced())) {
      return this.restart(`${this.usersDir} was removed or renamed`);
    }
    const user = this.usersByFile.get(fileName.replace(SIDE_FILE, ''));
    if (user === undefined) return;
    // The mailbox file itself came or went (removed, re-created): a connection we hold may be to
    // the old file, which no other process writes any more.
    if (event === 'rename' && !SIDE_FILE.test(fileName)) this.options.pool.release(user);
    this.schedule(user, this.debounceMs);
  }

  private directoryReplaced(): boolean {
    try {
      return statSync(this.usersDir).ino !== this.watchedInode;
    } catch {
      return true;
    }
  }

  private restart(reason: string, error?: unknown): void {
    if (this.closed || this.restartTimer !== undefined) return;
    this.watcher?.close();
    this.watcher = undefined;
    // A removed directory took the files our connections hold; reopen from disk on the next read.
    for (const user of this.users.keys()) this.options.pool.release(user);
    const delay = Math.min(this.restartDelayMs * 2 ** this.failures, MAX_RESTART_DELAY_MS);
    this.failures += 1;
    this.options.onWarning(`${reason}; watching it again in ${delay} ms (writes by other processes wake nobody until then)`, error);
    this.restartTimer = setTimeout(() => {
      this.restartTimer = undefined;
      if (this.closed) return;
      this.watch();
      // Writes made while nobody watched produced no event we saw.
      if (this.watcher !== undefined) this.scheduleAll();
    }, delay);
    this.restartTimer.unref();
  }

  private scheduleAll(): void {
    for (const user of this.users.keys()) this.schedule(user, this.debounceMs);
  }

  private schedule(user: string, delayMs: number): void {
    const tracked = this.users.get(user);
    if (tracked === undefined || tracked.timer !== undefined) return;
    tracked.timer = setTimeout(() => this.scan(user, tracked), delayMs);
  }

  private scan(user: string, tracked: TrackedUser): void {
    tracked.timer = undefined;
    if (this.closed || this.users.get(user) !== tracked) return;
    // Gone or not created yet: nothing to read, and opening it would create it.
    if (!existsSync(this.options.pool.fileFor(user))) return;
    let changes: ForeignChanges | 'busy';
    try {
      const feed = this.options.feed;
      changes = readAfterWriters(this.options.pool.acquire(user), (mailbox) => tracked.cursor.advance(mailbox, feed.subscribedFolderIds(user)));
    } catch (error) {
      this.options.onWarning(`cannot read the change log of ${user} after another process wrote to it`, error);
      return;
    }
    if (changes === 'busy') {
      tracked.busyRetries += 1;
      return this.schedule(user, Math.min(this.debounceMs * 2 ** tracked.busyRetries, MAX_BUSY_DELAY_MS));
    }
    tracked.busyRetries = 0;
    this.options.feed.notify(user, changes.folderIds, changes.hierarchy);
  }
}

function readCommitted(mailbox: MailboxDatabase): MailboxMark {
  return mailbox.db.transaction(() => readMark(mailbox)).deferred();
}

/**
 * Runs `read` holding the write lock, without waiting for it: a file event may come from a commit
 * whose WAL frames are written but not yet published, and only the lock proves it finished.
 * 'busy' when another process holds the lock (its commit's end will be read on the retry).
 */
function readAfterWriters<T>(mailbox: MailboxDatabase, read: (mailbox: MailboxDatabase) => T): T | 'busy' {
  const db = mailbox.db;
  const busyTimeout = db.pragma('busy_timeout', { simple: true }) as number;
  db.pragma('busy_timeout = 0');
  try {
    return db.transaction(() => read(mailbox)).immediate();
  } catch (error) {
    if (error instanceof Error && 'code' in error && String(error.code).startsWith('SQLITE_BUSY')) return 'busy';
    throw error;
  } finally {
    db.pragma(`busy_timeout = ${busyTimeout}`);
  }
}
