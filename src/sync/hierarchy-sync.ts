// The folder hierarchy engine behind FolderSync, FolderCreate, FolderUpdate and FolderDelete
// (MS-ASCMD 2.2.1.3-2.2.1.6). It compares the store's listing with the folder set the device
// holds at its key, answers with Adds, Updates and Deletes, and moves the key on only when the
// device's set changes. The iPhone loop this replaces came from keys that moved on every request
// and from Status 9 for keys a retry legitimately resent (CLIENT-QUIRKS §1, §6.4), so:
//   - no change since the current key: the same key, Count 0, nothing committed;
//   - the previous key (the reply was lost): the stored reply again, byte for byte;
//   - "0": the whole hierarchy; a second "0" before anything changed gets the first answer again;
//   - Status 9 only for a key that names no kept state (TbSync resyncs the whole account on it).
// Requests of one device run one at a time (KeyedLock); one engine serves the whole process.

import { deviceKey, type DeviceKey } from '../domain/device.js';
import type { HierarchyStore } from '../domain/hierarchy-store.js';
import type { FolderEntry, HierarchyState, StatePair, StateStore } from '../domain/state-store.js';
import {
  checkFolderUpdate,
  checkNewFolder,
  createFolder,
  deleteFolder,
  updateFolder,
  type FolderCreateRequest,
  type FolderDeleteRequest,
  type FolderOperationContext,
  type FolderUpdateRequest,
} from './folder-operations.js';
import { NO_CHANGES, changeCount, diffHierarchy, entriesFor, sameFolderSet } from './hierarchy-diff.js';
import { hierarchyStatusFor } from './hierarchy-errors.js';
import { HierarchyStatus, folderSyncBody, type HierarchyCommand } from './hierarchy-reply.js';
import {
  commitReply,
  failure,
  replay,
  resolveBase,
  storedBody,
  success,
  type HierarchyBase,
  type HierarchyReply,
} from './hierarchy-state.js';
import { parseHierarchySyncKey } from './hierarchy-sync-key.js';
import { KeyedLock } from './keyed-lock.js';

export type { FolderCreateRequest, FolderDeleteRequest, FolderUpdateRequest } from './folder-operations.js';
export { HierarchyStatus, statusReply, type HierarchyCommand } from './hierarchy-reply.js';
export type { HierarchyReply } from './hierarchy-state.js';

/** AOSP validates a new account with FolderSync as DeviceId "validate" and discards that state (CLIENT-QUIRKS §2.1). */
export const VALIDATION_DEVICE_ID = 'validate';
/** The key the validation answer carries: nothing is committed, so the key names no state. */
const VALIDATION_SYNC_KEY = 1;

/** The requesting device as the command layer knows it. */
export interface HierarchyDevice {
  readonly user: string;
  readonly deviceId: string;
  readonly deviceType: string;
  readonly userAgent?: string;
  readonly protocolVersion?: string;
}

export interface HierarchySyncDeps {
  readonly state: Pick<StateStore, 'devices' | 'hierarchy'>;
  readonly folders: HierarchyStore;
}

interface Locked {
  readonly key: DeviceKey;
  readonly pair: StatePair<HierarchyState>;
}

export function isValidationDevice(device: Pick<HierarchyDevice, 'deviceId'>): boolean {
  return device.deviceId.toLowerCase() === VALIDATION_DEVICE_ID;
}

export class HierarchySync {
  private readonly lock = new KeyedLock();

  constructor(private readonly deps: HierarchySyncDeps) {}

  async folderSync(device: HierarchyDevice, syncKey: string): Promise<HierarchyReply> {
    const key = parseHierarchySyncKey(syncKey);
    if (key.kind === 'invalid') return failure('FolderSync', HierarchyStatus.InvalidSyncKey);
    if (isValidationDevice(device)) return this.guarded('FolderSync', () => this.validationSync(device.user));
    return this.serialized(device, 'FolderSync', async (locked) => {
      if (key.kind === 'initial') return this.initialSync(device.user, locked);
      const base = resolveBase(locked.pair, key.value);
      if (base === undefined) return failure('FolderSync', HierarchyStatus.InvalidSyncKey);
      const lost = base.kind === 'previous' ? storedBody(base.current, 'FolderSync') : undefined;
      if (base.kind === 'previous' && lost !== undefined) return replay(base.current, lost);
      return this.incrementalSync(device.user, locked.key, base);
    });
  }

  createFolder(device: HierarchyDevice, request: FolderCreateRequest): Promise<HierarchyReply> {
    const refused = checkNewFolder(request);
    if (refused !== undefined) return Promise.resolve(failure('FolderCreate', refused));
    return this.folderChange(device, 'FolderCreate', request.syncKey, (ctx) => createFolder(ctx, request));
  }

