// What a storage contract suite needs from an implementation under test. Each backend (embedded
// now; Dovecot and Radicale later) provides a factory that builds a fresh, empty instance; the
// suites in this folder then hold every backend to the same behaviour.

import { afterEach, beforeEach } from 'node:test';
import type { MailboxStores } from '../../src/domain/stores.js';

export interface StoreHarness {
  /** The implementation under test; replaced by reopen(). */
  readonly stores: MailboxStores;
  /** A user name no other test of this harness has used. */
  newUser(): string;
  /**
   * Makes every change token handed out so far for this folder too old for the backend to answer,
   * the way time passing beyond the change-log retention (or an IMAP UIDVALIDITY change) would.
   */
  expireChangeTokens(user: string, folderId: string): Promise<void>;
  /** Closes the implementation and opens it again over the same data. */
  reopen(): Promise<void>;
  close(): Promise<void>;
}

export type StoreHarnessFactory = () => Promise<StoreHarness>;

/** Registers hooks giving each test of the enclosing suite a fresh harness; call the result inside a test. */
export function useHarness(factory: StoreHarnessFactory): () => StoreHarness {
  let current: StoreHarness | undefined;
  beforeEach(async () => {
    current = await factory();
  });
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  return () => {
    if (current === undefined) throw new Error('useHarness: no harness outside a test');
    return current;
  };
}
