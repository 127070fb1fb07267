// SendMail over real HTTP with our EasClient: alice sends to bob at 14.1 (WBXML, opaque MIME),
// 12.1 and 2.5 (raw message/rfc822, SaveInSent=T), and bob's device Syncs the message from his
// Inbox; SaveInSent keeps a read copy in alice's Sent Items; a Bcc recipient gets the message but
// nobody sees the Bcc; a duplicate ClientId is 118; bad MIME is 107; a remote recipient without a
// relay is 120 (HTTP 500 before 14.0) with nothing delivered; and bob's held Ping wakes within a
// second of the delivery.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sendMail } from '../../src/client/index.js';
import type { ProtocolVersion } from '../../src/eas/protocol-version.js';
import { SyncDevice, folderOfType } from './sync-kit.js';
import { ALICE, BOB, CAROL, MIME_BODY, assertFailed, assertSent, bodyData, field, message, mailAppPerSuite } from './send-mail-kit.js';

const INBOX = 2;
const SENT = 5;

describe('SendMail over HTTP', () => {
  const fx = mailAppPerSuite();

  async function inboxOf(deviceId: string, version: ProtocolVersion, account = BOB): Promise<SyncDevice> {
    return SyncDevice.opened(fx.device(deviceId, version, account), INBOX);
  }

  it('14.1: bob Syncs the message, Bcc carol gets it unseen, alice keeps a read copy with the Bcc', async () => {
    const bob = await inboxOf('BobPhone14', '14.1');
    const carol = await inboxOf('CarolPhone14', '14.1', CAROL);
    const alice = fx.device('AlicePhone14', '14.1');
    const sentBox = new SyncDevice(alice, await folderOfType(alice, SENT));
    await sentBox.sync({ syncKey: '0' });
    const mime = message({ From: `Alice <${ALICE.user}>`, To: `Bob <${BOB.user}>`, Bcc: CAROL.user, Subject: 'Lunch at noon' }, 'See you there.');
    assertSent(await sendMail(alice, mime, { saveInSent: true, clientId: 'lunch-1' }));

    const [got] = (await bob.sync({ options: MIME_BODY })).added;
    assert.equal(field(got?.data, 'Email:Subject'), 'Lunch at noon');
    assert.match(bodyData(got?.data), /See you there\./);
    assert.doesNotMatch(bodyData(got?.data), /carol|Bcc:/i);
    const [copy] = (await carol.sync({ options: MIME_BODY })).added;
    assert.equal(field(copy?.data, 'Email:Subject'), 'Lunch at noon');
    assert.doesNotMatch(bodyData(copy?.data), /Bcc:/i);

    const [sent] = (await sentBox.sync({ options: MIME_BODY })).added;
    assert.equal(field(sent?.data, 'Email:Subject'), 'Lunch at noon');
    assert.equal(field(sent?.data, 'Email:Read'), '1');
    assert.match(bodyData(sent?.data), /^Bcc: carol@example\.org\r?$/m);
  });

  it('14.1: the same ClientId again is 118 MessagePreviouslySent and is not delivered twice', async () => {
    const bob = await inboxOf('BobPhoneDup', '14.1');
    const alice = fx.device('AlicePhoneDup', '14.1');
    const mime = message({ To: BOB.user, Subject: 'Only once' }, 'Once.');
    assertSent(await sendMail(alice, mime, { clientId: 'once-42' }));
    assertFailed(await sendMail(alice, mime, { clientId: 'once-42' }), 118);
    const added = (await bob.sync()).added;
    assert.deepEqual(added.map((m) => field(m.data, 'Email:Subject')), ['Only once']);
  });

  for (const version of ['12.1', '2.5'] as const) {
    it(`${version}: a raw message/rfc822 with SaveInSent=T reaches bob and alice's Sent Items`, async () => {
      const bob = await inboxOf(`BobPhone${version.replace('.', '')}`, version);
      const alice = fx.device(`AlicePhone${version.replace('.', '')}`, version);
      const subject = `Legacy ${version}`;
      const { folders } = await fx.app.mailboxes.hierarchy.listFolders(ALICE.user);
      const sentId = folders.find((f) => f.type === SENT)?.id ?? '';
      const before = (await fx.app.mailboxes.mail.listItems(ALICE.user, sentId)).items.length;
      assertSent(await sendMail(alice, message({ To: BOB.user, Subject: subject }, `Sent at ${version}.`), { saveInSent: true }));
      const added = (await bob.sync()).added;
      assert.deepEqual(added.map((m) => field(m.data, 'Email:Subject')), [subject]);
      const after = await fx.app.mailboxes.mail.listItems(ALICE.user, sentId);
      assert.equal(after.items.length, before + 1);
      assert.ok(after.items.every((item) => item.flags.read));
    });
  }

  it('a remote recipient without a relay: Status 120 (HTTP 500 at 12.1) and nothing delivered', async () => {
    const bob = await inboxOf('BobPhoneNoRelay', '14.1');
    const mime = message({ To: `${BOB.user}, dave@remote.example`, Subject: 'Nowhere' }, 'Cannot go.');
    assertFailed(await sendMail(fx.device('AliceNoRelay14', '14.1'), mime), 120);
    assertFailed(await sendMail(fx.device('AliceNoRelay12', '12.1'), mime), 500);
    assert.deepEqual((await bob.sync()).added, []);
  });

  it('malformed MIME is 107 and a message without recipients 119, never a 500', async () => {
    const alice = fx.device('AliceBadMime', '14.1');
    assertFailed(await sendMail(alice, 'this is not a message at all'), 107);
    assertFailed(await sendMail(alice, message({ Subject: 'To nobody' }, 'Hello?')), 119);
    assertFailed(await sendMail(fx.device('AliceBadMime12', '12.1'), '\u0000\u0001binary'), 400);
  });

  it('bob\'s held Ping on his Inbox answers Status 2 within a second of the delivery', async () => {
    const bob = await inboxOf('BobPinger', '14.1');
    await bob.sync();
    const pinging = bob.client.ping({ heartbeatInterval: 60, folders: [{ id: bob.collectionId, className: 'Email' }] });
    await new Promise((resolve) => setTimeout(resolve, 300));
    assertSent(await sendMail(fx.device('AlicePinger', '14.1'), message({ To: BOB.user, Subject: 'Wake up' }, 'Ping!')));
    const sentAt = Date.now();
    const reply = await pinging;
    const latency = Date.now() - sentAt;
    assert.equal(reply.status, 2);
    assert.deepEqual(reply.folders, [bob.collectionId]);
    assert.ok(latency < 1000, `Ping answered ${latency} ms after the delivery`);
  });
});
