// The `pushbridge` command line: builds the commander program (serve, user, device, mail, diag) and runs it,
// turning every failure into one line on stderr and an exit code. `serve` itself is supplied
// by main.ts, the only place allowed to compose the whole application.
import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import type { PushbridgeConfig } from '../config/index.js';
import { describeError } from './cli-error.js';
import type { CliIo } from './cli-io.js';
import { addConfigOptions, configFromFlags, type ConfigFlags } from './config-options.js';
import { registerDeviceCommands } from './device-commands.js';
import { registerDiagCommand } from './diag-command.js';
import { registerMailCommands } from './mail-commands.js';
import { registerUserCommands } from './user-commands.js';

export interface CliHandlers {
  /** Runs the server with this configuration until it is told to stop. */
  serve(config: PushbridgeConfig, io: CliIo): Promise<void>;
}

function packageVersion(): string {
  // ../../package.json from both src/admin/ and dist/admin/.
  const text = readFileSync(new URL('../../package.json', import.meta.url), 'utf8');
  return (JSON.parse(text) as { version: string }).version;
}

export function buildProgram(io: CliIo, handlers: CliHandlers): Command {
  const program = new Command('pushbridge')
    .description('Exchange ActiveSync server for open groupware')
    .version(packageVersion(), '-V, --version')
    .exitOverride()
    .showHelpAfterError('(add --help for usage)')
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    });

  addConfigOptions(program.command('serve').description('run the EAS server until SIGINT or SIGTERM'), true).action(async (flags: ConfigFlags) => {
    await handlers.serve(configFromFlags(flags, io), io);
  });
  registerUserCommands(program, io);
  registerDeviceCommands(program, io);
  registerMailCommands(program, io);
  registerDiagCommand(program, io);
  // Subcommands inherit these so a usage error in `user add` also ends in a CommanderError.
  program.commands.forEach(function inherit(command: Command): void {
    command.exitOverride().configureOutput(program.configureOutput()).showHelpAfterError('(add --help for usage)');
    command.commands.forEach(inherit);
  });
  return program;
}

/** Runs the CLI on `argv` (process.argv layout: node, script, args...) and returns the exit code. */
export async function runProgram(argv: readonly string[], io: CliIo, handlers: CliHandlers): Promise<number> {
  try {
    const program = buildProgram(io, handlers);
    if (argv.length <= 2) {
      program.outputHelp({ error: true });
      return 2;
    }
    await program.parseAsync([...argv], { from: 'node' });
    return 0;
  } catch (error) {
    const described = describeError(error);
    if (described.message !== undefined) io.stderr.write(`pushbridge: ${described.message}\n`);
    return described.exitCode;
  }
}
