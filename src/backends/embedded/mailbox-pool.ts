// Opens user mailbox databases lazily and keeps at most `maxOpen` of them open, closing the least
// recently used, and closes those nobody used for IDLE_CLOSE_MS. Every store operation acquires
// its database and finishes with it synchronously (better-sqlite3 never yields), so an eviction
// can never close a database under a running operation; the next access simply reopens the file.

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { MailboxDatabase } from './mailbox-database.js';
import { userFileName } from './user-file-name.js';

/**
 * An open mailbox costs ~250 KB of native memory (SQLite's connection, parsed schema, page cache
 * and prepared statements) whether it is used or not, and the users of a push server are idle
 * between wake-ups: ten thousand held Pings of a few thousand users would otherwise keep every
 * one of them open (BENCHMARKS.md, held-Ping memory). Reopening costs about a millisecond.
 * Idle mailboxes are closed when the pool is next used, so an idle server runs no timer for it.
 */
export const IDLE_CLOSE_MS = 15_000;

interface OpenMailbox {
  readonly mailbox: MailboxDatabase;
  lastUsed: number;
}

export class MailboxPool {
  // Map iteration order is insertion order: re-inserting on access keeps the least recently used first.
  private readonly open = new Map<string, OpenMailbox>();
  private closed = false;

  constructor(
    readonly usersDir: string,
    private readonly maxOpen: number,
    private readonly clock: () => number,
  ) {
    mkdirSync(usersDir, { recursive: true, mode: 0o700 });
  }

  fileFor(user: string): string {
    return join(this.usersDir, userFileName(user));
  }

  acquire(user: string): MailboxDatabase {
    // Reopening after close would leak handles past the owner's shutdown.
    if (this.closed) throw new Error('the embedded store is closed');
    const file = this.fileFor(user);
    const now = this.clock();
    const cached = this.open.get(file);
    if (cached !== undefined) this.open.delete(file);
    this.closeIdle(now);
    const entry = cached ?? { mailbox: MailboxDatabase.open(file, now), lastUsed: now };
    entry.lastUsed = now;
    this.open.set(file, entry);
    this.evictBeyondBound();
    return entry.mailbox;
  }

  /** Closes the user's database if it is open (before deleting the files, or in tests). */
  release(user: string): void {
    const file = this.fileFor(user);
    this.open.get(file)?.mailbox.close();
    this.open.delete(file);
  }

  openCount(): number {
    return this.open.size;
  }

  closeAll(): void {
    this.closed = true;
    for (const { mailbox } of this.open.values()) mailbox.close();
    this.open.clear();
  }

  private evictBeyondBound(): void {
    while (this.open.size > this.maxOpen) this.closeLeastRecentlyUsed();
  }

  /** Closes the mailboxes last used IDLE_CLOSE_MS or more before `now` (a clock set back closes nothing). */
  private closeIdle(now: number): void {
    for (const entry of this.open.values()) {
      if (now - entry.lastUsed < IDLE_CLOSE_MS) return;
      this.closeLeastRecentlyUsed();
    }
  }

  private closeLeastRecentlyUsed(): void {
    const oldest = this.open.entries().next();
    if (oldest.done === true) return;
    const [file, { mailbox }] = oldest.value;
    this.open.delete(file);
    mailbox.close();
  }
}
