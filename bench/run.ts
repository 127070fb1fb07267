// `npm run bench`: runs every benchmark and prints one line per figure as `name: value unit`
// (BENCHMARKING.md). Quick mode by default (seconds, fit for a CI smoke run); `-- --full` takes
// longer samples for the figures recorded in BENCHMARKS.md. Targets missed are listed on stderr.

import { cpus, loadavg } from 'node:os';
import { FULL, QUICK } from './measure.js';
import { FULL_INITIAL_SYNC, INITIAL_SYNC_TARGET, QUICK_INITIAL_SYNC, runInitialSyncBench, type InitialSyncVerdict } from './initial-sync.js';
import { runPushBenches } from './push-benches.js';
import { FULL_STATE_STORE, QUICK_STATE_STORE, runStateStoreBench } from './state-store.js';
import { runCodecBench, type CodecVerdict } from './wbxml-codec.js';

export interface Figure {
  name: string;
  value: string;
  unit: string;
}

async function main(): Promise<void> {
  const full = process.argv.includes('--full');
  const settings = full ? FULL : QUICK;
  // Context on stderr, so stdout holds only `name: value unit` lines.
  console.error(`mode: ${full ? 'full' : 'quick'} (${settings.samples} samples of ~${settings.sampleMs} ms after ${settings.warmupMs} ms warm-up; median)`);
  console.error(`machine: ${cpus().length} x ${cpus()[0]?.model ?? 'unknown CPU'}, node ${process.version}, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  const verdicts: CodecVerdict[] = [];
  for (const figure of await runCodecBench(settings, verdicts)) console.log(`${figure.name}: ${figure.value} ${figure.unit}`);
  const missed = verdicts.filter((v) => v.mbps < v.target);
  for (const miss of missed) console.error(`target missed: ${miss.figure} ${miss.mbps.toFixed(1)} MB/s < ${miss.target} MB/s`);
  if (missed.length === 0) console.error(`all ${verdicts.length} codec throughput targets met`);
  // Held-Ping density, push latency, wake bursts and reconnect storms, each in processes of its own (their misses go to stderr).
  for (const figure of await runPushBenches(full)) console.log(`${figure.name}: ${figure.value} ${figure.unit}`);
  // Initial sync: 1,000 messages in quick mode, 1,000 and 10,000 in full mode; one device and ten.
  const syncVerdicts: InitialSyncVerdict[] = [];
  for (const figure of await runInitialSyncBench(full ? FULL_INITIAL_SYNC : QUICK_INITIAL_SYNC, syncVerdicts)) console.log(`${figure.name}: ${figure.value} ${figure.unit}`);
  for (const miss of syncVerdicts.filter((v) => v.messagesPerSecond < INITIAL_SYNC_TARGET)) {
    console.error(`target missed: ${miss.figure} ${miss.messagesPerSecond} messages/s < ${INITIAL_SYNC_TARGET} messages/s`);
  }
  // State store: SyncKey advance, Ping registration and device lookup on a fresh SQLite state file (100 devices quick, 1,000 full).
  for (const figure of await runStateStoreBench(full ? FULL_STATE_STORE : QUICK_STATE_STORE)) console.log(`${figure.name}: ${figure.value} ${figure.unit}`);
}

await main();
