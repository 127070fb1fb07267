// Devices that speak Sync with commands over real HTTP, for the Sync integration tests: request
// builders for client Add/Change/Delete/Fetch, a reader for Responses and server commands, and a
// device wrapper that keeps its keys per collection. Every WBXML reply is checked with libwbxml.

import assert from 'node:assert/strict';
import { DEVICE_PROFILES, type EasClient, type EasResponse } from '../../src/client/index.js';
import type { ProtocolVersion } from '../../src/eas/protocol-version.js';
import type { FolderApp } from '../helpers/folder-http-kit.js';
import { childElements, element, firstChild, qualifiedName, textContent, type WbxmlElement } from '../../src/eas/wbxml-body.js';
import { assertLibwbxmlAgrees } from '../helpers/libwbxml.js';

export interface ServerItem {
  readonly serverId: string;
  readonly data?: WbxmlElement;
}

export interface ItemResponse {
  readonly kind: string;
  readonly clientId?: string;
  readonly serverId?: string;
  readonly status: number;
  readonly data?: WbxmlElement;
}

export interface CollectionReply {
  readonly syncKey?: string;
  readonly collectionId?: string;
  readonly status?: number;
  readonly moreAvailable: boolean;
  readonly added: ServerItem[];
  readonly changed: ServerItem[];
  readonly deleted: string[];
  readonly softDeleted: string[];
  readonly responses: ItemResponse[];
}

export interface SyncExchange {
  readonly response: EasResponse;
  /** Sync-level Status (13, 14, 4...). */
  readonly status?: number;
  readonly limit?: number;
  readonly collections: CollectionReply[];
  readonly empty: boolean;
}

export type ClientOp =
  | { add: string; data: WbxmlElement[] }
  | { change: string; data: WbxmlElement[] }
  | { delete: string }
  | { fetch: string };

const text = (el: WbxmlElement | undefined): string | undefined => (el === undefined ? undefined : textContent(el));
const int = (el: WbxmlElement | undefined): number | undefined => (el === undefined ? undefined : Number(textContent(el)));

function opElement(op: ClientOp): WbxmlElement {
  if ('add' in op) return element('AirSync:Add', [element('AirSync:ClientId', op.add), element('AirSync:ApplicationData', op.data)]);
  if ('change' in op) return element('AirSync:Change', [element('AirSync:ServerId', op.change), element('AirSync:ApplicationData', op.data)]);
  if ('delete' in op) return element('AirSync:Delete', element('AirSync:ServerId', op.delete));
  return element('AirSync:Fetch', element('AirSync:ServerId', op.fetch));
}

export interface CollectionSpec {
  collectionId: string;
  syncKey: string;
  windowSize?: number;
  getChanges?: boolean;
  ops?: readonly ClientOp[];
  options?: WbxmlElement[];
}

export function collectionRequest(spec: CollectionSpec): WbxmlElement {
  const children = [element('AirSync:SyncKey', spec.syncKey), element('AirSync:CollectionId', spec.collectionId)];
  if (spec.syncKey !== '0' && spec.getChanges !== false) children.push(element('AirSync:GetChanges'));
  if (spec.windowSize !== undefined) children.push(element('AirSync:WindowSize', String(spec.windowSize)));
  if (spec.options !== undefined) children.push(element('AirSync:Options', spec.options));
  if (spec.ops !== undefined && spec.ops.length > 0) children.push(element('AirSync:Commands', spec.ops.map(opElement)));
  return element('AirSync:Collection', children);
}

export function syncRequest(collections: readonly CollectionSpec[], extra: WbxmlElement[] = []): WbxmlElement {
  return element('AirSync:Sync', [element('AirSync:Collections', collections.map(collectionRequest)), ...extra]);
}

function readItems(commands: WbxmlElement | undefined, name: string): ServerItem[] {
  if (commands === undefined) return [];
  return childElements(commands, name).map((el) => {
    const data = firstChild(el, 'AirSync:ApplicationData');
    return { serverId: text(firstChild(el, 'AirSync:ServerId')) ?? '', ...(data === undefined ? {} : { data }) };
  });
}

function readCollection(el: WbxmlElement): CollectionReply {
  const commands = firstChild(el, 'AirSync:Commands');
  const responses = firstChild(el, 'AirSync:Responses');
  const syncKey = text(firstChild(el, 'AirSync:SyncKey'));
  const collectionId = text(firstChild(el, 'AirSync:CollectionId'));
  const status = int(firstChild(el, 'AirSync:Status'));
  return {
    ...(syncKey === undefined ? {} : { syncKey }),
    ...(collectionId === undefined ? {} : { collectionId }),
    ...(status === undefined ? {} : { status }),
    moreAvailable: firstChild(el, 'AirSync:MoreAvailable') !== undefined,
    added: readItems(commands, 'AirSync:Add'),
    changed: readItems(commands, 'AirSync:Change'),
    deleted: commands === undefined ? [] : childElements(commands, 'AirSync:Delete').map((d) => text(firstChild(d, 'AirSync:ServerId')) ?? ''),
    softDeleted: commands === undefined ? [] : childElements(commands, 'AirSync:SoftDelete').map((d) => text(firstChild(d, 'AirSync:ServerId')) ?? ''),
    responses: responses === undefined ? [] : childElements(responses).map((r) => {
      const data = firstChild(r, 'AirSync:ApplicationData');
      const clientId = text(firstChild(r, 'AirSync:ClientId'));
      const serverId = text(firstChild(r, 'AirSync:ServerId'));
      return {
        kind: qualifiedName(r).slice('AirSync:'.length),
        status: int(firstChild(r, 'AirSync:Status')) ?? -1,
        ...(clientId === undefined ? {} : { clientId }),
        ...(serverId === undefined ? {} : { serverId }),
        ...(data === undefined ? {} : { data }),
      };
    }),
  };
}