  updateFolder(device: HierarchyDevice, request: FolderUpdateRequest): Promise<HierarchyReply> {
    const refused = checkFolderUpdate(request);
    if (refused !== undefined) return Promise.resolve(failure('FolderUpdate', refused));
    return this.folderChange(device, 'FolderUpdate', request.syncKey, (ctx) => updateFolder(ctx, request));
  }

  deleteFolder(device: HierarchyDevice, request: FolderDeleteRequest): Promise<HierarchyReply> {
    return this.folderChange(device, 'FolderDelete', request.syncKey, (ctx) => deleteFolder(ctx, request));
  }

  private async initialSync(user: string, locked: Locked): Promise<HierarchyReply> {
    const snapshot = await this.snapshot(user, locked.key);
    const { current, previous } = locked.pair;
    // A current state built on "0" with nothing changed since: iOS sent "0" twice (CLIENT-QUIRKS §1).
    if (current !== null && previous === null && sameFolderSet(current.folders, snapshot)) {
      const first = storedBody(current, 'FolderSync');
      if (first !== undefined) return replay(current, first);
    }
    const body = folderSyncBody({ ...NO_CHANGES, adds: snapshot });
    return commitReply(this.deps.state.hierarchy, locked.key, 0, snapshot, body);
  }

  private async incrementalSync(user: string, key: DeviceKey, base: HierarchyBase): Promise<HierarchyReply> {
    const snapshot = await this.snapshot(user, key);
    const changes = diffHierarchy(base.state.folders, snapshot);
    // MS-ASCMD 2.2.3.37: nothing changed gives Count 0; the key stays, as no new state exists.
    if (base.kind === 'current' && changeCount(changes) === 0) return success(folderSyncBody(NO_CHANGES), base.state.syncKey);
    return commitReply(this.deps.state.hierarchy, key, base.state.syncKey, snapshot, folderSyncBody(changes));
  }

  /** The whole hierarchy with throw-away ServerIds: the validating "device" never syncs anything. */
  private async validationSync(user: string): Promise<HierarchyReply> {
    const listing = await this.deps.folders.listFolders(user);
    const ids = new Map(listing.folders.map((folder, index) => [folder.id, String(index + 1)]));
    const body = folderSyncBody({ ...NO_CHANGES, adds: entriesFor(listing.folders, ids) });
    return success(body, VALIDATION_SYNC_KEY);
  }

  private async snapshot(user: string, key: DeviceKey): Promise<FolderEntry[]> {
    const listing = await this.deps.folders.listFolders(user);
    const ids = await this.deps.state.hierarchy.assignServerIds(key, listing.folders.map((folder) => folder.id));
    return entriesFor(listing.folders, ids);
  }

  private folderChange(
    device: HierarchyDevice,
    command: HierarchyCommand,
    syncKey: string,
    run: (ctx: FolderOperationContext) => Promise<HierarchyReply>,
  ): Promise<HierarchyReply> {
    const key = parseHierarchySyncKey(syncKey);
    // A change needs a committed hierarchy: "0", a key we never issued, and the validating
    // "device" (which holds no state) are all Status 9 (MS-ASCMD 2.2.3.181.1).
    if (key.kind !== 'key' || isValidationDevice(device)) return Promise.resolve(failure(command, HierarchyStatus.InvalidSyncKey));
    return this.serialized(device, command, async (locked) => {
      const base = resolveBase(locked.pair, key.value);
      if (base === undefined) return failure(command, HierarchyStatus.InvalidSyncKey);
      const { hierarchy } = this.deps.state;
      return run({ device: locked.key, user: device.user, base, state: hierarchy, folders: this.deps.folders });
    });
  }

  private serialized(
    device: HierarchyDevice,
    command: HierarchyCommand,
    run: (locked: Locked) => Promise<HierarchyReply>,
  ): Promise<HierarchyReply> {
    const key = deviceKey(device.user, device.deviceId);
    return this.lock.run(JSON.stringify([key.user, key.deviceId]), () =>
      this.guarded(command, async () => {
        await this.ensureDevice(key, device);
        return run({ key, pair: await this.deps.state.hierarchy.get(key) });
      }),
    );
  }

  /** Expected store and state errors become the command's status; anything else propagates. */
  private async guarded(command: HierarchyCommand, run: () => Promise<HierarchyReply>): Promise<HierarchyReply> {
    try {
      return await run();
    } catch (error) {
      const status = hierarchyStatusFor(command, error);
      if (status === undefined) throw error;
      return failure(command, status, error);
    }
  }

  /** The state store keys everything on the device record; the admission layer may not have written it yet. */
  private async ensureDevice(key: DeviceKey, device: HierarchyDevice): Promise<void> {
    const { devices } = this.deps.state;
    if ((await devices.get(key)) !== undefined) return;
    await devices.record({
      user: key.user,
      deviceId: key.deviceId,
      deviceType: device.deviceType,
      userAgent: device.userAgent ?? null,
      protocolVersion: device.protocolVersion ?? null,
    });
  }
}
