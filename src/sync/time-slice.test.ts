// TimeSlice lets other work run only once its slice is used up: with a slice nothing can use up,
// a loop of pauses keeps the event loop to itself; with an empty slice, every pause is a turn.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TimeSlice } from './time-slice.js';

async function turnsTakenDuring(slice: TimeSlice, pauses: number): Promise<number> {
  let turns = 0;
  let running = true;
  const tick = (): void => {
    if (!running) return;
    turns += 1;
    setImmediate(tick);
  };
  setImmediate(tick);
  for (let i = 0; i < pauses; i += 1) await slice.pause();
  running = false;
  return turns;
}

describe('TimeSlice', () => {
  it('does not yield while the slice lasts', async () => {
    assert.equal(await turnsTakenDuring(new TimeSlice(Number.POSITIVE_INFINITY), 50), 0);
  });

  it('yields at every pause once the slice is used up', async () => {
    assert.ok((await turnsTakenDuring(new TimeSlice(0), 50)) >= 49);
  });
});
