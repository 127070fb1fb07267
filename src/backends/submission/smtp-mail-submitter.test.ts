// SmtpMailSubmitter over the embedded stores and accounts and a real SMTP server as the relay:
// local recipients land in their Inbox with a Received: line and no Bcc, remote ones reach the
// relay with the right envelope, and every failure (no relay, a refused or deferred recipient,
// a relay that is down or refuses our login, limits) delivers nothing anywhere.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { EmbeddedAccountStore } from '../embedded/account-store.js';
import { EmbeddedStore } from '../embedded/embedded-store.js';
import { FolderType } from '../../domain/folder.js';
import { SubmissionError, type OutgoingMessage } from '../../domain/mail-submission.js';
import { SmtpMailSubmitter, type SmtpMailSubmitterOptions } from './smtp-mail-submitter.js';
import { startTestRelay, type TestRelay } from './test-kit.js';

const ALICE = 'alice@example.org';
const BOB = 'bob@example.org';
const CAROL = 'carol@example.org';
const AT = Date.UTC(2026, 10, 23, 9, 30, 0);

const mime = (extra: string[] = []): Uint8Array => new TextEncoder().encode([
  `From: Alice <${ALICE}>`, `To: ${BOB}, dave@remote.test`, ...extra, 'Subject: Plans', 'Date: Mon, 23 Nov 2026 09:30:00 +0000',
  'Message-ID: <plans@example.org>', 'MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8', '', 'See you at noon.', '',
].join('\r\n'));

let dir: string;
let accounts: EmbeddedAccountStore;
let stores: EmbeddedStore;
let relay: TestRelay;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pushbridge-submit-'));
  accounts = EmbeddedAccountStore.open(dir);
  stores = EmbeddedStore.open(dir);
  for (const user of [ALICE, BOB, CAROL]) await accounts.addUser(user, 'a-long-password');
  relay = await startTestRelay({ refuse: (address) => (address.startsWith('nobody@') ? 550 : address.startsWith('later@') ? 451 : undefined) });
});
after(async () => {
  await relay.close();
  await stores.close();
  accounts.close();
  rmSync(dir, { recursive: true, force: true });
});

function submitter(overrides: Partial<SmtpMailSubmitterOptions> = {}): SmtpMailSubmitter {
  return new SmtpMailSubmitter({
    directory: accounts,
    stores,
    relay: { host: '127.0.0.1', port: relay.port, secure: false },
    maxRecipients: 10,
    hostname: 'pushbridge.test',
    clock: () => AT,
    ...overrides,
  });
}

async function inbox(user: string): Promise<string[]> {
  const { folders } = await stores.hierarchy.listFolders(user);
  const folder = folders.find((f) => f.type === FolderType.Inbox);
  assert.ok(folder !== undefined);
  const { items } = await stores.mail.listItems(user, folder.id);
  const messages = await stores.mail.getItems(user, folder.id, items.map((i) => i.id));
  return messages.map((m) => new TextDecoder().decode(m.mime));
}

async function rejects(promise: Promise<unknown>, code: SubmissionError['code']): Promise<SubmissionError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof SubmissionError, String(error));
    assert.equal(error.code, code, error.message);
    return error;
  }
  assert.fail(`expected SubmissionError ${code}`);
}

const message = (recipients: string[], extra: string[] = []): OutgoingMessage => ({ sender: ALICE, recipients, mime: mime(extra) });

