// 16.x drafts sent through Sync (MS-ASEMAIL 2.2.2.69 Email2:Send) over real HTTP with our
// EasClient: alice saves a draft in Drafts, then a Change carrying Email2:Send after its
// ApplicationData (as Samsung Email sends it, CLIENT-QUIRKS §2.2) sends it. Bob's Inbox gets the
// message without the Bcc, alice's Sent Items gets a read copy with it, and her Drafts Sync
// reports the draft deleted. A draft with no recipient, or to a remote address with no relay,
// is the Change's Status 6 and stays in Drafts unsent; an Add carrying Send with no recipient is
// 6 and stores nothing (draft-add-send.test.ts covers Adds that go out). With an SMTP relay, a remote recipient is relayed, one the relay refuses is 6, and a
// relay that is down is the collection's 16 with the draft kept for the retry. Every WBXML answer
// is cross-checked with libwbxml (sendSync and checkResponses).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EasClient } from '../../src/client/index.js';
import { element, type WbxmlElement } from '../../src/eas/wbxml-body.js';
import { ALICE, BOB, CAROL, MIME_BODY, bodyData, draftFields, field, mailAppPerSuite } from './send-mail-kit.js';
import { SyncDevice, sendSync, type CollectionReply } from './sync-kit.js';

const INBOX = 2;
const DRAFTS = 3;
const SENT = 5;

/** A Change to `serverId` with Email2:Send beside (or inside) its ApplicationData. */
async function changeAndSend(device: SyncDevice, serverId: string, data: WbxmlElement[], inside = false): Promise<CollectionReply> {
  const send = element('Email2:Send');
  const change = element('AirSync:Change', [
    element('AirSync:ServerId', serverId),
    element('AirSync:ApplicationData', inside ? [...data, send] : data),
    ...(inside ? [] : [send]),
  ]);
  const collection = element('AirSync:Collection', [
    element('AirSync:SyncKey', device.key), element('AirSync:CollectionId', device.collectionId), element('AirSync:Commands', [change]),
  ]);
  const exchange = await sendSync(device.client, element('AirSync:Sync', element('AirSync:Collections', collection)));
  const [reply] = exchange.collections;
  assert.ok(reply !== undefined, `no collection in the reply (Sync Status ${exchange.status})`);
  if (reply.status === 1 && reply.syncKey !== undefined) device.key = reply.syncKey;
  return reply;
}

