// Deciding a Ping's parameters: the request wins, the cache completes it, bounds give Status 5
// with the crossed bound and 6 with MaxFolders, nothing to complete from gives 3, and so does a
// cached value the configured bounds no longer allow. Also the per-folder report guard.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PingSettings } from '../command-deps.js';
import { EMPTY_PING_CACHE, MAX_REPORTS_PER_KEY, reportedEnough, withReported, type PingCache } from './ping-cache.js';
import { planPing } from './ping-parameters.js';
import { PingStatus } from './ping-reply.js';

const SETTINGS: PingSettings = { minHeartbeatSeconds: 60, maxHeartbeatSeconds: 3540, maxFolders: 3 };
const INBOX = { id: '1', className: 'Email' };
const CONTACTS = { id: '2', className: 'Contacts' };
const CACHED: PingCache = { heartbeatInterval: 900, folders: [INBOX], reported: {} };

describe('planPing', () => {
  it('a full request is used as sent', () => {
    assert.deepEqual(planPing({ heartbeatInterval: 480, folders: [CONTACTS] }, CACHED, SETTINGS), { kind: 'watch', heartbeatInterval: 480, folders: [CONTACTS] });
  });

  it('an empty or partial request is completed from the cache', () => {
    assert.deepEqual(planPing(undefined, CACHED, SETTINGS), { kind: 'watch', heartbeatInterval: 900, folders: [INBOX] });
    assert.deepEqual(planPing({ heartbeatInterval: 120 }, CACHED, SETTINGS), { kind: 'watch', heartbeatInterval: 120, folders: [INBOX] });
    assert.deepEqual(planPing({ folders: [CONTACTS] }, CACHED, SETTINGS), { kind: 'watch', heartbeatInterval: 900, folders: [CONTACTS] });
  });

  it('nothing to complete from is Status 3', () => {
    assert.deepEqual(planPing(undefined, EMPTY_PING_CACHE, SETTINGS), { kind: 'answer', status: PingStatus.MissingParameters });
    assert.deepEqual(planPing({ folders: [INBOX] }, EMPTY_PING_CACHE, SETTINGS), { kind: 'answer', status: PingStatus.MissingParameters });
    assert.deepEqual(planPing({ heartbeatInterval: 60 }, EMPTY_PING_CACHE, SETTINGS), { kind: 'answer', status: PingStatus.MissingParameters });
  });

  it('a heartbeat out of bounds is Status 5 with the bound it crossed', () => {
    assert.deepEqual(planPing({ heartbeatInterval: 59, folders: [INBOX] }, EMPTY_PING_CACHE, SETTINGS), {
      kind: 'answer', status: PingStatus.HeartbeatOutOfRange, extras: { heartbeatInterval: 60 },
    });
    assert.deepEqual(planPing({ heartbeatInterval: 3541 }, CACHED, SETTINGS), {
      kind: 'answer', status: PingStatus.HeartbeatOutOfRange, extras: { heartbeatInterval: 3540 },
    });
  });

  it('more folders than allowed is Status 6 with MaxFolders', () => {
    const four = ['1', '2', '3', '4'].map((id) => ({ id, className: 'Email' }));
    assert.deepEqual(planPing({ heartbeatInterval: 60, folders: four }, EMPTY_PING_CACHE, SETTINGS), {
      kind: 'answer', status: PingStatus.TooManyFolders, extras: { maxFolders: 3 },
    });
  });

  it('a cached value the bounds no longer allow asks for the full request (Status 3)', () => {
    const narrowed: PingSettings = { ...SETTINGS, maxHeartbeatSeconds: 600 };
    assert.deepEqual(planPing(undefined, CACHED, narrowed), { kind: 'answer', status: PingStatus.MissingParameters });
  });
});

describe('report guard', () => {
  it('allows MAX_REPORTS_PER_KEY reports of one folder at one key; a new key starts over; unpinged folders are dropped', () => {
    let cache: PingCache = { ...CACHED, reported: { stale: { key: 9, times: 1 } } };
    for (let i = 0; i < MAX_REPORTS_PER_KEY; i += 1) {
      assert.equal(reportedEnough(cache.reported, '1', 4), false);
      cache = withReported(cache, new Map([['1', 4]]), [INBOX, CONTACTS]);
    }
    assert.equal(reportedEnough(cache.reported, '1', 4), true);
    assert.equal(reportedEnough(cache.reported, '1', 5), false);
    assert.deepEqual(Object.keys(cache.reported), ['1']);
    cache = withReported(cache, new Map([['1', 5]]), [INBOX]);
    assert.deepEqual(cache.reported['1'], { key: 5, times: 1 });
  });
});
