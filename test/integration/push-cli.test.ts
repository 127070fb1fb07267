// Push across processes over real HTTP: the server (createApp, watching its data directory for
// foreign writes) holds a Ping or a long-poll Sync of a device, and the real CLI in a child
// process (`pushbridge mail import`) appends a message to the user's mailbox. The held request
// answers with the change (Ping Status 2 naming the Inbox only; the Sync with the Add), and a
// Sync then brings the imported message. Every WBXML answer is also decoded by libwbxml.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import { element, firstChild, textContent } from '../../src/eas/wbxml-body.js';
import { ALICE, checked, startFolderApp, type FolderApp } from '../helpers/folder-http-kit.js';
import { until } from './push-kit.js';
import { SyncDevice, folderOfType, sendSync, syncRequest } from './sync-kit.js';

const ROOT = new URL('../../', import.meta.url);
const INBOX = 2;
const SENT = 5;
/** Far beyond the test: only a change can end the held request in time. */
const HEARTBEAT_SECONDS = 900;
/** From the CLI's exit to the held answer: file event, debounce, hub coalescing, HTTP. */
const ANSWER_WITHIN_MS = 5000;

const message = (subject: string): string =>
  [`From: Operator <ops@example.org>`, `To: ${ALICE.user}`, `Subject: ${subject}`, 'Date: Mon, 23 Nov 2026 09:00:00 +0000', 'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8', '', `Body of ${subject}`, ''].join('\r\n');

interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** When the process exited (ms since the epoch). */
  readonly exitedAt: number;
}

/** `pushbridge mail import` as an operator runs it: a separate process on the server's data directory. */
function mailImport(dataDir: string, args: readonly string[], input = ''): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'mail', 'import', '--data', dataDir, ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, exitedAt: Date.now() }));
    child.stdin.end(input);
  });
}

describe('push of mail imported by the CLI in another process', () => {
  let fx: FolderApp;
  let dataDir = '';
  const feed = () => fx.app.mailboxes.changes;

  const subjectsOf = (items: ReadonlyArray<{ data?: Parameters<typeof firstChild>[0] }>): string[] =>
    items.map((item) => {
      const subject = item.data === undefined ? undefined : firstChild(item.data, 'Email:Subject');
      return subject === undefined ? '' : textContent(subject);
    });

  before(async () => {
    fx = await startFolderApp();
    dataDir = fx.app.config.server.dataDir;
  });
  after(() => fx.close());
  afterEach(async () => {
    await until(() => feed().subscribedUserCount() === 0, 'every held request to end');
  });

  it('a held Ping answers Status 2 naming the Inbox when the CLI imports a message into it', async () => {
    const client = fx.device('PushCliPing', '14.1');
    const inbox = new SyncDevice(client, await folderOfType(client, INBOX));
    const sentId = await folderOfType(client, SENT);
    await inbox.initial();
    const folders = [{ id: inbox.collectionId, className: 'Email' }, { id: sentId, className: 'Email' }];
    // The Sent Items folder was never synced and would be reported at once; a first Ping takes that out.
    const first = await checked(client.ping({ heartbeatInterval: HEARTBEAT_SECONDS, folders }));
    assert.deepEqual([first.status, first.folders], [2, [sentId]]);
    await new SyncDevice(client, sentId).initial();

    const pending = checked(client.ping({ heartbeatInterval: HEARTBEAT_SECONDS, folders }));
    await until(() => feed().subscribedUserCount() > 0, 'the Ping to be held');
    const file = join(dataDir, 'ping-push.eml');
    await writeFile(file, message('Pushed by the CLI'));
    const run = await mailImport(dataDir, ['--user', ALICE.user, file]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^imported .*ping-push\.eml into Inbox of alice@example\.org: "Pushed by the CLI"/);
    const woken = await pending;
    assert.ok(Date.now() - run.exitedAt < ANSWER_WITHIN_MS, `Ping answered ${Date.now() - run.exitedAt} ms after the CLI exited`);
    assert.deepEqual([woken.status, woken.folders], [2, [inbox.collectionId]]);
    const fetched = await inbox.sync();
    assert.deepEqual(subjectsOf(fetched.added), ['Pushed by the CLI']);
  });

  it('a held long-poll Sync (Wait) answers with the message the CLI imports from stdin', async () => {
    const client = fx.device('PushCliSync', '16.1');
    const inbox = new SyncDevice(client, await folderOfType(client, INBOX));
    await inbox.initial();
    const held = sendSync(client, syncRequest([{ collectionId: inbox.collectionId, syncKey: inbox.key }], [element('AirSync:Wait', '5')]));
    await until(() => feed().subscribedUserCount() > 0, 'the Sync to be held');
    const run = await mailImport(dataDir, ['-u', ALICE.user, '--folder', 'inbox', '-'], message('Long-polled from stdin'));
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^imported stdin into Inbox of alice@example\.org/);
    const reply = await held;
    assert.ok(Date.now() - run.exitedAt < ANSWER_WITHIN_MS, `Sync answered ${Date.now() - run.exitedAt} ms after the CLI exited`);
    const [collection] = reply.collections;
    assert.equal(collection?.status, 1);
    assert.deepEqual(subjectsOf(collection?.added ?? []), ['Long-polled from stdin']);
  });

  it('an import the CLI refuses stores nothing a device could sync', async () => {
    const client = fx.device('PushCliRefused', '14.1');
    const inbox = new SyncDevice(client, await folderOfType(client, INBOX));
    await inbox.initial();
    const run = await mailImport(dataDir, ['-u', ALICE.user, '--folder', 'Contacts', '-'], message('Never stored'));
    assert.deepEqual([run.code, run.stdout], [1, '']);
    assert.match(run.stderr, /^pushbridge: "Contacts" holds Contacts items, not mail/);
    const after = await inbox.sync();
    assert.deepEqual(after.added, []);
  });
});
