// The folder hierarchy engine over the real stores (SQLite state store and embedded mailbox store
// in a temporary directory) for the engine and command tests, plus readers that turn its replies
// into what a device sees, using our client's own reply readers.

import type { EmbeddedStore } from '../../src/backends/embedded/embedded-store.js';
import { readFolderChangeReply, type FolderChangeCommand, type FolderChangeReply } from '../../src/client/folder-commands.js';
import { readFolderSyncReply, type FolderSyncReply } from '../../src/client/response-readers.js';
import type { StateStore } from '../../src/domain/state-store.js';
import { encodeEasBody } from '../../src/eas/wbxml-body.js';
import { HierarchySync, type HierarchyDevice, type HierarchyReply } from '../../src/sync/hierarchy-sync.js';
import { openLocalStores } from './local-stores.js';

export const ALICE = 'alice@example.org';
export const BOB = 'bob@example.org';

export interface HierarchyFixture {
  readonly engine: HierarchySync;
  readonly state: StateStore;
  readonly stores: EmbeddedStore;
  device(deviceId?: string, user?: string): HierarchyDevice;
  close(): Promise<void>;
}

export async function openHierarchyFixture(): Promise<HierarchyFixture> {
  const { state, stores, close } = await openLocalStores('hierarchy');
  return {
    engine: new HierarchySync({ state, folders: stores.hierarchy }),
    state,
    stores,
    device: (deviceId = 'ApplPhone01', user = ALICE) => ({ user, deviceId, deviceType: 'iPhone', protocolVersion: '14.1' }),
    close,
  };
}

export function folderSyncOf(reply: HierarchyReply): FolderSyncReply & { count: number } {
  const read = readFolderSyncReply(reply.root);
  return { ...read, count: read.added.length + read.updated.length + read.deleted.length };
}

export function folderChangeOf(reply: HierarchyReply, command: FolderChangeCommand): FolderChangeReply {
  return readFolderChangeReply(reply.root, command);
}

export function bytesOf(reply: HierarchyReply): Uint8Array {
  return encodeEasBody(reply.root);
}
