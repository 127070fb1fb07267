// MeetingResponse over the real embedded store and SQLite state store (no HTTP), with a
// MailSubmitter that records what would be delivered: the calendar outcome of each answer, the
// CalendarId mapped for the next Sync, the request mail moving to Deleted Items, the REPLY to the
// organizer (16.x SendResponse only), the iOS calendar-collection quirk, InstanceId answers, and
// every refusal and failure status.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, it } from 'node:test';
import pino from 'pino';
import { EmbeddedStore } from '../../backends/embedded/embedded-store.js';
import { buildMeetingResponse, readMeetingResponse, type MeetingResponseRequest, type MeetingResponseResult } from '../../client/meeting-commands.js';
import { findMeetingInvitation } from '../../content/email/meeting-invitation.js';
import { invitationIcs, invitationMime, type InviteOptions } from '../../content/email/meeting-test-kit.js';
import { parseMime } from '../../content/email/parse-mime.js';
import { deviceKey, type DeviceKey } from '../../domain/device.js';
import { InvalidInputError } from '../../domain/errors.js';
import { SubmissionError, type MailSubmitter, type OutgoingMessage, type SubmissionReceipt } from '../../domain/mail-submission.js';
import type { StateStore } from '../../domain/state-store.js';
import type { MailboxStores } from '../../domain/stores.js';
import type { ProtocolVersion } from '../../eas/protocol-version.js';
import { SqliteStateStore } from '../../state/sqlite/sqlite-state-store.js';
import type { CommandContext } from '../registry.js';
import { formatLongId } from '../long-id.js';
import { createMeetingResponseCommand } from './meeting-response-command.js';

const USER = 'bob@example.org';
const DEVICE = 'meetphone';
const OLGA = { email: 'olga@example.org', name: 'Olga' };

/** The MailSubmitter port as a recorder: what the command hands to delivery. */
class RecordingSubmitter implements MailSubmitter {
  readonly sent: OutgoingMessage[] = [];
  constructor(private readonly failure?: SubmissionError) {}
  async submit(message: OutgoingMessage): Promise<SubmissionReceipt> {
    if (this.failure !== undefined) throw this.failure;
    this.sent.push(message);
    return { delivered: [], relayed: [...message.recipients] };
  }
}

const single: InviteOptions = {
  uid: 'single@example.org', summary: 'Budget review', start: '20261203T140000', end: '20261203T150000', tzid: 'Europe/Berlin',
  organizer: OLGA, attendees: [{ email: USER, name: 'Bob', rsvp: true }],
};
const weekly: InviteOptions = { ...single, uid: 'weekly@example.org', summary: 'Weekly', rrule: 'FREQ=WEEKLY;COUNT=5' };

