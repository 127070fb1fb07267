// StateStore contract, folder hierarchy (FolderSync): ServerId assignment that never reuses an id,
// current/previous state semantics with replay of the previous key, retirement of vanished
// folders, validation of snapshots, and isolation between users.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deviceKey } from '../../src/domain/device.js';
import { StateStoreError } from '../../src/domain/state-store.js';
import {
  ALICE,
  alicePhone,
  aliceTablet,
  bobPhone,
  bytes,
  folderSnapshot,
  recordDevice,
  useStore,
  type StateStoreHarnessFactory,
} from './state-store-kit.js';

const isCode = (code: string) => (error: unknown) => error instanceof StateStoreError && error.code === code;

export function hierarchyContract(factory: StateStoreHarnessFactory): void {
  describe('folder hierarchy', () => {
    const fx = useStore(factory);

    it('assigns one stable ServerId per backend folder', async () => {
      const { store } = fx();
      await recordDevice(store, alicePhone);
      const first = await store.hierarchy.assignServerIds(alicePhone, ['mail/INBOX', 'mail/Sent', 'mail/INBOX']);
      assert.equal(first.size, 2);
      assert.notEqual(first.get('mail/INBOX'), first.get('mail/Sent'));
      const second = await store.hierarchy.assignServerIds(alicePhone, ['mail/Sent', 'cal/default', 'mail/INBOX']);
      assert.equal(second.get('mail/INBOX'), first.get('mail/INBOX'));
      assert.equal(second.get('mail/Sent'), first.get('mail/Sent'));
      assert.equal(new Set(second.values()).size, 3);
      const inbox = first.get('mail/INBOX') as string;
      assert.deepEqual(await store.hierarchy.lookup(alicePhone, inbox), { serverId: inbox, backendId: 'mail/INBOX' });
      assert.deepEqual(await store.hierarchy.findByBackendId(alicePhone, 'mail/INBOX'), { serverId: inbox, backendId: 'mail/INBOX' });
      assert.equal(await store.hierarchy.lookup(alicePhone, 'no-such-id'), undefined);
    });

    it('keeps the current and the previous state, with the reply that handed out each key', async () => {
      const { store, clock } = fx();
      await recordDevice(store, alicePhone);
      assert.deepEqual(await store.hierarchy.get(alicePhone), { current: null, previous: null });
      const folders = await folderSnapshot(store, alicePhone);
      const initial = await store.hierarchy.commit(alicePhone, { baseKey: 0, folders, response: bytes('reply-1') });
      assert.deepEqual(initial, { syncKey: initial.syncKey, folders, response: bytes('reply-1'), createdAt: clock.date });
      assert.ok(initial.syncKey > 0);
      assert.deepEqual(await store.hierarchy.get(alicePhone), { current: initial, previous: null });
      clock.advance(1_000);
      const withCalendarGone = folders.filter((f) => f.backendId !== 'cal/default');
      const next = await store.hierarchy.commit(alicePhone, { baseKey: initial.syncKey, folders: withCalendarGone });
      assert.ok(next.syncKey > initial.syncKey);
      assert.equal(next.response, null);
      assert.deepEqual(await store.hierarchy.get(alicePhone), { current: next, previous: initial });
    });

    it('accepts a retry built on the previous key, replacing the current state', async () => {
      const { store } = fx();
      await recordDevice(store, alicePhone);
      const folders = await folderSnapshot(store, alicePhone, ['mail/INBOX', 'mail/Sent']);
      const first = await store.hierarchy.commit(alicePhone, { baseKey: 0, folders });
      const lost = await store.hierarchy.commit(alicePhone, { baseKey: first.syncKey, folders, response: bytes('lost') });
      const retried = await store.hierarchy.commit(alicePhone, { baseKey: first.syncKey, folders, response: bytes('again') });
      assert.ok(retried.syncKey > lost.syncKey);
      assert.deepEqual(await store.hierarchy.get(alicePhone), { current: retried, previous: first });
    });

    it('refuses a base key that is neither current nor previous and changes nothing', async () => {
      const { store } = fx();
      await recordDevice(store, alicePhone);
      const folders = await folderSnapshot(store, alicePhone);
      const k1 = await store.hierarchy.commit(alicePhone, { baseKey: 0, folders });
      const k2 = await store.hierarchy.commit(alicePhone, { baseKey: k1.syncKey, folders });
      const k3 = await store.hierarchy.commit(alicePhone, { baseKey: k2.syncKey, folders });
      const before = await store.hierarchy.get(alicePhone);
      await assert.rejects(store.hierarchy.commit(alicePhone, { baseKey: k1.syncKey, folders: [] }), isCode('stale-key'));
      await assert.rejects(store.hierarchy.commit(alicePhone, { baseKey: k3.syncKey + 1000, folders: [] }), isCode('stale-key'));
      assert.deepEqual(await store.hierarchy.get(alicePhone), before);
      assert.equal((await store.hierarchy.lookup(alicePhone, folders[0]?.serverId ?? ''))?.backendId, folders[0]?.backendId);
    });

    it('refuses a snapshot whose ServerIds were not assigned to those folders', async () => {
      const { store } = fx();
      await recordDevice(store, alicePhone);
      const folders = await folderSnapshot(store, alicePhone, ['mail/INBOX', 'mail/Sent']);
      const [inbox, sent] = folders as [(typeof folders)[0], (typeof folders)[0]];
      const k1 = await store.hierarchy.commit(alicePhone, { baseKey: 0, folders });
      const attempts = [
        [{ ...inbox, serverId: '999' }],
        [{ ...inbox, backendId: sent.backendId }],
        [inbox, { ...inbox }],
      ];
      for (const attempt of attempts) {
        await assert.rejects(store.hierarchy.commit(alicePhone, { baseKey: k1.syncKey, folders: attempt }), isCode('folder-conflict'));
      }
      assert.deepEqual(await store.hierarchy.get(alicePhone), { current: k1, previous: null });
    });

    it('never gives a ServerId to a second folder, even after the first is gone or the device resyncs', async () => {
      const { store } = fx();
      await recordDevice(store, alicePhone);
      const folders = await folderSnapshot(store, alicePhone);
      const k1 = await store.hierarchy.commit(alicePhone, { baseKey: 0, folders });
      const projects = folders.find((f) => f.backendId === 'mail/INBOX/Projects');
      assert.ok(projects);
      await store.hierarchy.commit(alicePhone, { baseKey: k1.syncKey, folders: folders.filter((f) => f !== projects) });
      assert.equal(await store.hierarchy.lookup(alicePhone, projects.serverId), undefined);
      assert.equal(await store.hierarchy.findByBackendId(alicePhone, projects.backendId), undefined);
      const recreated = await store.hierarchy.assignServerIds(alicePhone, [projects.backendId]);
      assert.notEqual(recreated.get(projects.backendId), projects.serverId);
      const seen = new Set([...folders.map((f) => f.serverId), ...recreated.values()]);
      await store.devices.resetSyncState(alicePhone);
      const many = await store.hierarchy.assignServerIds(alicePhone, Array.from({ length: 50 }, (_, i) => `mail/new-${i}`));
      for (const serverId of many.values()) {
        assert.ok(!seen.has(serverId), `ServerId ${serverId} was handed out twice`);
        seen.add(serverId);
      }
    });

    it('drops the sync state of a folder that left the hierarchy', async () => {
      const { store } = fx();
      await recordDevice(store, alicePhone);
      const folders = await folderSnapshot(store, alicePhone, ['mail/INBOX', 'mail/Sent']);
      const [inbox, sent] = folders as [(typeof folders)[0], (typeof folders)[0]];
      const k1 = await store.hierarchy.commit(alicePhone, { baseKey: 0, folders });
      for (const folder of folders) {
        await store.collections.commit(alicePhone, folder.serverId, {
          baseKey: 0,
          state: null,
          idMap: [{ op: 'put', serverId: `${folder.serverId}:1`, backendId: 'uid-1' }],
        });
      }
      await store.hierarchy.commit(alicePhone, { baseKey: k1.syncKey, folders: [inbox] });
      assert.deepEqual((await store.collections.list(alicePhone)).map((c) => c.collectionId), [inbox.serverId]);
      assert.deepEqual(await store.collections.listItems(alicePhone, sent.serverId), []);
      assert.equal((await store.collections.listItems(alicePhone, inbox.serverId)).length, 1);
    });

    it('keeps each device\'s and each user\'s folders apart', async () => {
      const { store } = fx();
      await recordDevice(store, alicePhone);
      await recordDevice(store, aliceTablet);
      await recordDevice(store, bobPhone);
      const alice = await folderSnapshot(store, alicePhone);
      await store.hierarchy.commit(alicePhone, { baseKey: 0, folders: alice });
      assert.equal(await store.hierarchy.findByBackendId(bobPhone, 'mail/INBOX'), undefined);
      assert.equal(await store.hierarchy.lookup(bobPhone, alice[0]?.serverId ?? ''), undefined);
      assert.deepEqual(await store.hierarchy.get(bobPhone), { current: null, previous: null });
      assert.deepEqual(await store.hierarchy.get(aliceTablet), { current: null, previous: null });
      await assert.rejects(store.hierarchy.commit(bobPhone, { baseKey: 0, folders: alice }), isCode('folder-conflict'));
    });

    it('refuses to assign or commit for a device it has never seen', async () => {
      const { store } = fx();
      const stranger = deviceKey(ALICE, 'never-seen');
      await assert.rejects(store.hierarchy.assignServerIds(stranger, ['mail/INBOX']), isCode('unknown-device'));
      await assert.rejects(store.hierarchy.commit(stranger, { baseKey: 0, folders: [] }), isCode('unknown-device'));
      assert.deepEqual(await store.hierarchy.get(stranger), { current: null, previous: null });
    });
  });
}
