// A 16.x draft sent with the Sync Add that brings it (MS-ASEMAIL 2.2.2.69: Email2:Send beside the
// Add's ApplicationData), over real HTTP with our EasClient on 16.1: bob's Inbox gets the message
// without its Bcc, alice's Sent Items a read copy with it, and Drafts nothing. The Add is answered
// with a ServerId (MS-ASCMD 2.2.3.7.2), which the next Drafts Sync deletes (a Ping on Drafts says
// so at once); the same request resent with the previous SyncKey gets the identical answer and
// sends nothing twice. A draft with no recipient is the Add's Status 6 and stores nothing; a relay
// that is down is the collection's 16 with nothing stored or sent, and the device's retry of the
// same request then sends it once. Every WBXML answer is cross-checked with libwbxml.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { element, type WbxmlElement } from '../../src/eas/wbxml-body.js';
import { ALICE, BOB, CAROL, MIME_BODY, bodyData, draftFields, field, mailAppPerSuite, type MailApp } from './send-mail-kit.js';
import { SyncDevice, sendSync, type SyncExchange } from './sync-kit.js';

const INBOX = 2;
const DRAFTS = 3;
const SENT = 5;

/** A Sync of Drafts under `syncKey` whose one command is an Add carrying Email2:Send after its ApplicationData. */
function addAndSend(drafts: SyncDevice, syncKey: string, clientId: string, data: WbxmlElement[]): Promise<SyncExchange> {
  const add = element('AirSync:Add', [element('AirSync:ClientId', clientId), element('AirSync:ApplicationData', data), element('Email2:Send')]);
  const collection = element('AirSync:Collection', [
    element('AirSync:SyncKey', syncKey), element('AirSync:CollectionId', drafts.collectionId), element('AirSync:GetChanges'),
    element('AirSync:Commands', [add]),
  ]);
  return sendSync(drafts.client, element('AirSync:Sync', element('AirSync:Collections', collection)));
}

async function itemCount(fx: MailApp, user: string, type: number): Promise<number> {
  const { folders } = await fx.app.mailboxes.hierarchy.listFolders(user);
  return (await fx.app.mailboxes.mail.listItems(user, folders.find((f) => f.type === type)?.id ?? '')).items.length;
}

