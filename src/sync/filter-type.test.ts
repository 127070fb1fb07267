// FilterType per class (MS-ASCMD 2.2.3.68.2): mail 1-5, calendar 4-7 (months are calendar months),
// tasks 8; values a class does not define filter nothing; mail is judged by its receive time.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ItemRef } from '../domain/item.js';
import { filterFor, receivedWithin } from './filter-type.js';

const NOW = Date.parse('2026-11-23T12:00:00Z');
const since = (itemClass: Parameters<typeof filterFor>[0], type: number): string | undefined =>
  filterFor(itemClass, type, NOW)?.since?.toISOString();

describe('FilterType', () => {
  it('gives mail its five windows and nothing for 0, 6, 7 or 8', () => {
    assert.deepEqual([1, 2, 3, 4, 5].map((t) => since('Email', t)), [
      '2026-11-22T12:00:00.000Z', '2026-11-20T12:00:00.000Z', '2026-11-16T12:00:00.000Z', '2026-11-09T12:00:00.000Z', '2026-10-23T12:00:00.000Z',
    ]);
    assert.deepEqual([0, 6, 7, 8].map((t) => filterFor('Email', t, NOW)), [undefined, undefined, undefined, undefined]);
  });

  it('gives calendars two weeks to six months back, and nothing for 1-3 or 8', () => {
    assert.deepEqual([4, 5, 6, 7].map((t) => since('Calendar', t)), [
      '2026-11-09T12:00:00.000Z', '2026-10-23T12:00:00.000Z', '2026-08-23T12:00:00.000Z', '2026-05-23T12:00:00.000Z',
    ]);
    assert.deepEqual([1, 2, 3, 8].map((t) => filterFor('Calendar', t, NOW)), [undefined, undefined, undefined, undefined]);
  });

  it('keeps only incomplete tasks for 8, and filters no other class by it', () => {
    assert.deepEqual(filterFor('Tasks', 8, NOW), { incompleteOnly: true });
    assert.equal(filterFor('Tasks', 4, NOW), undefined);
    assert.equal(filterFor('Contacts', 5, NOW), undefined);
    assert.equal(filterFor('Notes', 8, NOW), undefined);
  });

  it('judges mail by receivedAt and lets items without one through', () => {
    const filter = { since: new Date(NOW - 86_400_000) };
    const ref = { id: 'i', folderId: 'f', version: '1', modifiedAt: new Date(0) };
    const mail = (at: number): ItemRef => ({ ...ref, receivedAt: new Date(at) }) as ItemRef;
    assert.deepEqual([mail(NOW), mail(NOW - 2 * 86_400_000), ref].map((item) => receivedWithin(item, filter)), [true, false, true]);
  });
});
