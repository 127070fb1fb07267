// The Sync engine over the real embedded store and SQLite state store, without HTTP, for tests
// that need to reach inside a request: count replays, inject store failures, drop a state commit.
// `wrapStores` and `wrapState` let a test put a faulty layer between the engine and a real store.

import type { EmbeddedStore } from '../../src/backends/embedded/embedded-store.js';
import { createSyncConverters } from '../../src/commands/sync/sync-converters.js';
import { deviceKey } from '../../src/domain/device.js';
import type { Folder, FolderType } from '../../src/domain/folder.js';
import type { StateStore } from '../../src/domain/state-store.js';
import type { MailboxStores } from '../../src/domain/stores.js';
import { childElements, element, firstChild, qualifiedName, textContent, type WbxmlElement } from '../../src/eas/wbxml-body.js';
import type { ProtocolVersion } from '../../src/eas/protocol-version.js';
import type { ItemConverters } from '../../src/sync/item-converter.js';
import { SyncEngine, type SyncEngineDeps } from '../../src/sync/sync-engine.js';
import type { CollectionRequest, SyncDevice } from '../../src/sync/sync-request.js';
import { openLocalStores } from '../helpers/local-stores.js';

export const ENGINE_USER = 'engine@example.org';

export interface EngineFixture {
  readonly state: StateStore;
  readonly stores: EmbeddedStore;
  readonly engine: SyncEngine;
  /** The user's default folder of a type. */
  folder(type: FolderType): Promise<Folder>;
  /** A device that knows the folder (as after FolderSync); resolves to its collection ServerId. */
  collection(device: SyncDevice, folderId: string): Promise<string>;
  close(): Promise<void>;
}

export interface FixtureOptions {
  readonly converters?: ItemConverters;
  readonly wrapStores?: (stores: MailboxStores) => MailboxStores;
  readonly wrapState?: (state: StateStore) => SyncEngineDeps['state'];
  readonly clock?: () => number;
}

export async function openEngineFixture(options: FixtureOptions = {}): Promise<EngineFixture> {
  const { state, stores, close } = await openLocalStores('engine');
  const engine = new SyncEngine({
    state: options.wrapState?.(state) ?? state,
    stores: options.wrapStores?.(stores) ?? stores,
    converters: options.converters ?? createSyncConverters(),
    ...(options.clock === undefined ? {} : { clock: options.clock }),
  });
  return {
    state, stores, engine,
    async folder(type) {
      const folder = (await stores.hierarchy.listFolders(ENGINE_USER)).folders.find((f) => f.type === type);
      if (folder === undefined) throw new Error(`no folder of type ${type}`);
      return folder;
    },
    async collection(device, folderId) {
      await state.devices.record({ user: device.user, deviceId: device.deviceId, deviceType: 'iPhone' });
      const ids = await state.hierarchy.assignServerIds(deviceKey(device.user, device.deviceId), [folderId]);
      return ids.get(folderId) ?? '';
    },
    close,
  };
}

export function engineDevice(deviceId: string, protocolVersion: ProtocolVersion = '16.1'): SyncDevice {
  return { user: ENGINE_USER, deviceId, protocolVersion, address: ENGINE_USER };
}

export function collectionRequest(collectionId: string, syncKey: string, extra: Partial<CollectionRequest> = {}): CollectionRequest {
  return { collectionId, syncKey, getChanges: true, windowSize: 100, deletesAsMoves: true, options: { bodyPreferences: [] }, commands: [], ...extra };
}

const text = (el: WbxmlElement | undefined): string | undefined => (el === undefined ? undefined : textContent(el));

export const keyOf = (reply: WbxmlElement): string => text(firstChild(reply, 'AirSync:SyncKey')) ?? '';
export const statusOf = (reply: WbxmlElement): number => Number(text(firstChild(reply, 'AirSync:Status')) ?? '0');

/** The server commands of a Collection reply as [name, ServerId, ApplicationData]. */
export function serverCommands(reply: WbxmlElement): { name: string; serverId: string; data?: WbxmlElement }[] {
  const commands = firstChild(reply, 'AirSync:Commands');
  return (commands === undefined ? [] : childElements(commands)).map((c) => {
    const data = firstChild(c, 'AirSync:ApplicationData');
    return { name: qualifiedName(c).slice('AirSync:'.length), serverId: text(firstChild(c, 'AirSync:ServerId')) ?? '', ...(data === undefined ? {} : { data }) };
  });
}

/** The Responses of a Collection reply as [name, ClientId or ServerId, Status]. */
export function responsesOf(reply: WbxmlElement): { name: string; clientId?: string; serverId?: string; status: number }[] {
  const responses = firstChild(reply, 'AirSync:Responses');
  return (responses === undefined ? [] : childElements(responses)).map((r) => {
    const clientId = text(firstChild(r, 'AirSync:ClientId'));
    const serverId = text(firstChild(r, 'AirSync:ServerId'));
    return {
      name: qualifiedName(r).slice('AirSync:'.length), status: Number(text(firstChild(r, 'AirSync:Status')) ?? '0'),
      ...(clientId === undefined ? {} : { clientId }), ...(serverId === undefined ? {} : { serverId }),
    };
  });
}

export const noteAppData = (subject: string, body = subject): WbxmlElement => element('AirSync:ApplicationData', [
  element('AirSyncBase:Body', [element('AirSyncBase:Type', '1'), element('AirSyncBase:Data', body)]),
  element('Notes:Subject', subject),
]);

export const subjectOfNote = (data: WbxmlElement | undefined): string | undefined => text(data === undefined ? undefined : firstChild(data, 'Notes:Subject'));
