// Embedded user accounts: a small SQLite file (<dataDir>/accounts.sqlite) of e-mail addresses
// and scrypt password hashes, for deployments without IMAP or LDAP logins. It implements the
// Authenticator port; the admin CLI manages the users.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { AuthenticatedUser, Authenticator } from '../../domain/authenticator.js';
import type { AccountDirectory } from '../../domain/mail-submission.js';
import { DEFAULT_SCRYPT_PARAMS, hashPassword, needsRehash, spendVerificationTime, verifyPassword, type ScryptParams } from './password-hash.js';
import { VerifiedLoginCache } from './verified-login-cache.js';

export type AccountErrorCode = 'invalid-address' | 'invalid-password' | 'duplicate-user' | 'unknown-user' | 'newer-schema' | 'storage-unavailable';

export class AccountError extends Error {
  readonly code: AccountErrorCode;

  constructor(code: AccountErrorCode, message: string) {
    super(message);
    this.name = 'AccountError';
    this.code = code;
  }
}

export interface AccountSummary {
  readonly address: string;
  readonly displayName?: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface AccountStoreOptions {
  /** Cost for new hashes; older, weaker hashes are redone on the next successful login. */
  readonly scrypt?: ScryptParams;
}

interface UserRow {
  address: string;
  display_name: string | null;
  password_hash: string;
  created_at: number;
  updated_at: number;
}

// Schema version N is reached by running MIGRATIONS[N-1]; the file's user_version records N.
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE users (
     address TEXT PRIMARY KEY NOT NULL,
     display_name TEXT,
     password_hash TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     updated_at INTEGER NOT NULL
   ) STRICT`,
];

const MAX_PASSWORD_CHARS = 1024;
const MAX_CACHED_LOGINS = 10_000;
const LOCAL_PART = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const DOMAIN_LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/** Lower-cases and checks an e-mail address (RFC 5321 lengths, dot-atom local part, LDH domain). */
export function normalizeAddress(address: string): string {
  const lower = address.toLowerCase();
  const at = lower.lastIndexOf('@');
  const local = lower.slice(0, at);
  const domain = lower.slice(at + 1);
  const valid =
    at > 0 && lower.length <= 254 && local.length <= 64 && LOCAL_PART.test(local) && domain.split('.').every((label) => DOMAIN_LABEL.test(label));
  if (!valid) throw new AccountError('invalid-address', `not a valid e-mail address: ${JSON.stringify(address)}`);
  return lower;
}

function checkPassword(password: string): void {
  if (password.length === 0) throw new AccountError('invalid-password', 'the password must not be empty');
  if (password.length > MAX_PASSWORD_CHARS) throw new AccountError('invalid-password', `the password must be at most ${MAX_PASSWORD_CHARS} characters`);
}

function toSummary(row: UserRow): AccountSummary {
  return {
    address: row.address,
    ...(row.display_name === null ? {} : { displayName: row.display_name }),
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}

function migrate(db: Database.Database, file: string): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > MIGRATIONS.length) {
    throw new AccountError('newer-schema', `${file} has schema version ${version}, newer than this Pushbridge knows (${MIGRATIONS.length})`);
  }
  MIGRATIONS.slice(version).forEach((sql, index) => {
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${version + index + 1}`);
    }).immediate();
  });
}

export class EmbeddedAccountStore implements Authenticator, AccountDirectory {
  static readonly FILE_NAME = 'accounts.sqlite';

  private readonly verified = new VerifiedLoginCache(MAX_CACHED_LOGINS);
  // Prepared once: authenticate runs for every request.
  private readonly sql;

  private constructor(
    private readonly db: Database.Database,
    private readonly scryptParams: ScryptParams,
  ) {
    this.sql = {
      find: db.prepare<[string], UserRow>('SELECT * FROM users WHERE address = ?'),
      list: db.prepare<[], UserRow>('SELECT * FROM users ORDER BY address'),
      insert: db.prepare('INSERT INTO users (address, display_name, password_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?)'),
      setHash: db.prepare('UPDATE users SET password_hash = ?, updated_at = ? WHERE address = ?'),
      rehash: db.prepare('UPDATE users SET password_hash = ? WHERE address = ? AND password_hash = ?'),
      remove: db.prepare('DELETE FROM users WHERE address = ?'),
    };
  }

