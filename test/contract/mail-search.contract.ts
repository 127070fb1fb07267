// MailStore search contract (the mailbox Search command's port): words match subject, people and
// body case-insensitively and all must match, folders and received dates scope the search,
// results come newest first with a total for paging, content changes and deletions show at once,
// and another user's mail is never found. Words are whole words on purpose: IMAP matches
// substrings and the embedded store prefixes, and the port promises only whole words.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FolderClassMismatchError, FolderNotFoundError, InvalidInputError } from '../../src/domain/errors.js';
import type { MailSearchQuery, MailStore } from '../../src/domain/mail-store.js';
import { defaultFolderOf, userFolderOf } from './item-store-kit.js';
import { useHarness, type StoreHarnessFactory } from './store-harness.js';

interface MessageSpec {
  readonly subject: string;
  readonly body?: string;
  readonly from?: string;
  readonly to?: string;
  readonly cc?: string;
  readonly html?: boolean;
}

/** A plain or HTML-only message; the body is quoted-printable so encoded text must be decoded to match. */
export function searchMime(spec: MessageSpec): Uint8Array {
  const body = spec.body ?? 'Nothing to see here.';
  const encoded = Buffer.from(spec.html === true ? `<html><body><p>${body}</p></body></html>` : body, 'utf8')
    .toString('latin1')
    .replace(/[^\x20-\x3c\x3e-\x7e]/g, (c) => `=${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  // Headers in UTF-8 as RFC 6532 allows; the body in quoted-printable.
  return Buffer.from([
    `From: ${spec.from ?? 'Alice Archer <alice@example.org>'}`,
    `To: ${spec.to ?? 'Bob Baker <bob@example.org>'}`,
    ...(spec.cc === undefined ? [] : [`Cc: ${spec.cc}`]),
    `Subject: ${spec.subject}`,
    'Date: Mon, 02 Nov 2026 09:00:00 +0000',
    'MIME-Version: 1.0',
    `Content-Type: ${spec.html === true ? 'text/html' : 'text/plain'}; charset=utf-8`,
    'Content-Transfer-Encoding: quoted-printable',
    '',
    encoded,
    '',
  ].join('\r\n'), 'utf8');
}

const day = (n: number): Date => new Date(Date.UTC(2026, 10, n, 12));

export function mailSearchContract(name: string, factory: StoreHarnessFactory): void {
  describe(`MailStore contract: ${name}: search`, () => {
    const fx = useHarness(factory);
    const mail = (): MailStore => fx().stores.mail;
    const subjects = async (user: string, query: MailSearchQuery): Promise<string[]> => {
      const result = await mail().search(user, query);
      const out: string[] = [];
      for (const hit of result.hits) {
        const message = await mail().getItem(user, hit.folderId, hit.id);
        out.push(/^Subject: (.*)$/m.exec(Buffer.from(message.mime).toString('utf8'))?.[1]?.trim() ?? '');
      }
      return out;
    };

    it('matches every word, case-insensitively, in subject, people and body, newest first', async () => {
      const user = fx().newUser();
      const inbox = await defaultFolderOf(fx(), user, 2);
      const put = (n: number, spec: MessageSpec) => mail().createItem(user, inbox.id, { mime: searchMime(spec), receivedAt: day(n) });
      await put(1, { subject: 'Quarterly report', body: 'The numbers look fine.' });
      await put(2, { subject: 'Lunch', body: 'Bring the REPORT to lunch on Friday.' });
      await put(3, { subject: 'Café visit', from: 'Dora Dunn <dora@example.net>', body: 'Grüße aus München' });
      await put(4, { subject: 'Minutes', cc: 'Erin Egger <erin@example.com>', html: true, body: 'Budget <b>approved</b> &amp; signed' });
      await put(5, { subject: 'Other', to: 'Frank Fox <frank@example.com>' });
      const search = (words: string[]) => subjects(user, { folderIds: [inbox.id], words, limit: 10 });
      assert.deepEqual(await search(['report']), ['Lunch', 'Quarterly report']);
      assert.deepEqual(await search(['Report', 'FRIDAY']), ['Lunch']);
      assert.deepEqual(await search(['report', 'missing']), []);
      assert.deepEqual(await search(['dora']), ['Café visit']);
      assert.deepEqual(await search(['café']), ['Café visit']);
      assert.deepEqual(await search(['münchen']), ['Café visit']);
      assert.deepEqual(await search(['erin']), ['Minutes']);
      assert.deepEqual(await search(['approved', 'signed']), ['Minutes'], 'an HTML-only body is searched as text');
      assert.deepEqual(await search(['frank']), ['Other']);
      assert.deepEqual(await search([]), ['Other', 'Minutes', 'Café visit', 'Lunch', 'Quarterly report']);
      const result = await mail().search(user, { folderIds: [inbox.id], words: ['report'], limit: 10 });
      assert.equal(result.total, 2);
      assert.deepEqual(result.hits.map((hit) => [hit.folderId, hit.receivedAt.toISOString()]), [
        [inbox.id, day(2).toISOString()],
        [inbox.id, day(1).toISOString()],
      ]);
    });

    it('searches only the folders named, and received dates strictly between the bounds', async () => {
      const user = fx().newUser();
      const inbox = await defaultFolderOf(fx(), user, 2);
      const archive = await userFolderOf(fx(), user, 12);
      const child = await fx().stores.hierarchy.createFolder(user, { parentId: archive.id, displayName: 'Deep', type: 12 });
      await mail().createItem(user, inbox.id, { mime: searchMime({ subject: 'Invoice inbox' }), receivedAt: day(10) });
      await mail().createItem(user, archive.id, { mime: searchMime({ subject: 'Invoice archive' }), receivedAt: day(11) });
      await mail().createItem(user, child.id, { mime: searchMime({ subject: 'Invoice deep' }), receivedAt: day(12) });
      const search = (folderIds: string[], extra: Partial<MailSearchQuery> = {}) =>
        subjects(user, { folderIds, words: ['invoice'], limit: 10, ...extra });
      assert.deepEqual(await search([archive.id]), ['Invoice archive'], 'subfolders are not implied');
      assert.deepEqual(await search([inbox.id, child.id]), ['Invoice deep', 'Invoice inbox']);
      assert.deepEqual(await search([]), []);
      const all = [inbox.id, archive.id, child.id];
      assert.deepEqual(await search(all, { receivedAfter: day(10) }), ['Invoice deep', 'Invoice archive']);
      assert.deepEqual(await search(all, { receivedBefore: day(12) }), ['Invoice archive', 'Invoice inbox']);
      assert.deepEqual(await search(all, { receivedAfter: day(10), receivedBefore: day(12) }), ['Invoice archive']);
    });

    it('pages with offset and limit while the total counts every match', async () => {
      const user = fx().newUser();
      const inbox = await defaultFolderOf(fx(), user, 2);
      for (let n = 1; n <= 7; n += 1) {
        await mail().createItem(user, inbox.id, { mime: searchMime({ subject: `Ticket ${n}`, body: 'status update' }), receivedAt: day(n) });
      }
      const page = (offset: number, limit: number) => mail().search(user, { folderIds: [inbox.id], words: ['status'], offset, limit });
      const first = await page(0, 3);
      const second = await page(3, 3);
      const last = await page(6, 3);
      assert.deepEqual([first.total, second.total, last.total], [7, 7, 7]);
      const seen = [...first.hits, ...second.hits, ...last.hits];
      assert.equal(new Set(seen.map((hit) => hit.id)).size, 7);
      assert.deepEqual(seen.map((hit) => hit.receivedAt.getTime()), [7, 6, 5, 4, 3, 2, 1].map((n) => day(n).getTime()));
      const countOnly = await page(0, 0);
      assert.deepEqual(countOnly, { total: 7, hits: [] });
      assert.deepEqual((await page(9, 3)).hits, []);
    });

    it('follows replaced, moved and deleted messages at once', async () => {
      const user = fx().newUser();
      const drafts = await defaultFolderOf(fx(), user, 3);
      const archive = await userFolderOf(fx(), user, 12);
      const draft = await mail().createItem(user, drafts.id, { mime: searchMime({ subject: 'Draft', body: 'pineapple' }) });
      const search = (word: string) => mail().search(user, { folderIds: [drafts.id, archive.id], words: [word], limit: 10 });
      assert.equal((await search('pineapple')).total, 1);
      await mail().updateItem(user, drafts.id, draft.id, { mime: searchMime({ subject: 'Draft', body: 'coconut' }) });
      assert.equal((await search('pineapple')).total, 0);
      assert.equal((await search('coconut')).total, 1);
      const moved = await mail().moveItem(user, drafts.id, draft.id, archive.id);
      assert.deepEqual((await search('coconut')).hits.map((hit) => [hit.folderId, hit.id]), [[archive.id, moved.id]]);
      await mail().setFlags(user, archive.id, moved.id, { read: true });
      assert.equal((await search('coconut')).total, 1, 'a flag change keeps the message findable');
      await mail().deleteItem(user, archive.id, moved.id);
      assert.equal((await search('coconut')).total, 0);
      await mail().createItem(user, archive.id, { mime: searchMime({ subject: 'Again', body: 'coconut' }) });
      await mail().emptyFolder(user, archive.id, { deleteSubfolders: false });
      assert.equal((await search('coconut')).total, 0);
    });

    it("never finds another user's mail, and refuses unknown or non-mail folders and bad paging", async () => {
      const alice = fx().newUser();
      const bob = fx().newUser();
      const aliceInbox = await defaultFolderOf(fx(), alice, 2);
      const bobInbox = await defaultFolderOf(fx(), bob, 2);
      await mail().createItem(alice, aliceInbox.id, { mime: searchMime({ subject: 'Secret', body: 'walrus' }) });
      assert.equal((await mail().search(bob, { folderIds: [bobInbox.id], words: ['walrus'], limit: 10 })).total, 0);
      await assert.rejects(mail().search(bob, { folderIds: [aliceInbox.id], words: ['walrus'], limit: 10 }), FolderNotFoundError);
      const calendar = await defaultFolderOf(fx(), alice, 8);
      await assert.rejects(mail().search(alice, { folderIds: [calendar.id], words: ['walrus'], limit: 10 }), FolderClassMismatchError);
      await assert.rejects(mail().search(alice, { folderIds: [aliceInbox.id], words: [], limit: -1 }), InvalidInputError);
      await assert.rejects(mail().search(alice, { folderIds: [aliceInbox.id], words: [], limit: 5, offset: 1.5 }), InvalidInputError);
      await assert.rejects(mail().search(alice, { folderIds: [aliceInbox.id], words: [], limit: 5, receivedAfter: new Date(Number.NaN) }), InvalidInputError);
    });
  });
}
