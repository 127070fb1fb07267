// Mailbox Search over real HTTP with our EasClient: keywords found in subjects and bodies, a
// received-date window, Range paging with Total, DeepTraversal into a subfolder, CollectionId "0"
// for all folders, another user's mail never found, the statuses for GAL and DocumentLibrary
// stores and for malformed or unsupported queries, and a result's LongId fetched through
// ItemOperations. Every reply is decoded by libwbxml too (checked).

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { itemOperationsFetch, searchMailbox, sendSearch, type EasClient, type SearchResult } from '../../src/client/index.js';
import type { Folder } from '../../src/domain/folder.js';
import type { ProtocolVersion } from '../../src/eas/protocol-version.js';
import { element, firstChild, textContent, type WbxmlElement } from '../../src/eas/wbxml-body.js';
import { ALICE, BOB, checked, startFolderApp, type FolderApp } from '../helpers/folder-http-kit.js';

const DAY = 86_400_000;

const mime = (subject: string, body: string, from = 'Carol Chen <carol@example.net>'): Uint8Array => Buffer.from([
  `From: ${from}`, `To: ${ALICE.user}`, `Subject: ${subject}`, 'MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8', '', body, '',
].join('\r\n'), 'utf8');

const field = (data: WbxmlElement | undefined, name: string): string | undefined => {
  const el = data === undefined ? undefined : firstChild(data, name);
  return el === undefined ? undefined : textContent(el);
};
const subjects = (result: SearchResult): string[] => result.results.map((r) => field(r.properties, 'Email:Subject') ?? '?');

/** A provisioned device that has done its first FolderSync; the folders by name. */
async function deviceWithFolders(fx: FolderApp, id: string, version: ProtocolVersion, account = ALICE): Promise<{ client: EasClient; ids: Map<string, string> }> {
  const client = fx.device(id, version, account);
  const sync = await client.folderSync('0');
  assert.equal(sync.status, 1);
  return { client, ids: new Map(sync.added.map((f) => [f.displayName, f.serverId])) };
}

