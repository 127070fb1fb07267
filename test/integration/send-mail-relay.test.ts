// SendMail through a real SMTP relay (smtp-server on 127.0.0.1): remote recipients, Bcc included,
// reach the relay in the envelope with alice as the sender while the message itself shows no Bcc,
// and the local recipient gets his copy; a relay that refuses one recipient makes the whole send
// fail with 116 (HTTP 400 before 14.0) and nobody, local or remote, gets the message.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sendMail } from '../../src/client/index.js';
import { SyncDevice } from './sync-kit.js';
import { ALICE, BOB, assertFailed, assertSent, field, message, mailAppPerSuite, type MailApp } from './send-mail-kit.js';

const INBOX = 2;

describe('SendMail through an SMTP relay', () => {
  const fx = mailAppPerSuite({ relay: { refuse: (address) => (address.startsWith('nobody@') ? 550 : undefined) } });

  const relay = (): NonNullable<MailApp['relay']> => {
    assert.ok(fx.relay !== undefined);
    return fx.relay;
  };

  async function bobsInbox(deviceId: string): Promise<SyncDevice> {
    return SyncDevice.opened(fx.device(deviceId, '14.1', BOB), INBOX);
  }

  it('relays remote To and Bcc recipients with alice as the envelope sender and delivers bob locally', async () => {
    const bob = await bobsInbox('BobRelay1');
    const mime = message({ To: `${BOB.user}, Dave <dave@remote.test>`, Bcc: 'erin@remote.test', Subject: 'Offsite' }, 'Agenda attached soon.');
    assertSent(await sendMail(fx.device('AliceRelay14', '14.1'), mime));
    assert.equal(relay().received.length, 1);
    const [sent] = relay().received;
    assert.equal(sent?.from, ALICE.user);
    assert.deepEqual(sent?.to, ['dave@remote.test', 'erin@remote.test']);
    assert.match(sent?.data ?? '', /^Subject: Offsite\r$/m);
    assert.doesNotMatch(sent?.data ?? '', /erin|^Bcc:/im);
    assert.deepEqual((await bob.sync()).added.map((m) => field(m.data, 'Email:Subject')), ['Offsite']);
  });

  it('a refused recipient is 116 (HTTP 400 at 12.1) and nobody gets the message', async () => {
    const bob = await bobsInbox('BobRelay2');
    const relayedBefore = relay().received.length;
    const mime = message({ To: `${BOB.user}, dave@remote.test, nobody@remote.test`, Subject: 'Refused' }, 'Should not arrive.');
    assertFailed(await sendMail(fx.device('AliceRefused14', '14.1'), mime), 116);
    assertFailed(await sendMail(fx.device('AliceRefused12', '12.1'), mime), 400);
    assert.equal(relay().received.length, relayedBefore, 'dave must not get it either');
    assert.deepEqual((await bob.sync()).added, []);
  });
});
