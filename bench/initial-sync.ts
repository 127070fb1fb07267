// Initial-sync benchmark (BENCHMARKING.md "Initial sync"): deterministic mailboxes of 1,000 and
// 10,000 messages (bench/initial-sync-mailbox.ts) in the embedded store, the server in a child
// process (bench/initial-sync-server.ts), and devices in this process that provision, FolderSync,
// then Sync the Inbox from key 0 with WindowSize 100 and BodyPreference HTML truncated at 4 KB
// until MoreAvailable is gone. One device, and ten at once (ten users, each a copy of the
// mailbox). Figures per case are medians over runs after unmeasured warm-up runs (5,000 messages
// in all), each run with new devices (a full initial sync): messages/s, per-request p50/p99,
// server CPU-seconds per 1,000 messages (from /proc/PID/stat) and the load generator's own, peak
// RSS (VmHWM; the server restarts per case) and event-loop delay p99.

import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedAccountStore } from '../src/backends/embedded/account-store.js';
import { EasClient } from '../src/client/index.js';
import { copyMailbox, seedMailbox } from './initial-sync-mailbox.js';
import { serverNodeFlags } from './push-server-process.js';
import type { Figure } from './run.js';

/** BENCHMARKING.md target for the initial sync. */
export const INITIAL_SYNC_TARGET = 2000;

export interface InitialSyncSettings {
  readonly sizes: readonly number[];
  readonly clients: readonly number[];
  readonly runs: number;
}

export const QUICK_INITIAL_SYNC: InitialSyncSettings = { sizes: [1000], clients: [1, 10], runs: 3 };
export const FULL_INITIAL_SYNC: InitialSyncSettings = { sizes: [1000, 10_000], clients: [1, 10], runs: 5 };

export interface InitialSyncVerdict {
  readonly figure: string;
  readonly messagesPerSecond: number;
}

const PASSWORD = 'bench-password';
const WINDOW = 100;
/** Messages the server syncs before the measured runs: enough for the JIT to settle whatever the case. */
const WARMUP_MESSAGES = 5000;
const userOf = (i: number): string => `bench${i}@example.org`;
const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

interface RunResult {
  readonly seconds: number;
  readonly messages: number;
  readonly latenciesMs: number[];
  readonly cpuSeconds: number;
  /** CPU of this process (the devices) over the run: the load generator shares the machine. */
  readonly clientCpuSeconds: number;
  readonly eventLoopP99: number;
}

function cpuSecondsOf(pid: number): number {
  // /proc/PID/stat: fields 14 and 15 (utime, stime) after the ")" that ends the command name.
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

function peakRssMb(pid: number): number {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match === null ? Number.NaN : Number(match[1]) / 1024;
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

const median = (values: readonly number[]): number => percentile(values, 50);
const round = (value: number, digits: number): string => value.toFixed(digits);

async function startServer(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  // PUSHBRIDGE_BENCH_CPU_PROF=<dir> profiles the server (node --cpu-prof) for the optimisation rounds.
  const profileDir = process.env.PUSHBRIDGE_BENCH_CPU_PROF;
  // The server's own V8 flags (bin/pushbridge.js), so the figures are those of `npm start`.
  const execArgv = [...serverNodeFlags(), '--import', 'tsx', ...(profileDir === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${profileDir}`])];
  const child = fork(join(import.meta.dirname, 'initial-sync-server.ts'), [dataDir], { execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the server exited with ${code}`)));
    child.once('message', (message) => resolve((message as { url: string }).url));
  });
  return { child, url };
}

function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.send('stop');
  });
}

function ask<T>(child: ChildProcess, message: string): Promise<T> {
  return new Promise((resolve) => {
    child.once('message', (reply) => resolve(reply as T));
    child.send(message);
  });
}

/** One device's initial sync; resolves to the messages it received. */
async function syncDevice(url: string, user: string, deviceId: string, latencies: number[]): Promise<number> {
  const client = new EasClient({ baseUrl: url, username: user, password: PASSWORD, deviceId, deviceType: 'iPhone', protocolVersion: '16.1' });
  const folders = await client.folderSync('0');
  const inbox = folders.added.find((f) => f.type === 2);
  if (inbox === undefined) throw new Error('no Inbox in FolderSync');
  const options = { windowSize: WINDOW, bodyPreference: { type: 2, truncationSize: 4096 } };
  await client.sync(inbox.serverId, { syncKey: '0' });
  const seen = new Set<string>();
  for (let round = 0; round < 100_000; round += 1) {
    const started = performance.now();
    const reply = await client.sync(inbox.serverId, options);
    latencies.push(performance.now() - started);
    if (reply.status !== 1) throw new Error(`Sync answered Status ${reply.status}`);
    for (const item of reply.added) seen.add(item.serverId);
    if (!reply.moreAvailable) return seen.size;
  }
  throw new Error('MoreAvailable never cleared');
}

