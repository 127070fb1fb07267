// Cooperative yielding for the engine's long synchronous stretches. A Sync window is a hundred
// conversions of about 0.2 ms each, all synchronous (the direct MIME reader): run back to back,
// ten concurrent windows would hold every other request (held Pings among them) for hundreds of
// milliseconds. A turn of the event loop per item cost a tenth of the conversions it separated,
// so the engine yields once a slice of a few milliseconds has passed instead.

import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * How long the engine works before letting other requests run. Ten concurrent windows take a
 * slice each per loop turn, so a turn stays near 10 ms, below the engine's other synchronous
 * steps (a window's reply encoding and commit); 2 ms doubled the event-loop delay p99 of ten
 * devices in the initial-sync bench. A turn every five or so conversions instead of one each.
 */
export const SLICE_MS = 1;

/** One request's clock since it last yielded; per run, never shared. */
export class TimeSlice {
  private started = performance.now();

  constructor(private readonly sliceMs: number = SLICE_MS) {}

  /** Yields to the event loop when this slice is used up. */
  async pause(): Promise<void> {
    if (performance.now() - this.started < this.sliceMs) return;
    await nextTurn();
    this.started = performance.now();
  }
}
