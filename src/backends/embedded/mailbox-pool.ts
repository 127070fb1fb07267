// Opens user mailbox databases lazily and keeps at most `maxOpen` of them open, closing the least
// recently used. Every store operation acquires its database and finishes with it synchronously
// (better-sqlite3 never yields), so an eviction can never close a database under a running
// operation; the next access simply reopens the file.

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { MailboxDatabase } from './mailbox-database.js';
import { userFileName } from './user-file-name.js';

export class MailboxPool {
  // Map iteration order is insertion order: re-inserting on access keeps the oldest first.
  private readonly open = new Map<string, MailboxDatabase>();
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
    const cached = this.open.get(file);
    if (cached !== undefined) {
      this.open.delete(file);
      this.open.set(file, cached);
      return cached;
    }
    const mailbox = MailboxDatabase.open(file, this.clock());
    this.open.set(file, mailbox);
    this.evictBeyondBound();
    return mailbox;
  }

  /** Closes the user's database if it is open (before deleting the files, or in tests). */
  release(user: string): void {
    const file = this.fileFor(user);
    this.open.get(file)?.close();
    this.open.delete(file);
  }

  openCount(): number {
    return this.open.size;
  }

  closeAll(): void {
    this.closed = true;
    for (const mailbox of this.open.values()) mailbox.close();
    this.open.clear();
  }

  private evictBeyondBound(): void {
    while (this.open.size > this.maxOpen) {
      const oldest = this.open.entries().next();
      if (oldest.done === true) return;
      const [file, mailbox] = oldest.value;
      this.open.delete(file);
      mailbox.close();
    }
  }
}
