// Keeps the embedded mailbox search index (mail_search, mailbox-schema.ts) in step with the
// messages. Triggers queue each message whose content was written; this module parses queued
// messages outside any transaction (mailparser is asynchronous, SQLite transactions here are not)
// and then writes their terms, but only if the content is still the one that was parsed: the
// queue entry carries the item version, and a newer write replaces the entry.

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
  /** Messages to index at most (newest first); default every one queued at the start. */
  readonly limit?: number;
}

/** Messages read and written per transaction pair: small enough to keep MIME out of memory. */
const BATCH_SIZE = 25;

interface QueuedContent extends QueuedMessage {
  /** Undefined when the message is gone. */
  readonly mime: Buffer | undefined;
}

/** The newest queued messages at or below `ceiling` with their content, read in one transaction. */
function queuedWithContent(mailbox: MailboxDatabase, ceiling: number, limit: number): QueuedContent[] {
  const entries = mailbox
    .statement('SELECT position, version FROM mail_search_backlog WHERE position <= ? ORDER BY position DESC LIMIT ?')
    .all(ceiling, limit) as QueuedMessage[];
  const content = mailbox.statement('SELECT content FROM item_content WHERE position = ?');
  return entries.map((entry) => ({ ...entry, mime: (content.get(entry.position) as { content: Buffer } | undefined)?.content }));
}

/** The highest position queued now: messages added later are past it (positions only grow). */
function queueCeiling(mailbox: MailboxDatabase): number {
  return (mailbox.statement('SELECT max(position) AS top FROM mail_search_backlog').get() as { top: number | null }).top ?? 0;
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
   * Indexes queued messages, newest first, and resolves to how many queue entries it took. With a
   * `limit`, at most that many; without one, every message queued when it starts (a search relies
   * on that), but none added after, so a busy writer cannot keep it going forever. A message
   * rewritten meanwhile is queued again at its old position and indexed in its latest form.
   */
  async catchUp(user: string, options: CatchUpOptions = {}): Promise<number> {
    const ceiling = options.limit === undefined ? this.access.read(user, queueCeiling) : Number.MAX_SAFE_INTEGER;
    let left = options.limit ?? Number.POSITIVE_INFINITY;
    let taken = 0;
    while (left > 0) {
      const batch = this.access.read(user, (mailbox) => queuedWithContent(mailbox, ceiling, Math.min(BATCH_SIZE, left)));
      if (batch.length === 0) break;
      const parsed: ParsedMessage[] = [];
      for (const { position, version, mime } of batch) {
        parsed.push({ position, version, text: mime === undefined ? undefined : await mailSearchText(mime) });
      }
      this.access.write(user, (mailbox) => {
        for (const message of parsed) store(mailbox, message);
      });
      left -= batch.length;
      taken += batch.length;
    }
    return taken;
  }
}
