// Store failures a Sync answers with its own status rather than the server-error 5 (MS-ASCMD
// 2.2.3.177.17): a full store is 9, so the client tells the user instead of retrying in a loop,
// and a transient failure (a locked database, a backend that does not answer) is 16, so the
// client resends the same request. Neither commits a state: the retry finds what was written
// through the Adds' client refs (client-commands.ts), and nothing is reported twice.

import { QuotaExceededError, StoreUnavailableError } from '../domain/errors.js';
import { SyncStatus } from './sync-status.js';

/** The collection Status for a store failure, or undefined for anything else (a bug: Status 5). */
export function statusForStoreFailure(error: unknown): SyncStatus | undefined {
  if (error instanceof QuotaExceededError) return SyncStatus.CannotComplete;
  if (error instanceof StoreUnavailableError) return SyncStatus.Retry;
  return undefined;
}
