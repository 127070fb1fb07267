// Runs a mailbox search on one user's database: the query's words become an FTS5 expression over
// mail_search (every word a quoted prefix term, so "meet" finds "meeting" as Exchange's own
// prefix search does), folders and dates filter the items, and matches come newest first with
// the total counted in the same snapshot.

import { InvalidInputError } from '../../domain/errors.js';
import type { MailSearchHit, MailSearchQuery, MailSearchResult } from '../../domain/mail-store.js';
import { requireFolderOfClass } from './folder-rows.js';
import type { MailboxDatabase } from './mailbox-database.js';

/** A word the unicode61 tokenizer would find at least one token in (letters, digits, marks). */
const HAS_TOKEN = /[\p{L}\p{N}\p{M}\p{Co}]/u;

/**
 * The FTS5 MATCH expression for the words: each is a quoted phrase (FTS5 splits "bob@example.org"
 * into an adjacent-token phrase) whose last token may be a prefix; adjacent terms are ANDed.
 * Words without any token character (a lone "@" or "-") cannot be indexed and are skipped;
 * undefined when there are no words at all, null when every word was such a word (nothing can
 * match).
 */
export function matchExpression(words: readonly string[]): string | undefined | null {
  if (words.length === 0) return undefined;
  const terms = words.filter((word) => HAS_TOKEN.test(word)).map((word) => `"${word.replaceAll('"', '""')}"*`);
  return terms.length === 0 ? null : terms.join(' ');
}

interface HitRow {
  id: string;
  folder_id: string;
  received: number;
}

function checkCount(value: number | undefined, name: string): number {
  const chosen = value ?? 0;
  if (!Number.isSafeInteger(chosen) || chosen < 0) throw new InvalidInputError(`${name} must be a non-negative integer, not ${String(value)}`);
  return chosen;
}

function checkDate(value: Date | undefined, name: string): number | null {
  if (value === undefined) return null;
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw new InvalidInputError(`${name} must be a valid Date`);
  return value.getTime();
}

/** The WHERE clause and its parameters; the received date is aliased `received`. */
function filter(query: MailSearchQuery, match: string | undefined): { where: string; params: unknown[] } {
  const clauses = ['items.folder_id IN (SELECT value FROM json_each(?))'];
  const params: unknown[] = [JSON.stringify(query.folderIds)];
  if (match !== undefined) {
    clauses.push('items.position IN (SELECT rowid FROM mail_search WHERE mail_search MATCH ?)');
    params.push(match);
  }
  const after = checkDate(query.receivedAfter, 'receivedAfter');
  const before = checkDate(query.receivedBefore, 'receivedBefore');
  if (after !== null) {
    clauses.push('received > ?');
    params.push(after);
  }
  if (before !== null) {
    clauses.push('received < ?');
    params.push(before);
  }
  return { where: clauses.join(' AND '), params };
}

/** Runs the search inside the caller's read transaction. */
export function runMailSearch(mailbox: MailboxDatabase, query: MailSearchQuery): MailSearchResult {
  const limit = checkCount(query.limit, 'limit');
  const offset = checkCount(query.offset, 'offset');
  for (const folderId of query.folderIds) requireFolderOfClass(mailbox, folderId, 'Email');
  const match = matchExpression(query.words);
  if (match === null || query.folderIds.length === 0) return { total: 0, hits: [] };
  const { where, params } = filter(query, match);
  const from = 'FROM (SELECT items.*, coalesce(items.received_at, items.modified_at) AS received FROM items) AS items';
  const total = (mailbox.statement(`SELECT count(*) AS n ${from} WHERE ${where}`).get(...params) as { n: number }).n;
  const rows = limit === 0 ? [] : (mailbox
    .statement(`SELECT id, folder_id, received ${from} WHERE ${where} ORDER BY received DESC, position DESC LIMIT ? OFFSET ?`)
    .all(...params, limit, offset) as HitRow[]);
  const hits: MailSearchHit[] = rows.map((row) => ({ folderId: row.folder_id, id: row.id, receivedAt: new Date(row.received) }));
  return { total, hits };
}
