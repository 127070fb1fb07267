// The cached Ping in the real SQLite ValueStore: it round-trips, an unchanged cache is not
// written again, and a damaged value reads as the empty cache (the device then gets Status 3).
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { deviceKey } from '../../domain/device.js';
import type { JsonValue, ValueStore } from '../../domain/state-store.js';
import { openStateStore } from '../../state/open-state-store.js';
import { EMPTY_PING_CACHE, loadPingCache, savePingCache, type PingCache } from './ping-cache.js';

describe('Ping cache', () => {
  it('round-trips, skips unchanged writes and tolerates damaged values', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pushbridge-pingcache-'));
    const state = await openStateStore({ kind: 'sqlite', dataDir: dir });
    try {
      const key = deviceKey('cache@example.org', 'CachePhone');
      await state.devices.record({ user: key.user, deviceId: key.deviceId, deviceType: 'iPhone' });
      assert.deepEqual(await loadPingCache(state.values, key), EMPTY_PING_CACHE);
      const cache: PingCache = { heartbeatInterval: 480, folders: [{ id: '3', className: 'Email' }], reported: { 3: { key: 7, times: 1 } } };
      await savePingCache(state.values, key, cache, EMPTY_PING_CACHE);
      assert.deepEqual(await loadPingCache(state.values, key), cache);

      let writes = 0;
      const counting: ValueStore = {
        ...state.values,
        getDeviceValue: (k, name) => state.values.getDeviceValue(k, name),
        setDeviceValue: async (k, name, value) => {
          writes += 1;
          await state.values.setDeviceValue(k, name, value);
        },
      };
      await savePingCache(counting, key, { ...cache }, cache);
      assert.equal(writes, 0);

      const damaged: JsonValue = { heartbeatInterval: 'soon', folders: [{ id: 3 }], reported: { 3: 'x' } };
      await state.values.setDeviceValue(key, 'ping', damaged);
      assert.deepEqual(await loadPingCache(state.values, key), EMPTY_PING_CACHE);
    } finally {
      await state.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
