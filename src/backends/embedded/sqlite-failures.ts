// SQLite failures of a mailbox database as the typed StoreErrors the ports promise, so the sync
// engine can tell the client what happened: a database another writer (the admin CLI, a second
// process) holds locked past the busy timeout is "retry" (Sync Status 16), a full disk is "out of
// space" (Sync Status 9). Everything else passes through unchanged.

import { QuotaExceededError, StoreUnavailableError } from '../../domain/errors.js';

// Primary result codes; better-sqlite3 reports extended ones such as SQLITE_BUSY_SNAPSHOT too.
const TRANSIENT = ['SQLITE_BUSY', 'SQLITE_LOCKED'];
const FULL = ['SQLITE_FULL'];

function sqliteCode(error: unknown): string | undefined {
  if (!(error instanceof Error) || !('code' in error) || typeof error.code !== 'string') return undefined;
  return error.code.startsWith('SQLITE_') ? error.code : undefined;
}

const isOf = (code: string, family: readonly string[]): boolean => family.some((primary) => code === primary || code.startsWith(`${primary}_`));

/** The typed error for a SQLite failure, or the error itself when it is not one of those. */
export function translateSqliteFailure(error: unknown): unknown {
  const code = sqliteCode(error);
  if (code === undefined) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (isOf(code, TRANSIENT)) return new StoreUnavailableError(`mailbox database busy: ${message}`, { cause: error });
  if (isOf(code, FULL)) return new QuotaExceededError(`mailbox database full: ${message}`, { cause: error });
  return error;
}

/** Runs a synchronous database operation, rethrowing SQLite failures as StoreErrors. */
export function withSqliteFailures<T>(operation: () => T): T {
  try {
    return operation();
  } catch (error) {
    throw translateSqliteFailure(error);
  }
}
