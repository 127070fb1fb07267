// SmartReply and SmartForward over real HTTP: bob mails alice a message with an attachment; alice
// replies from one device by FolderId+ItemId (bob gets her text with the original quoted, and her
// other device sees the original answered as a Sync Change with LastVerbExecuted), forwards it to
// carol (the attachment goes along), replies by a Search LongId, by ItemId alone (the Inbox), at
// 12.1 with the Source on the request line, with ReplaceMime (sent as written), forwards a meeting
// occurrence from her calendar (InstanceId) as an .ics, and gets 150 for an item that is not there.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import MailComposer from 'nodemailer/lib/mail-composer';
import { sendMail, smartForward, smartReply, type EasClient } from '../../src/client/index.js';
import { formatLongId } from '../../src/commands/long-id.js';
import { parseMime } from '../../src/content/email/index.js';
import { SyncDevice, folderOfType, type ServerItem } from './sync-kit.js';
import { ALICE, BOB, CAROL, MIME_BODY, assertFailed, assertSent, bodyData, field, message, mailAppPerSuite } from './send-mail-kit.js';

const INBOX = 2;
const CALENDAR = 8;

describe('SmartReply and SmartForward over HTTP', () => {
  const fx = mailAppPerSuite();
  let aliceA: SyncDevice;
  let aliceB: SyncDevice;
  let bob: SyncDevice;
  let carol: SyncDevice;
  let original: ServerItem;

  async function inbox(deviceId: string, account = ALICE): Promise<SyncDevice> {
    return SyncDevice.opened(fx.device(deviceId, '14.1', account), INBOX);
  }

  async function newMail(device: SyncDevice): Promise<string[]> {
    return Promise.all((await device.sync({ options: MIME_BODY })).added.map((m) => bodyData(m.data)));
  }

  before(async () => {
    [aliceA, aliceB, bob, carol] = [await inbox('AliceSmartA'), await inbox('AliceSmartB'), await inbox('BobSmart', BOB), await inbox('CarolSmart', CAROL)];
    const mime = await new MailComposer({
      from: `Bob <${BOB.user}>`, to: ALICE.user, subject: 'Quarterly plan', messageId: '<plan@example.org>',
      text: 'Here is the plan.\nBob', attachments: [{ filename: 'plan.pdf', content: Buffer.from('%PDF-1.4 the plan'), contentType: 'application/pdf' }],
    }).compile().build();
    assertSent(await sendMail(bob.client, mime));
    const [got] = (await aliceA.sync()).added;
    assert.ok(got !== undefined);
    original = got;
    await aliceB.sync();
  });

  const reply = (subject: string, body: string, to = BOB.user): string => message({ From: ALICE.user, To: to, Subject: subject }, body);

  it('14.1 SmartReply by FolderId+ItemId quotes the original; the other device sees LastVerbExecuted 1', async () => {
    const result = await smartReply(aliceA.client, reply('Re: Quarterly plan', 'Looks good to me.'), {
      source: { folderId: aliceA.collectionId, itemId: original.serverId }, saveInSent: true,
    });
    assertSent(result);
    const [received] = await newMail(bob);
    const parsed = await parseMime(received ?? '');
    assert.match(parsed.text ?? '', /^Looks good to me\.\n\nOn .*"Bob" <bob@example\.org> wrote:\n> Here is the plan\.\n> Bob/);
    assert.equal(parsed.inReplyTo, '<plan@example.org>');
    assert.deepEqual(parsed.attachments, [], 'a reply does not send the attachment back');
    const changed = (await aliceB.sync()).changed;
    assert.equal(changed.length, 1);
    assert.equal(field(changed[0]?.data, 'Email2:LastVerbExecuted'), '1');
  });

  it('14.1 SmartForward carries the original attachment; the other device sees LastVerbExecuted 3', async () => {
    assertSent(await smartForward(aliceA.client, reply('Fw: Quarterly plan', 'FYI, see below.', CAROL.user), {
      source: { folderId: aliceA.collectionId, itemId: original.serverId },
    }));
    const [received] = await newMail(carol);
    const parsed = await parseMime(received ?? '');
    assert.match(parsed.text ?? '', /^FYI, see below\.\n\n-------- Original Message --------\n[\s\S]*Here is the plan\./);
    assert.deepEqual(parsed.attachments.map((a) => [a.filename, a.content.toString()]), [['plan.pdf', '%PDF-1.4 the plan']]);
    const changed = (await aliceB.sync()).changed;
    assert.equal(field(changed[0]?.data, 'Email2:LastVerbExecuted'), '3');
  });

  it('SmartReply by a Search LongId, and by ItemId alone (meaning the Inbox)', async () => {
    const { folders } = await fx.app.mailboxes.hierarchy.listFolders(ALICE.user);
    const inboxId = folders.find((f) => f.type === INBOX)?.id ?? '';
    const [item] = (await fx.app.mailboxes.mail.listItems(ALICE.user, inboxId)).items;
    const longId = formatLongId({ folderId: inboxId, itemId: item?.id ?? '' });
    assert.ok(longId !== undefined);
    assertSent(await smartReply(aliceA.client, reply('Re: by LongId', 'Found it by search.'), { source: { longId } }));
    assertSent(await smartReply(aliceA.client, reply('Re: by ItemId', 'Inbox implied.'), { source: { itemId: original.serverId } }));
    const texts = (await Promise.all((await newMail(bob)).map(async (m) => (await parseMime(m)).text ?? ''))).sort();
    assert.equal(texts.length, 2);
    assert.match(texts[0] ?? '', /^Found it by search\.[\s\S]*> Here is the plan\./);
    assert.match(texts[1] ?? '', /^Inbox implied\.[\s\S]*> Here is the plan\./);
  });

  it('12.1 SmartReply with CollectionId and ItemId on the request line', async () => {
    const legacy: EasClient = fx.device('AliceSmartA', '12.1');
    assertSent(await smartReply(legacy, reply('Re: from 12.1', 'Old phone here.'), { source: { folderId: aliceA.collectionId, itemId: original.serverId } }));
    const [received] = await newMail(bob);
    assert.match((await parseMime(received ?? '')).text ?? '', /^Old phone here\.[\s\S]*> Here is the plan\./);
    assertFailed(await smartReply(legacy, reply('Re: gone', 'x'), { source: { folderId: aliceA.collectionId, itemId: `${aliceA.collectionId}:999` } }), 400);
  });

  it('ReplaceMime sends the client\'s message as written; an unknown item is 150', async () => {
    assertSent(await smartReply(aliceA.client, reply('Re: whole', 'I quoted it myself.'), {
      source: { folderId: aliceA.collectionId, itemId: original.serverId }, replaceMime: true,
    }));
    const [received] = await newMail(bob);
    assert.equal((await parseMime(received ?? '')).text?.trim(), 'I quoted it myself.');
    assertFailed(await smartReply(aliceA.client, reply('Re: gone', 'x'), { source: { folderId: aliceA.collectionId, itemId: `${aliceA.collectionId}:999` } }), 150);
  });

  it('SmartForward of a meeting occurrence (InstanceId) from the calendar sends the event as .ics', async () => {
    const { folders } = await fx.app.mailboxes.hierarchy.listFolders(ALICE.user);
    const calendarId = folders.find((f) => f.type === CALENDAR)?.id ?? '';
    await fx.app.mailboxes.calendar.createItem(ALICE.user, calendarId, { icalendar: [
      'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN', 'BEGIN:VEVENT', 'UID:standup-1', 'DTSTAMP:20261101T090000Z',
      'DTSTART:20261123T090000Z', 'DTEND:20261123T091500Z', 'RRULE:FREQ=DAILY', 'SUMMARY:Standup', 'END:VEVENT', 'END:VCALENDAR', '',
    ].join('\r\n') });
    const calendar = new SyncDevice(aliceA.client, await folderOfType(aliceA.client, CALENDAR));
    const [event] = await calendar.initial();
    assert.ok(event !== undefined);
    assertSent(await smartForward(aliceA.client, reply('Fw: Standup', 'Join us.', CAROL.user), {
      source: { folderId: calendar.collectionId, itemId: event.serverId, instanceId: '2026-11-24T09:00:00.000Z' },
    }));
    const [received] = await newMail(carol);
    const parsed = await parseMime(received ?? '');
    assert.equal(parsed.text?.trim(), 'Join us.');
    const [ics] = parsed.attachments;
    assert.equal(ics?.filename, 'invite.ics');
    assert.match(ics?.content.toString() ?? '', /SUMMARY:Standup/);
  });
});
