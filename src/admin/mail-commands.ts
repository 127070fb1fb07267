// `pushbridge mail import --user ADDRESS [--folder NAME] FILE...`: appends RFC 5322 messages to a
// mail folder of an embedded mailbox, for an operator (seeding a mailbox, delivering from a script,
// trying a device) and the tests. Safe while the server runs: SQLite WAL lets both write the
// file, and the server's foreign-write watcher wakes the devices waiting on the folder. Every
// file is read and checked before the first message is stored, so a bad argument stores nothing.
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { EmbeddedAccountStore } from '../backends/embedded/account-store.js';
import { EmbeddedStore } from '../backends/embedded/embedded-store.js';
import { readMailContent } from '../content/email/parse-mime.js';
import { FolderType, type Folder } from '../domain/folder.js';
import { CliError } from './cli-error.js';
import type { CliIo } from './cli-io.js';
import { addConfigOptions, configFromFlags, type ConfigFlags } from './config-options.js';

interface MessageFile {
  /** The path as given, or "stdin". */
  readonly label: string;
  readonly mime: Uint8Array;
}

/** Words an operator may use for the default mail folders, whatever their display names. */
const FOLDER_TYPE_WORDS: Readonly<Record<string, number>> = {
  inbox: FolderType.Inbox,
  drafts: FolderType.Drafts,
  deleted: FolderType.DeletedItems,
  trash: FolderType.DeletedItems,
  sent: FolderType.SentItems,
  outbox: FolderType.Outbox,
};

// RFC 5322 2.2: a header field is a name of printable characters except ':' and then ':'.
const HEADER_FIELD = /^[\x21-\x39\x3b-\x7e]+[ \t]*:/;

/** Rejects what is plainly no message: empty, or not starting with a header field. */
function checkMessage(file: MessageFile): MessageFile {
  const head = Buffer.from(file.mime.subarray(0, 998)).toString('latin1');
  if (file.mime.length === 0) throw new CliError(`${file.label} is empty`);
  if (!HEADER_FIELD.test(head)) throw new CliError(`${file.label} is not an RFC 5322 message: it does not start with a header field`);
  return file;
}

async function readStdin(io: CliIo): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of io.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks);
}

async function readMessages(paths: readonly string[], io: CliIo): Promise<MessageFile[]> {
  if (paths.filter((path) => path === '-').length > 1) throw new CliError("'-' (standard input) may be given only once", 2);
  const files: MessageFile[] = [];
  for (const path of paths) {
    if (path === '-') {
      files.push(checkMessage({ label: 'stdin', mime: await readStdin(io) }));
      continue;
    }
    try {
      files.push(checkMessage({ label: path, mime: await readFile(path) }));
    } catch (error) {
      if (error instanceof CliError) throw error;
      const code = (error as NodeJS.ErrnoException).code;
      throw new CliError(`cannot read ${path}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (error as Error).message}`);
    }
  }
  return files;
}

/** The folder by path of display names ("Projects/2026", case-insensitive), else by type word. */
export function findMailFolder(folders: readonly Folder[], spec: string): Folder | undefined {
  const names = spec.split('/').map((name) => name.trim().toLowerCase());
  let parentId: string | null = null;
  let found: Folder | undefined;
  for (const name of names) {
    found = folders.find((folder) => folder.parentId === parentId && folder.displayName.toLowerCase() === name);
    if (found === undefined) break;
    parentId = found.id;
  }
  if (found !== undefined) return found;
  const type = FOLDER_TYPE_WORDS[spec.trim().toLowerCase()];
  return type === undefined ? undefined : folders.find((folder) => folder.type === type);
}

function requireMailFolder(folders: readonly Folder[], spec: string, user: string): Folder {
  const folder = findMailFolder(folders, spec);
  const mailFolders = folders.filter((f) => f.itemClass === 'Email').map((f) => f.displayName);
  if (folder === undefined) throw new CliError(`${user} has no folder "${spec}"; mail folders: ${mailFolders.join(', ')}`);
  if (folder.itemClass !== 'Email') throw new CliError(`"${folder.displayName}" holds ${folder.itemClass} items, not mail; mail folders: ${mailFolders.join(', ')}`);
  return folder;
}

function requireAccount(dataDir: string, address: string): string {
  const accounts = EmbeddedAccountStore.open(dataDir);
  try {
    const account = accounts.getUser(address);
    if (account === undefined) throw new CliError(`no such user: ${address.toLowerCase()} (pushbridge user list shows the accounts)`);
    return account.address;
  } finally {
    accounts.close();
  }
}

async function importMessages(flags: ConfigFlags & { user: string; folder: string }, paths: readonly string[], io: CliIo): Promise<void> {
  const config = configFromFlags(flags, io);
  const user = requireAccount(config.server.dataDir, flags.user);
  const messages = await readMessages(paths, io);
  const store = EmbeddedStore.open(config.server.dataDir);
  try {
    const folder = requireMailFolder((await store.hierarchy.listFolders(user)).folders, flags.folder, user);
    for (const message of messages) {
      const { subject } = await readMailContent(message.mime);
      const stored = await store.mail.createItem(user, folder.id, { mime: message.mime });
      io.stdout.write(`imported ${message.label} into ${folder.displayName} of ${user}: "${subject}" (${stored.id}, ${message.mime.length} bytes)\n`);
    }
  } finally {
    await store.close();
  }
}

export function registerMailCommands(program: Command, io: CliIo): void {
  const mail = program.command('mail').description('put messages into embedded mailboxes');

  addConfigOptions(
    mail
      .command('import')
      .description('append RFC 5322 messages (.eml files, or - for stdin) to a mail folder; held Ping/Sync requests wake up')
      .argument('<files...>', 'message files; - reads one message from standard input')
      .requiredOption('-u, --user <address>', 'the account whose mailbox receives the messages')
      .option('-f, --folder <folder>', 'folder path of display names ("Projects/2026") or inbox, drafts, sent, deleted, outbox', 'Inbox'),
  ).action(async (paths: string[], flags: ConfigFlags & { user: string; folder: string }) => {
    await importMessages(flags, paths, io);
  });
}
