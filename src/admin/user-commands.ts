// `pushbridge user add|list|passwd|remove`: manages embedded accounts in the data directory's
// accounts.sqlite. Safe while the server runs: SQLite WAL lets both use the file at once.
import type { Command } from 'commander';
import { EmbeddedAccountStore, type AccountSummary } from '../backends/embedded/account-store.js';
import { CliError } from './cli-error.js';
import type { CliIo } from './cli-io.js';
import { addConfigOptions, configFromFlags, type ConfigFlags } from './config-options.js';
import { obtainPassword } from './password-input.js';

async function withStore<T>(flags: ConfigFlags, io: CliIo, work: (store: EmbeddedAccountStore) => Promise<T> | T): Promise<T> {
  const config = configFromFlags(flags, io);
  const store = EmbeddedAccountStore.open(config.server.dataDir);
  try {
    return await work(store);
  } finally {
    store.close();
  }
}

function formatUserTable(users: readonly AccountSummary[]): string {
  const width = Math.max(...users.map((u) => u.address.length));
  return users.map((u) => (u.displayName === undefined ? u.address : `${u.address.padEnd(width)}  ${u.displayName}`)).join('\n');
}

export function registerUserCommands(program: Command, io: CliIo): void {
  const user = program.command('user').description('manage embedded user accounts');

  addConfigOptions(
    user
      .command('add')
      .description('create an account (password from --password, the terminal or stdin)')
      .argument('<address>', 'e-mail address, used as the login name')
      .option('--password <password>', 'the password (visible to other local users via ps; prefer stdin)')
      .option('-n, --name <name>', 'display name'),
  ).action(async (address: string, flags: ConfigFlags & { password?: string; name?: string }) => {
    await withStore(flags, io, async (store) => {
      const password = await obtainPassword(io, flags.password, true);
      const added = await store.addUser(address, password, flags.name);
      io.stdout.write(`added user ${added.address}\n`);
    });
  });

  addConfigOptions(user.command('list').description('list accounts').option('--json', 'print JSON')).action(
    async (flags: ConfigFlags & { json?: boolean }) => {
      await withStore(flags, io, (store) => {
        const users = store.listUsers();
        if (flags.json === true) io.stdout.write(`${JSON.stringify(users, null, 2)}\n`);
        else if (users.length === 0) io.stderr.write('no users\n');
        else io.stdout.write(`${formatUserTable(users)}\n`);
      });
    },
  );

  addConfigOptions(
    user
      .command('passwd')
      .description("change an account's password (from --password, the terminal or stdin)")
      .argument('<address>', 'e-mail address of the account')
      .option('--password <password>', 'the new password (prefer stdin)'),
  ).action(async (address: string, flags: ConfigFlags & { password?: string }) => {
    await withStore(flags, io, async (store) => {
      // Fail on an unknown user before asking for a password nobody will use.
      if (store.getUser(address) === undefined) throw new CliError(`no such user: ${address.toLowerCase()}`);
      const password = await obtainPassword(io, flags.password, true);
      await store.setPassword(address, password);
      io.stdout.write(`password changed for ${address.toLowerCase()}\n`);
    });
  });

  addConfigOptions(
    user.command('remove').description('delete an account').argument('<address>', 'e-mail address of the account'),
  ).action(async (address: string, flags: ConfigFlags) => {
    await withStore(flags, io, (store) => {
      store.removeUser(address);
      io.stdout.write(`removed user ${address.toLowerCase()}\n`);
    });
  });
}
