// `pushbridge diag URL`: runs our own EAS client against a server the way the chosen device type
// would (OPTIONS, provisioning, FolderSync ...) and prints the report; exit code 1 when a step
// failed, so it can gate a deployment script.
import { Option, type Command } from 'commander';
import { DEVICE_PROFILES } from '../client/device-profiles.js';
import type { DiagOptions } from '../client/diag.js';
import { PROTOCOL_VERSIONS, type ProtocolVersion } from '../eas/protocol-version.js';
import { CliError, EXIT_USAGE } from './cli-error.js';
import type { CliIo } from './cli-io.js';
import { obtainPassword } from './password-input.js';

const DEVICE_TYPES = Object.keys(DEVICE_PROFILES);

interface DiagFlags {
  user: string;
  password?: string;
  deviceType: DiagOptions['deviceType'];
  deviceId?: string;
  protocolVersion?: ProtocolVersion;
}

function checkUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new CliError(`not a URL: ${url}`, EXIT_USAGE);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new CliError(`expected an http(s) URL, got ${url}`, EXIT_USAGE);
  return url;
}

export function registerDiagCommand(program: Command, io: CliIo): void {
  program
    .command('diag')
    .description('check an EAS server the way a phone or Outlook would, step by step')
    .argument('<url>', 'server base URL, e.g. https://mail.example.org')
    .requiredOption('-u, --user <user>', 'login name')
    .option('--password <password>', 'password (else from the terminal or stdin)')
    .addOption(new Option('--device-type <type>', 'device to act as').choices(DEVICE_TYPES).default('iPhone'))
    .option('--device-id <id>', 'device id to use (default: a fresh one)')
    .addOption(new Option('--protocol-version <version>', 'EAS version to ask for (default: highest offered)').choices(PROTOCOL_VERSIONS))
    .action(async (url: string, flags: DiagFlags) => {
      const target = checkUrl(url);
      const password = await obtainPassword(io, flags.password, false);
      // Loaded on use so the other commands start without the EAS client and code pages.
      const { formatDiagReport, runDiagnostics } = await import('../client/diag.js');
      const report = await runDiagnostics({
        url: target,
        user: flags.user,
        password,
        deviceType: flags.deviceType,
        ...(flags.deviceId === undefined ? {} : { deviceId: flags.deviceId }),
        ...(flags.protocolVersion === undefined ? {} : { protocolVersion: flags.protocolVersion }),
      });
      io.stdout.write(`${formatDiagReport(report).trimEnd()}\n`);
      if (!report.ok) throw new CliError('diagnostics found problems (see the report above)');
    });
}
