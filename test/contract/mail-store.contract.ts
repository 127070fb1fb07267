// MailStore contract: the shared item-store suites over MIME messages, plus what only mail has:
// exact MIME bytes, received date and size, partial flag updates with their own versions,
// replacing a message without losing its state, and EmptyFolderContents.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FolderClassMismatchError, FolderNotFoundError, ItemNotFoundError, VersionConflictError } from '../../src/domain/errors.js';
import { DEFAULT_MAIL_FLAGS, type MailFlags, type MailMessage, type MailSummary, type NewMailMessage } from '../../src/domain/item.js';
import type { MailStore } from '../../src/domain/mail-store.js';
import { itemStoreContract } from './item-store.contract.js';
import { mailSearchContract } from './mail-search.contract.js';
import { defaultFolderOf, ids, userFolderOf, type ItemStoreSpec } from './item-store-kit.js';
import { useHarness, type StoreHarnessFactory } from './store-harness.js';

export function sampleMime(n: number): Uint8Array {
  const head = `From: Alice <alice@example.org>\r\nTo: Bob <bob@example.org>\r\nSubject: Message ${n}\r\n` +
    `Message-ID: <${n}@example.org>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=ISO-8859-1\r\n` +
    'Content-Transfer-Encoding: 8bit\r\n\r\n';
  // 8-bit body bytes (ISO-8859-1 "Grüße", a 0xFF) must come back untouched.
  return Buffer.concat([Buffer.from(head, 'ascii'), Buffer.from([0x47, 0x72, 0xfc, 0xdf, 0x65, 0xff, 0x0d, 0x0a]), Buffer.from(`${n}\r\n`)]);
}

const base64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');

export const mailSpec: ItemStoreSpec<NewMailMessage, MailMessage, MailSummary> = {
  store: (stores) => stores.mail,
  defaultFolderType: 2,
  userFolderType: 12,
  foreignFolderType: 8,
  sample: (n) => ({ mime: sampleMime(n) }),
  written: (input) => base64(input.mime),
  read: (item) => base64(item.mime),
  invalidInputs: [{ mime: new Uint8Array(0) }],
};

const at = (iso: string): Date => new Date(iso);

