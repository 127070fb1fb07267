// Push latency (BENCHMARKING.md "Push latency"): N devices hold Pings on their Inbox and a mail
// folder of their own; the server process appends a message to one device's folder through the
// embedded store at 1/s, 10/s and 100/s (devices taken in turn). t0 is stamped by the server just
// before the write, t1 by the load generator when the Status 2 answer arrives (one wall clock,
// sub-millisecond). A woken device Syncs its folder and Pings again, as a phone does. A change
// whose Status 2 comes later than LATE_AFTER_MS is late (its latency still counts); one with no
// Status 2 naming the device's folder by DRAIN_MS after the phase is a lost wake-up.
// Run alone: `tsx bench/push-latency.ts [--devices N] [--per-user K] [--seconds S]`.

import type { BenchResult } from './ping-density.js';
import { percentile, type BenchDevice } from './push-fleet.js';
import { wallClockMs } from './push-protocol.js';
import { serverBuildArg, type ServerProcess } from './push-server-process.js';
import { numberArg, withFleet, type FleetBenchOptions } from './push-setup.js';
import type { Figure } from './run.js';

/** BENCHMARKING.md targets. */
export const P50_TARGET_MS = 100;
export const P99_TARGET_MS = 1000;
export const RATES = [1, 10, 100] as const;
const LATE_AFTER_MS = 5000;
const DRAIN_MS = 30_000;
const HEARTBEAT_SECONDS = 3540;

export interface LatencyOptions extends FleetBenchOptions {
  /** Length of each rate's phase. */
  readonly seconds: number;
}

interface Pending {
  t0?: number;
  t1?: number;
  readonly injectedAt: number;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The devices' Ping loops and the matching of each injected change to the wake-up it caused. */
class WakeTracker {
  readonly latencies: number[] = [];
  lost = 0;
  late = 0;
  /** Changes not made because every device still waited for its previous one (the server fell behind). */
  skipped = 0;
  spurious = 0;
  errors = 0;
  stopped = false;
  private readonly pending = new Map<number, Pending>();
  /** Devices syncing after a wake-up: a change now would come with that Sync, and wake nothing. */
  private readonly busy = new Set<number>();

  constructor(private readonly devices: readonly BenchDevice[]) {}

  start(): void {
    this.devices.forEach((device, index) => void this.loop(device, index));
  }

  /** Whether the device waits in a Ping with no change of its own outstanding (not between a wake-up and its next Ping). */
  isIdle(index: number): boolean {
    return !this.pending.has(index) && !this.busy.has(index);
  }

  injected(index: number): Pending {
    const entry: Pending = { injectedAt: performance.now() };
    this.pending.set(index, entry);
    return entry;
  }

  stamped(index: number, entry: Pending, t0: number): void {
    entry.t0 = t0;
    this.settle(index, entry);
  }

  /** Counts injections that never woke their device as lost. */
  giveUp(): void {
    this.lost += this.pending.size;
    this.pending.clear();
  }

  get outstanding(): number {
    return this.pending.size;
  }

  private settle(index: number, entry: Pending): void {
    if (entry.t0 === undefined || entry.t1 === undefined) return;
    this.latencies.push(entry.t1 - entry.t0);
    if (entry.t1 - entry.t0 > LATE_AFTER_MS) this.late += 1;
    this.pending.delete(index);
  }

