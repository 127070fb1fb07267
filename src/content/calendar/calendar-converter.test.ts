// Calendar ⇄ iCalendar on concrete cases: the acceptance case (a weekly Berlin series
// with one moved and one deleted occurrence comes back identical on another device), the blob a
// Berlin event carries, all-day events before and from 16.0, what survives a client Change,
// version gating, the iOS ClientUid, meeting roles and bad client input.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeEasBody, element, encodeEasBody, firstChild, qualifiedName, textContent, type WbxmlElement } from '../../eas/wbxml-body.js';
import type { ProtocolVersion } from '../../eas/protocol-version.js';
import { decodeTimeZoneBlob, easTimeZoneForIana, encodeTimeZoneBlob, matchTimeZone, sameRules } from '../timezone/index.js';
import { decodeCalendarApplicationData, encodeCalendarApplicationData } from './calendar-converter.js';
import type { CalendarContext } from './event-frame.js';
import { CalendarContentError } from './field-readers.js';
import { assertLibwbxmlAgrees } from '../../../test/helpers/libwbxml.js';
import { decodeCalendarOccurrenceChange, deleteCalendarOccurrence } from './occurrence-change.js';
import { eventOccurrences } from './occurrences.js';

const WEEKLY_BERLIN = [
  'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN',
  'BEGIN:VEVENT', 'UID:weekly-1', 'DTSTAMP:20250101T080000Z',
  'DTSTART;TZID=Europe/Berlin:20250303T100000', 'DTEND;TZID=Europe/Berlin:20250303T110000',
  'SUMMARY:Team sync', 'LOCATION:Room 4', 'RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=20',
  'EXDATE;TZID=Europe/Berlin:20250317T100000', 'X-CUSTOM-FLAG:keep me', 'COLOR:teal',
  'BEGIN:VALARM', 'ACTION:DISPLAY', 'DESCRIPTION:Reminder', 'TRIGGER:-PT10M', 'END:VALARM',
  'END:VEVENT',
  'BEGIN:VEVENT', 'UID:weekly-1', 'DTSTAMP:20250101T080000Z', 'RECURRENCE-ID;TZID=Europe/Berlin:20250407T100000',
  'DTSTART;TZID=Europe/Berlin:20250408T150000', 'DTEND;TZID=Europe/Berlin:20250408T160000',
  'SUMMARY:Team sync (Tuesday this time)', 'LOCATION:Room 4',
  'BEGIN:VALARM', 'ACTION:DISPLAY', 'DESCRIPTION:Reminder', 'TRIGGER:-PT10M', 'END:VALARM',
  'END:VEVENT', 'END:VCALENDAR',
].join('\r\n');

function ctx(protocolVersion: ProtocolVersion, extra: Partial<CalendarContext> = {}): CalendarContext {
  return { protocolVersion, bodyPreferences: [{ type: 1 }], defaultTimeZone: 'Europe/Berlin', ...extra };
}

/** Through the WBXML codec and back, as a Sync response or request would travel. */
function overTheWire(tree: WbxmlElement[]): WbxmlElement {
  return decodeEasBody(encodeEasBody(element('AirSync:ApplicationData', tree)), {}, 'AirSync:ApplicationData');
}

function names(tree: readonly WbxmlElement[]): string[] {
  return tree.map((el) => qualifiedName(el));
}

function value(tree: readonly WbxmlElement[], name: string): string | undefined {
  const el = tree.find((e) => qualifiedName(e) === name);
  return el === undefined ? undefined : textContent(el);
}

const TWO_YEARS: [number, number] = [Date.UTC(2025, 0, 1), Date.UTC(2027, 0, 1)];

