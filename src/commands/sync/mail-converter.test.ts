// The mail converter's client Adds (ItemConverter.decode and create) over real embedded
// mailboxes and the real SmtpMailSubmitter (local delivery): a 16.x Add in Drafts is stored there
// as a read draft under the Add's clientRef; with Email2:Send it goes to the recipient and to Sent
// Items and create resolves to undefined with nothing in Drafts; an unsendable one, one with no
// mail submission configured, one outside Drafts or before 16.0 is InvalidInputError (Sync
// Status 6), again with nothing stored.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { EmbeddedStore } from '../../backends/embedded/embedded-store.js';
import { InvalidInputError } from '../../domain/errors.js';
import { FolderType, type DefaultFolderType } from '../../domain/folder.js';
import type { ProtocolVersion } from '../../eas/protocol-version.js';
import { element, type WbxmlElement } from '../../eas/wbxml-body.js';
import type { ConverterCall, ItemConverter } from '../../sync/item-converter.js';
import { openLocalDelivery, type LocalDelivery } from '../../../test/helpers/local-delivery.js';
import { createDraftSender } from '../compose/draft-send.js';
import { createMailConverter } from './mail-converter.js';

const ALICE = 'alice@example.org';
const BOB = 'bob@example.org';
const text = (bytes: Uint8Array): string => Buffer.from(bytes).toString('utf8');

let delivery: LocalDelivery;
let mailboxes: EmbeddedStore;
let converter: ItemConverter;

before(async () => {
  delivery = await openLocalDelivery('mail-converter', [ALICE, BOB]);
  mailboxes = delivery.mailboxes;
  converter = createMailConverter(createDraftSender({ submitter: delivery.submitter, stores: mailboxes, clock: () => Date.parse('2026-11-24T09:00:00Z') }));
});
after(() => delivery.close());

const folderOf = (user: string, type: DefaultFolderType): Promise<string> => delivery.folderOf(user, type);
const count = (user: string, type: DefaultFolderType): Promise<number> => delivery.count(user, type);
const counts = async (): Promise<[number, number, number]> => [await count(ALICE, FolderType.Drafts), await count(ALICE, FolderType.SentItems), await count(BOB, FolderType.Inbox)];

const call = (folderType: DefaultFolderType = FolderType.Drafts, protocolVersion: ProtocolVersion = '16.1'): ConverterCall =>
  ({ protocolVersion, options: { bodyPreferences: [] }, folderType, userAddress: ALICE });

function appData(to: string, subject: string, send: boolean): WbxmlElement {
  return element('AirSync:ApplicationData', [
    ...(to === '' ? [] : [element('Email:To', to)]),
    element('Email:Subject', subject),
    element('AirSyncBase:Body', [element('AirSyncBase:Type', '1'), element('AirSyncBase:Data', `${subject}, the body.`)]),
    // Where the Sync request reader puts the Email2:Send it finds beside ApplicationData.
    ...(send ? [element('Email2:Send')] : []),
  ]);
}

async function add(data: WbxmlElement, clientRef: string, via: ItemConverter = converter, at: ConverterCall = call()): Promise<ReturnType<NonNullable<ItemConverter['create']>>> {
  const input = await converter.decode(data, undefined, at);
  const create = via.create;
  assert.ok(create !== undefined, 'the mail converter writes its own Adds');
  return create({ store: mailboxes.mail, user: ALICE, folderId: await folderOf(ALICE, at.folderType as DefaultFolderType), clientRef }, input);
}

describe('mail converter Adds', () => {
  it('stores a 16.x Add without Send in Drafts as a read draft under the clientRef', async () => {
    const created = await add(appData(BOB, 'Kept draft', false), 'phone/3/2/keep');
    assert.ok(created !== undefined);
    const drafts = await folderOf(ALICE, FolderType.Drafts);
    assert.equal(created.folderId, drafts);
    const [stored] = await mailboxes.mail.getItems(ALICE, drafts, [created.id]);
    assert.equal(stored?.flags.read, true);
    assert.match(text(stored.mime), /^From: alice@example\.org\r?$/m);
    const again = await add(appData(BOB, 'Kept draft', false), 'phone/3/2/keep');
    assert.equal(again?.id, created.id, 'a retry under the same clientRef finds the first draft');
  });

  it('sends a 16.x Add with Send to bob and Sent Items, leaving nothing in Drafts', async () => {
    const [drafts, sent, inbox] = await counts();
    assert.equal(await add(appData(BOB, 'Sent at once', true), 'phone/3/3/send'), undefined);
    assert.deepEqual(await counts(), [drafts, sent + 1, inbox + 1]);
    const sentItems = await folderOf(ALICE, FolderType.SentItems);
    const ids = (await mailboxes.mail.listItems(ALICE, sentItems)).items.map((i) => i.id);
    const copies = await mailboxes.mail.getItems(ALICE, sentItems, ids);
    assert.ok(copies.some((c) => /^Subject: Sent at once\r?$/m.test(text(c.mime)) && c.flags.read));
  });

  it('refuses an unsendable Add, one with no mail submission, one outside Drafts and one before 16.0, storing nothing', async () => {
    const before = await counts();
    await assert.rejects(add(appData('', 'Nobody to send to', true), 'phone/3/4/none'), InvalidInputError);
    await assert.rejects(add(appData(BOB, 'No submitter', true), 'phone/3/4/nosub', createMailConverter()), InvalidInputError);
    await assert.rejects(Promise.resolve().then(() => converter.decode(appData(BOB, 'In the Inbox', true), undefined, call(FolderType.Inbox))), InvalidInputError);
    await assert.rejects(Promise.resolve().then(() => converter.decode(appData(BOB, 'Too old', true), undefined, call(FolderType.Drafts, '14.1'))), InvalidInputError);
    assert.deepEqual(await counts(), before);
  });
});
