// Folding change-log entries into net changes, checked on examples and against a model.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { ChangeKind } from '../../domain/change.js';
import { foldEntries, type ChangeLogEntry } from './change-log.js';

type Op = { item: number; action: 'write' | 'remove' };

/** Plays operations against a set of live items, producing the log entries a store would write. */
function play(initial: ReadonlySet<number>, ops: readonly Op[]): { entries: ChangeLogEntry[]; final: Set<number> } {
  const live = new Set(initial);
  const entries: ChangeLogEntry[] = [];
  ops.forEach((op, index) => {
    let kind: ChangeKind;
    if (op.action === 'remove') {
      if (!live.has(op.item)) return;
      live.delete(op.item);
      kind = 'deleted';
    } else {
      kind = live.has(op.item) ? 'changed' : 'added';
      live.add(op.item);
    }
    entries.push({ seq: index + 1, item_id: `i${op.item}`, kind });
  });
  return { entries, final: live };
}

describe('foldEntries', () => {
  it('folds a concrete history to its net effect', () => {
    const entries: ChangeLogEntry[] = [
      { seq: 1, item_id: 'a', kind: 'added' },
      { seq: 2, item_id: 'b', kind: 'changed' },
      { seq: 3, item_id: 'a', kind: 'changed' },
      { seq: 4, item_id: 'c', kind: 'added' },
      { seq: 5, item_id: 'c', kind: 'deleted' },
      { seq: 6, item_id: 'd', kind: 'deleted' },
      { seq: 7, item_id: 'e', kind: 'deleted' },
      { seq: 8, item_id: 'e', kind: 'added' },
    ];
    assert.deepEqual(foldEntries(entries), [
      { kind: 'changed', itemId: 'b', version: '2' },
      { kind: 'added', itemId: 'a', version: '3' },
      { kind: 'deleted', itemId: 'd' },
      { kind: 'changed', itemId: 'e', version: '8' },
    ]);
  });

  it('turns any history into the difference between the start and end states (property)', () => {
    const op = fc.record({ item: fc.integer({ min: 0, max: 6 }), action: fc.constantFrom<'write' | 'remove'>('write', 'remove') });
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 6 })), fc.array(op, { maxLength: 40 }), (initialItems, ops) => {
        const initial = new Set(initialItems);
        const { entries, final } = play(initial, ops);
        const folded = foldEntries(entries);
        const touched = new Set(entries.map((entry) => entry.item_id));
        assert.equal(new Set(folded.map((change) => change.itemId)).size, folded.length, 'one change per item');
        for (let item = 0; item <= 6; item += 1) {
          const id = `i${item}`;
          const change = folded.find((candidate) => candidate.itemId === id);
          const before = initial.has(item);
          const after = final.has(item);
          if (!touched.has(id) || (!before && !after)) {
            assert.equal(change, undefined, id);
            continue;
          }
          const expected = !after ? 'deleted' : before ? 'changed' : 'added';
          assert.equal(change?.kind, expected, id);
          const lastSeq = entries.filter((entry) => entry.item_id === id).at(-1)?.seq;
          assert.equal(change.version, after ? String(lastSeq) : undefined);
        }
      }),
      { numRuns: 500 },
    );
  });
});
