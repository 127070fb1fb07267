// The push benchmarks' view of their server process: spawned with the open-files limit raised to
// the hard limit (BENCHMARKING.md: 20,000 per process here), reached over an IPC channel for
// stats and injected changes, and sampled from /proc for RSS and CPU (never from inside, so the
// figures include everything the process holds).

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { ServerReply, ServerRequest, ServerStats } from './push-protocol.js';

const SERVER_SCRIPT = new URL('./push-server.ts', import.meta.url).pathname;
/** The `pushbridge` command; its first line carries the Node flags the server runs with. */
const CLI_ENTRY = new URL('../bin/pushbridge.js', import.meta.url).pathname;
const REPO_ROOT = new URL('..', import.meta.url).pathname;
/** Inside the repository, so the compiled server resolves the installed packages. */
export const SERVER_BUILD_DIR = join(REPO_ROOT, 'node_modules', '.cache', 'pushbridge-bench');
const START_TIMEOUT_MS = 60_000;
/** A storm of 10,000 Syncs queues ~40 s of the server's CPU ahead of a stats request on the same
 *  event loop (BENCHMARKS.md, "Wake bursts and reconnect storms"); a slow answer there is a
 *  figure, not a failure. */
const REQUEST_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 5000;

/** Runs `argv` under bash with `ulimit -n` raised to the hard limit, keeping the IPC channel (fd 3). */
export function spawnWithRaisedFileLimit(argv: readonly string[], ipc: boolean): ChildProcess {
  const script = 'ulimit -n "$(ulimit -Hn)" 2>/dev/null; exec "$@"';
  return spawn('bash', ['-c', script, 'bash', ...argv], { stdio: ipc ? ['ignore', 'inherit', 'inherit', 'ipc'] : ['ignore', 'pipe', 'inherit'] });
}

/**
 * Compiles the server entry and the sources it imports to plain JavaScript (types are not checked:
 * `npm run typecheck` does that), so the measured process runs as `npm start` does, without the
 * tsx loader (which alone adds about 35 MB of RSS and transpiles on the fly).
 */
export async function buildServer(): Promise<string> {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const flags = ['--target', 'ES2022', '--module', 'NodeNext', '--moduleResolution', 'NodeNext', '--types', 'node', '--skipLibCheck', '--esModuleInterop', '--resolveJsonModule', '--noCheck', '--ignoreConfig'];
  const result = spawnSync(process.execPath, [tsc, SERVER_SCRIPT, '--rootDir', REPO_ROOT, '--outDir', SERVER_BUILD_DIR, ...flags], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`compiling the benchmark server failed: ${result.stdout}${result.stderr}`);
  await mkdir(SERVER_BUILD_DIR, { recursive: true });
  await writeFile(join(SERVER_BUILD_DIR, 'package.json'), JSON.stringify({ type: 'module' }));
  return join(SERVER_BUILD_DIR, 'bench', 'push-server.js');
}

/** The server script for a benchmark run: `--server-build <file>` (compiled once by push-benches.ts), `--source` for tsx, else compiled now. */
export async function serverBuildArg(): Promise<string | undefined> {
  const index = process.argv.indexOf('--server-build');
  const given = index < 0 ? undefined : process.argv[index + 1];
  if (given !== undefined) return given;
  return process.argv.includes('--source') ? undefined : buildServer();
}

/** The Node flags `pushbridge serve` (and `npm start`) runs with: those of bin/pushbridge.js's `#!/usr/bin/env -S node ...` line. */
export function serverNodeFlags(): string[] {
  const first = readFileSync(CLI_ENTRY, 'utf8').split('\n', 1)[0] ?? '';
  const match = /^#!\/usr\/bin\/env -S node((?: --\S+)*)\s*$/.exec(first);
  if (match === null) throw new Error(`${CLI_ENTRY}: first line is not "#!/usr/bin/env -S node [flags]": ${first}`);
  return (match[1] ?? '').split(' ').filter((flag) => flag !== '');
}

