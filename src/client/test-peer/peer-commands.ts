// Command replies of the EAS test peer: just enough Provision, Settings, FolderSync, Sync,
// GetItemEstimate and Ping for the client and the diagnostic to be exercised over real HTTP.
// It keeps real state (issued policy and sync keys) and refuses stale keys the way servers do.

import { childElements, element, firstChild, textContent, type WbxmlElement } from '../../wbxml/index.js';
import type { EasCommandName } from '../../eas/commands.js';
import { issueKey, type PeerMemory, type PeerOptions, type PeerRequest } from './peer-state.js';

export interface PeerAnswer {
  status: number;
  body?: WbxmlElement;
}

export const PEER_COMMANDS: readonly EasCommandName[] = ['Provision', 'Settings', 'FolderSync', 'Sync', 'GetItemEstimate', 'Ping'];

export const PEER_FOLDERS = [
  { id: 'f-inbox', parent: '0', name: 'Inbox', type: 2 },
  { id: 'f-drafts', parent: '0', name: 'Drafts', type: 3 },
  { id: 'f-trash', parent: '0', name: 'Deleted Items', type: 4 },
  { id: 'f-sent', parent: '0', name: 'Sent Items', type: 5 },
  { id: 'f-cal', parent: '0', name: 'Calendar', type: 8 },
  { id: 'f-contacts', parent: '0', name: 'Contacts', type: 9 },
] as const;

const text = (el: WbxmlElement | undefined): string | undefined => (el === undefined ? undefined : textContent(el));

/** Walks down first children by qualified name; undefined as soon as one is missing. */
function descend(el: WbxmlElement | undefined, ...names: string[]): WbxmlElement | undefined {
  let current = el;
  for (const name of names) current = current === undefined ? undefined : firstChild(current, name);
  return current;
}

function provisionPolicy(request: PeerRequest, options: PeerOptions, memory: PeerMemory): WbxmlElement {
  const policy = descend(request.body, 'Provision:Policies', 'Provision:Policy');
  const policyType = text(descend(policy, 'Provision:PolicyType')) ?? '';
  const sentKey = text(descend(policy, 'Provision:PolicyKey'));
  const typeElement = element('Provision:PolicyType', policyType);
  if (options.noPolicy === true) return element('Provision:Policy', [typeElement, element('Provision:Status', '2')]);
  if (sentKey === undefined) {
    memory.temporaryPolicyKey = issueKey(memory);
    const data = policyType === 'MS-WAP-Provisioning-XML'
      ? element('Provision:Data', '<wap-provisioningdoc><characteristic type="SecurityPolicy"/></wap-provisioningdoc>')
      : element('Provision:Data', element('Provision:EASProvisionDoc', [
        element('Provision:DevicePasswordEnabled', '0'), element('Provision:AttachmentsEnabled', '1'),
      ]));
    return element('Provision:Policy', [typeElement, element('Provision:Status', '1'), element('Provision:PolicyKey', memory.temporaryPolicyKey), data]);
  }
  const acknowledged = text(descend(policy, 'Provision:Status'));
  if (sentKey !== memory.temporaryPolicyKey || acknowledged !== '1') {
    return element('Provision:Policy', [typeElement, element('Provision:Status', '5')]);
  }
  memory.finalPolicyKey = issueKey(memory);
  memory.provisionCount += 1;
  return element('Provision:Policy', [typeElement, element('Provision:Status', '1'), element('Provision:PolicyKey', memory.finalPolicyKey)]);
}

function provision(request: PeerRequest, options: PeerOptions, memory: PeerMemory): PeerAnswer {
  if (options.remoteWipe === 'provision') {
    return { status: 200, body: element('Provision:Provision', [element('Provision:Status', '1'), element('Provision:RemoteWipe')]) };
  }
  const children: WbxmlElement[] = [];
  if (descend(request.body, 'Settings:DeviceInformation') !== undefined) {
    children.push(element('Settings:DeviceInformation', element('Settings:Status', '1')));
  }
  children.push(element('Provision:Status', '1'), element('Provision:Policies', provisionPolicy(request, options, memory)));
  return { status: 200, body: element('Provision:Provision', children) };
}

function folderSync(request: PeerRequest, memory: PeerMemory): PeerAnswer {
  const key = text(descend(request.body, 'FolderHierarchy:SyncKey'));
  const reply = (status: string, children: WbxmlElement[] = []): PeerAnswer =>
    ({ status: 200, body: element('FolderHierarchy:FolderSync', [element('FolderHierarchy:Status', status), ...children]) });
  if (key === '0') {
    memory.folderSyncKey = issueKey(memory);
    const adds = PEER_FOLDERS.map((f) => element('FolderHierarchy:Add', [
      element('FolderHierarchy:ServerId', f.id), element('FolderHierarchy:ParentId', f.parent),
      element('FolderHierarchy:DisplayName', f.name), element('FolderHierarchy:Type', String(f.type)),
    ]));
    return reply('1', [element('FolderHierarchy:SyncKey', memory.folderSyncKey),
      element('FolderHierarchy:Changes', [element('FolderHierarchy:Count', String(adds.length)), ...adds])]);
  }
  if (key !== undefined && key === memory.folderSyncKey) {
    return reply('1', [element('FolderHierarchy:SyncKey', key), element('FolderHierarchy:Changes', element('FolderHierarchy:Count', '0'))]);
  }
  return reply('9');
}

