// How every embedded store touches a mailbox: a read runs in one read transaction (one consistent
// snapshot), a write runs in one immediate transaction and, once committed, prunes the change
// log when due and tells the ChangeFeed which folders changed. Shared by all the store classes.
// When another process's writes are watched for, a write also reports the change-log and
// hierarchy range it committed, so the watcher never announces this process's writes twice.

import type { EmbeddedChangeFeed } from './embedded-change-feed.js';
import { pruneChangeLog } from './change-log.js';
import type { MailboxDatabase } from './mailbox-database.js';
import type { MailboxPool } from './mailbox-pool.js';
import { withSqliteFailures } from './sqlite-failures.js';
import { canonicalUser } from './user-file-name.js';

// Pruning is cheap but not free; once an hour per open mailbox is plenty for a retention of days.
const PRUNE_INTERVAL_MS = 60 * 60 * 1000;

function mark(mailbox: MailboxDatabase): { seq: number; hierarchy: number } {
  return { seq: mailbox.lastSeq(), hierarchy: mailbox.hierarchyVersion() };
}

function rangeSince(mailbox: MailboxDatabase, before: { seq: number; hierarchy: number }): CommittedRange {
  const after = mark(mailbox);
  return { fromSeq: before.seq, toSeq: after.seq, hierarchyBumps: after.hierarchy - before.hierarchy };
}

/** What a write touched, filled in by the write and announced after the commit. */
export class WriteEffects {
  readonly folders = new Set<string>();
  hierarchy = false;

  touch(folderId: string): void {
    this.folders.add(folderId);
  }
}

/** What one committed write added: change-log entries fromSeq+1..toSeq and hierarchy bumps. */
export interface CommittedRange {
  readonly fromSeq: number;
  readonly toSeq: number;
  readonly hierarchyBumps: number;
}

/** Learns the range of each committed write for users it `tracks` (the foreign-write watcher). */
export interface CommitObserver {
  tracks(user: string): boolean;
  committed(user: string, range: CommittedRange): void;
}

export class MailboxAccess {
  constructor(
    readonly pool: MailboxPool,
    readonly feed: EmbeddedChangeFeed,
    readonly clock: () => number,
    private readonly retentionMs: number,
    private readonly observer?: CommitObserver,
  ) {}

  read<T>(user: string, body: (mailbox: MailboxDatabase) => T): T {
    return withSqliteFailures(() => this.readNow(user, body));
  }

  write<T>(user: string, body: (mailbox: MailboxDatabase, effects: WriteEffects, now: number) => T): T {
    return withSqliteFailures(() => this.writeNow(user, body));
  }

  private readNow<T>(user: string, body: (mailbox: MailboxDatabase) => T): T {
    const mailbox = this.acquire(user);
    return mailbox.db.transaction(() => body(mailbox)).deferred();
  }

  private writeNow<T>(user: string, body: (mailbox: MailboxDatabase, effects: WriteEffects, now: number) => T): T {
    const mailbox = this.acquire(user);
    const effects = new WriteEffects();
    const now = this.clock();
    const key = canonicalUser(user);
    const observed = this.observer?.tracks(key) === true;
    const { result, range } = mailbox.db
      .transaction(() => {
        // Inside the write lock nobody else can append, so before/after bound exactly this write.
        const before = observed ? mark(mailbox) : undefined;
        const value = body(mailbox, effects, now);
        return { result: value, range: before === undefined ? undefined : rangeSince(mailbox, before) };
      })
      .immediate();
    // Recorded before notifying: a listener may write again, and that range comes later.
    if (range !== undefined) this.observer?.committed(key, range);
    // Notified last: a listener may call back into the store and evict this very database.
    this.feed.notify(key, effects.folders, effects.hierarchy);
    return result;
  }

  /** Prunes one mailbox's change log now (entries before `cutoff` ms, default now minus retention). */
  prune(user: string, cutoff?: number): number {
    return this.pruneMailbox(this.pool.acquire(user), cutoff);
  }

  private acquire(user: string): MailboxDatabase {
    const mailbox = this.pool.acquire(user);
    if (this.clock() - mailbox.lastPrunedAt >= PRUNE_INTERVAL_MS) this.pruneMailbox(mailbox);
    return mailbox;
  }

  private pruneMailbox(mailbox: MailboxDatabase, cutoff?: number): number {
    const now = this.clock();
    mailbox.lastPrunedAt = now;
    return mailbox.db.transaction(() => pruneChangeLog(mailbox, cutoff ?? now - this.retentionMs)).immediate();
  }
}
