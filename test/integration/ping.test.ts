// Ping over real HTTP with our EasClient (MS-ASCMD 2.2.1.13): a held Ping wakes within a second
// when another device of the user adds a contact, naming only that folder; changes made while no
// Ping was held answer the next one at once; heartbeat and folder bounds give Status 5 and 6 with
// the bound; empty Pings reuse the cached request (3 when there is none); an unknown folder, a
// stale hierarchy or a folder created while held give 7; a newer Ping or a Sync of the device ends
// the held Ping (Status 1), a Ping ends a held Sync, and a client that goes away leaves no
// subscription behind; closing the app answers held Pings at once. Every WBXML answer is also
// decoded by libwbxml (checked()).
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { EasClientError, folderCreate, type EasClient, type PingFolder, type PingResult } from '../../src/client/index.js';
import { element, type WbxmlElement } from '../../src/eas/wbxml-body.js';
import type { ProtocolVersion } from '../../src/eas/protocol-version.js';
import { readPingReply } from '../../src/client/response-readers.js';
import { checked, startFolderApp, type FolderApp } from '../helpers/folder-http-kit.js';
import { until } from './push-kit.js';
import { SyncDevice, folderOfType, sendSync, syncRequest } from './sync-kit.js';

const INBOX = 2;
const CONTACTS = 9;
/** Long enough never to expire during a test; within the default bounds (60-3540 s). */
const HEARTBEAT = 900;

const contactData = (name: string): WbxmlElement[] => [
  element('Contacts:Email1Address', `${name.toLowerCase()}@example.org`), element('Contacts:FirstName', name), element('Contacts:LastName', 'Pinged'),
];

/** A device that has FolderSynced and drained its Inbox and Contacts. */
interface PingDevice {
  readonly client: EasClient;
  readonly inbox: SyncDevice;
  readonly contacts: SyncDevice;
  readonly folders: PingFolder[];
}

