// The embedded store: every storage port (hierarchy, mail, calendar, contacts, tasks, notes and
// the change feed) over one SQLite database per user at <dataDir>/users/<user-file-name>.sqlite.
// Databases open on first use (creating the default folders) and at most `maxOpenDatabases` stay
// open, least recently used closed first. The change log keeps `changeLogRetentionDays`; a device
// away for longer gets a token-expired error and resyncs. With `watchForeignWrites` the ChangeFeed
// also announces writes made by other processes on the same data directory.

import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { MailboxStores } from '../../domain/stores.js';
import { EmbeddedChangeFeed, type ListenerErrorHandler } from './embedded-change-feed.js';
import { ForeignWriteWatcher, type WatcherWarningHandler } from './foreign-write-watcher.js';
import { EmbeddedHierarchyStore } from './embedded-hierarchy-store.js';
import { EmbeddedMailStore } from './embedded-mail-store.js';
import { EmbeddedCalendarStore, EmbeddedContactStore, EmbeddedNoteStore, EmbeddedTaskStore } from './embedded-pim-stores.js';
import { MailboxAccess } from './mailbox-access.js';
import { MailboxPool } from './mailbox-pool.js';

export interface EmbeddedStoreOptions {
  /** Open mailbox databases kept at once (default 256): each costs a file handle and up to 1 MiB of page cache. */
  readonly maxOpenDatabases?: number;
  /** How long change-log entries are kept (default 30 days), i.e. how long a device may stay away without a resync. */
  readonly changeLogRetentionDays?: number;
  /** Receives errors thrown by ChangeFeed listeners (default: a process warning). */
  readonly onListenerError?: ListenerErrorHandler;
  /** Clock for stored timestamps and retention; tests pass their own. */
  readonly clock?: () => number;
  /**
   * Also wake ChangeFeed subscribers when another process (the admin CLI, a second server, a
   * delivery script) writes a mailbox of this data directory, through one fs.watch on users/.
   * The server turns this on; short-lived tools leave it off. Local file systems only: see
   * foreign-write-watcher.ts.
   */
  readonly watchForeignWrites?: boolean;
  /** Receives the watcher's problems (watch failures and restarts, a network file system); default: a process warning. */
  readonly onWatcherWarning?: WatcherWarningHandler;
}

export const DEFAULT_MAX_OPEN_DATABASES = 256;
export const DEFAULT_CHANGE_LOG_RETENTION_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

function warnListenerError(error: unknown): void {
  process.emitWarning(error instanceof Error ? error : new Error(String(error)), { code: 'PUSHBRIDGE_CHANGE_LISTENER' });
}

function warnWatcherProblem(message: string, error?: unknown): void {
  const cause = error === undefined ? '' : `: ${error instanceof Error ? error.message : String(error)}`;
  process.emitWarning(`${message}${cause}`, { code: 'PUSHBRIDGE_FOREIGN_WRITE_WATCHER' });
}

function positiveNumber(value: number | undefined, fallback: number, name: string): number {
  const chosen = value ?? fallback;
  if (!(chosen > 0) || !Number.isFinite(chosen)) throw new RangeError(`${name} must be a positive number, not ${chosen}`);
  return chosen;
}

export class EmbeddedStore implements MailboxStores {
  static readonly USERS_DIR = 'users';

  readonly hierarchy: EmbeddedHierarchyStore;
  readonly mail: EmbeddedMailStore;
  readonly calendar: EmbeddedCalendarStore;
  readonly contacts: EmbeddedContactStore;
  readonly tasks: EmbeddedTaskStore;
  readonly notes: EmbeddedNoteStore;
  readonly changes: EmbeddedChangeFeed;

  private constructor(
    private readonly pool: MailboxPool,
    private readonly access: MailboxAccess,
    private readonly watcher: ForeignWriteWatcher | undefined,
  ) {
    this.hierarchy = new EmbeddedHierarchyStore(access);
    this.mail = new EmbeddedMailStore(access);
    this.calendar = new EmbeddedCalendarStore(access);
    this.contacts = new EmbeddedContactStore(access);
    this.tasks = new EmbeddedTaskStore(access);
    this.notes = new EmbeddedNoteStore(access);
    this.changes = access.feed;
  }

  /** Prepares <dataDir>/users/; no mailbox is opened until a user is first accessed. */
  static open(dataDir: string, options: EmbeddedStoreOptions = {}): EmbeddedStore {
    const maxOpen = Math.floor(positiveNumber(options.maxOpenDatabases, DEFAULT_MAX_OPEN_DATABASES, 'maxOpenDatabases'));
    const retentionDays = positiveNumber(options.changeLogRetentionDays, DEFAULT_CHANGE_LOG_RETENTION_DAYS, 'changeLogRetentionDays');
    const clock = options.clock ?? Date.now;
    const pool = new MailboxPool(join(dataDir, EmbeddedStore.USERS_DIR), Math.max(1, maxOpen), clock);
    const feed = new EmbeddedChangeFeed(options.onListenerError ?? warnListenerError);
    const watcher = options.watchForeignWrites === true ? new ForeignWriteWatcher({ pool, feed, onWarning: options.onWatcherWarning ?? warnWatcherProblem }) : undefined;
    feed.observeSubscriptions(watcher);
    watcher?.start();
    return new EmbeddedStore(pool, new MailboxAccess(pool, feed, clock, retentionDays * DAY_MS, watcher), watcher);
  }

  /** Path of the user's mailbox database (for the admin CLI and backups). */
  mailboxFile(user: string): string {
    return this.pool.fileFor(user);
  }

  /**
   * Drops change-log entries older than the retention (or than `olderThan`) from the user's
   * mailbox and returns how many went. Writes prune on their own once an hour; this is for an
   * admin job or a test that needs tokens to expire now.
   */
  pruneChangeLog(user: string, olderThan?: Date): number {
    return this.access.prune(user, olderThan?.getTime());
  }

  /** Deletes the user's mailbox for good (after the account is removed). */
  removeMailbox(user: string): void {
    const file = this.pool.fileFor(user);
    this.pool.release(user);
    for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
  }

  openDatabaseCount(): number {
    return this.pool.openCount();
  }

  async close(): Promise<void> {
    // First: a pending read of the watcher must not reopen a database after the pool closed.
    this.watcher?.close();
    // Then the index passes due, which would otherwise hit the closed pool between their batches.
    await this.mail.closeIndexing();
    this.pool.closeAll();
  }
}
