// Request bodies a device sends, built as WBXML trees with the element order the specs require:
// MS-ASPROV 2.2.2.41/2.2.2.44 (Provision), MS-ASCMD 2.2.3.45 (Settings DeviceInformation),
// 2.2.3.29.2 (Sync Collection, strict order), 6.20 (GetItemEstimate), 6.29 (Ping). Pure functions:
// the client sends them, the tests read them back element by element.

import { element, type WbxmlElement, type WbxmlNode } from '../wbxml/index.js';
import { versionAtLeast, type ProtocolVersion } from '../eas/protocol-version.js';

/** MS-ASPROV 2.2.2.43: the policy format a 12.0+ client asks for. */
export const POLICY_TYPE_WBXML = 'MS-EAS-Provisioning-WBXML';
/** MS-ASPROV 2.2.2.43: the only format a 2.5 client understands. */
export const POLICY_TYPE_WAP = 'MS-WAP-Provisioning-XML';

export interface DeviceInformation {
  model?: string;
  imei?: string;
  friendlyName?: string;
  os?: string;
  osLanguage?: string;
  phoneNumber?: string;
  userAgent?: string;
  /** MS-ASCMD 2.2.3.60 (14.0+): whether the server may send SMS through the device. */
  enableOutboundSms?: boolean;
  mobileOperator?: string;
}

export function policyTypeFor(version: ProtocolVersion): string {
  return versionAtLeast(version, '12.0') ? POLICY_TYPE_WBXML : POLICY_TYPE_WAP;
}

function optional(qualified: string, value: string | undefined): WbxmlElement[] {
  return value === undefined ? [] : [element(qualified, value)];
}

/** Settings:DeviceInformation/Set in the order of MS-ASCMD 2.2.3.167; UserAgent, EnableOutboundSMS and MobileOperator are 14.0+. */
export function buildDeviceInformation(version: ProtocolVersion, info: DeviceInformation): WbxmlElement {
  const newer = versionAtLeast(version, '14.0');
  const set = [
    ...optional('Settings:Model', info.model),
    ...optional('Settings:IMEI', info.imei),
    ...optional('Settings:FriendlyName', info.friendlyName),
    ...optional('Settings:OS', info.os),
    ...optional('Settings:OSLanguage', info.osLanguage),
    ...optional('Settings:PhoneNumber', info.phoneNumber),
    ...(newer ? optional('Settings:UserAgent', info.userAgent) : []),
    ...(newer && info.enableOutboundSms !== undefined ? [element('Settings:EnableOutboundSMS', info.enableOutboundSms ? '1' : '0')] : []),
    ...(newer ? optional('Settings:MobileOperator', info.mobileOperator) : []),
  ];
  return element('Settings:DeviceInformation', element('Settings:Set', set));
}

/**
 * Initial Provision request (MS-ASPROV 3.1.5.1.1). 14.1 and later carry DeviceInformation first
 * (MS-ASPROV 2.2.2.53: MUST on the initial request); older versions send it with Settings instead.
 */
export function buildProvisionRequest(version: ProtocolVersion, info?: DeviceInformation): WbxmlElement {
  const children: WbxmlNode[] = [];
  if (info !== undefined && versionAtLeast(version, '14.1')) children.push(buildDeviceInformation(version, info));
  children.push(element('Provision:Policies', element('Provision:Policy', element('Provision:PolicyType', policyTypeFor(version)))));
  return element('Provision:Provision', children);
}

/** Acknowledgement (MS-ASPROV 3.1.5.1.2.1): PolicyKey MUST precede Status (2.2.2.41). */
export function buildProvisionAcknowledgement(version: ProtocolVersion, temporaryPolicyKey: string, status = '1'): WbxmlElement {
  const policy = element('Provision:Policy', [
    element('Provision:PolicyType', policyTypeFor(version)),
    element('Provision:PolicyKey', temporaryPolicyKey),
    element('Provision:Status', status),
  ]);
  return element('Provision:Provision', element('Provision:Policies', policy));
}

/**
 * Acknowledges a remote-wipe directive (MS-ASPROV 3.1.5.1.2.2/3): Status 1 wiped, 2 failed.
 * Account-only is the 16.1 AccountOnlyRemoteWipe form.
 */
export function buildRemoteWipeAcknowledgement(kind: 'full' | 'account-only', status = '1'): WbxmlElement {
  const tag = kind === 'full' ? 'Provision:RemoteWipe' : 'Provision:AccountOnlyRemoteWipe';
  return element('Provision:Provision', element(tag, element('Provision:Status', status)));
}

export function buildSettingsDeviceInformation(version: ProtocolVersion, info: DeviceInformation): WbxmlElement {
  return element('Settings:Settings', buildDeviceInformation(version, info));
}

