// Process entry: runs the `pushbridge` CLI and, for `serve`, owns the process lifecycle:
// compose the app, listen, log the URL, and on SIGINT/SIGTERM shut down gracefully (stop
// accepting, finish requests in flight, close the stores) within a deadline.
import type { PushbridgeConfig } from './config/index.js';
import { CliError } from './admin/cli-error.js';
import { processIo, type CliIo } from './admin/cli-io.js';
import { runProgram } from './admin/program.js';
import type { PushbridgeApp } from './app.js';

/** Long enough for ordinary requests to finish; a stuck one must not block a restart forever. */
const SHUTDOWN_DEADLINE_MS = 10_000;

const LISTEN_ERRORS: Record<string, string> = {
  EADDRINUSE: 'the address is already in use',
  EACCES: 'permission denied (ports below 1024 need privileges)',
  EADDRNOTAVAIL: 'this machine has no such address',
  ENOTFOUND: 'unknown host name',
};

function listenError(error: unknown, config: PushbridgeConfig): CliError {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  const reason = LISTEN_ERRORS[code] ?? (error instanceof Error ? error.message : String(error));
  return new CliError(`cannot listen on ${config.server.host}:${config.server.port}: ${reason}`);
}

function nextSignal(signals: readonly NodeJS.Signals[]): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const handler = (signal: NodeJS.Signals): void => {
      for (const s of signals) process.off(s, handler);
      resolve(signal);
    };
    for (const s of signals) process.on(s, handler);
  });
}

async function closeWithin(app: PushbridgeApp, deadlineMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), deadlineMs);
  });
  const outcome = await Promise.race([app.close().then(() => 'closed' as const), deadline]);
  clearTimeout(timer);
  if (outcome === 'late') {
    app.logger.error({ deadlineMs }, 'shutdown deadline passed; exiting with requests still open');
    process.exit(1);
  }
}

async function serve(config: PushbridgeConfig): Promise<void> {
  // Loaded here so `user` and `diag` start without the HTTP stack.
  const { createApp } = await import('./app.js');
  const app = await createApp(config);
  let url: string;
  try {
    url = await app.listen();
  } catch (error) {
    await app.close();
    throw listenError(error, config);
  }
  // Listen for signals before announcing the URL, so a caller that stops us on seeing it is handled.
  const stop = nextSignal(['SIGINT', 'SIGTERM']);
  app.logger.info({ url, externalUrl: config.server.externalUrl, dataDir: config.server.dataDir }, `listening on ${url}`);
  const signal = await stop;
  app.logger.info({ signal }, 'shutting down');
  await closeWithin(app, SHUTDOWN_DEADLINE_MS);
  app.logger.info('stopped');
}

/** Runs the CLI with process.argv-style arguments and sets process.exitCode. */
export async function runCli(argv: string[], io: CliIo = processIo()): Promise<void> {
  process.exitCode = await runProgram(argv, io, { serve: (config) => serve(config) });
}