/** Sends a Sync (a tree, or nothing for an empty body) and reads the reply; a non-empty reply must satisfy libwbxml. */
export async function sendSync(client: EasClient, body: WbxmlElement | undefined): Promise<SyncExchange> {
  const response = await client.send('Sync', body);
  assert.equal(response.status, 200, `Sync answered HTTP ${response.status}`);
  if (response.raw.length === 0) return { response, collections: [], empty: true };
  await assertLibwbxmlAgrees(response.raw);
  const root = response.body;
  assert.ok(root !== undefined);
  assert.equal(qualifiedName(root), 'AirSync:Sync');
  const list = firstChild(root, 'AirSync:Collections');
  const status = int(firstChild(root, 'AirSync:Status'));
  const limit = int(firstChild(root, 'AirSync:Limit'));
  return {
    response,
    ...(status === undefined ? {} : { status }),
    ...(limit === undefined ? {} : { limit }),
    collections: list === undefined ? [] : childElements(list, 'AirSync:Collection').map(readCollection),
    empty: false,
  };
}

/** A device syncing one collection, remembering its key. */
export class SyncDevice {
  key = '0';
  constructor(readonly client: EasClient, readonly collectionId: string) {}

  /** The device's folder of `type`, synced from key 0 until nothing more is available. */
  static async opened(client: EasClient, type: number): Promise<SyncDevice> {
    const device = new SyncDevice(client, await folderOfType(client, type));
    await device.initial();
    return device;
  }

  /** One Sync of this collection; advances the key on success and returns the collection's reply. */
  async sync(spec: Omit<CollectionSpec, 'collectionId' | 'syncKey'> & { syncKey?: string } = {}): Promise<CollectionReply & { exchange: SyncExchange }> {
    const exchange = await sendSync(this.client, syncRequest([{ collectionId: this.collectionId, syncKey: spec.syncKey ?? this.key, ...spec }]));
    const [reply] = exchange.collections;
    assert.ok(reply !== undefined, `no collection in the reply (Sync Status ${exchange.status})`);
    if (reply.status === 1 && reply.syncKey !== undefined) this.key = reply.syncKey;
    return { ...reply, exchange };
  }

  /** Key 0, then Syncs until nothing more is available; returns every server item added. */
  async initial(windowSize?: number): Promise<ServerItem[]> {
    const first = await this.sync({ syncKey: '0' });
    assert.equal(first.status, 1);
    assert.deepEqual(first.added, []);
    return this.drain(windowSize);
  }

  async drain(windowSize?: number): Promise<ServerItem[]> {
    const added: ServerItem[] = [];
    for (let round = 0; round < 100; round += 1) {
      const reply = await this.sync(windowSize === undefined ? {} : { windowSize });
      assert.equal(reply.status, 1);
      added.push(...reply.added);
      if (!reply.moreAvailable) return added;
    }
    throw new Error('MoreAvailable never cleared');
  }
}

export const noteData = (subject: string, body: string): WbxmlElement[] => [
  element('AirSyncBase:Body', [element('AirSyncBase:Type', '1'), element('AirSyncBase:Data', body)]),
  element('Notes:Subject', subject),
  element('Notes:MessageClass', 'IPM.StickyNote'),
];

export const subjectOf = (data: WbxmlElement | undefined): string | undefined => text(data === undefined ? undefined : firstChild(data, 'Notes:Subject'));

export type ClientFamily = 'iPhone' | 'Android';

/** A device of ALICE's that identifies itself as iOS Mail or the Android (Gmail/AOSP) client does. */
export function familyDevice(fx: FolderApp, family: ClientFamily, deviceId: string, version: ProtocolVersion): EasClient {
  const profile = DEVICE_PROFILES[family];
  return fx.client({
    deviceId, deviceType: profile.deviceType, userAgent: profile.userAgent, protocolVersion: version, requestLineForm: profile.requestLineForm,
    deviceInformation: profile.deviceInformation, sendZeroPolicyKey: profile.sendZeroPolicyKey,
  });
}

/** The ServerId FolderSync gave the device's default folder of a type. */
export async function folderOfType(client: EasClient, type: number): Promise<string> {
  const reply = await client.folderSync('0');
  assert.equal(reply.status, 1);
  const folder = reply.added.find((f) => f.type === type);
  assert.ok(folder !== undefined, `no folder of type ${type}`);
  return folder.serverId;
}