describe('16.x drafts sent with Email2:Send', () => {
  const fx = mailAppPerSuite();

  const collection = (client: EasClient, type: number): Promise<SyncDevice> => SyncDevice.opened(client, type);

  async function saveDraft(drafts: SyncDevice, clientId: string, data: WbxmlElement[]): Promise<string> {
    const reply = await drafts.sync({ ops: [{ add: clientId, data }] });
    const [added] = reply.responses;
    assert.equal(added?.status, 1, `draft Add Status ${added?.status}`);
    assert.ok(added.serverId !== undefined);
    return added.serverId;
  }

  const draftCount = async (): Promise<number> => {
    const { folders } = await fx.app.mailboxes.hierarchy.listFolders(ALICE.user);
    return (await fx.app.mailboxes.mail.listItems(ALICE.user, folders.find((f) => f.type === DRAFTS)?.id ?? '')).items.length;
  };

  it('a saved draft changed with Send goes to bob, lands read in Sent Items with its Bcc, and leaves Drafts', async () => {
    const bob = await collection(fx.device('BobDraftInbox', '16.1', BOB), INBOX);
    const alice = fx.device('AliceSamsung', '16.1');
    const drafts = await collection(alice, DRAFTS);
    const sent = await collection(alice, SENT);
    const serverId = await saveDraft(drafts, 'd1', draftFields(BOB.user, 'Quarterly numbers', 'First version.'));

    const reply = await changeAndSend(drafts, serverId, [element('Email2:Bcc', CAROL.user), element('AirSyncBase:Body', [
      element('AirSyncBase:Type', '1'), element('AirSyncBase:Data', 'Final version.'),
    ])]);
    assert.equal(reply.status, 1);
    assert.deepEqual(reply.responses.filter((r) => r.status !== 1), []);
    // The draft's removal comes back in the same reply (GetChanges defaults to 1) or the next one.
    assert.deepEqual([...reply.deleted, ...(await drafts.sync()).deleted], [serverId]);

    const [got] = (await bob.sync({ options: MIME_BODY })).added;
    assert.equal(field(got?.data, 'Email:Subject'), 'Quarterly numbers');
    assert.match(bodyData(got?.data), /Final version\./);
    assert.doesNotMatch(bodyData(got?.data), /carol|Bcc:/i);

    const [copy] = (await sent.sync({ options: MIME_BODY })).added;
    assert.equal(field(copy?.data, 'Email:Subject'), 'Quarterly numbers');
    assert.equal(field(copy?.data, 'Email:Read'), '1');
    assert.match(bodyData(copy?.data), /^Bcc: carol@example\.org\r?$/m);
    assert.match(bodyData(copy?.data), /^From: alice@example\.org\r?$/m);
  });

  it('Send inside ApplicationData is honoured too', async () => {
    const bob = await collection(fx.device('BobDraftInbox2', '16.0', BOB), INBOX);
    const drafts = await collection(fx.device('AliceDraftInside', '16.0'), DRAFTS);
    const serverId = await saveDraft(drafts, 'd2', draftFields(BOB.user, 'Inside send', 'Hello.'));
    const reply = await changeAndSend(drafts, serverId, [], true);
    assert.equal(reply.status, 1);
    assert.deepEqual([...reply.deleted, ...(await drafts.sync()).deleted], [serverId]);
    assert.deepEqual((await bob.sync()).added.map((m) => field(m.data, 'Email:Subject')), ['Inside send']);
  });

  it('a draft without a recipient, or to a remote address with no relay, is Status 6 and stays unsent in Drafts', async () => {
    const drafts = await collection(fx.device('AliceDraftBad', '16.1'), DRAFTS);
    for (const [clientId, to] of [['none', ''], ['remote', 'someone@elsewhere.example']] as const) {
      const serverId = await saveDraft(drafts, clientId, draftFields(to, `Unsendable ${clientId}`, 'Stuck.'));
      const stored = await draftCount();
      const reply = await changeAndSend(drafts, serverId, []);
      assert.equal(reply.status, 1);
      assert.deepEqual(reply.responses.map((r) => [r.kind, r.serverId, r.status]), [['Change', serverId, 6]]);
      assert.equal(await draftCount(), stored);
      assert.deepEqual((await drafts.sync()).deleted, []);
    }
  });

  it('an Add carrying Send with no recipient is Status 6 and stores nothing', async () => {
    const bob = await collection(fx.device('BobDraftInbox3', '16.1', BOB), INBOX);
    const drafts = await collection(fx.device('AliceAddSend', '16.1'), DRAFTS);
    const stored = await draftCount();
    const add = element('AirSync:Add', [
      element('AirSync:ClientId', 'a1'), element('AirSync:ApplicationData', draftFields('', 'Never stored', 'x')), element('Email2:Send'),
    ]);
    const collectionEl = element('AirSync:Collection', [
      element('AirSync:SyncKey', drafts.key), element('AirSync:CollectionId', drafts.collectionId), element('AirSync:Commands', [add]),
    ]);
    const [reply] = (await sendSync(drafts.client, element('AirSync:Sync', element('AirSync:Collections', collectionEl)))).collections;
    assert.deepEqual(reply?.responses.map((r) => [r.kind, r.clientId, r.status]), [['Add', 'a1', 6]]);
    assert.equal(await draftCount(), stored);
    assert.deepEqual((await bob.sync()).added, []);
  });
});

describe('16.x drafts sent with Email2:Send through an SMTP relay', () => {
  const fx = mailAppPerSuite({ relay: { refuse: (address) => (address.startsWith('nobody@') ? 550 : undefined) } });

  it('relays a remote recipient, answers 6 for a refused one and 16 while the relay is down', async () => {
    const client = fx.device('AliceRelayDrafts', '16.1');
    const drafts = await SyncDevice.opened(client, DRAFTS);
    const save = async (clientId: string, to: string): Promise<string> => {
      const [added] = (await drafts.sync({ ops: [{ add: clientId, data: draftFields(to, `To ${to}`, 'Hello.') }] })).responses;
      assert.equal(added?.status, 1);
      return added.serverId ?? '';
    };
    const remote = await save('r1', 'someone@elsewhere.example');
    const refused = await save('r2', 'nobody@elsewhere.example');
    const later = await save('r3', 'later@elsewhere.example');

    assert.deepEqual((await changeAndSend(drafts, remote, [])).responses.filter((r) => r.status !== 1), []);
    assert.deepEqual(fx.relay?.received.map((m) => m.to), [['someone@elsewhere.example']]);

    const refusal = await changeAndSend(drafts, refused, []);
    assert.deepEqual(refusal.responses.map((r) => [r.kind, r.serverId, r.status]), [['Change', refused, 6]]);

    await fx.relay?.close();
    const down = await changeAndSend(drafts, later, []);
    assert.equal(down.status, 16);
    const { folders } = await fx.app.mailboxes.hierarchy.listFolders(ALICE.user);
    const stored = await fx.app.mailboxes.mail.listItems(ALICE.user, folders.find((f) => f.type === DRAFTS)?.id ?? '');
    assert.equal(stored.items.length, 2, 'the refused and the unsent draft stay in Drafts');
  });
});
