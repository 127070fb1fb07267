// Versioned schema of a user's mailbox database. Version N is reached by running MIGRATIONS[N-1];
// the file's user_version records N, so an older file is upgraded in place on open and a file
// from a newer Pushbridge is refused rather than damaged.

import type Database from 'better-sqlite3';

export class MailboxSchemaError extends Error {
  readonly code = 'newer-schema';
}

/**
 * A trigger that queues a mail message for the search index when its content row is written
 * (mail-search-index.ts). Insert and update queue alike; the SQL is exactly what schema version 2
 * has always run, so files migrated before and after this builder existed hold the same triggers.
 */
function queueForSearch(name: string, event: 'INSERT' | 'UPDATE OF content'): string {
  return `CREATE TRIGGER ${name} AFTER ${event} ON item_content
   WHEN (SELECT folders.item_class FROM items JOIN folders ON folders.id = items.folder_id
         WHERE items.position = new.position) = 'Email'
   BEGIN
     INSERT OR REPLACE INTO mail_search_backlog (position, version)
       SELECT position, version FROM items WHERE position = new.position;
   END;`;
}

const MIGRATIONS: readonly string[] = [
  `CREATE TABLE meta (
     key TEXT PRIMARY KEY NOT NULL,
     value TEXT NOT NULL
   ) STRICT;
   CREATE TABLE folders (
     id TEXT PRIMARY KEY NOT NULL,
     parent_id TEXT REFERENCES folders(id),
     display_name TEXT NOT NULL,
     -- Folder names compare case-insensitively within a parent, as Exchange does.
     name_key TEXT NOT NULL,
     type INTEGER NOT NULL,
     item_class TEXT NOT NULL,
     -- Change tokens below this sequence number can no longer be answered for this folder.
     log_floor INTEGER NOT NULL DEFAULT 0,
     position INTEGER NOT NULL
   ) STRICT;
   CREATE UNIQUE INDEX folders_by_name ON folders (coalesce(parent_id, ''), name_key);
   CREATE INDEX folders_by_parent ON folders (parent_id);
   CREATE TABLE items (
     position INTEGER PRIMARY KEY AUTOINCREMENT,
     id TEXT NOT NULL UNIQUE,
     folder_id TEXT NOT NULL REFERENCES folders(id),
     version INTEGER NOT NULL,
     modified_at INTEGER NOT NULL,
     size INTEGER NOT NULL,
     received_at INTEGER,
     flags TEXT,
     subject TEXT,
     categories TEXT
   ) STRICT;
   CREATE INDEX items_by_folder ON items (folder_id, position);
   -- Content lives apart so listings and change scans read small rows, never message bodies.
   -- Mail: the MIME bytes. Other classes: UTF-8 text (iCalendar, vCard, note body).
   CREATE TABLE item_content (
     position INTEGER PRIMARY KEY REFERENCES items(position) ON DELETE CASCADE,
     content BLOB NOT NULL
   ) STRICT;
   CREATE TABLE change_log (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     folder_id TEXT NOT NULL,
     item_id TEXT NOT NULL,
     kind TEXT NOT NULL CHECK (kind IN ('added', 'changed', 'deleted')),
     at INTEGER NOT NULL
   ) STRICT;
   CREATE INDEX change_log_by_folder ON change_log (folder_id, seq);
   CREATE INDEX change_log_by_time ON change_log (at);`,
  // Mailbox search (mail-search-index.ts): a contentless full-text index keyed by items.position,
  // so it holds the terms but never a second copy of the text. Triggers queue every mail content
  // write, whoever makes it (this process, the admin CLI in another one), and drop index entries
  // with their item; the queue starts with every message stored before this version.
  `CREATE VIRTUAL TABLE mail_search USING fts5(
     subject, people, body,
     content = '', contentless_delete = 1,
     tokenize = 'unicode61 remove_diacritics 2'
   );
   -- Messages whose content is not (yet) in mail_search, with the item version of that content.
   CREATE TABLE mail_search_backlog (
     position INTEGER PRIMARY KEY NOT NULL,
     version INTEGER NOT NULL
   ) STRICT;
   INSERT INTO mail_search_backlog (position, version)
     SELECT items.position, items.version FROM items JOIN folders ON folders.id = items.folder_id
     WHERE folders.item_class = 'Email';
   ${queueForSearch('mail_search_queue_insert', 'INSERT')}
   ${queueForSearch('mail_search_queue_update', 'UPDATE OF content')}
   CREATE TRIGGER mail_search_forget AFTER DELETE ON items
   WHEN (SELECT item_class FROM folders WHERE id = old.folder_id) = 'Email'
   BEGIN
     DELETE FROM mail_search WHERE rowid = old.position;
     DELETE FROM mail_search_backlog WHERE position = old.position;
   END;`,
];

export const MAILBOX_SCHEMA_VERSION = MIGRATIONS.length;

export function migrateMailbox(db: Database.Database, file: string): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > MIGRATIONS.length) {
    throw new MailboxSchemaError(`${file} has schema version ${version}, newer than this Pushbridge knows (${MIGRATIONS.length})`);
  }
  MIGRATIONS.slice(version).forEach((sql, index) => {
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${version + index + 1}`);
    }).immediate();
  });
}
