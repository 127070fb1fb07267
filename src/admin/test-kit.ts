// Test support for the admin CLI: runs the `pushbridge` program in-process with captured output,
// the way the unit tests here and the integration tests (settings, app) drive it. Not used by the
// running program.
import { Readable, Writable } from 'node:stream';
import type { CliIo } from './cli-io.js';
import { runProgram, type CliHandlers } from './program.js';

export interface CliOutcome {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliRunOptions {
  /** The working directory the program sees. */
  readonly cwd: string;
  /** Piped stdin, as one chunk; none means an empty, non-TTY stdin. */
  readonly input?: string | Uint8Array;
  readonly env?: NodeJS.ProcessEnv;
  /** Defaults to handlers whose `serve` rejects: these tests never start a server through the CLI. */
  readonly handlers?: CliHandlers;
}

export const NO_SERVE: CliHandlers = {
  serve: () => Promise.reject(new Error('serve was not expected')),
};

function sink(append: (text: string) => void): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      append(chunk.toString());
      done();
    },
  });
}

/** Runs `pushbridge <args>` and returns its exit code and what it wrote to each stream. */
export async function runCli(args: readonly string[], options: CliRunOptions): Promise<CliOutcome> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: sink((text) => (stdout += text)),
    stderr: sink((text) => (stderr += text)),
    stdin: Readable.from(options.input === undefined ? [] : [options.input]),
    env: options.env ?? {},
    cwd: options.cwd,
  };
  const code = await runProgram(['node', 'pushbridge', ...args], io, options.handlers ?? NO_SERVE);
  return { code, stdout, stderr };
}
