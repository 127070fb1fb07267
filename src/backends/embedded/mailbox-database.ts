// One open user mailbox database: the better-sqlite3 connection, its statement cache, and the
// per-database facts every store needs (the incarnation "epoch" that tokens carry, the change
// sequence, the hierarchy counter). Opening a new file creates the default folders.

import Database from 'better-sqlite3';
import { migrateMailbox } from './mailbox-schema.js';
import { seedDefaultFolders } from './default-folders.js';
import { newId } from './random-id.js';

export class MailboxDatabase {
  /** Random per file: a token or id from a deleted and re-created mailbox never matches this one. */
  readonly epoch: string;
  /** Wall-clock ms of the last change-log prune, kept in memory only. */
  lastPrunedAt = 0;
  private readonly statements = new Map<string, Database.Statement>();

  private constructor(
    readonly db: Database.Database,
    readonly file: string,
  ) {
    this.epoch = this.metaValue('epoch') ?? '';
  }

  /** Opens (creating and seeding if needed) one mailbox file. */
  static open(file: string, now: number): MailboxDatabase {
    const db = new Database(file);
    try {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      // The admin CLI may write the same mailbox while the server runs.
      db.pragma('busy_timeout = 5000');
      db.pragma('foreign_keys = ON');
      // Thousands of mailboxes may be open at once; keep each page cache small (KiB when negative).
      db.pragma('cache_size = -1024');
      migrateMailbox(db, file);
      db.transaction(() => initialise(db, now)).immediate();
    } catch (error) {
      db.close();
      throw error;
    }
    return new MailboxDatabase(db, file);
  }

  statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (statement === undefined) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /** Highest change-log sequence number ever handed out (0 before the first change). */
  lastSeq(): number {
    const row = this.statement("SELECT seq FROM sqlite_sequence WHERE name = 'change_log'").get() as { seq: number } | undefined;
    return row?.seq ?? 0;
  }

  hierarchyVersion(): number {
    return Number(this.metaValue('hierarchy_version') ?? '0');
  }

  bumpHierarchyVersion(): void {
    this.statement("UPDATE meta SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT) WHERE key = 'hierarchy_version'").run();
  }

  close(): void {
    this.statements.clear();
    if (this.db.open) this.db.close();
  }

  private metaValue(key: string): string | undefined {
    const row = this.statement('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
    return row?.value;
  }
}

function initialise(db: Database.Database, now: number): void {
  const exists = db.prepare("SELECT 1 FROM meta WHERE key = 'epoch'").get();
  if (exists !== undefined) return;
  const insert = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)');
  insert.run('epoch', newId(5));
  insert.run('hierarchy_version', '1');
  insert.run('created_at', String(now));
  seedDefaultFolders(db);
}