  private async loop(device: BenchDevice, index: number): Promise<void> {
    let first = true;
    while (!this.stopped) {
      try {
        const ping = device.client.ping(first ? { heartbeatInterval: HEARTBEAT_SECONDS, folders: device.folders } : {});
        // Sent: a change from now on wakes this Ping, or its look for changes before it holds.
        this.busy.delete(index);
        const reply = await ping;
        this.busy.add(index);
        first = false;
        if (reply.status !== 2) {
          this.errors += 1;
          continue;
        }
        const t1 = wallClockMs();
        const entry = this.pending.get(index);
        if (entry === undefined || !reply.folders.includes(device.ownId)) this.spurious += 1;
        else {
          entry.t1 = t1;
          this.settle(index, entry);
        }
        const synced = await device.client.sync(device.ownId);
        if (synced.status !== 1) this.errors += 1;
      } catch {
        if (!this.stopped) this.errors += 1;
        if (!this.stopped) await sleep(100);
      }
    }
  }
}

async function runRate(server: ServerProcess, fleet: readonly BenchDevice[], tracker: WakeTracker, rate: number, seconds: number): Promise<Figure[]> {
  const before = { latencies: tracker.latencies.length, lost: tracker.lost, late: tracker.late, skipped: tracker.skipped, errors: tracker.errors, spurious: tracker.spurious };
  const cpuBefore = server.sample().cpuSeconds;
  await server.stats();
  const started = performance.now();
  const total = rate * seconds;
  let cursor = 0;
  for (let n = 0; n < total; n += 1) {
    const due = started + (n * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    // The next device in turn with no change of its own still waiting to wake it.
    let index = -1;
    for (let tries = 0; tries < fleet.length && index < 0; tries += 1, cursor += 1) {
      if (tracker.isIdle(cursor % fleet.length)) index = cursor % fleet.length;
    }
    const device = fleet[index];
    if (device === undefined) {
      tracker.skipped += 1;
      continue;
    }
    const entry = tracker.injected(index);
    server.inject(device.user, device.deviceId, device.ownId).then((t0) => tracker.stamped(index, entry, t0), () => {
      tracker.errors += 1;
    });
  }
  // Server CPU over the injection period only, not the drain after it.
  const injecting = (performance.now() - started) / 1000;
  const cpuPercent = (100 * (server.sample().cpuSeconds - cpuBefore)) / injecting;
  const deadline = performance.now() + DRAIN_MS;
  while (tracker.outstanding > 0 && performance.now() < deadline) await sleep(50);
  tracker.giveUp();
  const stats = await server.stats();
  const sorted = tracker.latencies.slice(before.latencies).sort((a, b) => a - b);
  const name = (figure: string): string => `push-latency.${rate}-per-s.${figure}`;
  return [
    { name: name('changes'), value: String(total - (tracker.skipped - before.skipped)), unit: 'changes' },
    { name: name('p50'), value: percentile(sorted, 50).toFixed(1), unit: 'ms' },
    { name: name('p95'), value: percentile(sorted, 95).toFixed(1), unit: 'ms' },
    { name: name('p99'), value: percentile(sorted, 99).toFixed(1), unit: 'ms' },
    { name: name('max'), value: (sorted[sorted.length - 1] ?? Number.NaN).toFixed(1), unit: 'ms' },
    { name: name('lost'), value: String(tracker.lost - before.lost), unit: 'wake-ups' },
    { name: name('late'), value: String(tracker.late - before.late), unit: 'wake-ups' },
    { name: name('skipped'), value: String(tracker.skipped - before.skipped), unit: 'changes' },
    { name: name('errors'), value: String(tracker.errors - before.errors + tracker.spurious - before.spurious), unit: 'errors' },
    { name: name('server-cpu'), value: cpuPercent.toFixed(1), unit: '%' },
    { name: name('event-loop-p99'), value: stats.loopP99Ms.toFixed(2), unit: 'ms' },
  ];
}

function missesOf(figures: readonly Figure[]): string[] {
  const value = (name: string): number => Number(figures.find((f) => f.name === name)?.value ?? Number.NaN);
  const misses: string[] = [];
  for (const rate of RATES) {
    const prefix = `push-latency.${rate}-per-s`;
    if (!(value(`${prefix}.p50`) <= P50_TARGET_MS)) misses.push(`${prefix}.p50 ${value(`${prefix}.p50`)} ms > ${P50_TARGET_MS} ms`);
    if (!(value(`${prefix}.p99`) <= P99_TARGET_MS)) misses.push(`${prefix}.p99 ${value(`${prefix}.p99`)} ms > ${P99_TARGET_MS} ms`);
    if (value(`${prefix}.lost`) > 0) misses.push(`${prefix}: ${value(`${prefix}.lost`)} lost wake-ups`);
    if (value(`${prefix}.skipped`) > 0) misses.push(`${prefix}: ${value(`${prefix}.skipped`)} changes skipped, the server fell behind`);
    if (value(`${prefix}.errors`) > 0) misses.push(`${prefix}: ${value(`${prefix}.errors`)} errors`);
  }
  return misses;
}

export async function runPushLatency(options: LatencyOptions): Promise<BenchResult> {
  return withFleet('latency', { ...options, ownFolder: true }, async ({ server, fleet }) => {
    const tracker = new WakeTracker(fleet);
    try {
      tracker.start();
      for (;;) {
        const { held } = await server.stats();
        if (held >= fleet.length) break;
        await sleep(100);
      }
      const figures: Figure[] = [];
      for (const rate of RATES) figures.push(...(await runRate(server, fleet, tracker, rate, options.seconds)));
      return { figures, misses: missesOf(figures) };
    } finally {
      tracker.stopped = true;
    }
  });
}

export async function latencyMain(): Promise<void> {
  const full = process.argv.includes('--full');
  const options = {
    devices: numberArg('devices', 1000), devicesPerUser: numberArg('per-user', 50), seconds: numberArg('seconds', full ? 30 : 5), serverBuild: await serverBuildArg(),
  };
  console.error(`push-latency: ${options.devices} held Pings, ${options.devicesPerUser} devices per user, ${options.seconds} s per rate`);
  const result = await runPushLatency(options);
  for (const f of result.figures) console.log(`${f.name}: ${f.value} ${f.unit}`);
  for (const miss of result.misses) console.error(`target missed: ${miss}`);
  // Held Pings of the killed server leave sockets that would keep this process alive.
  process.exit(0);
}

if (import.meta.url === `file://${process.argv[1]}`) await latencyMain();
