// 16.x meeting forwarding over real HTTP (MS-ASCMD 2.2.3.79 Forwardees, 2.2.3.169): alice, an
// attendee of bob's meeting, forwards it from her calendar to carol with a note and no MIME.
// Carol's Inbox Syncs an invitation (text/calendar; method=REQUEST, carol listed as an attendee,
// bob still the organizer) that her device sees as a meeting request; bob gets a meeting forward
// notification naming carol; alice keeps the forward in Sent Items. When alice organizes the
// meeting herself nobody is notified. Forwardees with Mime, without an address, or for a mail
// item are 103; an unknown item is 150. Every WBXML answer is cross-checked with libwbxml.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { forwardMeeting, sendMail, type EasClient } from '../../src/client/index.js';
import { parseMime } from '../../src/content/email/index.js';
import { element } from '../../src/eas/wbxml-body.js';
import { SyncDevice } from './sync-kit.js';
import { ALICE, BOB, CAROL, MIME_BODY, assertFailed, assertSent, bodyData, field, message, mailAppPerSuite } from './send-mail-kit.js';

const INBOX = 2;
const SENT = 5;
const CALENDAR = 8;

const event = (uid: string, organizer: string, summary: string): string => [
  'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN', 'BEGIN:VEVENT', `UID:${uid}`, 'DTSTAMP:20261101T090000Z',
  'DTSTART:20261201T100000Z', 'DTEND:20261201T110000Z', `SUMMARY:${summary}`, `ORGANIZER;CN=Organizer:mailto:${organizer}`,
  `ATTENDEE;PARTSTAT=ACCEPTED:mailto:${ALICE.user}`, 'END:VEVENT', 'END:VCALENDAR', '',
].join('\r\n');

describe('16.x SmartForward of a meeting by Forwardees', () => {
  const fx = mailAppPerSuite();
  let alice: EasClient;
  let calendar: SyncDevice;
  let bob: SyncDevice;
  let carol: SyncDevice;
  let sent: SyncDevice;

  const collection = (client: EasClient, type: number): Promise<SyncDevice> => SyncDevice.opened(client, type);

  /** Stores an event in alice's calendar and returns its ServerId on her device. */
  async function storedEvent(icalendar: string): Promise<string> {
    const { folders } = await fx.app.mailboxes.hierarchy.listFolders(ALICE.user);
    await fx.app.mailboxes.calendar.createItem(ALICE.user, folders.find((f) => f.type === CALENDAR)?.id ?? '', { icalendar });
    const [added] = (await calendar.sync()).added;
    assert.ok(added !== undefined);
    return added.serverId;
  }

  before(async () => {
    alice = fx.device('AliceForward16', '16.1');
    calendar = await collection(alice, CALENDAR);
    sent = await collection(alice, SENT);
    bob = await collection(fx.device('BobForward16', '16.1', BOB), INBOX);
    carol = await collection(fx.device('CarolForward16', '16.1', CAROL), INBOX);
  });

  it('carol gets the invitation, bob a forward notification, alice a copy in Sent Items', async () => {
    const itemId = await storedEvent(event('review-1', BOB.user, 'Design review'));
    assertSent(await forwardMeeting(alice, {
      source: { folderId: calendar.collectionId, itemId }, forwardees: [{ email: CAROL.user, name: 'Carol' }], note: 'Please join us.',
    }));

    const [invite] = (await carol.sync({ options: MIME_BODY })).added;
    assert.equal(field(invite?.data, 'Email:Subject'), 'Fw: Design review');
    assert.equal(field(invite?.data, 'Email:MessageClass'), 'IPM.Schedule.Meeting.Request');
    const parsed = await parseMime(bodyData(invite?.data));
    assert.equal(parsed.text?.trim(), 'Please join us.');
    const ics = bodyData(invite?.data).replace(/\r?\n[ \t]/g, '');
    assert.match(ics, /METHOD:REQUEST/);
    assert.match(ics, /ATTENDEE;[^\r\n]*CN=Carol[^\r\n]*:mailto:carol@example\.org/i);
    assert.match(ics, /ORGANIZER;CN=Organizer:mailto:bob@example\.org/);

    const [notice] = (await bob.sync({ options: MIME_BODY })).added;
    assert.equal(field(notice?.data, 'Email:Subject'), 'Meeting Forward Notification: Design review');
    assert.match((await parseMime(bodyData(notice?.data))).text ?? '', /forwarded your meeting "Design review" to: Carol <carol@example\.org>/);

    const [copy] = (await sent.sync()).added;
    assert.equal(field(copy?.data, 'Email:Subject'), 'Fw: Design review');
  });

  it('the organizer forwarding her own meeting notifies nobody', async () => {
    const itemId = await storedEvent(event('own-1', ALICE.user, 'Team lunch'));
    assertSent(await forwardMeeting(alice, { source: { folderId: calendar.collectionId, itemId }, forwardees: [{ email: CAROL.user }] }));
    assert.deepEqual((await carol.sync()).added.map((m) => field(m.data, 'Email:Subject')), ['Fw: Team lunch']);
    assert.deepEqual((await bob.sync()).added, []);
    await sent.sync();
  });

  it('Forwardees with Mime, a Forwardee without an address, or a mail source are 103; an unknown item 150', async () => {
    const itemId = await storedEvent(event('bad-1', BOB.user, 'Bad forward'));
    const source = element('ComposeMail:Source', [element('ComposeMail:FolderId', calendar.collectionId), element('ComposeMail:ItemId', itemId)]);
    const withMime = element('ComposeMail:SmartForward', [
      element('ComposeMail:ClientId', 'fw-mime'), source, element('ComposeMail:Mime', 'To: carol@example.org\r\n\r\nx'),
      element('ComposeMail:Forwardees', element('ComposeMail:Forwardee', element('ComposeMail:ForwardeeEmail', CAROL.user))),
    ]);
    const noAddress = element('ComposeMail:SmartForward', [
      element('ComposeMail:ClientId', 'fw-noaddr'), source,
      element('ComposeMail:Forwardees', element('ComposeMail:Forwardee', element('ComposeMail:ForwardeeName', 'Carol'))),
    ]);
    for (const body of [withMime, noAddress]) {
      const response = await alice.send('SmartForward', body);
      assertFailed({ response, ok: false, status: Number(field(response.body, 'ComposeMail:Status')) }, 103);
    }
    const aliceInbox = await collection(alice, INBOX);
    assertSent(await sendMail(bob.client, message({ From: BOB.user, To: ALICE.user, Subject: 'Plain mail' }, 'Not a meeting.')));
    const [mail] = (await aliceInbox.sync()).added;
    assert.ok(mail !== undefined);
    assertFailed(await forwardMeeting(alice, { source: { folderId: aliceInbox.collectionId, itemId: mail.serverId }, forwardees: [{ email: CAROL.user }] }), 103);
    assertFailed(await forwardMeeting(alice, { source: { folderId: calendar.collectionId, itemId: `${calendar.collectionId}:999` }, forwardees: [{ email: CAROL.user }] }), 150);
    assert.deepEqual((await carol.sync()).added, []);
  });
});
