// StateStore contract, the retry and failure paths of a Sync commit: a retry on the previous key
// rolls the lost state back, a commit that fails part-way leaves the old state whole, and
// concurrent commits on one collection serialize.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { StateStoreError, type IdMapChange, type ItemMapping } from '../../src/domain/state-store.js';
import { alicePhone, bytes, recordDevice, useStore, type StateStoreHarnessFactory } from './state-store-kit.js';

const isCode = (code: string) => (error: unknown) => error instanceof StateStoreError && error.code === code;
const INBOX = '1';
const put = (serverId: string, backendId: string, version?: string): IdMapChange => ({ op: 'put', serverId, backendId, version });
const item = (serverId: string, backendId: string, version: string | null = null): ItemMapping => ({ serverId, backendId, version });

export function syncRetryContract(factory: StateStoreHarnessFactory): void {
  describe('sync commits under retries, failures and concurrency', () => {
    const fx = useStore(factory);

    it('a retry on the previous key undoes the lost state\'s id-map changes before applying its own', async () => {
      const { store } = fx();
      await recordDevice(store, alicePhone);
      const k1 = await store.collections.commit(alicePhone, INBOX, { baseKey: 0, state: 'k1', idMap: [put('1:1', 'a'), put('1:2', 'b')] });
      const base = await store.collections.listItems(alicePhone, INBOX);
      // The reply to this commit is lost: the client never learns k2.
      await store.collections.commit(alicePhone, INBOX, {
        baseKey: k1.syncKey,
        state: 'k2',
        clientIds: { c1: '1:3' },
        idMap: [put('1:3', 'c'), { op: 'delete', serverId: '1:1' }, put('1:2', 'b', 'v2')],
      });
      assert.deepEqual(await store.collections.listItems(alicePhone, INBOX, 'previous'), base);
      const lost = (await store.collections.get(alicePhone, INBOX)).current;
      assert.deepEqual(lost?.clientIds, { c1: '1:3' }, 'the engine can reuse the lost ServerIds for the same ClientIds');
      const retried = await store.collections.commit(alicePhone, INBOX, {
        baseKey: k1.syncKey,
        state: 'k2-again',
        response: bytes('same answer'),
        clientIds: { c1: '1:3' },
        idMap: [put('1:3', 'c'), put('1:4', 'd')],
      });
      assert.deepEqual(await store.collections.get(alicePhone, INBOX), { current: retried, previous: k1 });
      assert.deepEqual(await store.collections.listItems(alicePhone, INBOX), [item('1:1', 'a'), item('1:2', 'b'), item('1:3', 'c'), item('1:4', 'd')]);
      assert.deepEqual(await store.collections.listItems(alicePhone, INBOX, 'previous'), base);
      const onward = await store.collections.commit(alicePhone, INBOX, { baseKey: retried.syncKey, state: 'k3' });
      assert.deepEqual(await store.collections.get(alicePhone, INBOX), { current: onward, previous: retried });
      await assert.rejects(store.collections.commit(alicePhone, INBOX, { baseKey: k1.syncKey, state: 'late' }), isCode('stale-key'));
    });

    it('a commit that fails part-way leaves the old state, id map and keys as they were', async () => {
      const { store } = fx();
      await recordDevice(store, alicePhone);
      const k1 = await store.collections.commit(alicePhone, INBOX, { baseKey: 0, state: 'k1', idMap: [put('1:1', 'a')] });
      const k2 = await store.collections.commit(alicePhone, INBOX, { baseKey: k1.syncKey, state: 'k2', idMap: [put('1:2', 'b')] });
      const before = {
        states: await store.collections.get(alicePhone, INBOX),
        current: await store.collections.listItems(alicePhone, INBOX),
        previous: await store.collections.listItems(alicePhone, INBOX, 'previous'),
      };
      // The last change maps backend item 'a' a second time: the store must refuse it only after
      // it has already written the new state row and the earlier changes.
      const conflicting = [put('1:3', 'c'), { op: 'delete', serverId: '1:2' } as const, put('1:1', 'a', 'v2'), put('1:4', 'a')];
      for (const baseKey of [k2.syncKey, k1.syncKey]) {
        await assert.rejects(store.collections.commit(alicePhone, INBOX, { baseKey, state: 'broken', idMap: conflicting }), isCode('id-conflict'));
        assert.deepEqual(
          {
            states: await store.collections.get(alicePhone, INBOX),
            current: await store.collections.listItems(alicePhone, INBOX),
            previous: await store.collections.listItems(alicePhone, INBOX, 'previous'),
          },
          before,
        );
      }
      const k3 = await store.collections.commit(alicePhone, INBOX, { baseKey: k2.syncKey, state: 'k3', idMap: [put('1:3', 'c')] });
      assert.ok(k3.syncKey > k2.syncKey);
      assert.deepEqual(await store.collections.listItems(alicePhone, INBOX), [item('1:1', 'a'), item('1:2', 'b'), item('1:3', 'c')]);
    });

    it('concurrent commits on one collection serialize into one consistent outcome', async () => {
      const { store } = fx();
      await recordDevice(store, alicePhone);
      const k0 = await store.collections.commit(alicePhone, INBOX, { baseKey: 0, state: 'k0', idMap: [put('1:0', 'base')] });
      const writers = 12;
      const results = await Promise.allSettled(
        Array.from({ length: writers }, (_, i) =>
          store.collections.commit(alicePhone, INBOX, {
            baseKey: k0.syncKey,
            state: `writer-${i}`,
            idMap: [put(`1:w${i}a`, `w${i}-a`), put(`1:w${i}b`, `w${i}-b`), { op: 'delete', serverId: '1:0' }],
          }),
        ),
      );
      const committed = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
      for (const r of results) if (r.status === 'rejected') assert.ok(isCode('stale-key')(r.reason), String(r.reason));
      assert.ok(committed.length >= 1);
      assert.equal(new Set(committed.map((c) => c.syncKey)).size, committed.length, 'every commit got its own key');
      const { current, previous } = await store.collections.get(alicePhone, INBOX);
      const winner = committed.find((c) => c.syncKey === current?.syncKey);
      assert.ok(winner, 'the current state is one of the commits');
      assert.equal(winner.syncKey, Math.max(...committed.map((c) => c.syncKey)));
      assert.deepEqual(previous, k0);
      const i = String(winner.state).slice('writer-'.length);
      assert.deepEqual(await store.collections.listItems(alicePhone, INBOX), [item(`1:w${i}a`, `w${i}-a`), item(`1:w${i}b`, `w${i}-b`)]);
      assert.deepEqual(await store.collections.listItems(alicePhone, INBOX, 'previous'), [item('1:0', 'base')]);
    });

    it('concurrent commits on different collections and reservations never share a key or a number', async () => {
      const { store } = fx();
      await recordDevice(store, alicePhone);
      const collections = ['1', '2', '3', '4'];
      const rounds = await Promise.all(
        collections.map(async (collectionId) => {
          let baseKey = 0;
          const keys: number[] = [];
          for (let n = 0; n < 10; n += 1) {
            const first = await store.collections.reserveItemNumbers(alicePhone, collectionId, 3);
            const state = await store.collections.commit(alicePhone, collectionId, {
              baseKey,
              state: n,
              idMap: [0, 1, 2].map((k) => put(`${collectionId}:${first + k}`, `${collectionId}/uid-${first + k}`)),
            });
            baseKey = state.syncKey;
            keys.push(state.syncKey);
          }
          return keys;
        }),
      );
      const keys = rounds.flat();
      assert.equal(new Set(keys).size, keys.length);
      for (const collectionId of collections) {
        const items = await store.collections.listItems(alicePhone, collectionId);
        assert.equal(items.length, 30);
        assert.equal(new Set(items.map((m) => m.serverId)).size, 30);
      }
    });
  });
}
