// The options every command shares for finding its configuration (--config, --data) and the
// ones only `serve` takes (--host, --port), turned into the validated, frozen configuration.
import type { Command } from 'commander';
import { loadConfig, type PushbridgeConfig } from '../config/index.js';
import type { CliIo } from './cli-io.js';

export interface ConfigFlags {
  config?: string;
  data?: string;
  host?: string;
  port?: string;
}

export function addConfigOptions(command: Command, withListenOptions = false): Command {
  command
    .option('-c, --config <file>', 'JSON configuration file (default: $PUSHBRIDGE_CONFIG, else built-in defaults)')
    .option('-d, --data <dir>', 'data directory (overrides server.dataDir and PUSHBRIDGE_DATA_DIR)');
  if (withListenOptions) {
    command
      .option('--host <host>', 'address to listen on (overrides server.host and PUSHBRIDGE_HOST)')
      .option('-p, --port <port>', 'port to listen on, 0 for any free port (overrides server.port and PUSHBRIDGE_PORT)');
  }
  return command;
}

/** Loads the configuration: file < environment < flags. Throws ConfigError when invalid. */
export function configFromFlags(flags: ConfigFlags, io: CliIo): PushbridgeConfig {
  // Read from io.env rather than commander's .env(), which would reach for process.env itself.
  const file = flags.config ?? io.env.PUSHBRIDGE_CONFIG;
  return loadConfig({
    ...(file === undefined || file === '' ? {} : { file }),
    env: io.env,
    cwd: io.cwd,
    overrides: {
      ...(flags.host === undefined ? {} : { host: flags.host }),
      ...(flags.port === undefined ? {} : { port: flags.port }),
      ...(flags.data === undefined ? {} : { dataDir: flags.data }),
    },
  });
}
