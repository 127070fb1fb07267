// Reads the parts of command responses a device acts on: statuses, keys, folder lists, item
// counts. Tolerant of extra elements (servers add them), strict about the root element, so a
// reply for the wrong command is reported rather than misread.

import { childElements, firstChild, isElement, qualifiedName, textContent, type WbxmlElement } from '../wbxml/index.js';
import { EasClientError } from './client-errors.js';

function intOf(el: WbxmlElement | undefined): number | undefined {
  if (el === undefined) return undefined;
  const text = textContent(el).trim();
  return /^-?\d+$/.test(text) ? Number(text) : undefined;
}

function textOf(el: WbxmlElement | undefined): string | undefined {
  return el === undefined ? undefined : textContent(el);
}

export function expectRoot(root: WbxmlElement, qualified: string): void {
  const actual = qualifiedName(root);
  if (actual !== qualified) throw new EasClientError('bad-response', `expected a ${qualified} response, got ${actual}`);
}

/**
 * The command-level Status: a direct child named Status in the root's own code page. This is where
 * MS-ASCMD 2.2.2 common codes (140 wipe, 142-144 provisioning) appear in 14.0+ replies.
 */
export function readCommandStatus(root: WbxmlElement): number | undefined {
  for (const child of root.children) {
    if (isElement(child) && child.tag === 'Status' && child.page === root.page) {
      return intOf(child);
    }
  }
  return undefined;
}

export interface ProvisionReply {
  status: number | undefined;
  policyType?: string;
  policyStatus?: number;
  policyKey?: string;
  /** Data carried policy settings (EASProvisionDoc or the 2.5 WAP string). */
  hasPolicyData: boolean;
  remoteWipe: boolean;
  /** Which directive: RemoteWipe, or the 16.1 AccountOnlyRemoteWipe. */
  remoteWipeKind?: 'full' | 'account-only';
  deviceInformationStatus?: number;
}

export function readProvisionReply(root: WbxmlElement): ProvisionReply {
  expectRoot(root, 'Provision:Provision');
  const policy = firstChild(firstChild(root, 'Provision:Policies') ?? root, 'Provision:Policy');
  const reply: ProvisionReply = {
    status: readCommandStatus(root),
    hasPolicyData: policy !== undefined && firstChild(policy, 'Provision:Data') !== undefined,
    remoteWipe: firstChild(root, 'Provision:RemoteWipe') !== undefined || firstChild(root, 'Provision:AccountOnlyRemoteWipe') !== undefined,
  };
  if (firstChild(root, 'Provision:RemoteWipe') !== undefined) reply.remoteWipeKind = 'full';
  else if (firstChild(root, 'Provision:AccountOnlyRemoteWipe') !== undefined) reply.remoteWipeKind = 'account-only';
  const deviceInformation = firstChild(root, 'Settings:DeviceInformation');
  const deviceStatus = deviceInformation === undefined ? undefined : intOf(firstChild(deviceInformation, 'Settings:Status'));
  if (deviceStatus !== undefined) reply.deviceInformationStatus = deviceStatus;
  if (policy !== undefined) {
    const type = textOf(firstChild(policy, 'Provision:PolicyType'));
    const status = intOf(firstChild(policy, 'Provision:Status'));
    const key = textOf(firstChild(policy, 'Provision:PolicyKey'));
    if (type !== undefined) reply.policyType = type;
    if (status !== undefined) reply.policyStatus = status;
    if (key !== undefined) reply.policyKey = key.trim();
  }
  return reply;
}

export interface SettingsReply {
  status: number | undefined;
  deviceInformationStatus?: number;
}

export function readSettingsReply(root: WbxmlElement): SettingsReply {
  expectRoot(root, 'Settings:Settings');
  const reply: SettingsReply = { status: readCommandStatus(root) };
  const info = firstChild(root, 'Settings:DeviceInformation');
  const status = info === undefined ? undefined : intOf(firstChild(info, 'Settings:Status'));
  if (status !== undefined) reply.deviceInformationStatus = status;
  return reply;
}

export interface FolderEntry {
  serverId: string;
  parentId: string;
  displayName: string;
  /** MS-ASCMD 2.2.3.186.3: 2 = Inbox, 3 Drafts, 4 Deleted, 5 Sent, 8 Calendar, 9 Contacts ... */
  type: number;
}

export interface FolderSyncReply {
  status: number | undefined;
  syncKey?: string;
  added: FolderEntry[];
  updated: FolderEntry[];
  deleted: string[];
}

function readFolder(el: WbxmlElement): FolderEntry {
  return {
    serverId: textOf(firstChild(el, 'FolderHierarchy:ServerId')) ?? '',
    parentId: textOf(firstChild(el, 'FolderHierarchy:ParentId')) ?? '',
    displayName: textOf(firstChild(el, 'FolderHierarchy:DisplayName')) ?? '',
    type: intOf(firstChild(el, 'FolderHierarchy:Type')) ?? 0,
  };
}