  /** Opens (creating if needed) <dataDir>/accounts.sqlite and brings its schema up to date. */
  static open(dataDir: string, options: AccountStoreOptions = {}): EmbeddedAccountStore {
    const file = join(dataDir, EmbeddedAccountStore.FILE_NAME);
    let db: Database.Database;
    try {
      mkdirSync(dataDir, { recursive: true });
      db = new Database(file);
    } catch (error) {
      throw new AccountError('storage-unavailable', `cannot open ${file}: ${storageProblem(error)}`);
    }
    try {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      // The CLI may add a user while the server runs; wait for its write instead of failing.
      db.pragma('busy_timeout = 5000');
      migrate(db, file);
    } catch (error) {
      db.close();
      throw error;
    }
    return new EmbeddedAccountStore(db, options.scrypt ?? DEFAULT_SCRYPT_PARAMS);
  }

  async addUser(address: string, password: string, displayName?: string): Promise<AccountSummary> {
    const normalized = normalizeAddress(address);
    checkPassword(password);
    if (this.findRow(normalized) !== undefined) throw duplicateUser(normalized);
    const hash = await hashPassword(password, this.scryptParams);
    const now = Date.now();
    const name = displayName === undefined || displayName.trim() === '' ? null : displayName.trim();
    try {
      this.sql.insert.run(normalized, name, hash, now, now);
    } catch (error) {
      // Another process may have added the same user while we were hashing.
      if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY') throw duplicateUser(normalized);
      throw error;
    }
    return toSummary({ address: normalized, display_name: name, password_hash: hash, created_at: now, updated_at: now });
  }

  listUsers(): AccountSummary[] {
    return this.sql.list.all().map(toSummary);
  }

  getUser(address: string): AccountSummary | undefined {
    const row = this.findRow(normalizeAddress(address));
    return row === undefined ? undefined : toSummary(row);
  }

  async setPassword(address: string, password: string): Promise<void> {
    const normalized = normalizeAddress(address);
    checkPassword(password);
    if (this.findRow(normalized) === undefined) throw unknownUser(normalized);
    const hash = await hashPassword(password, this.scryptParams);
    const result = this.sql.setHash.run(hash, Date.now(), normalized);
    if (result.changes === 0) throw unknownUser(normalized);
    this.verified.forget(normalized);
  }

  removeUser(address: string): void {
    const normalized = normalizeAddress(address);
    const result = this.sql.remove.run(normalized);
    if (result.changes === 0) throw unknownUser(normalized);
    this.verified.forget(normalized);
  }

  async authenticate(username: string, password: string): Promise<AuthenticatedUser | null> {
    let address: string;
    try {
      address = normalizeAddress(username);
    } catch {
      // No account can have this name, and saying so quickly tells nothing about real accounts.
      return null;
    }
    const row = password.length > MAX_PASSWORD_CHARS ? undefined : this.findRow(address);
    if (row === undefined) {
      await spendVerificationTime(password, this.scryptParams);
      return null;
    }
    if (this.verified.matches(address, row.password_hash, password)) return toAuthenticatedUser(row);
    if (!(await verifyPassword(password, row.password_hash))) return null;
    const storedHash = needsRehash(row.password_hash, this.scryptParams) ? await this.rehash(row, password) : row.password_hash;
    this.verified.remember(address, storedHash, password);
    return toAuthenticatedUser(row);
  }

  /** The account whose mailbox receives mail for `address` (accounts are their own address). */
  async localUserFor(address: string): Promise<string | undefined> {
    let normalized: string;
    try {
      normalized = normalizeAddress(address.trim());
    } catch {
      return undefined;
    }
    return this.findRow(normalized)?.address;
  }

  close(): void {
    this.verified.clear();
    if (this.db.open) this.db.close();
  }

  private findRow(address: string): UserRow | undefined {
    return this.sql.find.get(address);
  }

  private async rehash(row: UserRow, password: string): Promise<string> {
    const hash = await hashPassword(password, this.scryptParams);
    // Only replace the hash we verified: a concurrent password change wins.
    const result = this.sql.rehash.run(hash, row.address, row.password_hash);
    return result.changes === 0 ? row.password_hash : hash;
  }
}

function toAuthenticatedUser(row: UserRow): AuthenticatedUser {
  return { username: row.address, email: row.address, ...(row.display_name === null ? {} : { displayName: row.display_name }) };
}

const STORAGE_PROBLEMS: Record<string, string> = {
  EEXIST: 'the data directory path exists but is not a directory',
  ENOTDIR: 'the data directory path exists but is not a directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
};

function storageProblem(error: unknown): string {
  const code = (error as { code?: string }).code ?? '';
  return STORAGE_PROBLEMS[code] ?? (error instanceof Error ? error.message : String(error));
}

function duplicateUser(address: string): AccountError {
  return new AccountError('duplicate-user', `user ${address} already exists`);
}

function unknownUser(address: string): AccountError {
  return new AccountError('unknown-user', `no such user: ${address}`);
}
