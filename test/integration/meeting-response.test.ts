// Meeting invitations over real HTTP with our EasClient: an invitation from Alice (a local user) or
// from an outside address lands in Bob's Inbox, Bob's phone syncs it as a meeting request and
// answers with MeetingResponse; Bob's other device sees the event in its calendar with Bob's
// answer, Alice gets the iTIP REPLY in her Inbox (16.1 SendResponse), the request leaves Bob's
// Inbox, and InstanceId answers a single occurrence of a recurring Berlin meeting. Every WBXML
// reply is checked with libwbxml.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { meetingResponse, type EasClient, type MeetingResponseRequest, type MeetingResponseResult } from '../../src/client/index.js';
import { findMeetingInvitation } from '../../src/content/email/meeting-invitation.js';
import { invitationIcs, invitationMime, type InviteOptions } from '../../src/content/email/meeting-test-kit.js';
import { parseMime } from '../../src/content/email/parse-mime.js';
import { decodeTimeZoneBlob } from '../../src/content/timezone/index.js';
import { childElements, element, firstChild, textContent, type WbxmlElement } from '../../src/eas/wbxml-body.js';
import { ALICE, BOB, startFolderApp, type FolderApp } from '../helpers/folder-http-kit.js';
import { assertLibwbxmlAgrees } from '../helpers/libwbxml.js';
import { SyncDevice, type ServerItem } from './sync-kit.js';

const INBOX = 2;
const CALENDAR = 8;
const PLAIN = [element('AirSyncBase:BodyPreference', [element('AirSyncBase:Type', '1'), element('AirSyncBase:TruncationSize', '2048')])];

const field = (data: WbxmlElement | undefined, name: string): string | undefined => {
  const el = data === undefined ? undefined : firstChild(data, name);
  return el === undefined ? undefined : textContent(el);
};

const invite = (uid: string, extra: Partial<InviteOptions> = {}): InviteOptions => ({
  uid, summary: `Meeting ${uid}`, start: '20261203T140000', end: '20261203T150000', tzid: 'Europe/Berlin',
  organizer: { email: ALICE.user, name: 'Alice' }, attendees: [{ email: BOB.user, name: 'Bob', rsvp: true }], ...extra,
});

/** A device of Bob's with its Inbox and Calendar collections. */
interface Phone {
  readonly client: EasClient;
  readonly inbox: SyncDevice;
  readonly calendar: SyncDevice;
  readonly ids: { readonly inbox: string; readonly calendar: string };
}

