// The wake-burst benchmark's view of its fleet: each device's current Ping (sent, answered or
// failed), the errors tallied by kind, and the server's count of held Pings polled until a target
// is reached. Polling asks the server for stats, which resets its event-loop histogram each time,
// so a phase that polls keeps the worst interval's p99 and the overall maximum (LoopWatch).

import { EasClientError, type PingResult } from '../src/client/index.js';
import type { BenchDevice } from './push-fleet.js';
import type { ServerStats } from './push-protocol.js';
import type { ServerProcess } from './push-server-process.js';
import type { Figure } from './run.js';

export const HEARTBEAT_SECONDS = 3540;
/** Pings sent per batch before waiting for the server to hold them: setting up is not the storm. */
const HOLD_BATCH = 500;
const HOLD_TIMEOUT_MS = 180_000;
export const POLL_MS = 100;

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** One Ping of one device: known to have ended once answered or failed, whoever listens later. */
export class SentPing {
  /** How it ended (`ping-status-2`, `network-ECONNRESET` ...), once it has. */
  outcome: string | undefined;
  readonly promise: Promise<PingResult>;

  constructor(promise: Promise<PingResult>) {
    this.promise = promise;
    // Dropped and killed Pings reject; only the phase that owns a Ping judges its outcome.
    promise.then((reply) => this.end(`ping-status-${reply.status ?? 'none'}`), (error: unknown) => this.end(errorKind(error)));
  }

  get ended(): boolean {
    return this.outcome !== undefined;
  }

  private end(outcome: string): void {
    this.outcome = outcome;
  }
}

/** Errors by kind: `http-503`, `network`, `timeout`, `ping-status-1` ... */
export class ErrorTally {
  private readonly kinds = new Map<string, number>();

  add(kind: string): void {
    this.kinds.set(kind, (this.kinds.get(kind) ?? 0) + 1);
  }

  get total(): number {
    let sum = 0;
    for (const count of this.kinds.values()) sum += count;
    return sum;
  }

  figures(prefix: string): Figure[] {
    const byKind = [...this.kinds].sort(([a], [b]) => a.localeCompare(b));
    return [
      { name: `${prefix}.errors`, value: String(this.total), unit: 'errors' },
      ...byKind.map(([kind, count]) => ({ name: `${prefix}.errors.${kind}`, value: String(count), unit: 'errors' })),
    ];
  }
}

/** The error's kind; a network failure with the code of the socket error under fetch's, e.g. `network-ECONNRESET`. */
export function errorKind(error: unknown): string {
  if (!(error instanceof EasClientError)) return 'other';
  if (error.code === 'http') return `http-${error.httpStatus ?? 'unknown'}`;
  if (error.code !== 'network') return error.code;
  const fetchError = error.cause instanceof Error ? error.cause : undefined;
  const socketError: unknown = fetchError?.cause;
  const code = socketError instanceof Error && 'code' in socketError ? socketError.code : undefined;
  return typeof code === 'string' ? `network-${code}` : 'network';
}

/** Event-loop delay over a phase polled several times: the worst interval's p99 and the maximum. */
export class LoopWatch {
  p99 = 0;
  max = 0;

  add(stats: ServerStats): void {
    this.p99 = Math.max(this.p99, stats.loopP99Ms);
    this.max = Math.max(this.max, stats.loopMaxMs);
  }
}

export interface HeldWait {
  /** Milliseconds from `since` to the reply of the poll that saw the target; undefined on timeout. */
  readonly ms: number | undefined;
  readonly held: number;
}

/**
 * Polls the server's held count until `reached(held)` or `timeoutMs`; every poll's event-loop
 * figures go to `loop`. `since` is a performance.now() time.
 */
export async function pollHeld(server: ServerProcess, since: number, reached: (held: number) => boolean, timeoutMs: number, loop: LoopWatch): Promise<HeldWait> {
  const deadline = since + timeoutMs;
  for (;;) {
    const stats = await server.stats();
    loop.add(stats);
    const { held } = stats;
    if (reached(held)) return { ms: performance.now() - since, held };
    if (performance.now() > deadline) return { ms: undefined, held };
    await sleep(POLL_MS);
  }
}

/** Every device's latest Ping. */
export class PingFleet {
  readonly current: SentPing[] = [];

  constructor(readonly server: ServerProcess, readonly devices: readonly BenchDevice[]) {}

  /** Sends the device's Ping: with its folders and heartbeat (`full`), or empty as iOS does after a wake-up. */
  send(index: number, full: boolean): SentPing {
    const device = this.devices[index] as BenchDevice;
    const sent = new SentPing(device.client.ping(full ? { heartbeatInterval: HEARTBEAT_SECONDS, folders: device.folders } : {}));
    this.current[index] = sent;
    return sent;
  }

  /** Current Pings that have ended: before a phase starts, each is a Ping answered when it should have been held. */
  endedCount(): number {
    return this.current.reduce((sum, sent) => sum + (sent.ended ? 1 : 0), 0);
  }

  /** Counts each current Ping that has ended into `errors` as `<phase>-<outcome>`: it should have been held. */
  tallyEnded(errors: ErrorTally, phase: string): void {
    for (const sent of this.current) if (sent.outcome !== undefined) errors.add(`${phase}-${sent.outcome}`);
  }

  /** Sends every device's Ping in batches, each waited for until the server holds it (as the density benchmark does). */
  async holdAll(): Promise<void> {
    const loop = new LoopWatch();
    for (let start = 0; start < this.devices.length; start += HOLD_BATCH) {
      const end = Math.min(this.devices.length, start + HOLD_BATCH);
      for (let i = start; i < end; i += 1) this.send(i, true);
      const wait = await pollHeld(this.server, performance.now(), (held) => held + this.endedCount() >= end, HOLD_TIMEOUT_MS, loop);
      if (wait.ms === undefined) throw new Error(`only ${wait.held} of ${end} Pings held after ${HOLD_TIMEOUT_MS} ms`);
    }
  }
}