async function runOnce(server: { child: ChildProcess; url: string }, clients: number, size: number, tag: string): Promise<RunResult> {
  const pid = server.child.pid ?? 0;
  await ask(server.child, 'delay');
  const cpuBefore = cpuSecondsOf(pid);
  const clientBefore = process.cpuUsage();
  const latenciesMs: number[] = [];
  const started = performance.now();
  const counts = await Promise.all(Array.from({ length: clients }, (_, i) => syncDevice(server.url, userOf(i), `${tag}d${i}`, latenciesMs)));
  const seconds = (performance.now() - started) / 1000;
  const cpuSeconds = cpuSecondsOf(pid) - cpuBefore;
  const client = process.cpuUsage(clientBefore);
  const { delay } = await ask<{ delay: { p99: number } }>(server.child, 'delay');
  const messages = counts.reduce((a, b) => a + b, 0);
  if (messages !== clients * size) throw new Error(`${tag}: ${messages} messages arrived, ${clients * size} expected`);
  return { seconds, messages, latenciesMs, cpuSeconds, clientCpuSeconds: (client.user + client.system) / 1e6, eventLoopP99: delay.p99 };
}

async function prepareData(size: number, users: number): Promise<string> {
  const dataDir = await mkdtemp(join(tmpdir(), 'pushbridge-initial-sync-'));
  const accounts = EmbeddedAccountStore.open(dataDir);
  try {
    for (let i = 0; i < users; i += 1) await accounts.addUser(userOf(i), PASSWORD, `Bench ${i}`);
  } finally {
    accounts.close();
  }
  const mix = await seedMailbox(dataDir, userOf(0), size);
  console.error(`initial-sync: seeded ${size} messages (${mix.plain} plain, ${mix.html} HTML, ${mix.attachments} with a large attachment; ${round(mix.bytes / 1e6, 1)} MB)`);
  for (let i = 1; i < users; i += 1) copyMailbox(dataDir, userOf(0), userOf(i));
  return dataDir;
}

function figuresOf(prefix: string, runs: readonly RunResult[], rssMb: number): Figure[] {
  const rates = runs.map((r) => r.messages / r.seconds);
  const latencies = runs.flatMap((r) => r.latenciesMs);
  return [
    { name: `${prefix}.messages`, value: round(median(rates), 0), unit: 'messages/s' },
    { name: `${prefix}.messages.spread`, value: `${round(Math.min(...rates), 0)}-${round(Math.max(...rates), 0)}`, unit: 'messages/s' },
    { name: `${prefix}.seconds`, value: round(median(runs.map((r) => r.seconds)), 2), unit: 's' },
    { name: `${prefix}.request.p50`, value: round(percentile(latencies, 50), 1), unit: 'ms' },
    { name: `${prefix}.request.p99`, value: round(percentile(latencies, 99), 1), unit: 'ms' },
    { name: `${prefix}.server.cpu`, value: round(median(runs.map((r) => r.cpuSeconds / (r.messages / 1000))), 3), unit: 'cpu-s/1000 messages' },
    { name: `${prefix}.client.cpu`, value: round(median(runs.map((r) => r.clientCpuSeconds / (r.messages / 1000))), 3), unit: 'cpu-s/1000 messages' },
    { name: `${prefix}.server.rss.peak`, value: round(rssMb, 0), unit: 'MB' },
    { name: `${prefix}.server.eventloop.p99`, value: round(median(runs.map((r) => r.eventLoopP99)), 1), unit: 'ms' },
  ];
}

export async function runInitialSyncBench(settings: InitialSyncSettings, verdicts: InitialSyncVerdict[]): Promise<Figure[]> {
  const figures: Figure[] = [];
  const users = Math.max(...settings.clients);
  for (const size of settings.sizes) {
    const dataDir = await prepareData(size, users);
    try {
      for (const clients of settings.clients) {
        const server = await startServer(dataDir);
        try {
          // Unmeasured syncs first: the figures are the warmed-up server's (JIT), as in service.
          // One device's single sync is too little for V8 to finish optimising: its first measured
          // runs cost 0.6 cpu-s per 1,000 messages against 0.35-0.38 once warm (background
          // compilation counts in the process's CPU), which read as "one device costs more".
          for (let synced = 0, round = 0; synced < WARMUP_MESSAGES; round += 1) {
            synced += (await runOnce(server, clients, size, `s${size}c${clients}warmup${round}`)).messages;
          }
          const runs: RunResult[] = [];
          for (let run = 0; run < settings.runs; run += 1) runs.push(await runOnce(server, clients, size, `s${size}c${clients}r${run}`));
          const prefix = `initial-sync.${size}.${clients}-client${clients === 1 ? '' : 's'}`;
          const caseFigures = figuresOf(prefix, runs, peakRssMb(server.child.pid ?? 0));
          figures.push(...caseFigures);
          verdicts.push({ figure: `${prefix}.messages`, messagesPerSecond: Number(caseFigures[0]?.value) });
        } finally {
          await stopServer(server.child);
        }
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }
  return figures;
}