describe('SmtpMailSubmitter', () => {
  it('relays remote recipients with the envelope, then delivers local ones with Received: and no Bcc', async () => {
    const before = relay.received.length;
    const receipt = await submitter().submit(message([BOB, 'Dave@Remote.test', CAROL], [`Bcc: ${CAROL},`, ' secret@remote.test']));
    assert.deepEqual(receipt, { delivered: [BOB, CAROL], relayed: ['dave@remote.test'] });
    const sent = relay.received.slice(before);
    assert.equal(sent.length, 1);
    assert.deepEqual(sent[0] && { from: sent[0].from, to: sent[0].to }, { from: ALICE, to: ['dave@remote.test'] });
    assert.doesNotMatch(sent[0]?.data ?? '', /^Bcc:|secret@remote/im);
    const [bobCopy] = (await inbox(BOB)).filter((m) => m.includes('See you at noon.'));
    assert.ok(bobCopy !== undefined);
    assert.match(bobCopy, /^Received: by pushbridge\.test \(Pushbridge\) with ActiveSync\r\n\tfor <bob@example\.org>; Mon, 23 Nov 2026 09:30:00 \+0000\r\n/);
    assert.doesNotMatch(bobCopy, /Bcc|secret@remote/i);
    assert.equal((await inbox(CAROL)).length, 1);
  });

  it('delivers one copy to a mailbox named twice, and needs no relay for local mail', async () => {
    const receipt = await submitter({ relay: undefined }).submit(message([CAROL, 'CAROL@example.org']));
    assert.deepEqual(receipt, { delivered: [CAROL], relayed: [] });
    assert.equal((await inbox(CAROL)).length, 2);
  });

  it('refuses a remote recipient without a relay and delivers nothing locally', async () => {
    const before = (await inbox(BOB)).length;
    const error = await rejects(submitter({ relay: undefined }).submit(message([BOB, 'dave@remote.test'])), 'no-relay');
    assert.deepEqual(error.recipients, ['dave@remote.test']);
    assert.equal((await inbox(BOB)).length, before);
  });

  it('withholds the message from everyone when the relay refuses one recipient', async () => {
    const [inboxBefore, relayedBefore, dataBefore] = [(await inbox(BOB)).length, relay.received.length, relay.dataStarted()];
    const error = await rejects(submitter().submit(message([BOB, 'ok@remote.test', 'nobody@remote.test'])), 'recipient-refused');
    assert.deepEqual(error.recipients, ['nobody@remote.test']);
    // The relay took DATA for ok@remote.test, but the transaction was dropped before its end.
    assert.equal(relay.dataStarted(), dataBefore + 1);
    assert.equal(relay.received.length, relayedBefore, 'the accepted remote recipient must not get it either');
    assert.equal((await inbox(BOB)).length, inboxBefore);
  });

  it('reports a refusal of every remote recipient, and a temporary one as relay-unavailable', async () => {
    const refused = await rejects(submitter().submit(message(['nobody@remote.test'])), 'recipient-refused');
    assert.deepEqual(refused.recipients, ['nobody@remote.test']);
    const deferred = await rejects(submitter().submit(message(['later@remote.test', 'ok@remote.test'])), 'relay-unavailable');
    assert.deepEqual(deferred.recipients, ['later@remote.test']);
  });

  it('answers relay-unavailable when nothing listens on the relay port', async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const probe = createServer();
      probe.listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
    const down = submitter({ relay: { host: '127.0.0.1', port: closedPort, secure: false, timeoutMs: 2000 } });
    await rejects(down.submit(message(['dave@remote.test'])), 'relay-unavailable');
  });

  it('logs in to a relay that requires AUTH, and fails cleanly with the wrong password', async () => {
    const guarded = await startTestRelay({ credentials: { user: 'pushbridge', password: 'relay-secret' } });
    try {
      const good = submitter({ relay: { host: '127.0.0.1', port: guarded.port, secure: false, user: 'pushbridge', password: 'relay-secret' } });
      assert.deepEqual((await good.submit(message(['dave@remote.test']))).relayed, ['dave@remote.test']);
      const bad = submitter({ relay: { host: '127.0.0.1', port: guarded.port, secure: false, user: 'pushbridge', password: 'wrong' } });
      await rejects(bad.submit(message(['dave@remote.test'])), 'relay-unavailable');
      assert.equal(guarded.received.length, 1);
    } finally {
      await guarded.close();
    }
  });

  it('checks the recipient list before anything is sent', async () => {
    await rejects(submitter().submit(message([])), 'no-recipient');
    const many = Array.from({ length: 11 }, (_, i) => `user${i}@remote.test`);
    await rejects(submitter().submit(message(many)), 'too-many-recipients');
    const junk = await rejects(submitter().submit(message(['not an address'])), 'recipient-refused');
    assert.deepEqual(junk.recipients, ['not an address']);
  });

  it('knows local users by address, in any case, and nobody else', async () => {
    assert.equal(await accounts.localUserFor('Bob@Example.ORG'), BOB);
    assert.equal(await accounts.localUserFor('eve@example.org'), undefined);
    assert.equal(await accounts.localUserFor('not an address'), undefined);
  });
});
