// ItemOperations over the real embedded store and SQLite state store (no HTTP): Fetch of items by
// ServerId (with and without CollectionId) and by LongId, of attachments by FileReference with and
// without Range, the multipart answer, EmptyFolderContents and the conversation Move, each failure
// with its own status while the other operations of the request still run.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import pino from 'pino';
import { EmbeddedStore } from '../../backends/embedded/embedded-store.js';
import { buildItemOperations, readItemOperationsReply, readMultipart, type ItemOperationSpec, type ItemOperationsResult } from '../../client/item-commands.js';
import { deviceKey, type DeviceKey } from '../../domain/device.js';
import type { Folder } from '../../domain/folder.js';
import type { StateStore } from '../../domain/state-store.js';
import { EAS_MULTIPART_CONTENT_TYPE } from '../../eas/headers.js';
import type { ProtocolVersion } from '../../eas/protocol-version.js';
import { childElements, decodeEasBody, firstChild, qualifiedName, textContent, type WbxmlElement } from '../../eas/wbxml-body.js';
import { SqliteStateStore } from '../../state/sqlite/sqlite-state-store.js';
import { formatLongId } from '../long-id.js';
import type { CommandContext } from '../registry.js';
import { createItemOperationsCommand } from './item-operations-command.js';

const USER = 'fetcher@example.org';
const OTHER = 'other@example.org';
const DEVICE = 'fetchphone';
const PNG = Uint8Array.from({ length: 300 }, (_, i) => (i * 7) % 256);

const text = (lines: string[]): Uint8Array => new TextEncoder().encode(lines.join('\r\n'));
const withAttachment = text([
  'From: Bob <bob@example.org>', 'To: fetcher@example.org', 'Subject: Picture', 'Message-ID: <pic@example.org>', 'MIME-Version: 1.0',
  'Content-Type: multipart/mixed; boundary="b1"', '', '--b1', 'Content-Type: text/html; charset=utf-8', '',
  `<p>${'Hello there. '.repeat(40)}</p>`, '--b1', 'Content-Type: image/png; name="dot.png"', 'Content-Disposition: attachment; filename="dot.png"',
  'Content-Transfer-Encoding: base64', '', Buffer.from(PNG).toString('base64'), '--b1--', '',
]);
const threadMessage = (id: string, subject: string, inReplyTo?: string): Uint8Array => text([
  'From: Bob <bob@example.org>', 'To: fetcher@example.org', `Subject: ${subject}`, `Message-ID: <${id}@example.org>`,
  ...(inReplyTo === undefined ? [] : [`In-Reply-To: <${inReplyTo}@example.org>`, `References: <${inReplyTo}@example.org>`]), '', `Body of ${id}`, '',
]);

const field = (props: WbxmlElement | undefined, name: string): string | undefined => {
  const el = props === undefined ? undefined : firstChild(props, name);
  return el === undefined ? undefined : textContent(el);
};