describe('MeetingResponse', () => {
  let dir: string;
  let state: StateStore;
  let stores: EmbeddedStore;
  let key: DeviceKey;
  let lines: string[];
  let ids: { inbox: string; calendar: string; inboxFolder: string; calendarFolder: string; trashFolder: string; sentFolder: string };

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pushbridge-meeting-'));
    state = await SqliteStateStore.open({ dataDir: dir });
    stores = EmbeddedStore.open(dir);
    key = deviceKey(USER, DEVICE);
    lines = [];
    await state.devices.record({ user: USER, deviceId: DEVICE, deviceType: 'iPhone' });
    const { folders } = await stores.hierarchy.listFolders(USER);
    const folder = (type: number): string => folders.find((f) => f.type === type)?.id ?? '';
    const assigned = await state.hierarchy.assignServerIds(key, [folder(2), folder(8)]);
    ids = {
      inbox: assigned.get(folder(2)) ?? '', calendar: assigned.get(folder(8)) ?? '',
      inboxFolder: folder(2), calendarFolder: folder(8), trashFolder: folder(4), sentFolder: folder(5),
    };
    await state.collections.commit(key, ids.calendar, { baseKey: 0, state: null });
  });
  afterEach(async () => {
    await state.close();
    await stores.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** Delivers a mail to the Inbox and maps it on the device, as a Sync of the Inbox would. */
  async function deliver(options: InviteOptions | { plain: string }): Promise<{ serverId: string; itemId: string }> {
    const mime = 'plain' in options
      ? new TextEncoder().encode(`From: olga@example.org\r\nTo: ${USER}\r\nSubject: ${options.plain}\r\n\r\nJust mail\r\n`)
      : await invitationMime({ from: 'Olga <olga@example.org>', to: USER, subject: options.summary ?? 'Invite', icalendar: invitationIcs(options) });
    const item = await stores.mail.createItem(USER, ids.inboxFolder, { mime });
    const serverId = `${ids.inbox}:${await state.collections.reserveItemNumbers(key, ids.inbox, 1)}`;
    await state.collections.applyIdMapChanges(key, ids.inbox, [{ op: 'put', serverId, backendId: item.id, version: item.version }]);
    return { serverId, itemId: item.id };
  }

  async function run(requests: MeetingResponseRequest | MeetingResponseRequest[], options: { version?: ProtocolVersion; submitter?: MailSubmitter; stores?: MailboxStores } = {}): Promise<MeetingResponseResult[]> {
    const sink = new Writable({ write(chunk: Buffer, _enc, done) { lines.push(chunk.toString()); done(); } });
    const ctx: CommandContext = {
      requestId: 'req-meet', command: 'MeetingResponse', user: { username: USER, email: USER, displayName: 'Bob' }, deviceId: DEVICE,
      deviceType: 'iPhone', protocolVersion: options.version ?? '16.1', params: {}, log: pino({ level: 'debug' }, sink), signal: new AbortController().signal,
    };
    const command = createMeetingResponseCommand({ state, stores: options.stores ?? stores, clock: () => Date.UTC(2026, 10, 21, 9), ...(options.submitter === undefined ? {} : { submitter: options.submitter }) });
    const result = await command.handle(ctx, { kind: 'wbxml', root: buildMeetingResponse([requests].flat()) });
    assert.equal(result.kind, 'wbxml');
    return readMeetingResponse((result as { root: Parameters<typeof readMeetingResponse>[0] }).root);
  }

  /** The calendar's events, their iCalendar unfolded (RFC 5545 3.1) so a pattern sees whole lines. */
  const events = async () => (await stores.calendar.getItems(USER, ids.calendarFolder, (await stores.calendar.listItems(USER, ids.calendarFolder)).items.map((i) => i.id)))
    .map((e) => ({ ...e, content: { icalendar: e.content.icalendar.replace(/\r\n[ \t]/g, '') } }));
  const count = async (folderId: string) => (await stores.mail.listItems(USER, folderId)).items.length;

  it('16.1 accept with SendResponse: event accepted, CalendarId mapped, REPLY to the organizer, request in Deleted Items', async () => {
    const { serverId } = await deliver(single);
    const submitter = new RecordingSubmitter();
    const [result] = await run({ userResponse: 1, collectionId: ids.inbox, requestId: serverId, sendResponse: {} }, { submitter });
    assert.equal(result?.status, 1);
    assert.equal(result?.requestId, serverId);
    const [event] = await events();
    assert.match(event?.content.icalendar ?? '', /PARTSTAT=ACCEPTED[^\r\n]*:mailto:bob@example.org/);
    assert.doesNotMatch(event?.content.icalendar ?? '', /METHOD:/);
    const mapped = await state.collections.lookupItem(key, ids.calendar, result?.calendarId ?? '');
    assert.equal(mapped?.backendId, event?.id);
    assert.equal(mapped?.version, null);
    assert.equal(await count(ids.inboxFolder), 0);
    assert.equal(await count(ids.trashFolder), 1);
    assert.equal(submitter.sent.length, 1);
    const reply = submitter.sent[0];
    assert.deepEqual([reply?.sender, reply?.recipients], [USER, ['olga@example.org']]);
    const parsed = await parseMime(reply?.mime ?? new Uint8Array());
    assert.equal(parsed.subject, 'Accepted: Budget review');
    const invitation = findMeetingInvitation(parsed);
    assert.deepEqual([invitation?.method, invitation?.itip.replyPartstat, invitation?.itip.uid], ['REPLY', 'ACCEPTED', 'single@example.org']);
    assert.equal(await count(ids.sentFolder), 1);
  });

  it('14.1 tentative: no server-side reply (the client sends its own), event tentative', async () => {
    const { serverId } = await deliver(single);
    const submitter = new RecordingSubmitter();
    const [result] = await run({ userResponse: 2, collectionId: ids.inbox, requestId: serverId }, { version: '14.1', submitter });
    assert.equal(result?.status, 1);
    assert.ok(result?.calendarId?.startsWith(`${ids.calendar}:`));
    assert.match((await events())[0]?.content.icalendar ?? '', /PARTSTAT=TENTATIVE/);
    assert.equal(submitter.sent.length, 0);
  });

  it('decline: no CalendarId, no event, request retired; the reply carries the user text and PARTSTAT=DECLINED', async () => {
    const { serverId } = await deliver(single);
    const submitter = new RecordingSubmitter();
    const [result] = await run({ userResponse: 3, collectionId: ids.inbox, requestId: serverId, sendResponse: { body: 'On holiday' } }, { submitter });
    assert.deepEqual(result, { status: 1, requestId: serverId });
    assert.equal((await events()).length, 0);
    assert.equal(await count(ids.trashFolder), 1);
    const parsed = await parseMime(submitter.sent[0]?.mime ?? new Uint8Array());
    assert.equal(parsed.subject, 'Declined: Budget review');
    assert.match(parsed.text ?? '', /On holiday/);
    assert.equal(findMeetingInvitation(parsed)?.itip.replyPartstat, 'DECLINED');
  });

  it('an invitation answered again (an update) stays one event; declining later removes it', async () => {
    const first = await deliver(single);
    const [accepted] = await run({ userResponse: 1, collectionId: ids.inbox, requestId: first.serverId });
    const update = await deliver({ ...single, sequence: 1, summary: 'Budget review (moved)', start: '20261203T160000', end: '20261203T170000' });
    const [again] = await run({ userResponse: 2, collectionId: ids.inbox, requestId: update.serverId });
    assert.equal(again?.calendarId, accepted?.calendarId);
    const all = await events();
    assert.equal(all.length, 1);
    assert.match(all[0]?.content.icalendar ?? '', /SUMMARY:Budget review \(moved\)/);
    const third = await deliver({ ...single, sequence: 1 });
    await run({ userResponse: 3, collectionId: ids.inbox, requestId: third.serverId });
    assert.equal((await events()).length, 0);
  });

  it('iOS and Outlook 2013 name the Calendar collection with the Inbox RequestId; a LongId works too', async () => {
    const { serverId } = await deliver(single);
    const [viaCalendar] = await run({ userResponse: 1, collectionId: ids.calendar, requestId: serverId });
    assert.equal(viaCalendar?.status, 1);
    const other = await deliver({ ...weekly, uid: 'long@example.org' });
    const longId = formatLongId({ folderId: ids.inboxFolder, itemId: other.itemId }) ?? '';
    const [viaLongId] = await run({ userResponse: 1, longId });
    assert.equal(viaLongId?.status, 1);
    assert.equal(viaLongId?.requestId, undefined);
    assert.equal((await events()).length, 2);
  });

  it('answers one occurrence of a calendar item by InstanceId, and refuses what InstanceId cannot name', async () => {
    const [series] = await run({ userResponse: 1, collectionId: ids.inbox, requestId: (await deliver(weekly)).serverId });
    const calendarId = series?.calendarId ?? '';
    const onEvent = (instanceId: string, userResponse: 1 | 2 | 3 = 2): MeetingResponseRequest => ({ userResponse, collectionId: ids.calendar, requestId: calendarId, instanceId });
    // The second Thursday, 14:00 Berlin = 13:00 UTC.
    const [tentative] = await run(onEvent('2026-12-10T13:00:00.000Z'));
    assert.deepEqual(tentative, { status: 1, requestId: calendarId, calendarId, instanceId: '2026-12-10T13:00:00.000Z' });
    const [declined] = await run(onEvent('2026-12-17T13:00:00.000Z', 3));
    assert.deepEqual([declined?.status, declined?.calendarId], [1, undefined]);
    const stored = (await events())[0]?.content.icalendar ?? '';
    assert.match(stored, /RECURRENCE-ID;TZID=Europe\/Berlin:20261210T140000/);
    assert.match(stored, /EXDATE;TZID=Europe\/Berlin:20261217T140000/);
    const statuses = (await run([
      onEvent('2026-12-10T14:00:00.000Z'),
      onEvent('12-10-2026T13:00:00.000Z'),
      { userResponse: 1, collectionId: ids.inbox, requestId: (await deliver(single)).serverId, instanceId: '2026-12-03T13:00:00.000Z' },
    ])).map((r) => r.status);
    assert.deepEqual(statuses, [2, 104, 2]);
    const [singleEvent] = await run({ userResponse: 1, collectionId: ids.inbox, requestId: (await deliver({ ...single, uid: 'one@example.org' })).serverId });
    const [notRecurring] = await run({ userResponse: 1, collectionId: ids.calendar, requestId: singleEvent?.calendarId ?? '', instanceId: '2026-12-03T13:00:00.000Z' });
    assert.equal(notRecurring?.status, 146);
  });

  it('refuses what is not an answerable meeting with Status 2, each Request on its own', async () => {
    const plain = await deliver({ plain: 'Lunch?' });
    const own = await deliver({ ...single, uid: 'own@example.org', organizer: { email: USER } });
    const good = await deliver(single);
    const results = await run([
      { userResponse: 1, collectionId: ids.inbox, requestId: 'InvalidValue' },
      { userResponse: 1, collectionId: ids.inbox, requestId: plain.serverId },
      { userResponse: 1, collectionId: ids.inbox, requestId: own.serverId },
      { userResponse: 1, collectionId: '999', requestId: '999:1' },
      { userResponse: 1, longId: 'not-ours' },
      { userResponse: 1, collectionId: ids.inbox, requestId: good.serverId },
    ]);
    assert.deepEqual(results.map((r) => r.status), [2, 2, 2, 2, 2, 1]);
    assert.equal(results[0]?.requestId, 'InvalidValue');
  });

  it('a reply that cannot be delivered is logged; the answer stands', async () => {
    const { serverId } = await deliver(single);
    const submitter = new RecordingSubmitter(new SubmissionError('no-relay', 'no relay configured', ['olga@example.org']));
    const [result] = await run({ userResponse: 1, collectionId: ids.inbox, requestId: serverId, sendResponse: {} }, { submitter });
    assert.equal(result?.status, 1);
    assert.equal((await events()).length, 1);
    assert.equal(await count(ids.sentFolder), 0);
    assert.ok(lines.some((l) => l.includes('no-relay')));
  });

  it('a mailbox failure is Status 3, an unexpected one Status 4, and later Requests still run', async () => {
    const a = await deliver(single);
    const b = await deliver({ ...single, uid: 'second@example.org' });
    const failing = (error: Error): MailboxStores => ({
      ...stores, hierarchy: stores.hierarchy, mail: stores.mail, changes: stores.changes,
      calendar: new Proxy(stores.calendar, { get: (target, prop, receiver) => (prop === 'createItem' ? async () => { throw error; } : Reflect.get(target, prop, receiver)) }),
    });
    const [full] = await run({ userResponse: 1, collectionId: ids.inbox, requestId: a.serverId }, { stores: failing(new InvalidInputError('calendar is read-only')) });
    assert.equal(full?.status, 3);
    const results = await run([{ userResponse: 1, collectionId: ids.inbox, requestId: a.serverId }, { userResponse: 1, collectionId: ids.inbox, requestId: b.serverId }],
      { stores: failing(new Error('boom')) });
    assert.deepEqual(results.map((r) => r.status), [4, 4]);
    assert.ok(lines.some((l) => l.includes('boom')));
    assert.equal(await count(ids.inboxFolder), 2);
  });
});