describe('Search (Mailbox) over HTTP', () => {
  let fx: FolderApp;
  let inbox: Folder;
  let projects: Folder;
  let archive: Folder;
  const now = Date.now();

  before(async () => {
    fx = await startFolderApp();
    const { folders } = await fx.app.mailboxes.hierarchy.listFolders(ALICE.user);
    const found = folders.find((f) => f.type === 2);
    assert.ok(found !== undefined);
    inbox = found;
    projects = await fx.app.mailboxes.hierarchy.createFolder(ALICE.user, { parentId: null, displayName: 'Projects', type: 12 });
    archive = await fx.app.mailboxes.hierarchy.createFolder(ALICE.user, { parentId: projects.id, displayName: 'Archive', type: 12 });
    const put = (folder: Folder, daysAgo: number, subject: string, body: string) =>
      fx.app.mailboxes.mail.createItem(ALICE.user, folder.id, { mime: mime(subject, body), receivedAt: new Date(now - daysAgo * DAY) });
    await put(inbox, 1, 'Quarterly budget', 'Numbers for the zeppelin programme are attached.');
    await put(inbox, 3, 'Lunch on Friday', 'Shall we talk about the zeppelin over lunch?');
    await put(inbox, 20, 'Old news', 'The zeppelin hangar was painted.');
    for (let n = 1; n <= 7; n += 1) await put(inbox, 30 + n, `Ticket ${n}`, 'Status update for ticket tracker');
    await put(projects, 2, 'Project kickoff', 'The albatross project starts today.');
    await put(archive, 40, 'Archived albatross', 'An old albatross note.');
    await fx.app.mailboxes.mail.createItem(BOB.user, (await fx.app.mailboxes.hierarchy.listFolders(BOB.user)).folders.find((f) => f.type === 2)?.id ?? '',
      { mime: mime('Bob private', 'The walrus plan') });
  });
  after(() => fx.close());

  for (const version of ['12.1', '14.1', '16.1'] as const) {
    it(`${version}: finds subject and body words, newest first, with LongId, CollectionId and Properties`, async () => {
      const { client, ids } = await deviceWithFolders(fx, `SearchWords${version.replace('.', '')}`, version);
      const bySubject = await checked(searchMailbox(client, { freeText: 'budget', range: '0-9', bodyPreference: { type: 1, truncationSize: 512 } }));
      assert.equal(bySubject.status, 1);
      assert.equal(bySubject.storeStatus, 1);
      assert.deepEqual(subjects(bySubject), ['Quarterly budget']);
      const [hit] = bySubject.results;
      assert.equal(hit?.collectionId, ids.get('Inbox'));
      assert.equal(hit?.className, 'Email');
      assert.ok(hit?.longId !== undefined && hit.longId.length <= 256);
      assert.match(field(hit.properties, 'Email:From') ?? '', /carol@example\.net/);
      const body = hit.properties === undefined ? undefined : firstChild(hit.properties, 'AirSyncBase:Body');
      assert.match(field(body, 'AirSyncBase:Data') ?? '', /zeppelin programme/);

      const byBody = await checked(searchMailbox(client, { freeText: 'ZEPPELIN' }));
      assert.deepEqual(subjects(byBody), ['Quarterly budget', 'Lunch on Friday', 'Old news']);
      assert.equal(byBody.total, 3);
      assert.equal(byBody.range, '0-2');
      assert.deepEqual(subjects(await checked(searchMailbox(client, { freeText: 'zeppelin lunch' }))), ['Lunch on Friday']);
    });
  }

  it('limits by received date and finds nothing with an empty Result and Total 0', async () => {
    const { client } = await deviceWithFolders(fx, 'SearchDates', '14.1');
    const recent = await checked(searchMailbox(client, { freeText: 'zeppelin', since: new Date(now - 10 * DAY) }));
    assert.deepEqual(subjects(recent), ['Quarterly budget', 'Lunch on Friday']);
    const window = await checked(searchMailbox(client, { freeText: 'zeppelin', since: new Date(now - 30 * DAY), until: new Date(now - 2 * DAY) }));
    assert.deepEqual(subjects(window), ['Lunch on Friday', 'Old news']);
    const none = await checked(searchMailbox(client, { freeText: 'nonexistentword' }));
    assert.deepEqual([none.storeStatus, none.results.length, none.total, none.range], [1, 0, 0, undefined]);
  });

  it('pages with Range while Total counts every match', async () => {
    const { client } = await deviceWithFolders(fx, 'SearchPages', '16.1');
    const pages: SearchResult[] = [];
    for (const range of ['0-2', '3-5', '6-8']) pages.push(await checked(searchMailbox(client, { freeText: 'tracker', range })));
    assert.deepEqual(pages.map((p) => [p.range, p.total, p.results.length]), [['0-2', 7, 3], ['3-5', 7, 3], ['6-6', 7, 1]]);
    assert.deepEqual(pages.flatMap(subjects), [1, 2, 3, 4, 5, 6, 7].map((n) => `Ticket ${n}`));
    const beyond = await checked(searchMailbox(client, { freeText: 'tracker', range: '20-29' }));
    assert.deepEqual([beyond.results.length, beyond.total], [0, 7]);
  });

  it('searches the named folder, its subfolders with DeepTraversal, and all folders for CollectionId 0', async () => {
    const { client, ids } = await deviceWithFolders(fx, 'SearchDeep', '14.1');
    const projectsId = ids.get('Projects');
    assert.ok(projectsId !== undefined);
    const flat = await checked(searchMailbox(client, { freeText: 'albatross', collectionId: projectsId }));
    assert.deepEqual(subjects(flat), ['Project kickoff']);
    const deep = await checked(searchMailbox(client, { freeText: 'albatross', collectionId: projectsId, deepTraversal: true }));
    assert.deepEqual(subjects(deep), ['Project kickoff', 'Archived albatross']);
    assert.deepEqual(deep.results.map((r) => r.collectionId), [projectsId, ids.get('Archive')]);
    const inInbox = await checked(searchMailbox(client, { freeText: 'albatross', collectionId: ids.get('Inbox') ?? '' }));
    assert.equal(inInbox.total, 0);
    const everywhere = await checked(searchMailbox(client, { freeText: 'albatross', collectionId: '0' }));
    assert.equal(everywhere.total, 2);
  });

  it("never finds another user's mail", async () => {
    const alice = await deviceWithFolders(fx, 'SearchAliceOwn', '14.1');
    const bob = await deviceWithFolders(fx, 'SearchBobOwn', '14.1', BOB);
    assert.equal((await checked(searchMailbox(alice.client, { freeText: 'walrus' }))).total, 0);
    assert.equal((await checked(searchMailbox(bob.client, { freeText: 'walrus' }))).total, 1);
    assert.equal((await checked(searchMailbox(bob.client, { freeText: 'zeppelin' }))).total, 0);
    const unknown = await checked(searchMailbox(bob.client, { freeText: 'zeppelin', collectionId: '999' }));
    assert.deepEqual([unknown.status, unknown.storeStatus, unknown.results.length], [1, 11, 0]);
  });

  it('answers GAL and DocumentLibrary stores and malformed or unsupported queries with a Store status', async () => {
    const { client } = await deviceWithFolders(fx, 'SearchStatuses', '14.1');
    const store = (name: string, query: WbxmlElement | string, options: WbxmlElement[] = []) => element('Search:Search', element('Search:Store', [
      element('Search:Name', name), element('Search:Query', query), ...(options.length === 0 ? [] : [element('Search:Options', options)]),
    ]));
    const statusOf = async (body: WbxmlElement) => {
      const reply = await checked(sendSearch(client, body));
      return [reply.status, reply.storeStatus];
    };
    assert.deepEqual(await statusOf(store('GAL', 'smith', [element('Search:Range', '0-9')])), [1, 3]);
    assert.deepEqual(await statusOf(store('DocumentLibrary', element('Search:EqualTo', [element('DocumentLibrary:LinkId'), element('Search:Value', '\\\\srv\\share')]))), [1, 13]);
    assert.deepEqual(await statusOf(store('Mailbox', element('Search:Or', [element('Search:FreeText', 'a'), element('Search:FreeText', 'b')]))), [1, 8]);
    assert.deepEqual(await statusOf(store('Mailbox', element('AirSync:CollectionId', '1'))), [1, 8]);
    assert.deepEqual(await statusOf(store('Mailbox', element('Search:And', element('Search:FreeText', 'x')), [element('Search:Range', '9-3')])), [1, 2]);
    assert.deepEqual(await statusOf(store('Mailbox', element('Search:And', []))), [1, 2]);
    assert.deepEqual(await statusOf(element('Search:Search')), [1, 2]);
  });

  it('returns the whole MIME message when asked with MIMESupport and BodyPreference Type 4', async () => {
    const { client } = await deviceWithFolders(fx, 'SearchMime', '14.1');
    const found = await checked(searchMailbox(client, { freeText: 'kickoff', mimeSupport: 2, bodyPreference: { type: 4 } }));
    const body = found.results[0]?.properties === undefined ? undefined : firstChild(found.results[0].properties, 'AirSyncBase:Body');
    assert.equal(field(body, 'AirSyncBase:Type'), '4');
    assert.match(field(body, 'AirSyncBase:Data') ?? '', /^From: Carol Chen[\s\S]*Subject: Project kickoff/);
  });

  it('hands out LongIds that ItemOperations Fetch resolves without a CollectionId', async () => {
    const { client } = await deviceWithFolders(fx, 'SearchFetch', '14.1');
    const found = await checked(searchMailbox(client, { freeText: 'kickoff' }));
    const longId = found.results[0]?.longId;
    assert.ok(longId !== undefined);
    const fetched = await checked(itemOperationsFetch(client, [{ longId, bodyPreferences: [{ type: 1 }] }]));
    assert.equal(fetched.fetches[0]?.status, 1);
    assert.equal(field(fetched.fetches[0]?.properties, 'Email:Subject'), 'Project kickoff');
  });
});
