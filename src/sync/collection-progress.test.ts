// The engine's per-collection progress: the backlog keeps each id once and in order, ids sent
// back to the front move there, and the stored JSON reads back (anything unreadable is a fresh start).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FRESH_PROGRESS, carriedOver, enqueue, progressFromJson, progressToJson } from './collection-progress.js';
import { clampWindowSize } from './sync-request.js';
import { parseSyncKey } from './sync-engine.js';

describe('collection progress', () => {
  it('queues each id once, oldest first', () => {
    assert.deepEqual(enqueue(['a', 'b'], ['b', 'c', 'c', 'd']), ['a', 'b', 'c', 'd']);
  });

  it('moves ids to the front when asked (a conflict loser goes out first)', () => {
    assert.deepEqual(enqueue(['a', 'b', 'c'], ['c', 'x'], true), ['c', 'x', 'a', 'b']);
  });

  it('round-trips through JSON and treats damage as a fresh start', () => {
    const progress = { token: 't1', pending: ['a'], initial: false, supported: ['Contacts:Picture'] };
    assert.deepEqual(progressFromJson(progressToJson(progress)), progress);
    assert.deepEqual(progressFromJson('garbage'), FRESH_PROGRESS);
    assert.deepEqual(progressFromJson({ token: 5, pending: [1] }), { token: null, pending: [], initial: false });
  });

  it('round-trips the FilterType and loop-detection fields, and drops damaged ones', () => {
    const progress = {
      token: 't', pending: [], initial: false, filterType: 3, sweptAt: 1_700_000_000_000, probe: 12, single: 'b1',
      skipped: { b2: '9' }, ownChanges: [{ op: 'put' as const, serverId: '5:1', backendId: 'b3', version: '4' }, { op: 'delete' as const, serverId: '5:2' }],
    };
    assert.deepEqual(progressFromJson(progressToJson(progress)), progress);
    const damaged = progressFromJson({ token: 't', pending: [], probe: -1, skipped: { b: 1 }, ownChanges: [{ op: 'put' }] });
    assert.deepEqual(damaged, { token: 't', pending: [], initial: false });
  });

  it('starts a new state without the fields that describe one reply', () => {
    const progress = { token: 't', pending: [], initial: false, probe: 2, single: 'b1', ownChanges: [{ op: 'delete' as const, serverId: '5:2' }] };
    assert.deepEqual(carriedOver(progress), { token: 't', pending: [], initial: false, probe: 2 });
  });

  it('clamps WindowSize: absent 100, 0 or over 512 is 512 (CLIENT-QUIRKS §3.1)', () => {
    assert.deepEqual([undefined, 0, 1, 100, 512, 513, 100000].map(clampWindowSize), [100, 512, 1, 100, 512, 512, 512]);
  });

  it('reads only positive decimal sync keys', () => {
    assert.deepEqual(['1', ' 42 ', '0', '-1', 'abc', '1e3', '{uuid}1'].map(parseSyncKey), [1, 42, undefined, undefined, undefined, undefined, undefined]);
  });
});
