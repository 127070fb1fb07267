// SQLite failures of the state store as the typed error the commands already handle: a state file
// another process (the admin CLI, a second node on the same file) holds locked past the busy
// timeout is the transient StoreUnavailableError, so Sync answers Status 16 and the client resends
// the same request (nothing was committed), instead of the server error a raw SqliteError becomes.
// Every other failure passes through unchanged.

import { StoreUnavailableError } from '../../domain/errors.js';

// Primary result codes; better-sqlite3 reports extended ones such as SQLITE_BUSY_SNAPSHOT too.
const TRANSIENT = ['SQLITE_BUSY', 'SQLITE_LOCKED'];

function isTransient(error: unknown): error is Error & { code: string } {
  if (!(error instanceof Error) || !('code' in error) || typeof error.code !== 'string') return false;
  const { code } = error;
  return TRANSIENT.some((primary) => code === primary || code.startsWith(`${primary}_`));
}

/** StoreUnavailableError for a busy or locked state file, else the error itself. */
export function translateStateFailure(error: unknown): unknown {
  if (!isTransient(error)) return error;
  return new StoreUnavailableError(`state store busy: ${error.message}`, { cause: error });
}

function rethrowTranslated(error: unknown): never {
  throw translateStateFailure(error);
}

type Method = (...args: unknown[]) => unknown;

/**
 * The same store part with every method's failures translated, whether the method throws or its
 * promise rejects. Methods are wrapped once, on first use, so a call costs one extra frame.
 */
export function withStateFailures<T extends object>(part: T): T {
  const wrapped = new Map<PropertyKey, Method>();
  return new Proxy(part, {
    get(target, name, receiver): unknown {
      const value: unknown = Reflect.get(target, name, receiver);
      if (typeof value !== 'function') return value;
      let method = wrapped.get(name);
      if (method === undefined) {
        const original = value as Method;
        method = (...args: unknown[]): unknown => {
          try {
            const result = original.apply(target, args);
            return result instanceof Promise ? result.catch(rethrowTranslated) : result;
          } catch (error) {
            return rethrowTranslated(error);
          }
        };
        wrapped.set(name, method);
      }
      return method;
    },
  });
}
