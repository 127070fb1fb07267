import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { DEFAULT_MAIL_FLAGS, type FollowUpFlag } from '../../domain/item.js';
import { element, qualifiedName, textContent, type WbxmlElement } from '../../eas/wbxml-body.js';
import { decodeWbxml, encodeWbxml } from '../../wbxml/index.js';
import { decodeEmailChange } from './decode-email-change.js';
import { formatEasLocalDateTime, parseEasDateTime } from './email-dates.js';
import { DEFAULT_FLAG_TYPE, decodeFlag, encodeFlag } from './flag.js';

const FALLBACK = new Date('2024-01-01T00:00:00Z');
const dateArb = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true });

const flagArb: fc.Arbitrary<FollowUpFlag> = fc.record({
  status: fc.constantFrom('active' as const, 'complete' as const),
  flagType: fc.option(fc.constantFrom('Follow up', 'Call', 'Reply', 'Prüfen'), { nil: undefined }),
  startAt: fc.option(dateArb, { nil: undefined }),
  dueAt: fc.option(dateArb, { nil: undefined }),
  completedAt: fc.option(dateArb, { nil: undefined }),
  reminderAt: fc.option(dateArb, { nil: undefined }),
}, { requiredKeys: ['status'] }).map((f) => Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined)) as unknown as FollowUpFlag);

/** What a flag looks like after one trip through the wire: the rules of MS-ASEMAIL filled in. */
function expected(flag: FollowUpFlag): FollowUpFlag {
  const start = flag.startAt ?? flag.dueAt;
  const due = flag.dueAt ?? flag.startAt;
  return {
    status: flag.status,
    flagType: flag.flagType ?? DEFAULT_FLAG_TYPE,
    ...(start !== undefined ? { startAt: start } : {}),
    ...(due !== undefined ? { dueAt: due } : {}),
    ...(flag.status === 'complete' ? { completedAt: flag.completedAt ?? FALLBACK } : {}),
    ...(flag.reminderAt !== undefined ? { reminderAt: flag.reminderAt } : {}),
  };
}

describe('Flag', () => {
  it('round-trips through encodeFlag, the WBXML codec and decodeFlag', () => {
    fc.assert(fc.property(flagArb, fc.constantFrom(undefined, 'Europe/Berlin', 'America/New_York'), (flag, zone) => {
      const encoded = encodeFlag(flag, zone, FALLBACK);
      const wire = decodeWbxml(encodeWbxml(element('AirSync:ApplicationData', [encoded]))).children[0] as WbxmlElement;
      assert.deepEqual(decodeFlag(wire, null), expected(flag));
    }));
  });

  it('writes Status, FlagType and the four dates in schema order, local dates in the user zone', () => {
    const flag: FollowUpFlag = { status: 'active', dueAt: new Date('2024-07-01T10:00:00Z') };
    const encoded = encodeFlag(flag, 'Europe/Berlin', FALLBACK);
    assert.deepEqual(encoded.children.map((c) => qualifiedName(c as WbxmlElement)), [
      'Email:Status', 'Email:FlagType', 'Tasks:StartDate', 'Tasks:DueDate', 'Tasks:UtcStartDate', 'Tasks:UtcDueDate', 'Tasks:ReminderSet',
    ]);
    assert.equal(textContent(encoded.children[3] as WbxmlElement), '2024-07-01T12:00:00.000Z');
    assert.equal(textContent(encoded.children[5] as WbxmlElement), '2024-07-01T10:00:00.000Z');
  });

  it('sends an empty Flag for an unflagged message, and reads one (or Status 0) as cleared', () => {
    assert.deepEqual(encodeFlag(null, undefined, FALLBACK).children, []);
    assert.equal(decodeFlag(element('Email:Flag'), { status: 'active' }), null);
    assert.equal(decodeFlag(element('Email:Flag', [element('Email:Status', '0')]), { status: 'active' }), null);
  });

  it('keeps what a terse client leaves out (iOS sends only Status)', () => {
    const existing: FollowUpFlag = { status: 'active', flagType: 'Call', dueAt: new Date('2024-05-05T05:00:00Z') };
    const done = decodeFlag(element('Email:Flag', [element('Email:Status', '1'), element('Email:CompleteTime', '20240506T070000Z')]), existing);
    assert.deepEqual(done, { status: 'complete', flagType: 'Call', dueAt: existing.dueAt, completedAt: new Date('2024-05-06T07:00:00Z') });
  });
});

describe('decodeEmailChange', () => {
  it('returns only what the client sent', () => {
    const read = decodeEmailChange(element('AirSync:ApplicationData', [element('Email:Read', '1')]), DEFAULT_MAIL_FLAGS);
    assert.deepEqual(read, { read: true });
    const flagged = decodeEmailChange(element('AirSync:ApplicationData', [
      element('Email:Flag', [element('Email:Status', '2'), element('Email:FlagType', 'Follow up')]),
      element('Email:Categories', [element('Email:Category', 'Red'), element('Email:Category', 'Red'), element('Email:Category', 'Work')]),
    ]), DEFAULT_MAIL_FLAGS);
    assert.deepEqual(flagged, { flag: { status: 'active', flagType: 'Follow up' }, categories: ['Red', 'Work'] });
  });

  it('clears categories on an empty Categories element and ignores a bad Read value', () => {
    const patch = decodeEmailChange(element('AirSync:ApplicationData', [element('Email:Categories'), element('Email:Read', 'yes')]),
      { ...DEFAULT_MAIL_FLAGS, categories: ['Old'] });
    assert.deepEqual(patch, { categories: [] });
  });

  it('ignores dates it cannot read instead of failing', () => {
    const patch = decodeEmailChange(element('AirSync:ApplicationData', [
      element('Email:Flag', [element('Email:Status', '2'), element('Tasks:UtcDueDate', '2024-13-45T99:00:00Z')]),
    ]), DEFAULT_MAIL_FLAGS);
    assert.deepEqual(patch, { flag: { status: 'active' } });
  });
});

describe('EAS dates', () => {
  it('parses the extended and the compact form and rejects impossible dates', () => {
    assert.deepEqual(parseEasDateTime('2024-02-29T23:59:59.5Z'), new Date('2024-02-29T23:59:59.500Z'));
    assert.deepEqual(parseEasDateTime('20240229T235959Z'), new Date('2024-02-29T23:59:59Z'));
    assert.equal(parseEasDateTime('2023-02-29T00:00:00Z'), undefined);
    assert.equal(parseEasDateTime('yesterday'), undefined);
  });

  it('falls back to UTC for an unknown zone', () => {
    const date = new Date('2024-01-01T08:00:00Z');
    assert.equal(formatEasLocalDateTime(date, 'Not/AZone'), '2024-01-01T08:00:00.000Z');
    assert.equal(formatEasLocalDateTime(date, 'Asia/Tokyo'), '2024-01-01T17:00:00.000Z');
  });
});
