// How every embedded store touches a mailbox: a read runs in one read transaction (one consistent
// snapshot), a write runs in one immediate transaction and, once committed, prunes the change
// log when due and tells the ChangeFeed which folders changed. Shared by all the store classes.

import type { EmbeddedChangeFeed } from './embedded-change-feed.js';
import { pruneChangeLog } from './change-log.js';
import type { MailboxDatabase } from './mailbox-database.js';
import type { MailboxPool } from './mailbox-pool.js';
import { canonicalUser } from './user-file-name.js';

// Pruning is cheap but not free; once an hour per open mailbox is plenty for a retention of days.
const PRUNE_INTERVAL_MS = 60 * 60 * 1000;

/** What a write touched, filled in by the write and announced after the commit. */
export class WriteEffects {
  readonly folders = new Set<string>();
  hierarchy = false;

  touch(folderId: string): void {
    this.folders.add(folderId);
  }
}

export class MailboxAccess {
  constructor(
    readonly pool: MailboxPool,
    readonly feed: EmbeddedChangeFeed,
    readonly clock: () => number,
    private readonly retentionMs: number,
  ) {}

  read<T>(user: string, body: (mailbox: MailboxDatabase) => T): T {
    const mailbox = this.acquire(user);
    return mailbox.db.transaction(() => body(mailbox)).deferred();
  }

  write<T>(user: string, body: (mailbox: MailboxDatabase, effects: WriteEffects, now: number) => T): T {
    const mailbox = this.acquire(user);
    const effects = new WriteEffects();
    const now = this.clock();
    const result = mailbox.db.transaction(() => body(mailbox, effects, now)).immediate();
    // Notified last: a listener may call back into the store and evict this very database.
    this.feed.notify(canonicalUser(user), effects.folders, effects.hierarchy);
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
