// Errors as the CLI shows them: one readable message and an exit code, never a stack trace.
// Known error types print their own message; anything else is labelled unexpected.
import { CommanderError } from 'commander';
import { AccountError } from '../backends/embedded/account-store.js';
import { ConfigError } from '../config/index.js';

/** Exit codes: 1 = the command failed, 2 = it was called wrongly (as most Unix tools do). */
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** An error meant for the operator; `message` is printed as is. */
export class CliError extends Error {
  readonly exitCode: number;

  constructor(message: string, exitCode: number = EXIT_FAILURE) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
}

export interface DescribedError {
  /** Text for stderr, or undefined when commander has already printed it. */
  readonly message?: string;
  readonly exitCode: number;
}

export function describeError(error: unknown): DescribedError {
  if (error instanceof CommanderError) {
    // Commander prints its own usage errors; help and --version end with code 0.
    return { exitCode: error.exitCode === 0 ? 0 : EXIT_USAGE };
  }
  if (error instanceof CliError) return { message: error.message, exitCode: error.exitCode };
  if (error instanceof ConfigError || error instanceof AccountError) return { message: error.message, exitCode: EXIT_FAILURE };
  const message = error instanceof Error ? error.message : String(error);
  return { message: `unexpected error: ${message}`, exitCode: EXIT_FAILURE };
}