export function mailStoreContract(name: string, factory: StoreHarnessFactory): void {
  itemStoreContract(`MailStore contract: ${name}`, factory, mailSpec);
  mailSearchContract(name, factory);

  describe(`MailStore contract: ${name}: mail`, () => {
    const fx = useHarness(factory);
    const mail = (): MailStore => fx().stores.mail;

    it('keeps the MIME bytes, size, received date and initial flags', async () => {
      const user = fx().newUser();
      const inbox = await defaultFolderOf(fx(), user, 2);
      const mime = sampleMime(1);
      const plain = await mail().createItem(user, inbox.id, { mime });
      assert.equal(plain.size, mime.length);
      assert.deepEqual(plain.flags, DEFAULT_MAIL_FLAGS);
      const receivedAt = at('2024-03-01T08:30:00.000Z');
      const flagged = await mail().createItem(user, inbox.id, { mime, receivedAt, flags: { read: true, categories: ['Blue'] } });
      const message = await mail().getItem(user, inbox.id, flagged.id);
      assert.deepEqual(Buffer.from(message.mime), Buffer.from(mime));
      assert.deepEqual(message.receivedAt, receivedAt);
      assert.deepEqual(message.flags, { ...DEFAULT_MAIL_FLAGS, read: true, categories: ['Blue'] });
      const listed = (await mail().listItems(user, inbox.id)).items.find((item) => item.id === flagged.id);
      assert.deepEqual(listed, flagged);
    });

    it('sets flags partially, each time with a new version', async () => {
      const user = fx().newUser();
      const inbox = await defaultFolderOf(fx(), user, 2);
      const created = await mail().createItem(user, inbox.id, { mime: sampleMime(1) });
      const read = await mail().setFlags(user, inbox.id, created.id, { read: true }, { ifVersion: created.version });
      assert.notEqual(read.version, created.version);
      const flag = { status: 'active', flagType: 'Follow up', startAt: at('2024-05-01T00:00:00Z'), dueAt: at('2024-05-03T00:00:00Z') } as const;
      await mail().setFlags(user, inbox.id, created.id, { flag });
      await mail().setFlags(user, inbox.id, created.id, { categories: ['Red', 'Ünïcode'] });
      const last = await mail().setFlags(user, inbox.id, created.id, {
        answered: true,
        lastVerb: { verb: 'replyToAll', at: at('2024-05-02T10:00:00Z') },
      });
      const expected: MailFlags = {
        read: true,
        flag,
        answered: true,
        forwarded: false,
        lastVerb: { verb: 'replyToAll', at: at('2024-05-02T10:00:00Z') },
        categories: ['Red', 'Ünïcode'],
      };
      assert.deepEqual(last.flags, expected);
      const message = await mail().getItem(user, inbox.id, created.id);
      assert.deepEqual(message.flags, expected);
      assert.deepEqual(Buffer.from(message.mime), Buffer.from(sampleMime(1)), 'flags never touch the MIME');
      const done = await mail().setFlags(user, inbox.id, created.id, { flag: { status: 'complete', completedAt: at('2024-05-04T00:00:00Z') } });
      assert.deepEqual(done.flags.flag, { status: 'complete', completedAt: at('2024-05-04T00:00:00Z') });
      assert.equal((await mail().setFlags(user, inbox.id, created.id, { flag: null })).flags.flag, null);
      await assert.rejects(mail().setFlags(user, inbox.id, created.id, { read: false }, { ifVersion: read.version }), VersionConflictError);
      await assert.rejects(mail().setFlags(user, inbox.id, 'missing', { read: true }), ItemNotFoundError);
    });

    it('reports a flag change as a change with the new version', async () => {
      const user = fx().newUser();
      const inbox = await defaultFolderOf(fx(), user, 2);
      const created = await mail().createItem(user, inbox.id, { mime: sampleMime(1) });
      const { token } = await mail().listItems(user, inbox.id);
      const flagged = await mail().setFlags(user, inbox.id, created.id, { read: true });
      assert.deepEqual((await mail().changesSince(user, inbox.id, token)).changes, [{ kind: 'changed', itemId: created.id, version: flagged.version }]);
    });

    it('replaces a message, keeping flags and received date unless given', async () => {
      const user = fx().newUser();
      const drafts = await defaultFolderOf(fx(), user, 3);
      const receivedAt = at('2024-01-02T03:04:05.000Z');
      const draft = await mail().createItem(user, drafts.id, { mime: sampleMime(1), receivedAt, flags: { read: true } });
      const replaced = await mail().updateItem(user, drafts.id, draft.id, { mime: sampleMime(2) });
      assert.deepEqual(replaced.receivedAt, receivedAt);
      assert.equal(replaced.flags.read, true);
      assert.equal(replaced.size, sampleMime(2).length);
      const again = await mail().updateItem(user, drafts.id, draft.id, { mime: sampleMime(3), flags: { read: false } });
      assert.equal(again.flags.read, false);
    });

    it('empties a folder, with or without its subfolders', async () => {
      const user = fx().newUser();
      const folder = await userFolderOf(fx(), user, 12);
      const child = await fx().stores.hierarchy.createFolder(user, { parentId: folder.id, displayName: 'Child', type: 12 });
      const messages = [1, 2, 3].map((n) => ({ mime: sampleMime(n) }));
      const kept = await mail().createItem(user, child.id, { mime: sampleMime(9) });
      const created = [];
      for (const message of messages) created.push(await mail().createItem(user, folder.id, message));
      const { token } = await mail().listItems(user, folder.id);
      await mail().emptyFolder(user, folder.id, { deleteSubfolders: false });
      assert.deepEqual((await mail().listItems(user, folder.id)).items, []);
      const gone = (await mail().changesSince(user, folder.id, token)).changes;
      assert.deepEqual(new Set(gone.map((change) => `${change.kind}:${change.itemId}`)), new Set(ids(created).map((id) => `deleted:${id}`)));
      assert.deepEqual(ids((await mail().listItems(user, child.id)).items), [kept.id]);

      await mail().createItem(user, folder.id, { mime: sampleMime(4) });
      await mail().emptyFolder(user, folder.id, { deleteSubfolders: true });
      assert.deepEqual((await mail().listItems(user, folder.id)).items, []);
      await assert.rejects(fx().stores.hierarchy.getFolder(user, child.id), FolderNotFoundError);
      assert.equal((await fx().stores.hierarchy.getFolder(user, folder.id)).id, folder.id);
      const calendar = await defaultFolderOf(fx(), user, 8);
      await assert.rejects(mail().emptyFolder(user, calendar.id, { deleteSubfolders: false }), FolderClassMismatchError);
    });
  });
}
