// Timing harness shared by the benchmarks: warm-up, calibrated samples timed with
// process.hrtime.bigint, the median per operation, and a GC-aware probe of bytes allocated per
// operation. It never forces a GC: an allocation sample that a collection ran through is thrown
// away and taken again instead.

import { PerformanceObserver } from 'node:perf_hooks';

export interface MeasureSettings {
  /** Time spent running the operation before any sample. */
  warmupMs: number;
  /** Target length of one sample; the iteration count is calibrated to reach it. */
  sampleMs: number;
  /** Samples taken; the median is reported (BENCHMARKING.md asks for at least 5). */
  samples: number;
}

export const QUICK: MeasureSettings = { warmupMs: 200, sampleMs: 50, samples: 7 };
export const FULL: MeasureSettings = { warmupMs: 2000, sampleMs: 500, samples: 21 };

export interface Timing {
  /** Median wall-clock seconds per operation. */
  median: number;
  /**
   * Median process CPU seconds (user + system, all threads) per operation. On a shared machine
   * wall time also counts the time other processes held the cores; CPU time does not.
   */
  cpuMedian: number;
  /** Fastest and slowest sample, seconds per operation, to show the spread. */
  min: number;
  max: number;
  iterationsPerSample: number;
}

export function elapsedSeconds(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] ?? 0 : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** Times `operation`; its results feed a checksum so the work cannot be optimised away. */
export function measure(operation: () => unknown, settings: MeasureSettings): Timing & { checksum: number } {
  let checksum = 0;
  const consume = (value: unknown): void => {
    checksum = (checksum + (value === undefined ? 0 : 1)) | 0;
  };
  const warmupStart = process.hrtime.bigint();
  let warmupRuns = 0;
  while (warmupRuns < 3 || elapsedSeconds(warmupStart) * 1000 < settings.warmupMs) {
    consume(operation());
    warmupRuns += 1;
  }
  const perOpEstimate = elapsedSeconds(warmupStart) / warmupRuns;
  const iterations = Math.max(1, Math.ceil(settings.sampleMs / 1000 / perOpEstimate));
  const perOp: number[] = [];
  const cpuPerOp: number[] = [];
  for (let s = 0; s < settings.samples; s += 1) {
    const cpuStart = process.cpuUsage();
    const start = process.hrtime.bigint();
    for (let i = 0; i < iterations; i += 1) consume(operation());
    perOp.push(elapsedSeconds(start) / iterations);
    const cpu = process.cpuUsage(cpuStart);
    cpuPerOp.push((cpu.user + cpu.system) / 1e6 / iterations);
  }
  return {
    median: median(perOp), cpuMedian: median(cpuPerOp), min: Math.min(...perOp), max: Math.max(...perOp),
    iterationsPerSample: iterations, checksum,
  };
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Heap plus ArrayBuffer growth across one run of `operation`, in bytes, taken from a run no
 * garbage collection overlapped (observed through perf_hooks 'gc' entries). Undefined when every
 * try was disturbed, which happens for operations that allocate more than the young generation.
 */
export async function allocatedBytes(operation: () => unknown, tries = 15): Promise<number | undefined> {
  const collections: Array<{ start: number; end: number }> = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) collections.push({ start: entry.startTime, end: entry.startTime + entry.duration });
  });
  observer.observe({ entryTypes: ['gc'] });
  try {
    for (let attempt = 0; attempt < tries; attempt += 1) {
      await tick();
      const before = process.memoryUsage();
      const started = performance.now();
      const result = operation();
      const ended = performance.now();
      const after = process.memoryUsage();
      await tick();
      await tick();
      const disturbed = collections.some((gc) => gc.end >= started && gc.start <= ended);
      if (!disturbed && result !== undefined) {
        return Math.max(0, after.heapUsed - before.heapUsed + after.arrayBuffers - before.arrayBuffers);
      }
    }
    return undefined;
  } finally {
    observer.disconnect();
  }
}
