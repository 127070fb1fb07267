// Runs the initial-sync benchmark alone (bench/initial-sync.ts), for the A/B rounds of its
// optimisation: `tsx bench/initial-sync-run.ts [--full] [--sizes 1000,10000] [--clients 1,10]
// [--runs N]`. Prints one `name: value unit` line per figure, like `npm run bench`.

import { cpus, loadavg } from 'node:os';
import { FULL_INITIAL_SYNC, QUICK_INITIAL_SYNC, runInitialSyncBench, type InitialSyncSettings, type InitialSyncVerdict } from './initial-sync.js';

function listArg(name: string): number[] | undefined {
  const index = process.argv.indexOf(name);
  const value = index < 0 ? undefined : process.argv[index + 1];
  return value === undefined ? undefined : value.split(',').map(Number).filter((n) => Number.isSafeInteger(n) && n > 0);
}

const base = process.argv.includes('--full') ? FULL_INITIAL_SYNC : QUICK_INITIAL_SYNC;
const settings: InitialSyncSettings = {
  sizes: listArg('--sizes') ?? base.sizes,
  clients: listArg('--clients') ?? base.clients,
  runs: listArg('--runs')?.[0] ?? base.runs,
};
console.error(`machine: ${cpus().length} x ${cpus()[0]?.model ?? 'unknown CPU'}, node ${process.version}, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
const verdicts: InitialSyncVerdict[] = [];
for (const figure of await runInitialSyncBench(settings, verdicts)) console.log(`${figure.name}: ${figure.value} ${figure.unit}`);
console.error(`load average after: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