describe('ItemOperations', () => {
  let dir: string;
  let state: StateStore;
  let stores: EmbeddedStore;
  let key: DeviceKey;
  const folders: Record<'inbox' | 'sent' | 'trash' | 'calendar' | 'notes' | 'archive', Folder> = {} as never;
  const collections: Record<string, string> = {};
  let picture: { id: string; serverId: string };

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pushbridge-itemops-'));
    state = await SqliteStateStore.open({ dataDir: dir });
    stores = EmbeddedStore.open(dir);
    key = deviceKey(USER, DEVICE);
    await state.devices.record({ user: USER, deviceId: DEVICE, deviceType: 'iPhone' });
    const listed = (await stores.hierarchy.listFolders(USER)).folders;
    const byType = (type: number): Folder => listed.find((f) => f.type === type) ?? assert.fail(`no folder of type ${type}`);
    Object.assign(folders, { inbox: byType(2), sent: byType(5), trash: byType(4), calendar: byType(8), notes: byType(10) });
    folders.archive = await stores.hierarchy.createFolder(USER, { parentId: null, displayName: 'Archive', type: 12 });
    const assigned = await state.hierarchy.assignServerIds(key, Object.values(folders).map((f) => f.id));
    for (const [name, folder] of Object.entries(folders)) collections[name] = assigned.get(folder.id) ?? '';
    const item = await stores.mail.createItem(USER, folders.inbox.id, { mime: withAttachment });
    picture = { id: item.id, serverId: `${collections.inbox}:1` };
    await state.collections.commit(key, collections.inbox ?? '', { baseKey: 0, state: null, idMap: [{ op: 'put', serverId: picture.serverId, backendId: item.id, version: item.version }] });
  });
  after(async () => {
    await state.close();
    await stores.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function run(ops: ItemOperationSpec[], options: { version?: ProtocolVersion; multipart?: boolean } = {}): Promise<Omit<ItemOperationsResult, 'response' | 'multipart'>> {
    const ctx: CommandContext = {
      requestId: 'req-io', command: 'ItemOperations', user: { username: USER }, deviceId: DEVICE, deviceType: 'iPhone',
      protocolVersion: options.version ?? '16.1', params: options.multipart === true ? { acceptMultiPart: true } : {},
      log: pino({ level: 'silent' }), signal: new AbortController().signal,
    };
    const result = await createItemOperationsCommand({ state, stores, clock: Date.now }).handle(ctx, { kind: 'wbxml', root: buildItemOperations(ops) });
    if (options.multipart !== true) {
      assert.equal(result.kind, 'wbxml');
      return readItemOperationsReply((result as { root: WbxmlElement }).root);
    }
    assert.equal(result.kind, 'raw');
    const raw = result as { contentType: string; body: Uint8Array };
    assert.equal(raw.contentType, EAS_MULTIPART_CONTENT_TYPE);
    const parts = readMultipart(raw.body);
    return readItemOperationsReply(decodeEasBody(parts[0] ?? new Uint8Array(0)), parts);
  }

  it('fetches a message by CollectionId + ServerId, and by ServerId alone, with the asked body truncated', async () => {
    const html = [{ type: 2 as const, truncationSize: 100 }];
    const reply = await run([
      { fetch: { collectionId: collections.inbox ?? '', serverId: picture.serverId, bodyPreferences: html } },
      { fetch: { serverId: picture.serverId, bodyPreferences: html } },
    ]);
    assert.equal(reply.status, 1);
    for (const fetch of reply.fetches) {
      assert.equal(fetch.status, 1);
      assert.equal(fetch.className, 'Email');
      assert.equal(field(fetch.properties, 'Email:Subject'), 'Picture');
      const body = fetch.properties === undefined ? undefined : firstChild(fetch.properties, 'AirSyncBase:Body');
      assert.equal(field(body, 'AirSyncBase:Type'), '2');
      assert.equal(field(body, 'AirSyncBase:Truncated'), '1');
      assert.ok((fetch.body?.length ?? 0) <= 100);
    }
    assert.equal(reply.fetches[0]?.collectionId, collections.inbox);
    assert.equal(reply.fetches[1]?.collectionId, undefined);
  });

  it('fetches by LongId of the user own message; another user LongId or a foreign one is Status 6', async () => {
    const bobInbox = (await stores.hierarchy.listFolders(OTHER)).folders.find((f) => f.type === 2);
    assert.ok(bobInbox !== undefined);
    const bobs = await stores.mail.createItem(OTHER, bobInbox.id, { mime: threadMessage('secret', 'Secret') });
    const reply = await run([
      { fetch: { longId: formatLongId({ folderId: folders.inbox.id, itemId: picture.id }) ?? '', schema: ['Email:Subject'] } },
      { fetch: { longId: formatLongId({ folderId: bobInbox.id, itemId: bobs.id }) ?? '' } },
      { fetch: { longId: 'not-a-long-id' } },
    ]);
    assert.deepEqual(reply.fetches.map((f) => f.status), [1, 6, 6]);
    const narrowed = reply.fetches[0]?.properties;
    assert.ok(narrowed !== undefined);
    assert.deepEqual(childElements(narrowed).map(qualifiedName), ['Email:Subject']);
  });

  it('fetches a note with the Notes converter', async () => {
    const note = await stores.notes.createItem(USER, folders.notes.id, { subject: 'Groceries', body: 'Milk', categories: [] });
    await state.collections.applyIdMapChanges(key, collections.notes ?? '', [{ op: 'put', serverId: `${collections.notes}:3`, backendId: note.id, version: note.version }]);
    const [fetch] = (await run([{ fetch: { serverId: `${collections.notes}:3` } }])).fetches;
    assert.equal(fetch?.className, 'Notes');
    assert.equal(field(fetch?.properties, 'Notes:Subject'), 'Groceries');
  });

  it('fetches an attachment by the FileReference its message lists, whole, by Range, and in a multipart answer', async () => {
    const [message] = (await run([{ fetch: { serverId: picture.serverId } }])).fetches;
    const attachments = message?.properties === undefined ? undefined : firstChild(message.properties, 'AirSyncBase:Attachments');
    const reference = field(attachments === undefined ? undefined : firstChild(attachments, 'AirSyncBase:Attachment'), 'AirSyncBase:FileReference') ?? '';
    const reply = await run([{ fetch: { fileReference: reference } }, { fetch: { fileReference: reference, range: '0-99' } }, { fetch: { fileReference: reference, range: '250-999' } }]);
    const [whole, first, tail] = reply.fetches;
    assert.equal(field(whole?.properties, 'AirSyncBase:ContentType'), 'image/png');
    assert.deepEqual(whole?.data, Buffer.from(PNG));
    assert.equal(field(whole?.properties, 'ItemOperations:Range'), undefined);
    assert.deepEqual([field(first?.properties, 'ItemOperations:Range'), field(first?.properties, 'ItemOperations:Total')], ['0-99', '300']);
    assert.deepEqual(first?.data, Buffer.from(PNG.subarray(0, 100)));
    assert.deepEqual([field(tail?.properties, 'ItemOperations:Range'), tail?.data?.length], ['250-299', 50]);
    const multipart = await run([{ fetch: { fileReference: reference } }, { fetch: { serverId: picture.serverId, bodyPreferences: [{ type: 2 }] } }], { multipart: true });
    assert.deepEqual(Buffer.from(multipart.fetches[0]?.data ?? []), Buffer.from(PNG));
    assert.match(Buffer.from(multipart.fetches[1]?.body ?? []).toString('utf8'), /Hello there/);
  });

  it('answers 15 for a reference to nothing, 8 for a Range past the end, 9 for a document library, 2 for a Fetch naming nothing', async () => {
    const longId = formatLongId({ folderId: folders.inbox.id, itemId: picture.id });
    const reply = await run([
      { fetch: { fileReference: `${longId}:7` } },
      { fetch: { fileReference: 'garbage' } },
      { fetch: { fileReference: `${longId}:0`, range: '5000-6000' } },
      { fetch: { store: 'DocumentLibrary', linkId: 'http://intranet/doc.docx' } },
      { fetch: {} },
      { fetch: { serverId: `${collections.inbox}:999` } },
    ]);
    assert.deepEqual(reply.fetches.map((f) => f.status), [15, 15, 8, 9, 2, 6]);
  });

  it('empties a mail folder (and its subfolders when asked); other classes get 156, unknown collections 6', async () => {
    await stores.mail.createItem(USER, folders.trash.id, { mime: threadMessage('junk', 'Junk') });
    const sub = await stores.hierarchy.createFolder(USER, { parentId: folders.trash.id, displayName: 'Old', type: 12 });
    const reply = await run([
      { emptyFolder: { collectionId: collections.trash ?? '', deleteSubfolders: true } },
      { emptyFolder: { collectionId: collections.calendar ?? '' } },
      { emptyFolder: { collectionId: '424242' } },
    ]);
    assert.deepEqual(reply.emptied.map((e) => [e.collectionId, e.status]), [[collections.trash, 1], [collections.calendar, 156], ['424242', 6]]);
    assert.equal((await stores.mail.listItems(USER, folders.trash.id)).items.length, 0);
    assert.equal((await stores.hierarchy.listFolders(USER)).folders.some((f) => f.id === sub.id), false);
  });

  it('moves a conversation from every mail folder but Sent Items (14.0+), with the statuses of MS-ASCON', async () => {
    const root = await stores.mail.createItem(USER, folders.inbox.id, { mime: threadMessage('t1', 'Plans') });
    const reply1 = await stores.mail.createItem(USER, folders.inbox.id, { mime: threadMessage('t2', 'Re: Plans', 't1') });
    const sent = await stores.mail.createItem(USER, folders.sent.id, { mime: threadMessage('t3', 'Re: Plans', 't1') });
    const fetched = await run([{ fetch: { longId: formatLongId({ folderId: folders.inbox.id, itemId: reply1.id }) ?? '' } }]);
    const idEl = fetched.fetches[0]?.properties === undefined ? undefined : firstChild(fetched.fetches[0].properties, 'Email2:ConversationId');
    const conversationId = idEl?.children[0];
    assert.ok(conversationId instanceof Uint8Array);
    const archive = collections.archive ?? '';
    const reply = await run([
      { moveConversation: { conversationId, dstFldId: archive, moveAlways: true } },
      { moveConversation: { conversationId: new Uint8Array(16), dstFldId: archive } },
      { moveConversation: { conversationId, dstFldId: collections.calendar ?? '' } },
      { moveConversation: { conversationId, dstFldId: '424242' } },
    ]);
    assert.deepEqual(reply.moved.map((m) => m.status), [1, 6, 156, 6]);
    assert.deepEqual(reply.moved[0]?.conversationId, Buffer.from(conversationId));
    const archived = (await stores.mail.listItems(USER, folders.archive.id)).items.map((i) => i.id).sort();
    assert.deepEqual(archived, [root.id, reply1.id].sort());
    assert.equal((await stores.mail.getItems(USER, folders.sent.id, [sent.id])).length, 1);
    const old = await run([{ moveConversation: { conversationId, dstFldId: archive } }], { version: '12.1' });
    assert.equal(old.moved[0]?.status, 2);
  });

  it('answers a body without operations with Status 2 for the command', async () => {
    const ctx = { user: { username: USER }, deviceId: DEVICE, protocolVersion: '16.1', params: {}, log: pino({ level: 'silent' }) } as unknown as CommandContext;
    const result = await createItemOperationsCommand({ state, stores, clock: Date.now }).handle(ctx, { kind: 'empty' });
    assert.equal(result.kind, 'wbxml');
    assert.equal(readItemOperationsReply((result as { root: WbxmlElement }).root).status, 2);
  });
});
