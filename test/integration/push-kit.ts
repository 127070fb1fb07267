// What the push tests (Ping, push across processes) share: waiting for server state, such as a
// held request's subscription, by polling it rather than sleeping a fixed time.
import assert from 'node:assert/strict';

/** How long server state may take to settle before the test fails: far beyond a loaded machine's delays. */
const SETTLE_MS = 5000;

/** Polls `check` until it holds; fails with `what` after SETTLE_MS. */
export async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + SETTLE_MS;
  while (!check()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
