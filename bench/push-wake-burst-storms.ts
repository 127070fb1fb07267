// The storms of the wake-burst benchmark, each timed until the server holds every device's Ping
// again (its count of held Pings, polled every POLL_MS):
//   rearm     after the burst every woken device Syncs its Inbox and Pings again, all at once, as
//             phones do after a wake-up;
//   reconnect every connection is dropped (the load generator destroys its sockets, so the
//             server sees them close) and every device Pings again on a new connection at once,
//             as phones coming back from a network switch do, with up to MAX_ATTEMPTS tries a
//             second apart.

import { getGlobalDispatcher } from 'undici';
import { installLoopbackDispatcher } from './push-fleet.js';
import { ErrorTally, errorKind, LoopWatch, pollHeld, type PingFleet } from './push-wake-burst-fleet.js';
import { cpuFigures, fig } from './push-wake-burst-phases.js';
import type { Figure } from './run.js';

const REARM_TIMEOUT_MS = 180_000;
const STORM_TIMEOUT_MS = 180_000;
const MAX_ATTEMPTS = 4;
const RETRY_MS = 1000;

/** Fractions of the fleet whose first time held is reported besides all of it: the tail of a storm can be a few slow devices. */
const MILESTONES = [0.5, 0.9, 0.99] as const;

/** When the server's held count first reached each milestone, in ms since the storm started. */
class HeldMilestones {
  private readonly at = new Map<number, number>();

  constructor(private readonly size: number, private readonly started: number) {}

  observe(held: number): void {
    for (const fraction of MILESTONES) {
      if (!this.at.has(fraction) && held >= fraction * this.size) this.at.set(fraction, performance.now() - this.started);
    }
  }

  figures(prefix: string): Figure[] {
    return MILESTONES.map((fraction) => fig(`${prefix}.held-${Math.round(fraction * 100)}pct`, this.at.get(fraction) ?? Number.NaN, 'ms', 0));
  }
}

/** CPU seconds (user + system) of this load-generator process since `before`. */
function ownCpuSince(before: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1e6;
}

interface StormRun {
  readonly milestones: HeldMilestones;
  /** The load generator's own CPU seconds: near one core, it and not the server may be what limits the storm. */
  readonly clientCpu: number;
  readonly errors: ErrorTally;
  readonly loop: LoopWatch;
  readonly cpu: number;
  readonly wallMs: number;
  readonly heldMs: number | undefined;
  readonly held: number;
}

function stormFigures(prefix: string, run: StormRun): Figure[] {
  return [
    ...run.milestones.figures(prefix),
    fig(`${prefix}.all-held`, run.heldMs ?? Number.NaN, 'ms', 0),
    fig(`${prefix}.held`, run.held, 'Pings', 0),
    ...run.errors.figures(prefix),
    // Each poll resets the server's histogram: the worst polling interval's p99, and the maximum.
    fig(`${prefix}.event-loop-p99`, run.loop.p99, 'ms', 2),
    fig(`${prefix}.event-loop-max`, run.loop.max, 'ms', 2),
    ...cpuFigures(prefix, run.cpu, run.wallMs),
    fig(`${prefix}.load-generator-cpu-percent`, (100 * run.clientCpu * 1000) / Math.max(1, run.wallMs), '%'),
  ];
}

/** Every device whose Ping ended Syncs its Inbox and sends an empty Ping, all at once. */
export async function rearm(fleet: PingFleet, prefix: string): Promise<Figure[]> {
  const { server, devices } = fleet;
  const errors = new ErrorTally();
  const loop = new LoopWatch();
  const woken = devices.flatMap((_, index) => (fleet.current[index]?.ended === true ? [index] : []));
  let sent = 0;
  let failed = 0;
  const cpuBefore = server.sample().cpuSeconds;
  const clientBefore = process.cpuUsage();
  const started = performance.now();
  for (const index of woken) {
    const device = devices[index];
    if (device === undefined) continue;
    device.client.sync(device.inboxId).then((reply) => {
      if (reply.status !== 1) errors.add(`sync-status-${reply.status ?? 'none'}`);
      fleet.send(index, false);
      sent += 1;
    }, (error: unknown) => {
      errors.add(`sync-${errorKind(error)}`);
      failed += 1;
    });
  }
  const milestones = new HeldMilestones(devices.length, started);
  // Ended Pings of this round (answered at once instead of held) are counted when the next phase starts.
  const reached = (held: number): boolean => {
    milestones.observe(held);
    return sent + failed === woken.length && held + fleet.endedCount() >= devices.length - failed;
  };
  const wait = await pollHeld(server, started, reached, REARM_TIMEOUT_MS, loop);
  const wallMs = performance.now() - started;
  return stormFigures(prefix, { milestones, clientCpu: ownCpuSince(clientBefore), errors, loop, cpu: server.sample().cpuSeconds - cpuBefore, wallMs, heldMs: wait.ms, held: wait.held });
}

/**
 * Drops every connection and re-Pings on new ones. A Ping answered instead of held, or failed,
 * is an error and is tried again a second later, MAX_ATTEMPTS times in all. The server may
 * still count a dropped Ping whose close it has not read yet, so all-held is only taken once its
 * count has been seen below the fleet's size.
 */
export async function reconnectStorm(fleet: PingFleet, prefix: string): Promise<Figure[]> {
  const { server, devices } = fleet;
  const errors = new ErrorTally();
  fleet.tallyEnded(errors, 'ended-before-drop');
  const loop = new LoopWatch();
  let stopped = false;
  let gaveUp = 0;
  const attempt = (index: number, tries: number): void => {
    if (stopped) return;
    const retry = (kind: string): void => {
      if (stopped) return;
      errors.add(kind);
      if (tries >= MAX_ATTEMPTS) gaveUp += 1;
      else setTimeout(() => attempt(index, tries + 1), RETRY_MS);
    };
    fleet.send(index, true).promise.then((reply) => retry(`answered-status-${reply.status ?? 'none'}`), (error: unknown) => retry(errorKind(error)));
  };
  await server.stats();
  const cpuBefore = server.sample().cpuSeconds;
  const clientBefore = process.cpuUsage();
  const started = performance.now();
  await getGlobalDispatcher().destroy();
  installLoopbackDispatcher();
  devices.forEach((_, index) => attempt(index, 1));
  let dipped = false;
  const milestones = new HeldMilestones(devices.length, started);
  const reached = (held: number): boolean => {
    if (held < devices.length) dipped = true;
    if (dipped) milestones.observe(held);
    return dipped && held >= devices.length - gaveUp;
  };
  const wait = await pollHeld(server, started, reached, STORM_TIMEOUT_MS, loop);
  const wallMs = performance.now() - started;
  stopped = true;
  return stormFigures(prefix, { milestones, clientCpu: ownCpuSince(clientBefore), errors, loop, cpu: server.sample().cpuSeconds - cpuBefore, wallMs, heldMs: wait.ms, held: wait.held });
}