describe('Calendar ⇄ iCalendar', () => {
  for (const version of ['14.1', '16.1'] as const) {
    it(`brings a weekly Berlin series with a moved and a deleted occurrence back identical (${version})`, () => {
      const toDeviceA = encodeCalendarApplicationData({ icalendar: WEEKLY_BERLIN }, ctx(version));
      // Device A sends the event it got as an Add to the other device's store ...
      const stored = decodeCalendarApplicationData(overTheWire(toDeviceA), undefined, ctx(version));
      // ... and device B receives exactly what A had.
      const toDeviceB = encodeCalendarApplicationData(stored, ctx(version));
      assert.deepEqual(toDeviceB, toDeviceA);
      assert.deepEqual(eventOccurrences(stored.icalendar, ...TWO_YEARS, ctx(version)), eventOccurrences(WEEKLY_BERLIN, ...TWO_YEARS, ctx(version)));
      const exceptions = toDeviceA.find((e) => e.tag === 'Exceptions');
      assert.ok(exceptions !== undefined);
      const [deleted, moved] = exceptions.children as WbxmlElement[];
      const idTag = version === '16.1' ? 'AirSyncBase:InstanceId' : 'Calendar:ExceptionStartTime';
      assert.equal(textContent(firstChild(deleted!, 'Calendar:Deleted')!), '1');
      assert.equal(textContent(firstChild(deleted!, idTag)!), '20250317T090000Z');
      assert.equal(textContent(firstChild(moved!, idTag)!), '20250407T080000Z');
      assert.equal(textContent(firstChild(moved!, 'Calendar:StartTime')!), '20250408T130000Z');
      assert.equal(textContent(firstChild(moved!, 'Calendar:Subject')!), 'Team sync (Tuesday this time)');
      assert.equal(firstChild(moved!, 'Calendar:Reminder'), undefined, 'unchanged fields are inherited, not repeated');
    });
  }

  it('sends Berlin events a blob with bias -60 and the last-Sunday rules, which maps back to Berlin rules', () => {
    const tree = encodeCalendarApplicationData({ icalendar: WEEKLY_BERLIN }, ctx('14.1'));
    const blob = decodeTimeZoneBlob(value(tree, 'Calendar:Timezone') ?? '');
    assert.equal(blob.bias, -60);
    assert.equal(blob.daylightBias, -60);
    assert.deepEqual([blob.daylightDate.month, blob.daylightDate.dayOfWeek, blob.daylightDate.day, blob.daylightDate.hour], [3, 0, 5, 2]);
    assert.deepEqual([blob.standardDate.month, blob.standardDate.dayOfWeek, blob.standardDate.day, blob.standardDate.hour], [10, 0, 5, 3]);
    const match = matchTimeZone({ ...blob, standardName: '', daylightName: '' }, 2025);
    assert.ok(sameRules(easTimeZoneForIana(match.tzid, 2025), blob, 2025));
  });

  it('writes all-day events as zone midnights before 16.0 and as floating dates without Timezone from 16.0', () => {
    const allDay = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:x', 'BEGIN:VEVENT', 'UID:ad', 'DTSTAMP:20250101T000000Z',
      'DTSTART;VALUE=DATE:20250704', 'DTEND;VALUE=DATE:20250705', 'SUMMARY:Holiday', 'END:VEVENT', 'END:VCALENDAR'].join('\r\n');
    const old = encodeCalendarApplicationData({ icalendar: allDay }, ctx('14.1'));
    assert.equal(value(old, 'Calendar:AllDayEvent'), '1');
    assert.equal(value(old, 'Calendar:StartTime'), '20250703T220000Z');
    assert.equal(value(old, 'Calendar:EndTime'), '20250704T220000Z');
    assert.ok(value(old, 'Calendar:Timezone') !== undefined);
    const modern = encodeCalendarApplicationData({ icalendar: allDay }, ctx('16.1'));
    assert.equal(value(modern, 'Calendar:StartTime'), '20250704T000000Z');
    assert.equal(value(modern, 'Calendar:Timezone'), undefined);
    for (const [version, tree] of [['14.1', old], ['16.1', modern]] as const) {
      const back = decodeCalendarApplicationData(overTheWire(tree), undefined, ctx(version)).icalendar;
      assert.match(back, /DTSTART;VALUE=DATE:20250704\r\nDTEND;VALUE=DATE:20250705/, version);
    }
  });

  it('reads a New York device all-day event as the same dates and sends it back the same way', () => {
    const nyBlob = encodeTimeZoneBlob({ ...easTimeZoneForIana('America/New_York', 2025), standardName: 'Eastern Standard Time', daylightName: 'Eastern Daylight Time' });
    const fromDevice = [
      element('Calendar:Timezone', nyBlob), element('Calendar:AllDayEvent', '1'), element('Calendar:DtStamp', '20250101T000000Z'),
      element('Calendar:EndTime', '20250706T040000Z'), element('Calendar:Subject', 'Trip'), element('Calendar:StartTime', '20250704T040000Z'),
    ];
    const stored = decodeCalendarApplicationData(overTheWire(fromDevice), undefined, ctx('14.1'));
    assert.match(stored.icalendar, /DTSTART;VALUE=DATE:20250704\r\nDTEND;VALUE=DATE:20250706/);
    const back = encodeCalendarApplicationData(stored, ctx('14.1'));
    assert.equal(value(back, 'Calendar:Timezone'), nyBlob);
    assert.equal(value(back, 'Calendar:StartTime'), '20250704T040000Z');
  });

  it('keeps iCalendar properties EAS does not map through a client Change', () => {
    const tree = encodeCalendarApplicationData({ icalendar: WEEKLY_BERLIN }, ctx('14.1'));
    const edited = tree.map((el) => (qualifiedName(el) === 'Calendar:Subject' ? element('Calendar:Subject', 'Renamed') : el));
    const after = decodeCalendarApplicationData(overTheWire(edited), { icalendar: WEEKLY_BERLIN }, ctx('14.1')).icalendar;
    assert.match(after, /SUMMARY:Renamed/);
    assert.match(after, /X-CUSTOM-FLAG:keep me/);
    assert.match(after, /COLOR:teal/);
    assert.match(after, /UID:weekly-1/);
    assert.match(after, /DESCRIPTION:Reminder/, 'the unchanged alarm is left as it was');
    assert.match(after, /RECURRENCE-ID;TZID=Europe\/Berlin:20250407T100000/);
  });

  it('sends only what each protocol version defines', () => {
    const meeting = WEEKLY_BERLIN.replace('SUMMARY:Team sync\r\n', 'SUMMARY:Team sync\r\nDESCRIPTION:Agenda\r\nORGANIZER;CN=Ann:mailto:ann@example.com\r\n'
      + 'ATTENDEE;CN=Bob;PARTSTAT=ACCEPTED:mailto:bob@example.com\r\nCONFERENCE;VALUE=URI:https://meet.example.com/x\r\n');
    const tree = (v: ProtocolVersion): WbxmlElement[] => encodeCalendarApplicationData({ icalendar: meeting }, ctx(v, { userAddresses: ['bob@example.com'] }));
    const all = (v: ProtocolVersion): string => JSON.stringify(tree(v).map(function walk(e: WbxmlElement): unknown {
      return [qualifiedName(e), e.children.map((c) => (typeof c === 'string' ? c : walk(c as WbxmlElement)))];
    }));
    assert.ok(names(tree('2.5')).includes('Calendar:Body'));
    for (const absent of ['AirSyncBase:Body', 'Calendar:AttendeeStatus', 'Calendar:FirstDayOfWeek', 'Calendar:ResponseType', 'AirSyncBase:NativeBodyType']) {
      assert.ok(!all('2.5').includes(absent), `2.5 has ${absent}`);
    }
    assert.ok(all('12.0').includes('AirSyncBase:Body') && all('12.0').includes('Calendar:AttendeeStatus'));
    assert.ok(!all('12.0').includes('Calendar:ResponseType') && !all('14.0').includes('Calendar:FirstDayOfWeek'));
    assert.ok(all('14.0').includes('Calendar:ResponseType'));
    assert.ok(all('14.1').includes('Calendar:FirstDayOfWeek') && all('14.1').includes('Calendar:OnlineMeetingExternalLink'));
    assert.ok(!all('14.0').includes('OnlineMeetingExternalLink'));
    assert.ok(all('16.1').includes('AirSyncBase:Location') && !all('16.1').includes('"Calendar:Location"'));
    assert.ok(all('16.1').includes('AirSyncBase:InstanceId') && !all('16.1').includes('ExceptionStartTime'));
    const order = ['Calendar:Timezone', 'Calendar:AllDayEvent', 'AirSyncBase:Body', 'Calendar:BusyStatus', 'Calendar:OrganizerName',
      'Calendar:OrganizerEmail', 'Calendar:DtStamp', 'Calendar:EndTime', 'Calendar:Location', 'Calendar:Reminder', 'Calendar:Subject',
      'Calendar:StartTime', 'Calendar:UID', 'Calendar:MeetingStatus', 'Calendar:Attendees', 'Calendar:Recurrence', 'Calendar:Exceptions',
      'Calendar:ResponseRequested', 'Calendar:ResponseType', 'AirSyncBase:NativeBodyType', 'Calendar:OnlineMeetingExternalLink'];
    assert.deepEqual(names(tree('14.1')), order);
    for (const v of ['2.5', '12.0', '12.1', '14.0', '14.1', '16.0', '16.1'] as const) overTheWire(tree(v));
  });

  it('turns the 33-character ClientUid iOS sends into a GUID', () => {
    const add = [element('Calendar:Timezone', encodeTimeZoneBlob(easTimeZoneForIana('Europe/Berlin', 2025))), element('Calendar:AllDayEvent', '0'),
      element('Calendar:EndTime', '20250601T100000Z'), element('Calendar:Subject', 'From iPhone'), element('Calendar:StartTime', '20250601T090000Z'),
      // WBXML inline strings end at NUL, so the NUL-terminated id arrives as opaque data.
      element('Calendar:ClientUid', new TextEncoder().encode('0123456789abcdef0123456789ABCDEF\u0000'))];
    const stored = decodeCalendarApplicationData(overTheWire(add), undefined, ctx('16.1')).icalendar;
    assert.match(stored, /UID:01234567-89AB-CDEF-0123-456789ABCDEF\r\n/);
  });

  it('derives MeetingStatus and ResponseType from the user\'s role', () => {
    const invite = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:x', 'BEGIN:VEVENT', 'UID:m', 'DTSTAMP:20250101T000000Z',
      'DTSTART:20250601T090000Z', 'DTEND:20250601T100000Z', 'SUMMARY:Review', 'ORGANIZER;CN=Ann:mailto:ann@example.com',
      'ATTENDEE;PARTSTAT=TENTATIVE;RSVP=TRUE:mailto:me@example.com', 'END:VEVENT', 'END:VCALENDAR'].join('\r\n');
    const asAttendee = encodeCalendarApplicationData({ icalendar: invite }, ctx('14.1', { userAddresses: ['me@example.com'] }));
    assert.deepEqual([value(asAttendee, 'Calendar:MeetingStatus'), value(asAttendee, 'Calendar:ResponseType'), value(asAttendee, 'Calendar:ResponseRequested')], ['3', '2', '1']);
    const asOrganizer = encodeCalendarApplicationData({ icalendar: invite }, ctx('14.1', { userAddresses: ['ann@example.com'] }));
    assert.deepEqual([value(asOrganizer, 'Calendar:MeetingStatus'), value(asOrganizer, 'Calendar:ResponseType')], ['1', '1']);
    const cancelled = invite.replace('SUMMARY:Review', 'SUMMARY:Review\r\nSTATUS:CANCELLED');
    assert.equal(value(encodeCalendarApplicationData({ icalendar: cancelled }, ctx('14.1', { userAddresses: ['me@example.com'] })), 'Calendar:MeetingStatus'), '7');
  });

  it('maps busy status, sensitivity, categories, reminder and an HTML body', () => {
    const add = [element('Calendar:Timezone', encodeTimeZoneBlob(easTimeZoneForIana('Asia/Kolkata', 2025))),
      element('AirSyncBase:Body', [element('AirSyncBase:Type', '2'), element('AirSyncBase:Data', '<p>Bring <b>slides</b></p>')]),
      element('Calendar:BusyStatus', '3'), element('Calendar:EndTime', '20250601T100000Z'), element('Calendar:Reminder', '30'),
      element('Calendar:Sensitivity', '2'), element('Calendar:Subject', 'Offsite'), element('Calendar:StartTime', '20250601T090000Z'),
      element('Calendar:Categories', [element('Calendar:Category', 'Work'), element('Calendar:Category', 'Travel')])];
    const stored = decodeCalendarApplicationData(overTheWire(add), undefined, ctx('14.1')).icalendar;
    assert.match(stored, /DTSTART;TZID=Asia\/Kolkata:20250601T143000/);
    assert.match(stored, /X-MICROSOFT-CDO-BUSYSTATUS:OOF/);
    assert.match(stored, /CLASS:PRIVATE/);
    assert.match(stored, /CATEGORIES:Work,Travel/);
    assert.match(stored, /TRIGGER:-PT30M/);
    assert.match(stored, /X-ALT-DESC;FMTTYPE=text\/html:<p>Bring <b>slides<\/b><\/p>/);
    assert.match(stored, /DESCRIPTION:Bring slides/);
    const back = encodeCalendarApplicationData({ icalendar: stored }, ctx('14.1'));
    assert.deepEqual([value(back, 'Calendar:BusyStatus'), value(back, 'Calendar:Sensitivity'), value(back, 'Calendar:Reminder')], ['3', '2', '30']);
    assert.equal(value(back, 'AirSyncBase:NativeBodyType'), '2');
  });

  it('sends a series whose rule EAS cannot express as its first occurrence', () => {
    const hourly = WEEKLY_BERLIN.replace('RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=20', 'RRULE:FREQ=HOURLY;COUNT=3');
    const tree = encodeCalendarApplicationData({ icalendar: hourly }, ctx('14.1'));
    assert.ok(!names(tree).includes('Calendar:Recurrence') && !names(tree).includes('Calendar:Exceptions'));
    assert.equal(value(tree, 'Calendar:StartTime'), '20250303T090000Z');
  });

  it('answers bad client values and bad stored objects with CalendarContentError', () => {
    const field = (run: () => unknown): string => {
      try {
        run();
      } catch (error) {
        assert.ok(error instanceof CalendarContentError, String(error));
        return error.field;
      }
      assert.fail('no error');
    };
    const base = [element('Calendar:StartTime', '20250601T090000Z'), element('Calendar:EndTime', '20250601T100000Z')];
    assert.equal(field(() => decodeCalendarApplicationData(overTheWire([...base, element('Calendar:BusyStatus', '9')]), undefined, ctx('14.1'))), 'Calendar:BusyStatus');
    assert.equal(field(() => decodeCalendarApplicationData(overTheWire([...base, element('Calendar:Timezone', 'AAAA')]), undefined, ctx('14.1'))), 'Calendar:Timezone');
    assert.equal(field(() => decodeCalendarApplicationData(overTheWire([element('Calendar:StartTime', '2025-06-01')]), undefined, ctx('14.1'))), 'Calendar:StartTime');
    assert.equal(field(() => decodeCalendarApplicationData(overTheWire([...base, element('Calendar:Recurrence', [element('Calendar:Type', '4')])]), undefined, ctx('14.1'))), 'Calendar:Type');
    assert.equal(field(() => decodeCalendarApplicationData(overTheWire([element('Calendar:Subject', 'no times')]), undefined, ctx('14.1'))), 'Calendar:StartTime');
    assert.equal(field(() => encodeCalendarApplicationData({ icalendar: 'BEGIN:VCALENDAR\r\nnonsense' }, ctx('14.1'))), 'icalendar');
    assert.equal(field(() => encodeCalendarApplicationData({ icalendar: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR' }, ctx('14.1'))), 'vevent');
  });

  it('applies 16.x single-occurrence changes and deletions by InstanceId', () => {
    const series = { icalendar: WEEKLY_BERLIN };
    const march24 = new Date(Date.UTC(2025, 2, 24, 9)); // 10:00 CET
    const march31 = new Date(Date.UTC(2025, 2, 31, 8)); // 10:00 CEST
    const moved = decodeCalendarOccurrenceChange(overTheWire([element('Calendar:Subject', 'Moved to noon'),
      element('Calendar:StartTime', '20250324T110000Z'), element('Calendar:EndTime', '20250324T120000Z')]), march24, series, ctx('16.1'));
    const deleted = deleteCalendarOccurrence(moved, march31, ctx('16.1'));
    const starts = eventOccurrences(deleted.icalendar, ...TWO_YEARS, ctx('16.1')).map((o) => new Date(o.start).toISOString());
    assert.ok(starts.includes('2025-03-24T11:00:00.000Z') && !starts.includes('2025-03-24T09:00:00.000Z'));
    assert.ok(!starts.includes('2025-03-31T08:00:00.000Z'));
    assert.ok(!starts.includes('2025-03-17T09:00:00.000Z'), 'the stored EXDATE stays');
    const tree = encodeCalendarApplicationData(deleted, ctx('16.1'));
    const exceptions = (tree.find((e) => e.tag === 'Exceptions')?.children ?? []) as WbxmlElement[];
    const ids = exceptions.map((e) => [textContent(firstChild(e, 'AirSyncBase:InstanceId')!), firstChild(e, 'Calendar:Deleted') !== undefined]);
    assert.deepEqual(ids, [['20250317T090000Z', true], ['20250324T090000Z', false], ['20250331T080000Z', true], ['20250407T080000Z', false]]);
    // Changing a deleted occurrence brings it back.
    const revived = decodeCalendarOccurrenceChange(overTheWire([element('Calendar:Subject', 'Back')]), march31, deleted, ctx('16.1'));
    assert.ok(eventOccurrences(revived.icalendar, ...TWO_YEARS, ctx('16.1')).some((o) => o.start === march31.getTime()));
    const single = WEEKLY_BERLIN.replace('RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=20\r\n', '');
    assert.throws(() => deleteCalendarOccurrence({ icalendar: single }, march31, ctx('16.1')), CalendarContentError);
  });

  it('writes WBXML that libwbxml reads the same way', async () => {
    for (const version of ['2.5', '14.1', '16.1'] as const) {
      const tree = encodeCalendarApplicationData({ icalendar: WEEKLY_BERLIN }, ctx(version));
      await assertLibwbxmlAgrees(encodeEasBody(element('AirSync:Sync', [element('AirSync:Collections', [element('AirSync:Collection', [
        element('AirSync:Commands', [element('AirSync:Add', [element('AirSync:ServerId', '1:1'), element('AirSync:ApplicationData', tree)])]),
      ])])])));
    }
  });

  it('keeps an Outlook-named VTIMEZONE and a UTC event in their own form through a Change', () => {
    const outlook = WEEKLY_BERLIN.replace(/TZID=Europe\/Berlin/g, 'TZID=W. Europe Standard Time').replace('BEGIN:VEVENT', [
      'BEGIN:VTIMEZONE', 'TZID:W. Europe Standard Time', 'BEGIN:STANDARD', 'DTSTART:16010101T030000', 'TZOFFSETFROM:+0200', 'TZOFFSETTO:+0100',
      'RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10', 'END:STANDARD', 'BEGIN:DAYLIGHT', 'DTSTART:16010101T020000', 'TZOFFSETFROM:+0100',
      'TZOFFSETTO:+0200', 'RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3', 'END:DAYLIGHT', 'END:VTIMEZONE', 'BEGIN:VEVENT'].join('\r\n'));
    const tree = encodeCalendarApplicationData({ icalendar: outlook }, ctx('14.1'));
    assert.equal(value(tree, 'Calendar:StartTime'), '20250303T090000Z');
    const after = decodeCalendarApplicationData(overTheWire(tree), { icalendar: outlook }, ctx('14.1')).icalendar;
    assert.match(after, /DTSTART;TZID=W\. Europe Standard Time:20250303T100000/);
    assert.match(after, /DTSTART:16010101T030000/, 'the VTIMEZONE is the stored one');
    assert.equal((after.match(/BEGIN:VTIMEZONE/g) ?? []).length, 1);
    const utc = WEEKLY_BERLIN.replace('DTSTART;TZID=Europe/Berlin:20250303T100000', 'DTSTART:20250303T090000Z')
      .replace('DTEND;TZID=Europe/Berlin:20250303T110000', 'DTEND:20250303T100000Z');
    const utcAfter = decodeCalendarApplicationData(overTheWire(encodeCalendarApplicationData({ icalendar: utc }, ctx('14.1'))), { icalendar: utc }, ctx('14.1')).icalendar;
    assert.match(utcAfter, /DTSTART:20250303T090000Z/);
  });
});
