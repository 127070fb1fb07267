// A busy or locked state file becomes StoreUnavailableError, from a method that throws or one whose
// promise rejects; every other failure and every result passes through untouched.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { StoreUnavailableError } from '../../domain/errors.js';
import { StateStoreError } from '../../domain/state-store.js';
import { translateStateFailure, withStateFailures } from './sqlite-state-failures.js';

const sqliteError = (code: string): Error => Object.assign(new Error(`failure ${code}`), { code });

describe('translateStateFailure', () => {
  it('makes busy and locked files (and their extended codes) a StoreUnavailableError', () => {
    for (const code of ['SQLITE_BUSY', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_LOCKED', 'SQLITE_LOCKED_SHAREDCACHE']) {
      const translated = translateStateFailure(sqliteError(code));
      assert.ok(translated instanceof StoreUnavailableError, code);
      assert.equal((translated.cause as Error).message, `failure ${code}`);
    }
  });

  it('leaves other errors alone', () => {
    const stale = new StateStoreError('stale-key', 'stale');
    for (const error of [sqliteError('SQLITE_FULL'), sqliteError('SQLITE_BUSYNESS'), stale, new Error('plain'), 'text']) {
      assert.equal(translateStateFailure(error), error);
    }
  });
});

class Part {
  calls = 0;
  constructor(private readonly failure?: unknown) {}

  async asyncMethod(value: number): Promise<number> {
    this.calls += 1;
    if (this.failure !== undefined) throw this.failure;
    return value * 2;
  }

  syncMethod(): string {
    if (this.failure !== undefined) throw this.failure;
    return 'done';
  }
}

describe('withStateFailures', () => {
  it('passes arguments, results and the part itself through', async () => {
    const part = withStateFailures(new Part());
    assert.equal(await part.asyncMethod(21), 42);
    assert.equal(part.syncMethod(), 'done');
    assert.equal(part.calls, 1);
    assert.equal(part.asyncMethod, part.asyncMethod);
  });

  it('translates a rejected promise and a synchronous throw', async () => {
    const part = withStateFailures(new Part(sqliteError('SQLITE_BUSY')));
    await assert.rejects(part.asyncMethod(1), StoreUnavailableError);
    assert.throws(() => part.syncMethod(), StoreUnavailableError);
  });

  it('rethrows other failures as they are', async () => {
    const stale = new StateStoreError('stale-key', 'stale');
    await assert.rejects(withStateFailures(new Part(stale)).asyncMethod(1), (error: unknown) => error === stale);
  });
});
