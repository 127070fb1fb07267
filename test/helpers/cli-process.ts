// The `pushbridge` command as an operator runs it: a separate process (src/cli.ts through tsx,
// from the repository root) with nothing of the test runner's environment but PATH, so no
// PUSHBRIDGE_* variable of the machine leaks in. For the spawned-CLI integration tests.
import assert from 'node:assert/strict';
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';

const ROOT = new URL('../../', import.meta.url);

/** A line of a JavaScript stack trace: an operator must never see one. */
export const STACK_LINE = /^\s+at .+:\d+/m;

export interface CliProcessResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliProcessOptions {
  /** Variables besides PATH. */
  readonly env?: NodeJS.ProcessEnv;
}

/** Starts `pushbridge <args>` with piped streams; the caller reads and ends them. */
export function spawnPushbridge(args: readonly string[], options: CliProcessOptions = {}): ChildProcessByStdio<Writable, Readable, Readable> {
  return spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, ...options.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}

/** Runs `pushbridge <args>` to its end with `input` (else nothing) on stdin. */
export function runPushbridge(args: readonly string[], input = '', options: CliProcessOptions = {}): Promise<CliProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawnPushbridge(args, options);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

/** The exit code, one readable complaint on stderr, and no stack trace. */
export function assertReadableFailure(result: CliProcessResult, code: number, pattern: RegExp): void {
  assert.equal(result.code, code, `exit code; stderr: ${result.stderr}`);
  assert.match(result.stderr, pattern);
  assert.doesNotMatch(result.stderr, STACK_LINE, 'no stack trace');
}