export function buildFolderSync(syncKey: string): WbxmlElement {
  return element('FolderHierarchy:FolderSync', element('FolderHierarchy:SyncKey', syncKey));
}

export interface SyncCollectionRequest {
  collectionId: string;
  syncKey: string;
  /** Folder class; only sent in 2.5, where Class leads the Collection. */
  className?: string;
  windowSize?: number;
  /** MS-ASCMD 2.2.3.68.2: 0 = all items, 1..7 = age windows. */
  filterType?: number;
  /** MS-ASAIRS 2.2.2.12: 1 plain, 2 HTML, 3 RTF, 4 MIME (12.0+). */
  bodyPreference?: { type: number; truncationSize?: number };
}

function syncOptions(version: ProtocolVersion, request: SyncCollectionRequest): WbxmlElement[] {
  const options: WbxmlElement[] = [];
  if (request.filterType !== undefined) options.push(element('AirSync:FilterType', String(request.filterType)));
  const preference = request.bodyPreference;
  if (preference !== undefined && versionAtLeast(version, '12.0')) {
    options.push(element('AirSyncBase:BodyPreference', [
      element('AirSyncBase:Type', String(preference.type)),
      ...(preference.truncationSize === undefined ? [] : [element('AirSyncBase:TruncationSize', String(preference.truncationSize))]),
    ]));
  }
  return options.length === 0 ? [] : [element('AirSync:Options', options)];
}

/**
 * One-collection Sync (MS-ASCMD 2.2.3.29.2 strict order: SyncKey, CollectionId, Supported,
 * DeletesAsMoves, GetChanges, WindowSize, ConversationMode, Options, Commands). With SyncKey 0 the
 * request only primes the state: no GetChanges, no Options.
 */
export function buildSync(version: ProtocolVersion, request: SyncCollectionRequest): WbxmlElement {
  const initial = request.syncKey === '0';
  const children: WbxmlElement[] = [];
  if (!versionAtLeast(version, '12.0') && request.className !== undefined) children.push(element('AirSync:Class', request.className));
  children.push(element('AirSync:SyncKey', request.syncKey), element('AirSync:CollectionId', request.collectionId));
  if (!initial) {
    children.push(element('AirSync:GetChanges'));
    if (request.windowSize !== undefined) children.push(element('AirSync:WindowSize', String(request.windowSize)));
    children.push(...syncOptions(version, request));
  }
  return element('AirSync:Sync', element('AirSync:Collections', element('AirSync:Collection', children)));
}

export interface EstimateRequest {
  collectionId: string;
  syncKey: string;
  className?: string;
  filterType?: number;
}

/**
 * GetItemEstimate (MS-ASCMD 6.20): 14.0+ uses SyncKey, CollectionId, airsync:Options; 2.5-12.1
 * use Class, CollectionId, FilterType, SyncKey (the order TbSync found Exchange requires).
 */
export function buildGetItemEstimate(version: ProtocolVersion, request: EstimateRequest): WbxmlElement {
  let children: WbxmlElement[];
  if (versionAtLeast(version, '14.0')) {
    const options = [
      ...optional('AirSync:Class', request.className),
      ...(request.filterType === undefined ? [] : [element('AirSync:FilterType', String(request.filterType))]),
    ];
    children = [
      element('AirSync:SyncKey', request.syncKey),
      element('GetItemEstimate:CollectionId', request.collectionId),
      ...(options.length === 0 ? [] : [element('AirSync:Options', options)]),
    ];
  } else {
    children = [
      ...optional('GetItemEstimate:Class', request.className),
      element('GetItemEstimate:CollectionId', request.collectionId),
      element('AirSync:FilterType', String(request.filterType ?? 0)),
      element('AirSync:SyncKey', request.syncKey),
    ];
  }
  return element('GetItemEstimate:GetItemEstimate', element('GetItemEstimate:Collections', element('GetItemEstimate:Collection', children)));
}

export interface PingFolder {
  id: string;
  /** MS-ASCMD 6.29: Email, Calendar, Contacts, Tasks or Notes. */
  className: string;
}

/** Ping (MS-ASCMD 2.2.1.13): at least one of HeartbeatInterval and Folders; both omitted means an empty body. */
export function buildPing(request: { heartbeatInterval?: number; folders?: readonly PingFolder[] }): WbxmlElement | undefined {
  const children: WbxmlElement[] = [];
  if (request.heartbeatInterval !== undefined) children.push(element('Ping:HeartbeatInterval', String(request.heartbeatInterval)));
  if (request.folders !== undefined && request.folders.length > 0) {
    children.push(element('Ping:Folders', request.folders.map((folder) =>
      element('Ping:Folder', [element('Ping:Id', folder.id), element('Ping:Class', folder.className)]))));
  }
  return children.length === 0 ? undefined : element('Ping:Ping', children);
}