describe('16.x drafts sent by the Sync Add that brings them', () => {
  const fx = mailAppPerSuite();

  it('delivers to bob, files a read copy in Sent Items, keeps nothing in Drafts and deletes the ServerId next', async () => {
    const bob = await SyncDevice.opened(fx.device('BobAddSendInbox', '16.1', BOB), INBOX);
    const alice = fx.device('AliceAddSend', '16.1');
    const drafts = await SyncDevice.opened(alice, DRAFTS);
    const sent = await SyncDevice.opened(alice, SENT);
    const [storedDrafts, sentCopies] = [await itemCount(fx, ALICE.user, DRAFTS), await itemCount(fx, ALICE.user, SENT)];

    const base = drafts.key;
    const data = [...draftFields(BOB.user, 'Straight from the phone', 'Written and sent at once.'), element('Email2:Bcc', CAROL.user)];
    const first = await addAndSend(drafts, base, 'n1', data);
    const [reply] = first.collections;
    assert.equal(reply?.status, 1);
    const [answer] = reply.responses;
    assert.deepEqual([answer?.kind, answer?.clientId, answer?.status], ['Add', 'n1', 1]);
    assert.ok(answer?.serverId !== undefined, 'a sent draft\'s Add still gets a ServerId');
    assert.deepEqual(reply.deleted, [], 'the Delete never precedes the ServerId in the same reply');
    assert.ok(reply.syncKey !== undefined);

    // The reply was lost: the device resends the same request with the same key.
    const again = await addAndSend(drafts, base, 'n1', data);
    assert.deepEqual(Buffer.from(again.response.raw), Buffer.from(first.response.raw));
    drafts.key = reply.syncKey;

    assert.equal(await itemCount(fx, ALICE.user, DRAFTS), storedDrafts);
    assert.equal(await itemCount(fx, ALICE.user, SENT), sentCopies + 1);
    const received = (await bob.sync({ options: MIME_BODY })).added;
    assert.deepEqual(received.map((m) => field(m.data, 'Email:Subject')), ['Straight from the phone']);
    assert.match(bodyData(received[0]?.data), /Written and sent at once\./);
    assert.doesNotMatch(bodyData(received[0]?.data), /carol|Bcc:/i);
    const [copy] = (await sent.sync({ options: MIME_BODY })).added;
    assert.equal(field(copy?.data, 'Email:Read'), '1');
    assert.match(bodyData(copy?.data), /^Bcc: carol@example\.org\r?$/m);

    // The Delete the device is owed makes its Ping on Drafts answer at once.
    const ping = await alice.ping({ heartbeatInterval: 60, folders: [{ id: drafts.collectionId, className: 'Email' }] });
    assert.deepEqual([ping.status, ping.folders], [2, [drafts.collectionId]]);
    assert.deepEqual((await drafts.sync()).deleted, [answer.serverId]);
    assert.deepEqual((await drafts.sync()).deleted, []);
  });

  it('answers Status 6 for a draft with no recipient and stores nothing', async () => {
    const drafts = await SyncDevice.opened(fx.device('AliceAddSendNobody', '16.1'), DRAFTS);
    const before = [await itemCount(fx, ALICE.user, DRAFTS), await itemCount(fx, ALICE.user, SENT)];
    const [reply] = (await addAndSend(drafts, drafts.key, 'n2', draftFields('', 'Nobody', 'No one to send to.'))).collections;
    assert.equal(reply?.status, 1);
    assert.deepEqual(reply.responses.map((r) => [r.kind, r.clientId, r.serverId, r.status]), [['Add', 'n2', undefined, 6]]);
    assert.deepEqual([await itemCount(fx, ALICE.user, DRAFTS), await itemCount(fx, ALICE.user, SENT)], before);
    drafts.key = reply.syncKey ?? drafts.key;
    assert.deepEqual((await drafts.sync()).deleted, []);
  });
});

describe('16.x drafts sent by their Sync Add through an SMTP relay', () => {
  // The relay defers every recipient (451) while `down`: the submitter's "relay unavailable".
  const relayState = { down: false };
  const fx = mailAppPerSuite({ relay: { refuse: () => (relayState.down ? 451 : undefined) } });

  it('answers 16 while the relay is down with nothing stored or sent, and sends once when the device retries', async () => {
    const drafts = await SyncDevice.opened(fx.device('AliceAddSendRelay', '16.1'), DRAFTS);
    const data = draftFields('someone@elsewhere.example', 'Through the relay', 'Relayed.');
    const before = [await itemCount(fx, ALICE.user, DRAFTS), await itemCount(fx, ALICE.user, SENT)];
    const relayed = (): number => fx.relay?.received.length ?? -1;

    relayState.down = true;
    const [down] = (await addAndSend(drafts, drafts.key, 'r1', data)).collections;
    assert.equal(down?.status, 16);
    assert.deepEqual(down.responses, []);
    assert.deepEqual([await itemCount(fx, ALICE.user, DRAFTS), await itemCount(fx, ALICE.user, SENT), relayed()], [...before, 0]);

    // Status 16 committed nothing: the device retries the same request with the same key.
    relayState.down = false;
    const retry = await addAndSend(drafts, drafts.key, 'r1', data);
    const [reply] = retry.collections;
    assert.deepEqual(reply?.responses.map((r) => [r.kind, r.clientId, r.status]), [['Add', 'r1', 1]]);
    assert.deepEqual(fx.relay?.received.map((m) => m.to), [['someone@elsewhere.example']]);
    const resent = await addAndSend(drafts, drafts.key, 'r1', data);
    assert.deepEqual(Buffer.from(resent.response.raw), Buffer.from(retry.response.raw));
    assert.equal(relayed(), 1);
    assert.deepEqual([await itemCount(fx, ALICE.user, DRAFTS), await itemCount(fx, ALICE.user, SENT)], [before[0], (before[1] ?? 0) + 1]);
  });
});
