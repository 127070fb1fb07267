// The embedded store's per-folder change log: every item write appends an entry with a sequence
// number from one mailbox-wide counter, and "changes since token" folds the entries after the
// token into one net change per item. Tokens are "<epoch>.<seq>"; entries older than the
// retention are pruned and the folder's floor rises, so an older token is reported as expired
// and the engine resyncs instead of silently missing changes.

import type { ChangeKind, ChangeSet, ItemChange } from '../../domain/change.js';
import { ChangeTokenExpiredError, InvalidInputError } from '../../domain/errors.js';
import type { FolderRow } from './folder-rows.js';
import type { MailboxDatabase } from './mailbox-database.js';

export interface ChangeLogEntry {
  seq: number;
  item_id: string;
  kind: ChangeKind;
}

/** Token naming the mailbox state after change `seq`. */
export function formatToken(mailbox: MailboxDatabase, seq: number): string {
  return `${mailbox.epoch}.${seq}`;
}

export function currentToken(mailbox: MailboxDatabase): string {
  return formatToken(mailbox, mailbox.lastSeq());
}

/** Appends one entry and returns its sequence number, which is also the item's new version. */
export function recordChange(mailbox: MailboxDatabase, folderId: string, itemId: string, kind: ChangeKind, now: number): number {
  const result = mailbox.statement('INSERT INTO change_log (folder_id, item_id, kind, at) VALUES (?, ?, ?, ?)').run(folderId, itemId, kind, now);
  return Number(result.lastInsertRowid);
}

function parseToken(mailbox: MailboxDatabase, folder: FolderRow, token: string): number {
  const dot = token.lastIndexOf('.');
  const digits = token.slice(dot + 1);
  const seq = /^\d{1,15}$/.test(digits) ? Number(digits) : Number.NaN;
  const valid = dot > 0 && token.slice(0, dot) === mailbox.epoch && seq >= folder.log_floor && seq <= mailbox.lastSeq();
  if (!valid) throw new ChangeTokenExpiredError(token);
  return seq;
}

/**
 * Net effect per item of `entries` (in sequence order): whether the item existed before the first
 * entry and exists after the last decides added, changed, deleted, or nothing at all.
 */
export function foldEntries(entries: readonly ChangeLogEntry[]): ItemChange[] {
  const byItem = new Map<string, { first: ChangeKind; last: ChangeLogEntry }>();
  for (const entry of entries) {
    const seen = byItem.get(entry.item_id);
    // Re-inserting moves the item to the position of its latest entry.
    byItem.delete(entry.item_id);
    byItem.set(entry.item_id, { first: seen?.first ?? entry.kind, last: entry });
  }
  const changes: ItemChange[] = [];
  for (const [itemId, { first, last }] of byItem) {
    const existedBefore = first !== 'added';
    const existsAfter = last.kind !== 'deleted';
    if (existedBefore && !existsAfter) changes.push({ kind: 'deleted', itemId });
    else if (existsAfter) changes.push({ kind: existedBefore ? 'changed' : 'added', itemId, version: String(last.seq) });
  }
  return changes;
}

/** Must run inside a read transaction so the entries and the returned token describe one state. */
export function readChangesSince(mailbox: MailboxDatabase, folder: FolderRow, token: string, limit: number | undefined): ChangeSet {
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) throw new InvalidInputError(`limit must be a positive integer, not ${limit}`);
  const since = parseToken(mailbox, folder, token);
  const entries = mailbox
    .statement('SELECT seq, item_id, kind FROM change_log WHERE folder_id = ? AND seq > ? ORDER BY seq LIMIT ?')
    .all(folder.id, since, limit === undefined ? -1 : limit + 1) as ChangeLogEntry[];
  const more = limit !== undefined && entries.length > limit;
  const taken = more ? entries.slice(0, limit) : entries;
  const last = taken.at(-1);
  const next = more && last !== undefined ? formatToken(mailbox, last.seq) : currentToken(mailbox);
  return { token: next, changes: foldEntries(taken), more };
}

/**
 * Drops entries written before `cutoff` (ms) and raises each affected folder's floor to the
 * newest dropped sequence number, so tokens that needed them are refused from now on.
 */
export function pruneChangeLog(mailbox: MailboxDatabase, cutoff: number): number {
  mailbox
    .statement(
      `UPDATE folders SET log_floor = max(log_floor, (
         SELECT max(seq) FROM change_log WHERE change_log.folder_id = folders.id AND change_log.at < @cutoff))
       WHERE id IN (SELECT folder_id FROM change_log WHERE at < @cutoff)`,
    )
    .run({ cutoff });
  return mailbox.statement('DELETE FROM change_log WHERE at < ?').run(cutoff).changes;
}

/** Removes a deleted folder's entries; its id is never reused, so nothing can ask for them again. */
export function dropFolderLog(mailbox: MailboxDatabase, folderId: string): void {
  mailbox.statement('DELETE FROM change_log WHERE folder_id = ?').run(folderId);
}

/** Folders with change-log entries after `afterSeq` up to `uptoSeq` (for the foreign-write watcher). */
export function foldersChangedBetween(mailbox: MailboxDatabase, afterSeq: number, uptoSeq: number): string[] {
  const rows = mailbox.statement('SELECT DISTINCT folder_id FROM change_log WHERE seq > ? AND seq <= ?').all(afterSeq, uptoSeq) as Array<{ folder_id: string }>;
  return rows.map((row) => row.folder_id);
}
