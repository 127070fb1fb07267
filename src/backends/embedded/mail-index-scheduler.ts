// Runs the mailbox search index's catch-up (mail-search-index.ts) off the write path: a write only
// names its user here, and a pass a moment later indexes every named user's queued messages in
// batches, yielding to the event loop between batches. An append (a push wake-up) then costs no
// MIME parse, and many appends share one pass's transactions. A search still catches up before
// it runs, so a message written a moment ago is found whether or not its pass has come.

import type { MailSearchIndex } from './mail-search-index.js';

/**
 * Wait between the first write of a burst and its pass: long enough that a burst of deliveries
 * shares a pass, short enough that the queue a search must work off stays small.
 */
export const INDEX_PASS_DELAY_MS = 1000;

/** Messages indexed per step before yielding, so held Pings and other requests are not kept waiting. */
const STEP_SIZE = 25;

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export class MailIndexScheduler {
  private readonly named = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly index: MailSearchIndex,
    private readonly delayMs = INDEX_PASS_DELAY_MS,
  ) {}

  /** The user has messages waiting to be indexed; a pass will come within the delay. */
  schedule(user: string): void {
    if (this.stopped) return;
    this.named.add(user);
    this.arm();
  }

  /** Resolves once no pass is due or running (after close, or for a test that reads the index). */
  async settled(): Promise<void> {
    while (this.running !== undefined || this.timer !== undefined) {
      if (this.timer !== undefined) this.startPass();
      await this.running;
    }
  }

  /** No pass starts after this; resolves when the running one has stopped. */
  async close(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.named.clear();
    await this.running;
  }

  private arm(): void {
    if (this.timer !== undefined || this.running !== undefined) return;
    // Unref'd: a pending pass never keeps the process alive; the next search would index anyway.
    this.timer = setTimeout(() => this.startPass(), this.delayMs).unref();
  }

  private startPass(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    // Users named during the pass wait for the next one, so a steady stream still comes in batches.
    const users = [...this.named];
    this.named.clear();
    this.running = this.pass(users).finally(() => {
      this.running = undefined;
      if (this.named.size > 0 && !this.stopped) this.arm();
    });
  }

  private async pass(users: readonly string[]): Promise<void> {
    for (const user of users) {
      let indexed = STEP_SIZE;
      while (indexed === STEP_SIZE && !this.stopped) {
        try {
          indexed = await this.index.catchUp(user, { limit: STEP_SIZE });
        } catch {
          // The messages stay queued; the next search indexes them, or reports a lasting failure.
          break;
        }
        await nextTurn();
      }
    }
  }
}
