import assert from 'node:assert/strict';
import { Buffer } from 'node:buffer';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { MailMessage } from '../../domain/item.js';
import type { ProtocolVersion } from '../../eas/protocol-version.js';
import { childElements, element, firstChild, qualifiedName, textContent, type WbxmlElement } from '../../eas/wbxml-body.js';
import { decodeWbxml, encodeWbxml } from '../../wbxml/index.js';
import { assertLibwbxmlAgrees } from '../../../test/helpers/libwbxml.js';
import { decodeTimeZoneBlob, ianaZone, utcToWall, wallToUtc } from '../timezone/index.js';
import { encodeEmailApplicationData } from './encode-email.js';
import { storedMessage } from './mail-arbitraries.js';
import { uidFromGlobalObjId } from './meeting-global-obj-id.js';
import { invitationIcs, invitationMime, type InviteOptions } from './meeting-test-kit.js';

const ORGANIZER = { email: 'olga@example.org', name: 'Olga Organizer' };
const BOB = { email: 'bob@example.org', name: 'Bob', rsvp: true };

const weekly: InviteOptions = {
  uid: 'weekly-1@example.org', summary: 'Weekly sync', start: '20261202T100000', end: '20261202T110000', tzid: 'Europe/Berlin',
  rrule: 'FREQ=WEEKLY;BYDAY=WE;COUNT=10', organizer: ORGANIZER, attendees: [BOB], location: 'Room 4', alarmMinutes: 15,
};

async function encode(options: InviteOptions | string, version: ProtocolVersion, form?: 'alternative' | 'attachment'): Promise<WbxmlElement[]> {
  const icalendar = typeof options === 'string' ? options : invitationIcs(options);
  const subject = typeof options === 'string' ? 'Invite' : options.summary ?? 'Invite';
  const mime = await invitationMime({ from: 'Olga <olga@example.org>', to: 'bob@example.org', subject, icalendar, ...(typeof options === 'string' ? { method: 'REQUEST' } : {}), ...(form === undefined ? {} : { form }) });
  return encodeEmailApplicationData(storedMessage(mime) as MailMessage, { protocolVersion: version, bodyPreferences: [{ type: 1 }] });
}

const field = (parent: WbxmlElement[] | WbxmlElement | undefined, name: string): string | undefined => {
  if (parent === undefined) return undefined;
  const el = Array.isArray(parent) ? parent.find((c) => qualifiedName(c) === name) : firstChild(parent, name);
  return el === undefined ? undefined : textContent(el);
};
const request = (out: WbxmlElement[]): WbxmlElement | undefined => out.find((c) => qualifiedName(c) === 'Email:MeetingRequest');

async function assertWire(out: WbxmlElement[]): Promise<void> {
  const bytes = encodeWbxml(element('AirSync:ApplicationData', out));
  assert.deepEqual(decodeWbxml(bytes), element('AirSync:ApplicationData', out));
  await assertLibwbxmlAgrees(bytes);
}

