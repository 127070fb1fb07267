import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { element } from '../../eas/wbxml-body.js';
import { DEFAULT_MAILBOX_RANGE, parseRange, readMailboxOptions } from './search-options.js';
import { SearchStoreError, StoreStatus } from './search-status.js';

const invalidRequest = (error: unknown): boolean => error instanceof SearchStoreError && error.status === StoreStatus.InvalidRequest;

describe('parseRange', () => {
  it('reads m-n and keeps a span of at most 100', () => {
    assert.deepEqual(parseRange('0-49'), { start: 0, end: 49 });
    assert.deepEqual(parseRange(' 50-99 '), { start: 50, end: 99 });
    assert.deepEqual(parseRange('7-7'), { start: 7, end: 7 });
    assert.deepEqual(parseRange('0-999'), { start: 0, end: 99 });
    assert.deepEqual(parseRange('200-1000'), { start: 200, end: 299 });
  });

  it('refuses anything else with Status 2', () => {
    for (const bad of ['', '5', '9-3', '-1-4', 'a-b', '0-', '1.5-3', '0-9999999999']) assert.throws(() => parseRange(bad), invalidRequest, bad);
  });
});

describe('readMailboxOptions', () => {
  it('defaults to the first 100 results with no traversal and no body preference', () => {
    assert.deepEqual(readMailboxOptions(undefined), { range: DEFAULT_MAILBOX_RANGE, deepTraversal: false, rebuildResults: false, bodyPreferences: [] });
    assert.deepEqual(readMailboxOptions(element('Search:Options')).range, { start: 0, end: 99 });
  });

  it('reads Range, the flags, BodyPreference and MIMESupport, ignoring other stores options', () => {
    const options = readMailboxOptions(element('Search:Options', [
      element('Search:RebuildResults'),
      element('Search:Range', '10-19'),
      element('Search:DeepTraversal'),
      element('Search:UserName', 'ignored'),
      element('AirSync:MIMESupport', '2'),
      element('AirSyncBase:BodyPreference', [
        element('AirSyncBase:Type', '2'), element('AirSyncBase:TruncationSize', '5120'), element('AirSyncBase:AllOrNone', '1'),
      ]),
      element('AirSyncBase:BodyPreference', [element('AirSyncBase:Type', '1'), element('AirSyncBase:Preview', '100')]),
    ]));
    assert.deepEqual(options, {
      range: { start: 10, end: 19 },
      deepTraversal: true,
      rebuildResults: true,
      bodyPreferences: [{ type: 2, truncationSize: 5120, allOrNone: true }, { type: 1, preview: 100 }],
      mimeSupport: 2,
    });
  });

  it('refuses two Ranges, a bad body Type or MIMESupport with Status 2', () => {
    const bad = [
      [element('Search:Range', '0-9'), element('Search:Range', '10-19')],
      [element('AirSyncBase:BodyPreference', [element('AirSyncBase:Type', '7')])],
      [element('AirSyncBase:BodyPreference', [element('AirSyncBase:TruncationSize', '10')])],
      [element('AirSync:MIMESupport', '3')],
    ];
    for (const children of bad) assert.throws(() => readMailboxOptions(element('Search:Options', children)), invalidRequest);
  });
});