export interface ProcSample {
  readonly rssMb: number;
  /** User + system CPU seconds since the process started. */
  readonly cpuSeconds: number;
}

const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

export function sampleProc(pid: number): ProcSample {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 'NaN');
  // /proc/PID/stat: the command name (field 2) may hold spaces, so count fields after its ')'.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return { rssMb: rssKb / 1024, cpuSeconds: ticks / CLOCK_TICKS };
}

export class ServerProcess {
  private nextId = 1;
  private readonly waiting = new Map<number, (reply: ServerReply) => void>();

  private constructor(private readonly child: ChildProcess, readonly url: string) {
    child.on('message', (reply: ServerReply) => {
      if (reply.type === 'ready') return;
      this.waiting.get(reply.id)?.(reply);
      this.waiting.delete(reply.id);
    });
  }

  /** `compiled`: the script buildServer() returned; without it the server runs from source under tsx. */
  static async start(dataDir: string, compiled?: string): Promise<ServerProcess> {
    const configFile = join(dataDir, 'bench-config.json');
    await writeFile(configFile, JSON.stringify({ log: { level: 'error' } }));
    const entry = compiled === undefined ? ['--import', 'tsx', SERVER_SCRIPT] : [compiled];
    // The real server's flags, then e.g. PUSH_BENCH_SERVER_FLAGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile it.
    const extra = (process.env.PUSH_BENCH_SERVER_FLAGS ?? '').split(' ').filter((flag) => flag !== '');
    const flags = [...serverNodeFlags(), ...extra];
    const child = spawnWithRaisedFileLimit([process.execPath, ...flags, ...entry, configFile, dataDir], true);
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the benchmark server did not start')), START_TIMEOUT_MS);
      child.once('exit', (code) => reject(new Error(`the benchmark server exited with ${code}`)));
      child.on('message', (reply: ServerReply) => {
        if (reply.type !== 'ready') return;
        clearTimeout(timer);
        resolve(reply.url);
      });
    });
    return new ServerProcess(child, url);
  }

  get pid(): number {
    if (this.child.pid === undefined) throw new Error('server process has no pid');
    return this.child.pid;
  }

  sample(): ProcSample {
    return sampleProc(this.pid);
  }

  async stats(): Promise<ServerStats> {
    const reply = await this.request({ type: 'stats', id: this.nextId++ });
    if (reply.type !== 'stats') throw new Error('unexpected reply to stats');
    return reply;
  }

  /** Appends a message to the device's folder; resolves to t0 (wall-clock ms just before the write). */
  async inject(user: string, deviceId: string, collectionId: string): Promise<number> {
    const reply = await this.request({ type: 'inject', id: this.nextId++, user, deviceId, collectionId });
    if (reply.type !== 'inject') throw new Error('unexpected reply to inject');
    if (reply.error !== undefined) throw new Error(`inject failed: ${reply.error}`);
    return reply.t0;
  }

  /** Ends the process; held Pings of the load generator then fail with a network error, which callers ignore. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill('SIGTERM');
    const forced = setTimeout(() => this.child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(forced);
  }

  private request(message: ServerRequest): Promise<ServerReply> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(message.id);
        reject(new Error(`server did not answer ${message.type}`));
      }, REQUEST_TIMEOUT_MS);
      this.waiting.set(message.id, (reply) => {
        clearTimeout(timer);
        resolve(reply);
      });
      this.child.send(message);
    });
  }
}

/** CPU seconds in one second below which the server counts as settled (two 10 ms ticks). */
const SETTLED_CPU_SECONDS = 0.02;

/**
 * Waits until the server is idle (under SETTLED_CPU_SECONDS of CPU in a second), at most
 * `timeoutMs`, so that what is measured next is not the tail of what came before (the last
 * Pings a burst handed it are still being read when the held count is reached); a server that
 * never settles is measured after the timeout all the same.
 */
export async function settle(server: ServerProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let before = server.sample();
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const now = server.sample();
    if (now.cpuSeconds - before.cpuSeconds < SETTLED_CPU_SECONDS) return;
    before = now;
  }
}
