// Sending a 16.x draft over real embedded mailboxes and accounts and the real SmtpMailSubmitter
// (local delivery): the message reaches bob, a read copy with the Bcc lands in alice's Sent Items
// and the draft leaves Drafts; a draft with no recipient or unreadable MIME is InvalidInputError
// (Sync Status 6) and a relay that is down StoreUnavailableError (Status 16), with nothing sent,
// filed or removed. A draft sent with its Sync Add (sendNewDraft) goes out and is filed the same
// way without ever touching Drafts, and fails the same way with nothing stored anywhere.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { EmbeddedStore } from '../../backends/embedded/embedded-store.js';
import { InvalidInputError, StoreUnavailableError } from '../../domain/errors.js';
import { FolderType, type DefaultFolderType } from '../../domain/folder.js';
import { SubmissionError, type MailSubmitter } from '../../domain/mail-submission.js';
import { openLocalDelivery, type LocalDelivery } from '../../../test/helpers/local-delivery.js';
import { createDraftSender } from './draft-send.js';

const ALICE = 'alice@example.org';
const BOB = 'bob@example.org';
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const text = (bytes: Uint8Array): string => Buffer.from(bytes).toString('utf8');

let delivery: LocalDelivery;
let mailboxes: EmbeddedStore;
let submitter: MailSubmitter;

before(async () => {
  delivery = await openLocalDelivery('draft-send', [ALICE, BOB, 'carol@example.org']);
  ({ mailboxes, submitter } = delivery);
});
after(() => delivery.close());

const folderOf = (user: string, type: DefaultFolderType): Promise<string> => delivery.folderOf(user, type);
const count = (user: string, type: DefaultFolderType): Promise<number> => delivery.count(user, type);

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

describe('createDraftSender().sendNewDraft', () => {
  it('sends a draft that was never stored and files its copy under the Add\'s clientRef, leaving Drafts alone', async () => {
    const mime = `To: ${BOB}\r\nBcc: carol@example.org\r\nSubject: Straight out\r\n\r\nSent with its Add.\r\n`;
    const sender = createDraftSender({ submitter, stores: mailboxes, clock: () => Date.parse('2026-11-24T08:00:00Z') });
    const [drafts, inbox, carol] = [await count(ALICE, FolderType.Drafts), await count(BOB, FolderType.Inbox), await count('carol@example.org', FolderType.Inbox)];
    const request = { user: ALICE, sender: ALICE, mime: utf8(mime), clientRef: 'phone/7/3/new-1' };
    const filed = await sender.sendNewDraft(mailboxes.mail, request);
    assert.ok(filed !== undefined);
    assert.equal(filed.folderId, await folderOf(ALICE, FolderType.SentItems));
    const [copy] = await mailboxes.mail.getItems(ALICE, filed.folderId, [filed.id]);
    assert.equal(copy?.flags.read, true);
    assert.match(text(copy.mime), /^Bcc: carol@example\.org\r?$/m);
    assert.match(text(copy.mime), /^Subject: Straight out\r?$/m);
    // Filed under the clientRef: a create retried under it finds this copy rather than adding one.
    const retried = await mailboxes.mail.createItem(ALICE, filed.folderId, { mime: utf8('Subject: twin\r\n\r\n'), flags: {} }, { clientRef: request.clientRef });
    assert.equal(retried.id, filed.id);
    assert.equal(await count(ALICE, FolderType.Drafts), drafts);
    assert.equal(await count(BOB, FolderType.Inbox), inbox + 1);
    assert.equal(await count('carol@example.org', FolderType.Inbox), carol + 1);
    const [received] = await mailboxes.mail.getItems(BOB, await folderOf(BOB, FolderType.Inbox),
      (await mailboxes.mail.listItems(BOB, await folderOf(BOB, FolderType.Inbox))).items.map((i) => i.id).slice(-1));
    assert.doesNotMatch(text(received?.mime ?? new Uint8Array()), /carol|^Bcc:/im);
  });

  it('refuses an unsendable draft or a relay that is down with nothing sent or stored anywhere', async () => {
    const down: MailSubmitter = { submit: () => Promise.reject(new SubmissionError('relay-unavailable', 'connection refused')) };
    const cases: [string, MailSubmitter, new (...args: never[]) => Error][] = [
      ['Subject: nobody\r\n\r\nNo one to send to.\r\n', submitter, InvalidInputError],
      [`To: ${BOB}\r\nSubject: later\r\n\r\nRelay down.\r\n`, down, StoreUnavailableError],
    ];
    for (const [index, [mime, via, expected]] of cases.entries()) {
      const before = [await count(ALICE, FolderType.Drafts), await count(ALICE, FolderType.SentItems), await count(BOB, FolderType.Inbox)];
      const sender = createDraftSender({ submitter: via, stores: mailboxes, clock: Date.now });
      await assert.rejects(sender.sendNewDraft(mailboxes.mail, { user: ALICE, sender: ALICE, mime: utf8(mime), clientRef: `phone/7/4/bad-${index}` }), expected);
      assert.deepEqual([await count(ALICE, FolderType.Drafts), await count(ALICE, FolderType.SentItems), await count(BOB, FolderType.Inbox)], before);
    }
  });
});
