// Shared pieces of the StateStore contract suite: the harness an implementation provides, a
// manual clock, per-test store set-up, and the sample users, devices and folders.

import { afterEach, beforeEach } from 'node:test';
import { deviceKey, type DeviceKey } from '../../src/domain/device.js';
import type { FolderEntry, StateStore } from '../../src/domain/state-store.js';

/** One isolated storage (a file, a schema) that stores can be opened over, again and again. */
export interface StateStoreHarness {
  /** Opens a store over this storage; opening again after close sees everything committed. */
  open(): Promise<StateStore>;
  /** Removes the storage; every store opened from it is closed by then. */
  destroy(): Promise<void>;
}

/** Creates a fresh, empty storage whose stores read time from `clock` (ms since the epoch). */
export type StateStoreHarnessFactory = (clock: () => number) => Promise<StateStoreHarness>;

export class ManualClock {
  private ms = Date.UTC(2025, 0, 15, 9, 0, 0);
  readonly read = (): number => this.ms;

  advance(ms: number): Date {
    this.ms += ms;
    return new Date(this.ms);
  }

  get date(): Date {
    return new Date(this.ms);
  }
}

export interface StoreFixture {
  readonly store: StateStore;
  readonly clock: ManualClock;
  /** Closes the store and opens a new one over the same storage. */
  reopen(): Promise<StateStore>;
}

/** Registers hooks giving each test of the enclosing suite a fresh storage and store. */
export function useStore(factory: StateStoreHarnessFactory): () => StoreFixture {
  let fixture: StoreFixture | undefined;
  let harness: StateStoreHarness | undefined;
  let open: StateStore | undefined;
  beforeEach(async () => {
    const clock = new ManualClock();
    const created = await factory(clock.read);
    harness = created;
    open = await created.open();
    fixture = {
      get store() {
        if (open === undefined) throw new Error('store is closed');
        return open;
      },
      clock,
      async reopen() {
        await open?.close();
        open = undefined;
        open = await created.open();
        return open;
      },
    };
  });
  afterEach(async () => {
    await open?.close();
    await harness?.destroy();
    open = undefined;
    harness = undefined;
    fixture = undefined;
  });
  return () => {
    if (fixture === undefined) throw new Error('useStore fixture used outside a test');
    return fixture;
  };
}

export const ALICE = 'alice@example.com';
export const BOB = 'bob@example.com';
export const alicePhone: DeviceKey = deviceKey(ALICE, 'ApplF4KD1234');
export const aliceTablet: DeviceKey = deviceKey(ALICE, 'androidc1234567');
/** Bob's phone deliberately shares Alice's DeviceId: users must never see each other's state. */
export const bobPhone: DeviceKey = deviceKey(BOB, 'ApplF4KD1234');

export async function recordDevice(store: StateStore, key: DeviceKey, deviceType = 'iPhone'): Promise<void> {
  await store.devices.record({ user: key.user, deviceId: key.deviceId, deviceType, protocolVersion: '16.1' });
}

/** Backend folders with EAS types (MS-ASCMD 2.2.3.186.3): Inbox 2, Sent 5, Calendar 8, user mail 12. */
export const BACKEND_FOLDERS = [
  { backendId: 'mail/INBOX', name: 'Inbox', type: 2, parent: null },
  { backendId: 'mail/Sent', name: 'Sent Items', type: 5, parent: null },
  { backendId: 'cal/default', name: 'Calendar', type: 8, parent: null },
  { backendId: 'mail/INBOX/Projects', name: 'Projects', type: 12, parent: 'mail/INBOX' },
] as const;

/** Builds a hierarchy snapshot for some backend folders, assigning ServerIds through the store. */
export async function folderSnapshot(
  store: StateStore,
  key: DeviceKey,
  backendIds: readonly string[] = BACKEND_FOLDERS.map((folder) => folder.backendId),
): Promise<FolderEntry[]> {
  const ids = await store.hierarchy.assignServerIds(key, backendIds);
  return backendIds.map((backendId) => {
    const known = BACKEND_FOLDERS.find((folder) => folder.backendId === backendId);
    const parent = known?.parent ? ids.get(known.parent) : undefined;
    return {
      serverId: ids.get(backendId) as string,
      parentId: parent ?? '0',
      displayName: known?.name ?? backendId,
      type: known?.type ?? 12,
      backendId,
    };
  });
}

export function bytes(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}
