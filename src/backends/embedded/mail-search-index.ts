// Keeps the embedded mailbox search index (mail_search, mailbox-schema.ts) in step with the
// messages. Triggers queue each message whose content was written; this module parses queued
// messages outside any transaction (mailparser is asynchronous, SQLite transactions here are not)
// and then writes their terms, but only if the content is still the one that was parsed: the
// queue entry carries the item version, and a newer write replaces the entry.

import { performance } from 'node:perf_hooks';
import { mailSearchText, type MailSearchText } from './mail-search-text.js';
import type { MailboxAccess } from './mailbox-access.js';
import type { MailboxDatabase } from './mailbox-database.js';

interface QueuedMessage {
  position: number;
  version: number;
}

interface ParsedMessage extends QueuedMessage {
  /** Undefined when the message is gone: its queue entry is dropped without indexing. */
  readonly text: MailSearchText | undefined;
}

export interface CatchUpOptions {
  /** Messages to index at most (newest first); default all. */
  readonly limit?: number;
  /** No new batch starts once this much wall time has passed (ms). */
  readonly budgetMs?: number;
}

/** Messages read and written per transaction pair: small enough to keep MIME out of memory. */
const BATCH_SIZE = 25;

function queued(mailbox: MailboxDatabase, limit: number): QueuedMessage[] {
  return mailbox
    .statement('SELECT position, version FROM mail_search_backlog ORDER BY position DESC LIMIT ?')
    .all(limit) as QueuedMessage[];
}

function content(mailbox: MailboxDatabase, position: number): Buffer | undefined {
  const row = mailbox.statement('SELECT content FROM item_content WHERE position = ?').get(position) as { content: Buffer } | undefined;
  return row?.content;
}

function store(mailbox: MailboxDatabase, message: ParsedMessage): void {
  const taken = mailbox.statement('DELETE FROM mail_search_backlog WHERE position = ? AND version = ?').run(message.position, message.version);
  // Zero rows: the content changed after it was read (a newer entry waits) or the item is gone.
  if (taken.changes === 0 || message.text === undefined) return;
  // A contentless FTS5 table keeps the terms of a row written twice, so clear it first.
  mailbox.statement('DELETE FROM mail_search WHERE rowid = ?').run(message.position);
  mailbox
    .statement('INSERT INTO mail_search (rowid, subject, people, body) VALUES (?, ?, ?, ?)')
    .run(message.position, message.text.subject, message.text.people, message.text.body);
}

export class MailSearchIndex {
  constructor(private readonly access: MailboxAccess) {}

  /** Messages of the user still waiting to be indexed. */
  pending(user: string): number {
    return this.access.read(user, (mailbox) => (mailbox.statement('SELECT count(*) AS n FROM mail_search_backlog').get() as { n: number }).n);
  }

  /**
   * Indexes queued messages, newest first. Entries queued while this runs may be indexed too,
   * but never more than `limit` or what was queued at the start, so a busy writer cannot keep it
   * going forever.
   */
  async catchUp(user: string, options: CatchUpOptions = {}): Promise<void> {
    const deadline = performance.now() + (options.budgetMs ?? Number.POSITIVE_INFINITY);
    let left = Math.min(options.limit ?? Number.POSITIVE_INFINITY, this.pending(user));
    while (left > 0 && performance.now() < deadline) {
      const batch = this.access.read(user, (mailbox) => queued(mailbox, Math.min(BATCH_SIZE, left)));
      if (batch.length === 0) return;
      const parsed: ParsedMessage[] = [];
      for (const entry of batch) {
        const mime = this.access.read(user, (mailbox) => content(mailbox, entry.position));
        parsed.push({ ...entry, text: mime === undefined ? undefined : await mailSearchText(mime) });
      }
      this.access.write(user, (mailbox) => {
        for (const message of parsed) store(mailbox, message);
      });
      left -= batch.length;
    }
  }
}