describe('meeting requests in mail', () => {
  it('14.1: a recurring Berlin invitation becomes IPM.Schedule.Meeting.Request with a full MeetingRequest', async () => {
    const out = await encode(weekly, '14.1');
    assert.equal(field(out, 'Email:MessageClass'), 'IPM.Schedule.Meeting.Request');
    assert.equal(field(out, 'Email:ContentClass'), 'urn:content-classes:calendarmessage');
    const names = out.map(qualifiedName);
    assert.equal(names.indexOf('Email:MeetingRequest'), names.indexOf('Email:MessageClass') + 1);
    const mr = request(out);
    assert.ok(mr !== undefined);
    assert.deepEqual(childElements(mr).map(qualifiedName), [
      'Email:AllDayEvent', 'Email:StartTime', 'Email:DtStamp', 'Email:EndTime', 'Email:InstanceType', 'Email:Location',
      'Email:Organizer', 'Email:Reminder', 'Email:ResponseRequested', 'Email:Recurrences', 'Email:Sensitivity',
      'Email:BusyStatus', 'Email:TimeZone', 'Email:GlobalObjId', 'Email:DisallowNewTimeProposal', 'Email2:MeetingMessageType',
    ]);
    // 10:00 in Berlin in December is 09:00 UTC.
    assert.equal(field(mr, 'Email:StartTime'), '2026-12-02T09:00:00.000Z');
    assert.equal(field(mr, 'Email:EndTime'), '2026-12-02T10:00:00.000Z');
    assert.equal(field(mr, 'Email:InstanceType'), '1');
    assert.equal(field(mr, 'Email:Organizer'), '"Olga Organizer" <olga@example.org>');
    assert.equal(field(mr, 'Email:Reminder'), '900');
    assert.equal(field(mr, 'Email:ResponseRequested'), '1');
    assert.equal(field(mr, 'Email2:MeetingMessageType'), '1');
    assert.equal(uidFromGlobalObjId(field(mr, 'Email:GlobalObjId') ?? ''), 'weekly-1@example.org');
    const zone = decodeTimeZoneBlob(field(mr, 'Email:TimeZone') ?? '');
    assert.equal(zone.bias, -60);
    assert.equal(zone.daylightBias, -60);
    const recurrence = firstChild(firstChild(mr, 'Email:Recurrences') as WbxmlElement, 'Email:Recurrence') as WbxmlElement;
    assert.deepEqual(childElements(recurrence).map((c) => [qualifiedName(c), textContent(c)]), [
      ['Email:Type', '1'], ['Email:Interval', '1'], ['Email:Occurrences', '10'], ['Email:DayOfWeek', '8'], ['Email2:FirstDayOfWeek', '1'],
    ]);
    await assertWire(out);
  });

  it('2.5 leaves out the 14.x elements; 16.1 uses AirSyncBase:Location', async () => {
    const old = request(await encode(weekly, '2.5'));
    assert.equal(field(old, 'Email:DisallowNewTimeProposal'), undefined);
    assert.equal(field(old, 'Email2:MeetingMessageType'), undefined);
    const recurrence = firstChild(firstChild(old as WbxmlElement, 'Email:Recurrences') as WbxmlElement, 'Email:Recurrence') as WbxmlElement;
    assert.equal(firstChild(recurrence, 'Email2:FirstDayOfWeek'), undefined);
    const out = await encode(weekly, '16.1');
    const mr = request(out) as WbxmlElement;
    assert.equal(firstChild(mr, 'Email:Location'), undefined);
    assert.equal(field(firstChild(mr, 'AirSyncBase:Location'), 'AirSyncBase:DisplayName'), 'Room 4');
    await assertWire(out);
  });

  it('an update of one occurrence is InstanceType 3 with its RecurrenceId and the instance date in the GlobalObjId', async () => {
    const out = await encode({ ...weekly, rrule: undefined, sequence: 2, recurrenceId: '20261209T100000', start: '20261209T140000', end: '20261209T150000' }, '14.1');
    const mr = request(out) as WbxmlElement;
    assert.equal(field(mr, 'Email:InstanceType'), '3');
    assert.equal(field(mr, 'Email:RecurrenceId'), '2026-12-09T09:00:00.000Z');
    assert.equal(field(mr, 'Email:StartTime'), '2026-12-09T13:00:00.000Z');
    assert.equal(field(mr, 'Email2:MeetingMessageType'), '2');
    const goid = Buffer.from(field(mr, 'Email:GlobalObjId') ?? '', 'base64');
    assert.deepEqual([...goid.subarray(16, 20)], [0x07, 0xea, 12, 9]);
    assert.equal(uidFromGlobalObjId(goid.toString('base64')), 'weekly-1@example.org');
  });

  it('CANCEL is IPM.Schedule.Meeting.Canceled; a REPLY is Resp.Pos/Tent/Neg without MeetingRequest', async () => {
    const cancel = await encode({ ...weekly, method: 'CANCEL' }, '14.1');
    assert.equal(field(cancel, 'Email:MessageClass'), 'IPM.Schedule.Meeting.Canceled');
    assert.equal(field(request(cancel), 'Email2:MeetingMessageType'), '0');
    for (const [partstat, klass] of [['ACCEPTED', 'Pos'], ['TENTATIVE', 'Tent'], ['DECLINED', 'Neg']] as const) {
      const reply = await encode({ ...weekly, method: 'REPLY', attendees: [{ ...BOB, partstat }] }, '14.1');
      assert.equal(field(reply, 'Email:MessageClass'), `IPM.Schedule.Meeting.Resp.${klass}`);
      assert.equal(request(reply), undefined);
    }
  });

  it('a lone invite.ics attachment counts; a calendar without METHOD or with PUBLISH stays IPM.Note', async () => {
    const attached = await encode(weekly, '14.1', 'attachment');
    assert.equal(field(attached, 'Email:MessageClass'), 'IPM.Schedule.Meeting.Request');
    const published = await encode({ ...weekly, method: 'PUBLISH' }, '14.1', 'attachment');
    assert.equal(field(published, 'Email:MessageClass'), 'IPM.Note');
    assert.equal(request(published), undefined);
    assert.equal(field(published, 'Email:ContentClass'), 'urn:content-classes:message');
    // The Content-Type says method=REQUEST, but the calendar itself names no METHOD.
    const unnamed = await encode(invitationIcs(weekly).replace('METHOD:REQUEST\r\n', ''), '14.1');
    assert.equal(field(unnamed, 'Email:MessageClass'), 'IPM.Note');
  });

  it('ResponseRequested is 0 only when every attendee says RSVP=FALSE', async () => {
    const none = request(await encode({ ...weekly, attendees: [{ email: 'bob@example.org', rsvp: false }] }, '14.1'));
    assert.equal(field(none, 'Email:ResponseRequested'), '0');
    const unsaid = request(await encode({ ...weekly, attendees: [{ email: 'bob@example.org' }] }, '14.1'));
    assert.equal(field(unsaid, 'Email:ResponseRequested'), '1');
  });

  it('property: StartTime and EndTime are the instants of DTSTART and DTEND; the GlobalObjId carries the UID', async () => {
    await fc.assert(fc.asyncProperty(
      fc.record({
        zone: fc.constantFrom('Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'UTC'),
        day: fc.integer({ min: 1, max: 365 }),
        minutes: fc.integer({ min: 0, max: 24 * 60 - 1 }),
        length: fc.integer({ min: 15, max: 600 }),
        uid: fc.string({ minLength: 1, maxLength: 40 }).filter((s) => /^[\x21-\x7e]+$/.test(s) && !s.includes('\\') && !s.includes(';') && !s.includes(',')),
      }),
      async ({ zone, day, minutes, length, uid }) => {
        const startUtc = Date.UTC(2027, 0, day, 0, minutes);
        const endUtc = startUtc + length * 60_000;
        const offsets = ianaZone(zone);
        const wall = (ms: number): number => utcToWall(offsets, ms);
        // The second pass through an autumn hour has no wall-time spelling of its own.
        fc.pre(wallToUtc(offsets, wall(startUtc)) === startUtc && wallToUtc(offsets, wall(endUtc)) === endUtc);
        const stamp = (ms: number): string => new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, '');
        const out = await encode({ ...weekly, uid, rrule: undefined, tzid: zone, start: stamp(wall(startUtc)), end: stamp(wall(endUtc)) }, '14.1');
        const mr = request(out) as WbxmlElement;
        assert.equal(field(mr, 'Email:StartTime'), new Date(startUtc).toISOString());
        assert.equal(field(mr, 'Email:EndTime'), new Date(endUtc).toISOString());
        assert.equal(uidFromGlobalObjId(field(mr, 'Email:GlobalObjId') ?? ''), uid);
      },
    ), { numRuns: 40 });
  });
});
