// SQLite failures become the typed StoreErrors the Sync engine answers with 16 and 9; anything
// else passes through untouched.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { QuotaExceededError, StoreUnavailableError } from '../../domain/errors.js';
import { translateSqliteFailure, withSqliteFailures } from './sqlite-failures.js';

const sqliteError = (code: string): Error => Object.assign(new Error(`failure ${code}`), { code });

describe('translateSqliteFailure', () => {
  it('makes busy and locked databases (and their extended codes) a StoreUnavailableError', () => {
    for (const code of ['SQLITE_BUSY', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_LOCKED', 'SQLITE_LOCKED_SHAREDCACHE']) {
      const translated = translateSqliteFailure(sqliteError(code));
      assert.ok(translated instanceof StoreUnavailableError, code);
      assert.equal((translated.cause as Error).message, `failure ${code}`);
    }
  });

  it('makes a full database a QuotaExceededError', () => {
    assert.ok(translateSqliteFailure(sqliteError('SQLITE_FULL')) instanceof QuotaExceededError);
  });

  it('leaves other errors alone', () => {
    for (const error of [sqliteError('SQLITE_CONSTRAINT_UNIQUE'), sqliteError('SQLITE_BUSYNESS'), new Error('plain'), 'text']) {
      assert.equal(translateSqliteFailure(error), error);
    }
  });

  it('rethrows translated from a synchronous operation', () => {
    assert.throws(() => withSqliteFailures(() => { throw sqliteError('SQLITE_BUSY'); }), StoreUnavailableError);
    assert.equal(withSqliteFailures(() => 42), 42);
  });
});