describe('MeetingResponse over HTTP', () => {
  let fx: FolderApp;
  before(async () => {
    fx = await startFolderApp();
  });
  after(() => fx.close());

  async function phone(deviceId: string, version: '14.1' | '16.1', account = BOB): Promise<Phone> {
    const client = fx.device(deviceId, version, account);
    const hierarchy = await client.folderSync('0');
    await assertLibwbxmlAgrees(hierarchy.response.raw);
    const id = (type: number): string => hierarchy.added.find((f) => f.type === type)?.serverId ?? '';
    const p = { client, inbox: new SyncDevice(client, id(INBOX)), calendar: new SyncDevice(client, id(CALENDAR)), ids: { inbox: id(INBOX), calendar: id(CALENDAR) } };
    await p.inbox.sync({ syncKey: '0', options: PLAIN });
    await p.calendar.sync({ syncKey: '0' });
    return p;
  }

  async function deliver(to: string, options: InviteOptions, from = 'Alice <alice@example.org>'): Promise<void> {
    const { folders } = await fx.app.mailboxes.hierarchy.listFolders(to);
    const inbox = folders.find((f) => f.type === INBOX);
    assert.ok(inbox !== undefined);
    const mime = await invitationMime({ from, to, subject: options.summary ?? 'Invite', icalendar: invitationIcs(options) });
    await fx.app.mailboxes.mail.createItem(to, inbox.id, { mime });
  }

  async function answer(p: Phone, requests: MeetingResponseRequest | MeetingResponseRequest[]): Promise<MeetingResponseResult[]> {
    const reply = await meetingResponse(p.client, requests);
    assert.equal(reply.response.status, 200);
    await assertLibwbxmlAgrees(reply.response.raw);
    return reply.results;
  }

  /** The new Inbox item with this subject, as the phone's next Sync shows it. */
  async function received(p: Phone, subject: string): Promise<ServerItem> {
    const items = (await p.inbox.sync({ options: PLAIN })).added;
    const item = items.find((i) => field(i.data, 'Email:Subject') === subject);
    assert.ok(item !== undefined, `no mail "${subject}" in ${items.length} new items`);
    return item;
  }

  /** Replies in a user's Inbox: the iTIP facts of each. */
  async function replies(user: string): Promise<{ uid: string; partstat?: string }[]> {
    const { folders } = await fx.app.mailboxes.hierarchy.listFolders(user);
    const inbox = folders.find((f) => f.type === INBOX)?.id ?? '';
    const listing = await fx.app.mailboxes.mail.listItems(user, inbox);
    const messages = await fx.app.mailboxes.mail.getItems(user, inbox, listing.items.map((i) => i.id));
    const found = await Promise.all(messages.map(async (m) => findMeetingInvitation(await parseMime(m.mime))));
    return found.filter((i) => i?.method === 'REPLY').map((i) => ({ uid: i?.itip.uid ?? '', ...(i?.itip.replyPartstat === undefined ? {} : { partstat: i.itip.replyPartstat }) }));
  }

  const bobStatus = (data: WbxmlElement | undefined): string | undefined => {
    const attendees = data === undefined ? undefined : firstChild(data, 'Calendar:Attendees');
    const bob = attendees === undefined ? undefined : childElements(attendees, 'Calendar:Attendee').find((a) => field(a, 'Calendar:Email') === BOB.user);
    return field(bob, 'Calendar:AttendeeStatus');
  };

  it('16.1: accept reaches the calendar of another device and Alice gets PARTSTAT=ACCEPTED; the request leaves the Inbox', async () => {
    const a = await phone('MeetA', '16.1');
    const b = await phone('MeetB', '16.1');
    await deliver(BOB.user, invite('accept-1'));
    const item = await received(a, 'Meeting accept-1');
    assert.equal(field(item.data, 'Email:MessageClass'), 'IPM.Schedule.Meeting.Request');
    const request = item.data === undefined ? undefined : firstChild(item.data, 'Email:MeetingRequest');
    assert.equal(field(request, 'Email:StartTime'), '2026-12-03T13:00:00.000Z');
    assert.equal(field(request, 'Email:ResponseRequested'), '1');
    assert.ok(field(request, 'Email:GlobalObjId') !== undefined);

    const [result] = await answer(a, { userResponse: 1, collectionId: a.ids.inbox, requestId: item.serverId, sendResponse: {} });
    assert.equal(result?.status, 1);
    assert.equal(result?.requestId, item.serverId);
    assert.ok(result?.calendarId?.startsWith(`${a.ids.calendar}:`));

    // The device has not been sent the event yet, so it comes as an Add under the CalendarId.
    const onA = await a.calendar.sync();
    assert.deepEqual([onA.added.map((e) => e.serverId), onA.changed], [[result?.calendarId], []]);
    const onB = (await b.calendar.sync()).added;
    assert.equal(onB.length, 1);
    assert.equal(field(onB[0]?.data, 'Calendar:Subject'), 'Meeting accept-1');
    assert.equal(bobStatus(onB[0]?.data), '3');
    assert.equal(field(onB[0]?.data, 'Calendar:ResponseType'), '3');
    assert.equal(field(onB[0]?.data, 'Calendar:MeetingStatus'), '3');
    assert.deepEqual((await a.inbox.sync({ options: PLAIN })).deleted, [item.serverId]);
    assert.deepEqual(await replies(ALICE.user), [{ uid: 'accept-1', partstat: 'ACCEPTED' }]);

    const alice = await phone('AliceMeet', '16.1', ALICE);
    const reply = (await alice.inbox.sync({ options: PLAIN })).added;
    assert.deepEqual(reply.map((m) => [field(m.data, 'Email:Subject'), field(m.data, 'Email:MessageClass')]), [['Accepted: Meeting accept-1', 'IPM.Schedule.Meeting.Resp.Pos']]);
  });

  it('14.1 tentative and 16.1 decline: the calendar follows, and only the 16.1 SendResponse sends a reply', async () => {
    const old = await phone('MeetOld', '14.1');
    const b = await phone('MeetWatch', '16.1');
    await deliver(BOB.user, invite('tentative-1'));
    await deliver(BOB.user, invite('decline-1'));
    const tentative = await received(old, 'Meeting tentative-1');
    const [t] = await answer(old, { userResponse: 2, collectionId: old.ids.inbox, requestId: tentative.serverId });
    assert.equal(t?.status, 1);
    const now = await phone('MeetNew', '16.1');
    const decline = (await now.inbox.drain()).find((i) => field(i.data, 'Email:Subject') === 'Meeting decline-1');
    assert.ok(decline !== undefined);
    const [d] = await answer(now, { userResponse: 3, collectionId: now.ids.inbox, requestId: decline.serverId, sendResponse: { body: 'Sorry, I am away.' } });
    assert.deepEqual(d, { status: 1, requestId: decline.serverId });
    // The watching device's first calendar Sync also brings the meetings earlier tests accepted.
    const events = (await b.calendar.sync()).added.filter((e) => /tentative|decline/.test(field(e.data, 'Calendar:Subject') ?? ''));
    assert.deepEqual(events.map((e) => [field(e.data, 'Calendar:Subject'), bobStatus(e.data), field(e.data, 'Calendar:BusyStatus')]), [['Meeting tentative-1', '2', '1']]);
    const answers = (await replies(ALICE.user)).filter((r) => r.uid !== 'accept-1');
    assert.deepEqual(answers, [{ uid: 'decline-1', partstat: 'DECLINED' }]);
  });

  it('a recurring Berlin invitation: the series is accepted, one occurrence answered by InstanceId, one declined', async () => {
    const a = await phone('MeetSeriesA', '16.1');
    const b = await phone('MeetSeriesB', '16.1');
    await deliver(BOB.user, invite('weekly-1', { summary: 'Weekly Berlin', rrule: 'FREQ=WEEKLY;BYDAY=TH;COUNT=8' }));
    const item = await received(a, 'Weekly Berlin');
    const request = item.data === undefined ? undefined : firstChild(item.data, 'Email:MeetingRequest');
    assert.equal(field(request, 'Email:InstanceType'), '1');
    const recurrence = firstChild(firstChild(request as WbxmlElement, 'Email:Recurrences') as WbxmlElement, 'Email:Recurrence');
    assert.deepEqual([field(recurrence, 'Email:Type'), field(recurrence, 'Email:DayOfWeek'), field(recurrence, 'Email:Occurrences')], ['1', '16', '8']);
    assert.equal(decodeTimeZoneBlob(field(request, 'Email:TimeZone') ?? '').bias, -60);

    const [series] = await answer(a, { userResponse: 1, collectionId: a.ids.inbox, requestId: item.serverId });
    const calendarId = series?.calendarId ?? '';
    const [one, two] = await answer(a, [
      { userResponse: 2, collectionId: a.ids.calendar, requestId: calendarId, instanceId: '2026-12-10T13:00:00.000Z', sendResponse: {} },
      { userResponse: 3, collectionId: a.ids.calendar, requestId: calendarId, instanceId: '2026-12-17T13:00:00.000Z' },
    ]);
    assert.deepEqual([one?.status, one?.calendarId, one?.instanceId], [1, calendarId, '2026-12-10T13:00:00.000Z']);
    assert.deepEqual([two?.status, two?.calendarId], [1, undefined]);
    const event = (await b.calendar.sync()).added.find((e) => field(e.data, 'Calendar:Subject') === 'Weekly Berlin');
    assert.equal(bobStatus(event?.data), '3');
    assert.equal(decodeTimeZoneBlob(field(event?.data, 'Calendar:Timezone') ?? '').bias, -60);
    const exceptions = childElements(firstChild(event?.data as WbxmlElement, 'Calendar:Exceptions') as WbxmlElement, 'Calendar:Exception');
    const byStart = new Map(exceptions.map((e) => [field(e, 'AirSyncBase:InstanceId'), e]));
    assert.equal(field(byStart.get('20261217T130000Z'), 'Calendar:Deleted'), '1');
    assert.equal(bobStatus(byStart.get('20261210T130000Z')), '2');
    assert.deepEqual((await replies(ALICE.user)).filter((r) => r.uid === 'weekly-1'), [{ uid: 'weekly-1', partstat: 'TENTATIVE' }]);
  });

  it('an invitation from outside is answered though no relay is configured; a bad RequestId is Status 2', async () => {
    const a = await phone('MeetOutside', '16.1');
    await deliver(BOB.user, invite('outside-1', { organizer: { email: 'carol@elsewhere.example' } }), 'Carol <carol@elsewhere.example>');
    const item = await received(a, 'Meeting outside-1');
    const results = await answer(a, [
      { userResponse: 1, collectionId: a.ids.inbox, requestId: item.serverId, sendResponse: {} },
      { userResponse: 1, collectionId: a.ids.inbox, requestId: `${a.ids.inbox}:9999` },
    ]);
    assert.deepEqual(results.map((r) => r.status), [1, 2]);
    assert.ok(results[0]?.calendarId !== undefined);
  });
});
