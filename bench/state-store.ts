// State-store benchmark (BENCHMARKING.md "State store"): on a fresh state database in a temp dir,
// opened as the server opens it, with a fleet of devices already there (state-store-data.ts),
// times a SyncKey advance with 100 id-map rows, a Ping registration and a device lookup
// (state-store-ops.ts): ops/s as the median of samples, CPU time per operation beside it, and
// per-operation latency p50/p99/max, with the same for the write each makes (the commit).
// Backends are a list: a PostgreSQL store joins as a second entry and gets the same figures
// under `state.<backend>.`.
//
// `tsx bench/state-store.ts [--full]` runs it alone; `npm run bench` runs the quick mode.

import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { StateStore } from '../src/domain/state-store.js';
import { encodeEasBody } from '../src/eas/wbxml-body.js';
import { openStateStore } from '../src/state/open-state-store.js';
import { seededRandom, syncOf100x2KB } from './documents.js';
import { FULL, QUICK, type MeasureSettings } from './measure.js';
import type { Figure } from './run.js';
import { idGenerator, seedFleet } from './state-store-data.js';
import { deviceLookup, pingRegistration, syncAdvance, WINDOW, type OpsEnv } from './state-store-ops.js';
import { measureOperation, type Latencies, type Operation, type OpTiming } from './state-store-measure.js';

export interface StateBackend {
  readonly name: string;
  open(dataDir: string, clock: () => number): Promise<StateStore>;
}

export const SQLITE_STATE_BACKEND: StateBackend = {
  name: 'sqlite',
  open: (dataDir, clock) => openStateStore({ kind: 'sqlite', dataDir, clock }),
};

export interface StateStoreBenchSettings {
  readonly measure: MeasureSettings;
  /** Devices in the database before the measured operations start (two per user). */
  readonly devices: number;
  readonly backends: readonly StateBackend[];
}

export const QUICK_STATE_STORE: StateStoreBenchSettings = { measure: QUICK, devices: 100, backends: [SQLITE_STATE_BACKEND] };
export const FULL_STATE_STORE: StateStoreBenchSettings = { measure: FULL, devices: 1000, backends: [SQLITE_STATE_BACKEND] };

/** A fixed start, so stored times are the same on every run; only the refresh case moves it. */
const CLOCK_START = Date.UTC(2026, 0, 5, 9, 0, 0);

const round = (value: number, digits: number): string => value.toFixed(digits);

async function directoryBytes(dir: string): Promise<number> {
  let total = 0;
  for (const name of await readdir(dir)) total += (await stat(join(dir, name))).size;
  return total;
}

function latencyFigures(prefix: string, latencies: Latencies): Figure[] {
  return [
    { name: `${prefix}.p50`, value: round(latencies.p50, 3), unit: 'ms' },
    { name: `${prefix}.p99`, value: round(latencies.p99, 3), unit: 'ms' },
    { name: `${prefix}.max`, value: round(latencies.max, 3), unit: 'ms' },
  ];
}

function timingFigures(prefix: string, timing: OpTiming): Figure[] {
  return [
    { name: `${prefix}.ops`, value: round(1 / timing.median, 0), unit: 'ops/s' },
    { name: `${prefix}.ops.spread`, value: `${round(1 / timing.max, 0)}-${round(1 / timing.min, 0)}`, unit: 'ops/s' },
    { name: `${prefix}.cpu`, value: round(timing.cpuMedian * 1e6, 1), unit: 'cpu-us/op' },
    ...latencyFigures(`${prefix}.latency`, timing.latency),
    ...(timing.commit === undefined ? [] : latencyFigures(`${prefix}.commit`, timing.commit)),
  ];
}

async function benchBackend(backend: StateBackend, settings: StateStoreBenchSettings): Promise<Figure[]> {
  const prefix = `state.${backend.name}`;
  const dir = await mkdtemp(join(tmpdir(), 'pushbridge-state-bench-'));
  let now = CLOCK_START;
  const store = await backend.open(dir, () => now);
  try {
    const seedStart = process.hrtime.bigint();
    const fleet = await seedFleet(store, settings.devices, now);
    const seedSeconds = Number(process.hrtime.bigint() - seedStart) / 1e9;
    const figures: Figure[] = [
      { name: `${prefix}.data.devices`, value: String(fleet.devices.length), unit: 'devices' },
      { name: `${prefix}.data.id-map-rows`, value: String(fleet.idMapRows), unit: 'rows' },
      { name: `${prefix}.data.seed`, value: round(seedSeconds, 1), unit: 's' },
      { name: `${prefix}.data.size`, value: round((await directoryBytes(dir)) / 1e6, 1), unit: 'MB' },
    ];
    const env: OpsEnv = {
      store, fleet, reply: encodeEasBody(syncOf100x2KB()), random: seededRandom(11), nextId: idGenerator(13),
      advanceClock: (ms) => { now += ms; },
    };
    figures.push({ name: `${prefix}.sync-advance.reply`, value: round(env.reply.byteLength / 1000, 1), unit: 'KB' });
    // The refresh case moves the clock, which would make every later lookup a write: it runs last.
    const cases: Array<[string, Operation]> = [
      ['sync-advance', syncAdvance(env)],
      ['ping-register', pingRegistration(env, true)],
      ['ping-repeat', pingRegistration(env, false)],
      ['device-lookup', deviceLookup(env, false)],
      ['device-lookup-refresh', deviceLookup(env, true)],
    ];
    for (const [name, operation] of cases) figures.push(...timingFigures(`${prefix}.${name}`, await measureOperation(operation, settings.measure)));
    figures.push({ name: `${prefix}.data.size.after`, value: round((await directoryBytes(dir)) / 1e6, 1), unit: 'MB' });
    return figures;
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
}

export async function runStateStoreBench(settings: StateStoreBenchSettings): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const backend of settings.backends) figures.push(...(await benchBackend(backend, settings)));
  return figures;
}

async function main(): Promise<void> {
  const settings = process.argv.includes('--full') ? FULL_STATE_STORE : QUICK_STATE_STORE;
  const m = settings.measure;
  console.error(`state store: ${settings.devices} devices, windows of ${WINDOW}; ${m.samples} samples of ~${m.sampleMs} ms after ${m.warmupMs} ms warm-up per operation`);
  console.error(`machine: ${cpus().length} x ${cpus()[0]?.model ?? 'unknown CPU'}, node ${process.version}, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  for (const figure of await runStateStoreBench(settings)) console.log(`${figure.name}: ${figure.value} ${figure.unit}`);
  console.error(`load average after: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
