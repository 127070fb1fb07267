// Timing of asynchronous state-store operations, with the settings of bench/measure.ts (warm-up,
// calibrated samples, the median per operation, CPU time beside wall clock). measure.ts times
// synchronous calls; the StateStore port is async (a PostgreSQL store really waits on the
// network), so each operation is awaited here. Every operation's latency is kept too, and the
// latency of the write it makes (the "commit"), for p50/p99/max. It never forces a GC.

import { elapsedSeconds, median, type MeasureSettings } from './measure.js';
import { percentile } from './push-fleet.js';

/** Handed to each run of an operation, to time the write it makes apart from its reads. */
export interface OpContext {
  commit<T>(write: () => Promise<T>): Promise<T>;
}

export type Operation = (ctx: OpContext) => Promise<unknown>;

export interface Latencies {
  /** Milliseconds. */
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  readonly count: number;
}

export interface OpTiming {
  /** Median wall-clock seconds per operation over the samples. */
  readonly median: number;
  /** Median process CPU seconds (user + system) per operation over the samples. */
  readonly cpuMedian: number;
  /** Fastest and slowest sample, seconds per operation. */
  readonly min: number;
  readonly max: number;
  readonly iterationsPerSample: number;
  /** Each operation of the samples, from call to settled promise. */
  readonly latency: Latencies;
  /** The writes timed through OpContext.commit; undefined when the operation made none. */
  readonly commit: Latencies | undefined;
}

function latencies(values: readonly number[]): Latencies | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] ?? Number.NaN, count: sorted.length };
}

/** Collects latencies in milliseconds while `recording` is set (not during the warm-up). */
class Recorder implements OpContext {
  recording = false;
  readonly ops: number[] = [];
  readonly commits: number[] = [];

  async commit<T>(write: () => Promise<T>): Promise<T> {
    const start = process.hrtime.bigint();
    const result = await write();
    if (this.recording) this.commits.push(elapsedSeconds(start) * 1000);
    return result;
  }

  async run(operation: Operation): Promise<void> {
    const start = process.hrtime.bigint();
    await operation(this);
    if (this.recording) this.ops.push(elapsedSeconds(start) * 1000);
  }
}

export async function measureOperation(operation: Operation, settings: MeasureSettings): Promise<OpTiming> {
  const recorder = new Recorder();
  const warmupStart = process.hrtime.bigint();
  let warmupRuns = 0;
  while (warmupRuns < 3 || elapsedSeconds(warmupStart) * 1000 < settings.warmupMs) {
    await recorder.run(operation);
    warmupRuns += 1;
  }
  const iterations = Math.max(1, Math.ceil(settings.sampleMs / 1000 / (elapsedSeconds(warmupStart) / warmupRuns)));
  const perOp: number[] = [];
  const cpuPerOp: number[] = [];
  recorder.recording = true;
  for (let s = 0; s < settings.samples; s += 1) {
    const cpuStart = process.cpuUsage();
    const start = process.hrtime.bigint();
    for (let i = 0; i < iterations; i += 1) await recorder.run(operation);
    perOp.push(elapsedSeconds(start) / iterations);
    const cpu = process.cpuUsage(cpuStart);
    cpuPerOp.push((cpu.user + cpu.system) / 1e6 / iterations);
  }
  const opLatency = latencies(recorder.ops);
  if (opLatency === undefined) throw new Error('no operation was recorded');
  return {
    median: median(perOp), cpuMedian: median(cpuPerOp), min: Math.min(...perOp), max: Math.max(...perOp),
    iterationsPerSample: iterations, latency: opLatency, commit: latencies(recorder.commits),
  };
}
