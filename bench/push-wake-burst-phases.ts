// The wake burst of the wake-burst benchmark, on a fleet whose Pings are all held: one new message
// in each user's Inbox, all written at once, wakes every held Ping. t0 = the server's wall clock
// just before the first write, t1 = each Status 2 answer at the load generator; a Ping with no
// answer after BURST_WAIT_MS is a lost wake-up. The storms after it are push-wake-burst-storms.ts.

import type { PingResult } from '../src/client/index.js';
import { percentile, type BenchDevice } from './push-fleet.js';
import { wallClockMs } from './push-protocol.js';
import { ErrorTally, errorKind, type PingFleet } from './push-wake-burst-fleet.js';
import type { Figure } from './run.js';

const BURST_WAIT_MS = 60_000;
/** Longest wait for the server to go idle before a phase. */
export const SETTLE_TIMEOUT_MS = 30_000;

export const fig = (name: string, value: number, unit: string, digits = 1): Figure => ({ name, value: value.toFixed(digits), unit });

/** Server CPU seconds over a phase, and percent of one core over its wall-clock milliseconds. */
export function cpuFigures(prefix: string, cpu: number, wallMs: number): Figure[] {
  return [fig(`${prefix}.server-cpu`, cpu, 'cpu-s', 2), fig(`${prefix}.server-cpu-percent`, (100 * cpu * 1000) / Math.max(1, wallMs), '%')];
}

/** The first device of each user: the burst writes once to each user's Inbox through it. */
function writers(devices: readonly BenchDevice[]): BenchDevice[] {
  const firsts = new Map<string, BenchDevice>();
  for (const device of devices) if (!firsts.has(device.user)) firsts.set(device.user, device);
  return [...firsts.values()];
}

interface Answers {
  /** Pings held when the change was made: each should answer. */
  readonly expected: number;
  readonly t1: Array<number | undefined>;
  readonly errors: ErrorTally;
  /** Resolves once every watched Ping ended, or after BURST_WAIT_MS; to the number that ended. */
  readonly done: Promise<number>;
}

/** Stamps each held Ping's answer; a Ping that ended before the change is an error, not a wake-up. */
function watchAnswers(fleet: PingFleet): Answers {
  const errors = new ErrorTally();
  const t1 = new Array<number | undefined>(fleet.devices.length);
  let expected = 0;
  let ended = 0;
  let finish: (count: number) => void = () => undefined;
  const done = new Promise<number>((resolve) => {
    finish = resolve;
  });
  const onEnd = (): void => {
    ended += 1;
    if (ended === expected) finish(ended);
  };
  fleet.devices.forEach((device, index) => {
    const sent = fleet.current[index];
    if (sent === undefined) return errors.add('no-ping');
    if (sent.outcome !== undefined) return errors.add(`ended-before-change-${sent.outcome}`);
    expected += 1;
    const answered = (reply: PingResult): void => {
      if (reply.status !== 2) errors.add(`ping-status-${reply.status ?? 'none'}`);
      else if (!reply.folders.includes(device.inboxId)) errors.add('wrong-folder');
      else t1[index] = wallClockMs();
      onEnd();
    };
    sent.promise.then(answered, (error: unknown) => {
      errors.add(errorKind(error));
      onEnd();
    });
  });
  if (expected === 0) finish(0);
  setTimeout(() => finish(ended), BURST_WAIT_MS).unref();
  return { expected, t1, errors, done };
}

/** The wake burst; leaves every answered device's Ping ended, to be re-armed. */
export async function wakeBurst(fleet: PingFleet, prefix: string): Promise<Figure[]> {
  const { server, devices } = fleet;
  const answers = watchAnswers(fleet);
  const { held } = await server.stats();
  const cpuBefore = server.sample().cpuSeconds;
  const clientBefore = process.cpuUsage();
  const started = performance.now();
  const targets = writers(devices);
  const t0 = Math.min(...(await Promise.all(targets.map((d) => server.inject(d.user, d.deviceId, d.inboxId)))));
  const ended = await answers.done;
  const wallMs = performance.now() - started;
  const cpu = server.sample().cpuSeconds - cpuBefore;
  const client = process.cpuUsage(clientBefore);
  const stats = await server.stats();
  const times = answers.t1.flatMap((t) => (t === undefined ? [] : [t - t0])).sort((a, b) => a - b);
  return [
    fig(`${prefix}.held`, held, 'Pings', 0),
    fig(`${prefix}.writes`, targets.length, 'messages', 0),
    fig(`${prefix}.first`, times[0] ?? Number.NaN, 'ms'),
    fig(`${prefix}.p50`, percentile(times, 50), 'ms'),
    fig(`${prefix}.p99`, percentile(times, 99), 'ms'),
    fig(`${prefix}.last`, times[times.length - 1] ?? Number.NaN, 'ms'),
    fig(`${prefix}.answered`, times.length, 'Pings', 0),
    fig(`${prefix}.lost`, answers.expected - ended, 'wake-ups', 0),
    ...answers.errors.figures(prefix),
    fig(`${prefix}.event-loop-p99`, stats.loopP99Ms, 'ms', 2),
    fig(`${prefix}.event-loop-max`, stats.loopMaxMs, 'ms', 2),
    ...cpuFigures(prefix, cpu, wallMs),
    // Near 100 %, the load generator's reading of the answers (not the server) sets the later t1s.
    fig(`${prefix}.load-generator-cpu-percent`, (100 * (client.user + client.system)) / 1000 / Math.max(1, wallMs), '%'),
  ];
}