describe('Ping over HTTP', () => {
  let fx: FolderApp;
  const feed = () => fx.app.mailboxes.changes;

  const held = (what = 'the Ping to be held') => until(() => feed().subscribedUserCount() > 0, what);

  async function device(deviceId: string, version: ProtocolVersion = '14.1'): Promise<PingDevice> {
    const client = fx.device(deviceId, version);
    const listing = await client.folderSync('0');
    assert.equal(listing.status, 1);
    const idOf = (type: number): string => listing.added.find((f) => f.type === type)?.serverId ?? assert.fail(`no folder of type ${type}`);
    const inbox = new SyncDevice(client, idOf(INBOX));
    const contacts = new SyncDevice(client, idOf(CONTACTS));
    await inbox.initial();
    await contacts.initial();
    return { client, inbox, contacts, folders: [{ id: inbox.collectionId, className: 'Email' }, { id: contacts.collectionId, className: 'Contacts' }] };
  }

  const ping = (client: EasClient, request: { heartbeatInterval?: number; folders?: readonly PingFolder[] }): Promise<PingResult> =>
    checked(client.ping(request));

  before(async () => {
    fx = await startFolderApp();
  });
  after(() => fx.close());
  afterEach(async () => {
    // Every way a Ping ends must leave no ChangeFeed subscription behind.
    await until(() => feed().subscribedUserCount() === 0, 'every subscription to go');
  });

  for (const version of ['2.5', '14.1', '16.1'] as const) {
    it(`${version}: a held Ping wakes within 1 s when another device adds a contact, naming the contacts folder`, async () => {
      const tag = version.replace('.', '');
      const a = await device(`PingPushA${tag}`, version);
      const b = await device(`PingPushB${tag}`, version);
      const pending = ping(a.client, { heartbeatInterval: HEARTBEAT, folders: a.folders });
      await held();
      const added = await b.contacts.sync({ ops: [{ add: 'c1', data: contactData(`Ada${tag}`) }] });
      const written = Date.now();
      assert.deepEqual(added.responses.map((r) => [r.kind, r.status]), [['Add', 1]]);
      const woken = await pending;
      assert.ok(Date.now() - written < 1000, `Ping answered ${Date.now() - written} ms after the write`);
      assert.deepEqual([woken.status, woken.folders], [2, [a.contacts.collectionId]]);
      const fetched = await a.contacts.sync();
      assert.equal(fetched.added.length, 1);
    });
  }

  it('a change made while no Ping was held answers the next Ping at once; after the Sync it holds again', async () => {
    const a = await device('PingBacklogA');
    const b = await device('PingBacklogB');
    await b.contacts.sync({ ops: [{ add: 'c1', data: contactData('Grace') }] });
    const first = await ping(a.client, { heartbeatInterval: HEARTBEAT, folders: a.folders });
    assert.deepEqual([first.status, first.folders], [2, [a.contacts.collectionId]]);
    await a.contacts.sync();
    const again = ping(a.client, {});
    await held();
    await a.inbox.sync();
    assert.equal((await again).status, 1);
  });

  it('a folder never synced is reported at once, twice at most, then the Ping holds', async () => {
    const client = fx.device('PingUnsynced', '14.1');
    const inboxId = await folderOfType(client, INBOX);
    const folders = [{ id: inboxId, className: 'Email' }];
    for (let round = 0; round < 2; round += 1) {
      const reply = await ping(client, { heartbeatInterval: HEARTBEAT, folders });
      assert.deepEqual([reply.status, reply.folders], [2, [inboxId]]);
    }
    const third = ping(client, {});
    await held();
    await new SyncDevice(client, inboxId).sync({ syncKey: '0' });
    assert.equal((await third).status, 1);
  });

  it('heartbeat out of bounds is Status 5 with the bound; too many folders is 6 with MaxFolders; a malformed body is 4', async () => {
    const a = await device('PingBounds');
    const low = await ping(a.client, { heartbeatInterval: 30, folders: a.folders });
    assert.deepEqual([low.status, low.heartbeatInterval], [5, 60]);
    const high = await ping(a.client, { heartbeatInterval: 4000, folders: a.folders });
    assert.deepEqual([high.status, high.heartbeatInterval], [5, 3540]);
    const many = Array.from({ length: 301 }, (_, i) => ({ id: `${i + 1}`, className: 'Email' }));
    const tooMany = await ping(a.client, { heartbeatInterval: HEARTBEAT, folders: many });
    assert.deepEqual([tooMany.status, tooMany.maxFolders], [6, 300]);
    const malformed = async (body: WbxmlElement): Promise<number | undefined> => {
      const response = await a.client.send('Ping', body);
      const reply = await checked({ response });
      assert.ok(reply.response.body !== undefined);
      return readPingReply(reply.response.body).status;
    };
    assert.equal(await malformed(element('Ping:Ping', element('Ping:Folders', element('Ping:Folder', element('Ping:Class', 'Email'))))), 4);
    assert.equal(await malformed(element('Ping:Ping', element('Ping:HeartbeatInterval', 'soon'))), 4);
    assert.equal(await malformed(element('Ping:Ping')), 4);
  });

  it('an empty Ping with nothing cached is 3; once a full Ping was accepted, an empty one reuses it', async () => {
    const a = await device('PingEmpty');
    assert.equal((await ping(a.client, {})).status, 3);
    assert.equal((await ping(a.client, { folders: a.folders })).status, 3);
    const first = ping(a.client, { heartbeatInterval: HEARTBEAT, folders: a.folders });
    await held();
    const second = ping(a.client, {});
    assert.equal((await first).status, 1);
    await held('the empty Ping to be held');
    const b = await device('PingEmptyB');
    await b.contacts.sync({ ops: [{ add: 'c1', data: contactData('Edsger') }] });
    assert.deepEqual((await second).folders, [a.contacts.collectionId]);
  });

  it('a folder the device hierarchy does not know is 7', async () => {
    const a = await device('PingUnknown');
    const reply = await ping(a.client, { heartbeatInterval: HEARTBEAT, folders: [...a.folders, { id: '4242', className: 'Email' }] });
    assert.equal(reply.status, 7);
  });

  it('a folder created by another device is 7: while the Ping is held, and for a Ping after it', async () => {
    const a = await device('PingHierA');
    const b = await device('PingHierB');
    const pending = ping(a.client, { heartbeatInterval: HEARTBEAT, folders: a.folders });
    await held();
    assert.equal((await folderCreate(b.client, { parentId: '0', displayName: 'Ping projects', type: 12 })).status, 1);
    assert.equal((await pending).status, 7);
    assert.equal((await folderCreate(b.client, { parentId: '0', displayName: 'Ping archive', type: 12 })).status, 1);
    assert.equal((await ping(a.client, {})).status, 7);
    assert.equal((await a.client.folderSync()).status, 1);
    const after = ping(a.client, {});
    await held();
    await a.inbox.sync();
    assert.equal((await after).status, 1);
  });

  it('a new Ping ends the held one with Status 1; a client that goes away leaves nothing behind', async () => {
    const a = await device('PingTakeover');
    const first = ping(a.client, { heartbeatInterval: HEARTBEAT, folders: a.folders });
    await held();
    const second = a.client.send('Ping', undefined, { timeoutMs: 1500 });
    const ended = await first;
    assert.deepEqual([ended.status, ended.folders], [1, []]);
    await assert.rejects(second, (error: unknown) => error instanceof EasClientError && error.code === 'timeout');
    await until(() => feed().subscribedUserCount() === 0, 'the abandoned Ping to unsubscribe');
  });

  it('a Sync of the device ends its held Ping, and a Ping ends its held Sync', async () => {
    const a = await device('PingSyncMix', '16.1');
    const pinging = ping(a.client, { heartbeatInterval: HEARTBEAT, folders: a.folders });
    await held();
    const synced = await a.inbox.sync();
    assert.equal(synced.status, 1);
    assert.equal((await pinging).status, 1);

    const longPoll = sendSync(a.client, syncRequest([{ collectionId: a.inbox.collectionId, syncKey: a.inbox.key }], [element('AirSync:Wait', '5')]));
    await held('the long-poll Sync to be held');
    const pingAfter = ping(a.client, {});
    const ended = await longPoll;
    assert.deepEqual([ended.collections[0]?.status, ended.collections[0]?.syncKey], [1, a.inbox.key]);
    await held('the Ping after the Sync');
    await a.contacts.sync();
    assert.equal((await pingAfter).status, 1);
  });
});

describe('Ping at shutdown', () => {
  it('closing the app answers a held Ping at once with Status 1 instead of waiting out its heartbeat', async () => {
    const fx = await startFolderApp();
    try {
      const client = fx.device('PingShutdown', '14.1');
      const listing = await client.folderSync('0');
      const inbox = new SyncDevice(client, listing.added.find((f) => f.type === INBOX)?.serverId ?? '');
      await inbox.initial();
      const pending = checked(client.ping({ heartbeatInterval: HEARTBEAT, folders: [{ id: inbox.collectionId, className: 'Email' }] }));
      const deadline = Date.now() + 5000;
      while (fx.app.mailboxes.changes.subscribedUserCount() === 0) {
        assert.ok(Date.now() < deadline, 'the Ping was never held');
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      const closing = fx.app.close();
      assert.equal((await pending).status, 1);
      await closing;
    } finally {
      await fx.close();
    }
  });
});