function email(index: number): WbxmlElement {
  return element('AirSync:ApplicationData', [
    element('Email:To', 'alice@example.org'),
    element('Email:From', `sender${index}@example.net`),
    element('Email:Subject', `Message ${index}`),
    element('Email:DateReceived', new Date(Date.UTC(2024, 0, 1, 0, index)).toISOString()),
    element('Email:Read', '0'),
    element('AirSyncBase:Body', [element('AirSyncBase:Type', '1'), element('AirSyncBase:Data', `Body of message ${index}`)]),
  ]);
}

function sync(request: PeerRequest, options: PeerOptions, memory: PeerMemory): PeerAnswer {
  const collection = descend(request.body, 'AirSync:Collections', 'AirSync:Collection');
  if (collection === undefined) return { status: 200, body: element('AirSync:Sync', element('AirSync:Status', '4')) };
  const id = text(firstChild(collection, 'AirSync:CollectionId')) ?? '';
  const key = text(firstChild(collection, 'AirSync:SyncKey')) ?? '';
  const head = (status: string, newKey?: string): WbxmlElement[] => [
    ...(newKey === undefined ? [] : [element('AirSync:SyncKey', newKey)]), element('AirSync:CollectionId', id), element('AirSync:Status', status)];
  const answer = (children: WbxmlElement[]): PeerAnswer =>
    ({ status: 200, body: element('AirSync:Sync', element('AirSync:Collections', element('AirSync:Collection', children))) });
  if (!PEER_FOLDERS.some((f) => f.id === id)) return answer(head('8'));
  const state = memory.syncKeys.get(id);
  if (key === '0') {
    const fresh = issueKey(memory);
    memory.syncKeys.set(id, { key: fresh, sent: 0 });
    return answer(head('1', fresh));
  }
  if (state === undefined || state.key !== key) return answer(head('3'));
  const total = id === 'f-inbox' ? options.inboxItems ?? 40 : 0;
  const windowSize = Number(text(firstChild(collection, 'AirSync:WindowSize')) ?? '100');
  const batch = Math.max(0, Math.min(windowSize, total - state.sent));
  const adds = Array.from({ length: batch }, (_, i) =>
    element('AirSync:Add', [element('AirSync:ServerId', `${id}:${state.sent + i + 1}`), email(state.sent + i + 1)]));
  const next = { key: issueKey(memory), sent: state.sent + batch };
  memory.syncKeys.set(id, next);
  return answer([...head('1', next.key), ...(next.sent < total ? [element('AirSync:MoreAvailable')] : []),
    ...(adds.length === 0 ? [] : [element('AirSync:Commands', adds)])]);
}

function getItemEstimate(request: PeerRequest, options: PeerOptions, memory: PeerMemory): PeerAnswer {
  const collections = descend(request.body, 'GetItemEstimate:Collections');
  const responses = (collections === undefined ? [] : childElements(collections, 'GetItemEstimate:Collection')).map((c) => {
    const id = text(firstChild(c, 'GetItemEstimate:CollectionId')) ?? '';
    const state = memory.syncKeys.get(id);
    const primed = state !== undefined && text(firstChild(c, 'AirSync:SyncKey')) === state.key;
    const remaining = id === 'f-inbox' ? (options.inboxItems ?? 40) - (state?.sent ?? 0) : 0;
    return element('GetItemEstimate:Response', [
      element('GetItemEstimate:Status', primed ? '1' : '4'),
      element('GetItemEstimate:Collection', [element('GetItemEstimate:CollectionId', id), element('GetItemEstimate:Estimate', String(remaining))]),
    ]);
  });
  return { status: 200, body: element('GetItemEstimate:GetItemEstimate', responses) };
}

async function ping(request: PeerRequest, options: PeerOptions): Promise<PeerAnswer> {
  const heartbeat = Number(text(descend(request.body, 'Ping:HeartbeatInterval')) ?? '0');
  if (options.ping === 'out-of-range') {
    return { status: 200, body: element('Ping:Ping', [element('Ping:Status', '5'), element('Ping:HeartbeatInterval', '480')]) };
  }
  if (options.ping === 'changes') {
    return { status: 200, body: element('Ping:Ping', [element('Ping:Status', '2'), element('Ping:Folders', element('Ping:Folder', 'f-inbox'))]) };
  }
  await new Promise((resolve) => setTimeout(resolve, Math.min(heartbeat * 1000, options.pingHoldCapMs ?? 50)));
  return { status: 200, body: element('Ping:Ping', element('Ping:Status', '1')) };
}

export async function answerCommand(command: EasCommandName, request: PeerRequest, options: PeerOptions, memory: PeerMemory): Promise<PeerAnswer> {
  switch (command) {
    case 'Provision': return provision(request, options, memory);
    case 'Settings':
      return { status: 200, body: element('Settings:Settings', [element('Settings:Status', '1'), element('Settings:DeviceInformation', element('Settings:Status', '1'))]) };
    case 'FolderSync': return folderSync(request, memory);
    case 'Sync': return sync(request, options, memory);
    case 'GetItemEstimate': return getItemEstimate(request, options, memory);
    case 'Ping': return ping(request, options);
    default: return { status: 501 };
  }
}
