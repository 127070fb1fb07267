// Sending a 16.x draft over real embedded mailboxes and accounts and the real SmtpMailSubmitter
// (local delivery): the message reaches bob, a read copy with the Bcc lands in alice's Sent Items
// and the draft leaves Drafts; a draft with no recipient or unreadable MIME is InvalidInputError
// (Sync Status 6) and a relay that is down StoreUnavailableError (Status 16), with nothing sent,
// filed or removed.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { EmbeddedAccountStore } from '../../backends/embedded/account-store.js';
import { EmbeddedStore } from '../../backends/embedded/embedded-store.js';
import { SmtpMailSubmitter } from '../../backends/submission/smtp-mail-submitter.js';
import { InvalidInputError, StoreUnavailableError } from '../../domain/errors.js';
import { findDefaultFolder, FolderType, type DefaultFolderType } from '../../domain/folder.js';
import { SubmissionError, type MailSubmitter } from '../../domain/mail-submission.js';
import { createDraftSender } from './draft-send.js';

const ALICE = 'alice@example.org';
const BOB = 'bob@example.org';
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const text = (bytes: Uint8Array): string => Buffer.from(bytes).toString('utf8');

let dir: string;
let mailboxes: EmbeddedStore;
let accounts: EmbeddedAccountStore;
let submitter: MailSubmitter;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pushbridge-draft-send-'));
  mailboxes = EmbeddedStore.open(dir);
  accounts = EmbeddedAccountStore.open(dir);
  await accounts.addUser(ALICE, 'alice-password');
  await accounts.addUser(BOB, 'bob-password');
  await accounts.addUser('carol@example.org', 'carol-password');
  submitter = new SmtpMailSubmitter({ directory: accounts, stores: mailboxes, maxRecipients: 5, hostname: 'unit.test' });
});
after(async () => {
  await mailboxes.close();
  accounts.close();
  rmSync(dir, { recursive: true, force: true });
});

async function folderOf(user: string, type: DefaultFolderType): Promise<string> {
  const folder = findDefaultFolder((await mailboxes.hierarchy.listFolders(user)).folders, type);
  assert.ok(folder !== undefined);
  return folder.id;
}

const count = async (user: string, type: DefaultFolderType): Promise<number> => (await mailboxes.mail.listItems(user, await folderOf(user, type))).items.length;

async function storedDraft(mime: string): Promise<{ folderId: string; current: Awaited<ReturnType<EmbeddedStore['mail']['createItem']>> }> {
  const folderId = await folderOf(ALICE, FolderType.Drafts);
  return { folderId, current: await mailboxes.mail.createItem(ALICE, folderId, { mime: utf8(mime), flags: { read: true } }) };
}

describe('createDraftSender', () => {
  it('sends the draft, files a read copy with the Bcc in Sent Items and removes the draft', async () => {
    const mime = `To: ${BOB}\r\nBcc: carol@example.org\r\nSubject: Plan\r\n\r\nThe plan.\r\n`;
    const { folderId, current } = await storedDraft(mime);
    const sender = createDraftSender({ submitter, stores: mailboxes, clock: () => Date.parse('2026-11-23T05:00:00Z') });
    const inboxBefore = await count(BOB, FolderType.Inbox);
    const filed = await sender.sendDraft(mailboxes.mail, { user: ALICE, sender: ALICE, folderId, itemId: current.id, mime: utf8(mime), current });
    assert.equal(filed.folderId, await folderOf(ALICE, FolderType.SentItems));
    const [copy] = await mailboxes.mail.getItems(ALICE, filed.folderId, [filed.id]);
    assert.ok(copy !== undefined);
    assert.equal(copy.flags.read, true);
    assert.match(text(copy.mime), /^Bcc: carol@example\.org\r?$/m);
    assert.match(text(copy.mime), /^From: alice@example\.org\r?$/m);
    assert.deepEqual(await mailboxes.mail.getItems(ALICE, folderId, [current.id]), []);
    assert.equal(await count(BOB, FolderType.Inbox), inboxBefore + 1);
    assert.equal(await count('carol@example.org', FolderType.Inbox), 1);
  });

  it('refuses a draft with no recipient or unreadable MIME, and a relay that is down, leaving everything as it was', async () => {
    const down: MailSubmitter = { submit: () => Promise.reject(new SubmissionError('relay-unavailable', 'connection refused')) };
    const cases: [string, MailSubmitter, new (...args: never[]) => Error][] = [
      ['Subject: nobody\r\n\r\nNo one to send to.\r\n', submitter, InvalidInputError],
      ['no header block at all', submitter, InvalidInputError],
      [`To: ${BOB}\r\nSubject: later\r\n\r\nRelay down.\r\n`, down, StoreUnavailableError],
    ];
    for (const [mime, via, expected] of cases) {
      const { folderId, current } = await storedDraft(mime);
      const sent = await count(ALICE, FolderType.SentItems);
      const inbox = await count(BOB, FolderType.Inbox);
      const sender = createDraftSender({ submitter: via, stores: mailboxes, clock: Date.now });
      await assert.rejects(sender.sendDraft(mailboxes.mail, { user: ALICE, sender: ALICE, folderId, itemId: current.id, mime: utf8(mime), current }), expected);
      assert.equal((await mailboxes.mail.getItems(ALICE, folderId, [current.id])).length, 1);
      assert.equal(await count(ALICE, FolderType.SentItems), sent);
      assert.equal(await count(BOB, FolderType.Inbox), inbox);
    }
  });
});