export function readFolderSyncReply(root: WbxmlElement): FolderSyncReply {
  expectRoot(root, 'FolderHierarchy:FolderSync');
  const changes = firstChild(root, 'FolderHierarchy:Changes');
  const reply: FolderSyncReply = {
    status: readCommandStatus(root),
    added: changes === undefined ? [] : childElements(changes, 'FolderHierarchy:Add').map(readFolder),
    updated: changes === undefined ? [] : childElements(changes, 'FolderHierarchy:Update').map(readFolder),
    deleted: changes === undefined ? [] : childElements(changes, 'FolderHierarchy:Delete')
      .map((el) => textOf(firstChild(el, 'FolderHierarchy:ServerId')) ?? ''),
  };
  const key = textOf(firstChild(root, 'FolderHierarchy:SyncKey'));
  if (key !== undefined) reply.syncKey = key;
  return reply;
}

export interface SyncItem {
  serverId: string;
  applicationData?: WbxmlElement;
}

export interface SyncCollectionReply {
  collectionId: string;
  status: number | undefined;
  syncKey?: string;
  moreAvailable: boolean;
  added: SyncItem[];
  changed: SyncItem[];
  deleted: string[];
}

export interface SyncReply {
  /** Sync-level Status, present only when the whole request failed (e.g. 4, 12, 142). */
  status: number | undefined;
  collections: SyncCollectionReply[];
}

function readSyncItems(commands: WbxmlElement | undefined, qualified: string): SyncItem[] {
  if (commands === undefined) return [];
  return childElements(commands, qualified).map((el) => {
    const item: SyncItem = { serverId: textOf(firstChild(el, 'AirSync:ServerId')) ?? '' };
    const data = firstChild(el, 'AirSync:ApplicationData');
    if (data !== undefined) item.applicationData = data;
    return item;
  });
}

function readSyncCollection(el: WbxmlElement): SyncCollectionReply {
  const commands = firstChild(el, 'AirSync:Commands');
  const deletions = commands === undefined ? [] : [
    ...childElements(commands, 'AirSync:Delete'),
    ...childElements(commands, 'AirSync:SoftDelete'),
  ];
  const reply: SyncCollectionReply = {
    collectionId: textOf(firstChild(el, 'AirSync:CollectionId')) ?? '',
    status: intOf(firstChild(el, 'AirSync:Status')),
    moreAvailable: firstChild(el, 'AirSync:MoreAvailable') !== undefined,
    added: readSyncItems(commands, 'AirSync:Add'),
    changed: readSyncItems(commands, 'AirSync:Change'),
    deleted: deletions.map((d) => textOf(firstChild(d, 'AirSync:ServerId')) ?? ''),
  };
  const key = textOf(firstChild(el, 'AirSync:SyncKey'));
  if (key !== undefined) reply.syncKey = key;
  return reply;
}

export function readSyncReply(root: WbxmlElement): SyncReply {
  expectRoot(root, 'AirSync:Sync');
  const collections = firstChild(root, 'AirSync:Collections');
  return {
    status: readCommandStatus(root),
    collections: collections === undefined ? [] : childElements(collections, 'AirSync:Collection').map(readSyncCollection),
  };
}

export interface EstimateReply {
  status: number | undefined;
  collectionId?: string;
  estimate?: number;
}

/** One entry per Response element (MS-ASCMD 2.2.3.153.3); a global failure yields a single status-only entry. */
export function readGetItemEstimateReply(root: WbxmlElement): EstimateReply[] {
  expectRoot(root, 'GetItemEstimate:GetItemEstimate');
  const responses = childElements(root, 'GetItemEstimate:Response');
  if (responses.length === 0) return [{ status: readCommandStatus(root) }];
  return responses.map((response) => {
    const collection = firstChild(response, 'GetItemEstimate:Collection');
    const reply: EstimateReply = { status: intOf(firstChild(response, 'GetItemEstimate:Status')) };
    const id = collection === undefined ? undefined : textOf(firstChild(collection, 'GetItemEstimate:CollectionId'));
    const estimate = collection === undefined ? undefined : intOf(firstChild(collection, 'GetItemEstimate:Estimate'));
    if (id !== undefined) reply.collectionId = id;
    if (estimate !== undefined) reply.estimate = estimate;
    return reply;
  });
}

export interface PingReply {
  status: number | undefined;
  /** Ids of changed folders (Status 2). */
  folders: string[];
  heartbeatInterval?: number;
  maxFolders?: number;
}

export function readPingReply(root: WbxmlElement): PingReply {
  expectRoot(root, 'Ping:Ping');
  const folders = firstChild(root, 'Ping:Folders');
  const reply: PingReply = {
    status: readCommandStatus(root),
    folders: folders === undefined ? [] : childElements(folders, 'Ping:Folder').map((f) => textContent(f)),
  };
  const heartbeat = intOf(firstChild(root, 'Ping:HeartbeatInterval'));
  const maxFolders = intOf(firstChild(root, 'Ping:MaxFolders'));
  if (heartbeat !== undefined) reply.heartbeatInterval = heartbeat;
  if (maxFolders !== undefined) reply.maxFolders = maxFolders;
  return reply;
}
