// Wake bursts and reconnect storms (BENCHMARKING.md "What to measure"): N devices provision,
// FolderSync and hold a Ping each on Inbox and Contacts (as in the density benchmark), against the
// server in its own process. Then, with the server settled between phases:
//   push.wake-burst.<N>.*          one message per user's Inbox, all written at once, wakes every
//                                  held Ping (push-wake-burst-phases.ts);
//   push.wake-burst.<N>.rearm.*    every woken device Syncs and Pings again at once;
//   push.reconnect.<N>.*           every connection dropped and every Ping sent again on a new one
//                                  (push-wake-burst-storms.ts).
// Quick mode: N = 1,000; `--full`: 1,000 then 10,000, each on a fresh server and data directory.
// Run alone: `tsx bench/push-wake-burst.ts [--full] [--devices N] [--per-user K]` from a shell
// with `ulimit -n 20000` (the load generator holds a socket per device).

import { serverBuildArg, settle } from './push-server-process.js';
import { numberArg, withFleet, type FleetBenchOptions } from './push-setup.js';
import { PingFleet } from './push-wake-burst-fleet.js';
import { SETTLE_TIMEOUT_MS, wakeBurst } from './push-wake-burst-phases.js';
import { rearm, reconnectStorm } from './push-wake-burst-storms.js';
import type { BenchResult } from './ping-density.js';
import type { Figure } from './run.js';

export const QUICK_SIZES = [1000] as const;
export const FULL_SIZES = [1000, 10_000] as const;
/** 100 devices share a user (and so an Inbox): one write per user wakes 100 Pings. */
const DEVICES_PER_USER = 100;

/** Figures whose non-zero value means the run went wrong: wake-ups lost, errors, or a storm that never finished. */
function problems(figures: readonly Figure[]): string[] {
  const bad = (f: Figure): boolean =>
    (/\.(lost|errors)$/.test(f.name) && f.value !== '0') || (f.name.endsWith('.all-held') && f.value === 'NaN');
  return figures.filter(bad).map((f) => `${f.name}: ${f.value} ${f.unit}`);
}

export async function runWakeBurst(options: FleetBenchOptions): Promise<BenchResult> {
  const n = options.devices;
  return withFleet('wake-burst', { ...options, ownFolder: false }, async ({ server, fleet }) => {
    const pings = new PingFleet(server, fleet);
    await pings.holdAll();
    await settle(server, SETTLE_TIMEOUT_MS);
    const figures = await wakeBurst(pings, `push.wake-burst.${n}`);
    figures.push(...(await rearm(pings, `push.wake-burst.${n}.rearm`)));
    await settle(server, SETTLE_TIMEOUT_MS);
    figures.push(...(await reconnectStorm(pings, `push.reconnect.${n}`)));
    return { figures, misses: problems(figures) };
  });
}

export async function wakeBurstMain(): Promise<void> {
  const full = process.argv.includes('--full');
  const given = numberArg('devices', 0);
  const sizes = given > 0 ? [given] : full ? FULL_SIZES : QUICK_SIZES;
  const devicesPerUser = numberArg('per-user', DEVICES_PER_USER);
  const serverBuild = await serverBuildArg();
  for (const devices of sizes) {
    console.error(`push-wake-burst: ${devices} held Pings, ${devicesPerUser} devices per user`);
    const result = await runWakeBurst({ devices, devicesPerUser, ...(serverBuild === undefined ? {} : { serverBuild }) });
    for (const f of result.figures) console.log(`${f.name}: ${f.value} ${f.unit}`);
    for (const problem of result.misses) console.error(`problem: ${problem}`);
  }
  // Held Pings of the killed server leave sockets that would keep this process alive.
  process.exit(0);
}

if (import.meta.url === `file://${process.argv[1]}`) await wakeBurstMain();
