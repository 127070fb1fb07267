// In-process tests of `pushbridge mail import`: messages from files and stdin land in the chosen
// folder (by path of display names or by type word) with one line each on stdout; an unknown
// user or folder, a folder of another class, an unreadable file or something that is no message
// fails with one readable line, exit code 1 (2 for usage errors), and stores nothing.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { EmbeddedAccountStore } from '../backends/embedded/account-store.js';
import { EmbeddedStore } from '../backends/embedded/embedded-store.js';
import { runCli, type CliOutcome } from './test-kit.js';

const USER = 'mia@example.org';
const message = (subject: string): string => `From: Ann <ann@example.org>\r\nTo: ${USER}\r\nSubject: ${subject}\r\n\r\nHello.\r\n`;

let dir = '';
let dataDir = '';

function cli(args: readonly string[], input?: string): Promise<CliOutcome> {
  return runCli(['mail', 'import', '--data', dataDir, ...args], { cwd: dir, ...(input === undefined ? {} : { input: Buffer.from(input) }) });
}

/** Subjects per folder display name, read back through the store. */
async function subjectsByFolder(): Promise<Record<string, string[]>> {
  const store = EmbeddedStore.open(dataDir);
  try {
    const result: Record<string, string[]> = {};
    for (const folder of (await store.hierarchy.listFolders(USER)).folders.filter((f) => f.itemClass === 'Email')) {
      const { items } = await store.mail.listItems(USER, folder.id);
      const messages = await store.mail.getItems(USER, folder.id, items.map((item) => item.id));
      const subjects = messages.map((m) => /^Subject: (.*)$/m.exec(Buffer.from(m.mime).toString())?.[1]?.trim() ?? '?');
      if (subjects.length > 0) result[folder.displayName] = subjects.sort();
    }
    return result;
  } finally {
    await store.close();
  }
}

describe('pushbridge mail import', () => {
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pushbridge-mail-import-'));
    dataDir = join(dir, 'data');
    const accounts = EmbeddedAccountStore.open(dataDir);
    await accounts.addUser(USER, 'mia-pw');
    accounts.close();
    writeFileSync(join(dir, 'one.eml'), message('First'));
    writeFileSync(join(dir, 'two.eml'), message('=?utf-8?q?Gr=C3=BC=C3=9Fe?='));
    writeFileSync(join(dir, 'notes.txt'), 'just some text\nwithout headers\n');
    writeFileSync(join(dir, 'empty.eml'), '');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('imports files and stdin into the Inbox by default, one line each', async () => {
    const outcome = await cli(['--user', 'Mia@Example.org', join(dir, 'one.eml'), '-', join(dir, 'two.eml')], message('Piped'));
    assert.equal(outcome.code, 0, outcome.stderr);
    assert.equal(outcome.stderr, '');
    const lines = outcome.stdout.trimEnd().split('\n');
    assert.equal(lines.length, 3);
    assert.match(lines[0] ?? '', /^imported .*one\.eml into Inbox of mia@example\.org: "First" \(\w+, \d+ bytes\)$/);
    assert.match(lines[1] ?? '', /^imported stdin into Inbox of mia@example\.org: "Piped"/);
    assert.match(lines[2] ?? '', /: "Grüße" /, 'the subject is decoded for the operator');
    assert.deepEqual((await subjectsByFolder()).Inbox?.length, 3);
  });

  it('finds folders by type word and by path of display names, case-insensitively', async () => {
    const store = EmbeddedStore.open(dataDir);
    const parent = await store.hierarchy.createFolder(USER, { parentId: null, displayName: 'Projects', type: 12 });
    await store.hierarchy.createFolder(USER, { parentId: parent.id, displayName: 'Pushbridge', type: 12 });
    await store.close();
    assert.equal((await cli(['-u', USER, '--folder', 'sent', join(dir, 'one.eml')])).code, 0);
    assert.equal((await cli(['-u', USER, '--folder', 'projects/PUSHBRIDGE', join(dir, 'one.eml')])).code, 0);
    const subjects = await subjectsByFolder();
    assert.deepEqual([subjects['Sent Items'], subjects.Pushbridge, subjects.Projects], [['First'], ['First'], undefined]);
  });

  it('fails readably and stores nothing for a bad user, folder or file', async () => {
    const before = await subjectsByFolder();
    const cases: Array<[string[], number, RegExp]> = [
      [['-u', 'nobody@example.org', join(dir, 'one.eml')], 1, /^pushbridge: no such user: nobody@example\.org/],
      [['-u', USER, '-f', 'Archive', join(dir, 'one.eml')], 1, /^pushbridge: mia@example\.org has no folder "Archive"; mail folders: Inbox, Drafts, Deleted Items, Sent Items, Outbox/],
      [['-u', USER, '-f', 'Calendar', join(dir, 'one.eml')], 1, /^pushbridge: "Calendar" holds Calendar items, not mail/],
      [['-u', USER, join(dir, 'one.eml'), join(dir, 'missing.eml')], 1, /^pushbridge: cannot read .*missing\.eml: no such file\n$/],
      [['-u', USER, dir], 1, /^pushbridge: cannot read .*: is a directory\n$/],
      [['-u', USER, join(dir, 'notes.txt')], 1, /^pushbridge: .*notes\.txt is not an RFC 5322 message/],
      [['-u', USER, join(dir, 'empty.eml')], 1, /^pushbridge: .*empty\.eml is empty\n$/],
      [['-u', USER, '-', '-'], 2, /^pushbridge: '-' \(standard input\) may be given only once\n$/],
      [[join(dir, 'one.eml')], 2, /required option '-u, --user <address>' not specified/],
      [['-u', USER], 2, /missing required argument 'files'/],
    ];
    for (const [args, code, pattern] of cases) {
      const outcome = await cli(args, message('Never stored'));
      assert.equal(outcome.code, code, `${args.join(' ')}: ${outcome.stderr}`);
      assert.match(outcome.stderr, pattern);
      assert.equal(outcome.stdout, '');
    }
    assert.deepEqual(await subjectsByFolder(), before);
  });
});
