// Item rows of a mailbox database, shared by every class's store: the columns, the lookups that
// turn "not in this folder" into ItemNotFoundError, and the If-Match version check.

import { ItemNotFoundError, VersionConflictError } from '../../domain/errors.js';
import type { ItemRef, WriteOptions } from '../../domain/item.js';
import type { MailboxDatabase } from './mailbox-database.js';

/** Everything but the content, for listings. */
export const SUMMARY_COLUMNS = 'position, id, folder_id, version, modified_at, size, received_at, flags, subject, categories';

export interface ItemSummaryRow {
  position: number;
  id: string;
  folder_id: string;
  /** Sequence number of the change-log entry that last wrote the item. */
  version: number;
  modified_at: number;
  size: number;
  received_at: number | null;
  flags: string | null;
  subject: string | null;
  categories: string | null;
}

export interface ItemRow extends ItemSummaryRow {
  content: Buffer;
}

/** The columns a codec fills from a client's input. */
export interface ItemFields {
  readonly content: Buffer;
  readonly receivedAt: number | null;
  readonly flags: string | null;
  readonly subject: string | null;
  readonly categories: string | null;
}

export function toItemRef(row: ItemSummaryRow): ItemRef {
  return { id: row.id, folderId: row.folder_id, version: String(row.version), modifiedAt: new Date(row.modified_at) };
}

export function listSummaryRows(mailbox: MailboxDatabase, folderId: string): ItemSummaryRow[] {
  return mailbox.statement(`SELECT ${SUMMARY_COLUMNS} FROM items WHERE folder_id = ? ORDER BY position`).all(folderId) as ItemSummaryRow[];
}

export function findItemRow(mailbox: MailboxDatabase, folderId: string, itemId: string): ItemRow | undefined {
  return mailbox
    .statement(`SELECT ${SUMMARY_COLUMNS}, content FROM items JOIN item_content USING (position) WHERE folder_id = ? AND id = ?`)
    .get(folderId, itemId) as ItemRow | undefined;
}

/** Ids per query of findItemRows: bounds the JSON argument and the rows one statement holds at once. */
const ROWS_PER_QUERY = 256;

/**
 * The rows of `itemIds` that are in the folder, by id: one query per ROWS_PER_QUERY ids rather
 * than one per id (a Sync window reads 100 messages). The ids travel as one JSON array, so the
 * statement is the same whatever the count and no bound-parameter limit applies.
 */
export function findItemRows(mailbox: MailboxDatabase, folderId: string, itemIds: readonly string[]): Map<string, ItemRow> {
  const found = new Map<string, ItemRow>();
  const statement = mailbox.statement(
    `SELECT ${SUMMARY_COLUMNS}, content FROM items JOIN item_content USING (position)
     WHERE folder_id = ? AND id IN (SELECT value FROM json_each(?))`,
  );
  for (let start = 0; start < itemIds.length; start += ROWS_PER_QUERY) {
    const rows = statement.all(folderId, JSON.stringify(itemIds.slice(start, start + ROWS_PER_QUERY))) as ItemRow[];
    for (const row of rows) found.set(row.id, row);
  }
  return found;
}

export function requireItemRow(mailbox: MailboxDatabase, folderId: string, itemId: string): ItemRow {
  const row = findItemRow(mailbox, folderId, itemId);
  if (row === undefined) throw new ItemNotFoundError(folderId, itemId);
  return row;
}

/** The item's row without its content, for writes that do not need to read it. */
export function requireItemSummaryRow(mailbox: MailboxDatabase, folderId: string, itemId: string): ItemSummaryRow {
  const row = mailbox.statement(`SELECT ${SUMMARY_COLUMNS} FROM items WHERE folder_id = ? AND id = ?`).get(folderId, itemId) as ItemSummaryRow | undefined;
  if (row === undefined) throw new ItemNotFoundError(folderId, itemId);
  return row;
}

export function checkVersion(row: ItemSummaryRow, options: WriteOptions | undefined): void {
  const expected = options?.ifVersion;
  if (expected !== undefined && expected !== String(row.version)) throw new VersionConflictError(row.id, expected, String(row.version));
}

export function insertItemRow(mailbox: MailboxDatabase, folderId: string, itemId: string, version: number, now: number, fields: ItemFields): ItemRow {
  const result = mailbox
    .statement(
      `INSERT INTO items (id, folder_id, version, modified_at, size, received_at, flags, subject, categories)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(itemId, folderId, version, now, fields.content.length, fields.receivedAt, fields.flags, fields.subject, fields.categories);
  const position = Number(result.lastInsertRowid);
  mailbox.statement('INSERT INTO item_content (position, content) VALUES (?, ?)').run(position, fields.content);
  return {
    position,
    id: itemId,
    folder_id: folderId,
    ...writtenColumns(version, now, fields),
  };
}

export function updateItemRow(mailbox: MailboxDatabase, row: ItemSummaryRow, version: number, now: number, fields: ItemFields): ItemRow {
  mailbox
    .statement('UPDATE items SET version = ?, modified_at = ?, size = ?, received_at = ?, flags = ?, subject = ?, categories = ? WHERE position = ?')
    .run(version, now, fields.content.length, fields.receivedAt, fields.flags, fields.subject, fields.categories, row.position);
  mailbox.statement('UPDATE item_content SET content = ? WHERE position = ?').run(fields.content, row.position);
  return {
    ...row,
    ...writtenColumns(version, now, fields),
  };
}

/** The columns an insert and an update both write, as the row reads them back. */
function writtenColumns(version: number, now: number, fields: ItemFields) {
  return {
    version,
    modified_at: now,
    content: fields.content,
    size: fields.content.length,
    received_at: fields.receivedAt,
    flags: fields.flags,
    subject: fields.subject,
    categories: fields.categories,
  };
}
