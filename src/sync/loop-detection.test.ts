// Loop detection's decision (the engine-level behaviour is in test/integration/sync-loop-detection):
// replies without server commands never count, the first LOOP_REPLAY_LIMIT replays are lost
// replies, then a reply with several items is probed and a one-item reply names its item.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { element } from '../eas/wbxml-body.js';
import { FRESH_PROGRESS } from './collection-progress.js';
import { LOOP_REPLAY_LIMIT, loopVerdict, serverCommandCount } from './loop-detection.js';

describe('loopVerdict', () => {
  const several = { ...FRESH_PROGRESS, initial: false };
  const one = { ...several, single: 'b7' };

  it('replays up to the limit, whatever the reply', () => {
    for (let n = 1; n <= LOOP_REPLAY_LIMIT; n += 1) {
      assert.deepEqual(loopVerdict(n, 40, several), { kind: 'replay' });
      assert.deepEqual(loopVerdict(n, 1, one), { kind: 'replay' });
    }
  });

  it('never treats a reply without server commands as a loop', () => {
    assert.deepEqual(loopVerdict(LOOP_REPLAY_LIMIT + 5, 0, one), { kind: 'replay' });
  });

  it('probes a looping reply of several items, and skips the item of a looping one-item reply', () => {
    assert.deepEqual(loopVerdict(LOOP_REPLAY_LIMIT + 1, 40, several), { kind: 'probe', items: 40 });
    assert.deepEqual(loopVerdict(LOOP_REPLAY_LIMIT + 1, 1, one), { kind: 'skip', backendId: 'b7' });
  });

  it('counts the server commands of a stored reply', () => {
    const reply = element('AirSync:Collection', [
      element('AirSync:CollectionId', '3'),
      element('AirSync:Commands', [element('AirSync:Add', element('AirSync:ServerId', '3:1')), element('AirSync:Delete', element('AirSync:ServerId', '3:2'))]),
      element('AirSync:Responses', element('AirSync:Add', element('AirSync:ClientId', 'c'))),
    ]);
    assert.equal(serverCommandCount(reply), 2);
    assert.equal(serverCommandCount(element('AirSync:Collection', element('AirSync:CollectionId', '3'))), 0);
  });
});
