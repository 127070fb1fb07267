// The frame both push benchmarks run in: a fresh data directory with seeded accounts, the server in
// its own process, the load generator's connections spread over the loopback sources, the fleet set
// up (timed by the wall clock and by the server's CPU), then the benchmark itself; the server is
// stopped and the directory removed whatever happens. Also the command-line options they share.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installLoopbackDispatcher, seedAccounts, setUpFleet, type BenchDevice } from './push-fleet.js';
import { ServerProcess } from './push-server-process.js';

export interface FleetBenchOptions {
  readonly devices: number;
  readonly devicesPerUser: number;
  /** A server compiled by buildServer(); from source under tsx when absent. */
  readonly serverBuild?: string;
}

export interface FleetSetup {
  readonly server: ServerProcess;
  readonly fleet: readonly BenchDevice[];
  /** Wall-clock seconds the fleet took to set up. */
  readonly seconds: number;
  /** Server CPU seconds (user + system, from /proc) the setup cost. */
  readonly cpuSeconds: number;
}

/** Sets up `options.devices` devices (see setUpFleet for `ownFolder`) and runs `bench` against them. */
export async function withFleet<T>(
  name: string,
  options: FleetBenchOptions & { readonly ownFolder: boolean },
  bench: (setup: FleetSetup) => Promise<T>,
): Promise<T> {
  const dataDir = await mkdtemp(join(tmpdir(), `pushbridge-${name}-`));
  try {
    const accounts = await seedAccounts(dataDir, Math.ceil(options.devices / options.devicesPerUser));
    const server = await ServerProcess.start(dataDir, options.serverBuild);
    try {
      installLoopbackDispatcher();
      const started = performance.now();
      const cpuBefore = server.sample().cpuSeconds;
      const fleet = await setUpFleet(server.url, accounts, { count: options.devices, perUser: options.devicesPerUser, ownFolder: options.ownFolder });
      const seconds = (performance.now() - started) / 1000;
      return await bench({ server, fleet, seconds, cpuSeconds: server.sample().cpuSeconds - cpuBefore });
    } finally {
      await server.stop();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** `--name N` from the command line: a positive number, else `fallback`. */
export function numberArg(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index < 0 ? undefined : Number(process.argv[index + 1]);
  return value === undefined || !Number.isFinite(value) || value <= 0 ? fallback : value;
}
