import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertLibwbxmlAgrees } from '../../test/helpers/libwbxml.js';
import { childElements, decodeWbxml, encodeWbxml, firstChild, qualifiedName, textContent, type WbxmlElement } from '../wbxml/index.js';
import {
  buildFolderSync, buildGetItemEstimate, buildPing, buildProvisionAcknowledgement, buildProvisionRequest,
  buildSettingsDeviceInformation, buildSync, POLICY_TYPE_WAP, POLICY_TYPE_WBXML,
} from './request-builders.js';

const names = (el: WbxmlElement): string[] => childElements(el).map(qualifiedName);

function only(el: WbxmlElement | undefined, qualified: string): WbxmlElement {
  assert.ok(el !== undefined, `parent of ${qualified} missing`);
  const child = firstChild(el, qualified);
  assert.ok(child !== undefined, `${qualified} missing`);
  return child;
}

const info = { model: 'iPhone14C2', imei: '123', friendlyName: 'Phone', os: 'iOS 17', osLanguage: 'en', phoneNumber: '+1', userAgent: 'ua', mobileOperator: 'Op' };

test('initial Provision for 14.0 asks for the WBXML policy and leaves DeviceInformation to Settings', () => {
  const req = buildProvisionRequest('14.0', info);
  assert.equal(qualifiedName(req), 'Provision:Provision');
  assert.deepEqual(names(req), ['Provision:Policies']);
  const policy = only(only(req, 'Provision:Policies'), 'Provision:Policy');
  assert.deepEqual(names(policy), ['Provision:PolicyType']);
  assert.equal(textContent(only(policy, 'Provision:PolicyType')), POLICY_TYPE_WBXML);
});

test('initial Provision for 14.1 and 16.1 puts settings:DeviceInformation before Policies (MS-ASPROV 2.2.2.53)', () => {
  for (const version of ['14.1', '16.1'] as const) {
    const req = buildProvisionRequest(version, info);
    assert.deepEqual(names(req), ['Settings:DeviceInformation', 'Provision:Policies']);
    const set = only(only(req, 'Settings:DeviceInformation'), 'Settings:Set');
    assert.deepEqual(names(set), [
      'Settings:Model', 'Settings:IMEI', 'Settings:FriendlyName', 'Settings:OS', 'Settings:OSLanguage',
      'Settings:PhoneNumber', 'Settings:UserAgent', 'Settings:MobileOperator',
    ]);
  }
});

test('2.5 asks for the WAP provisioning policy type', () => {
  const policy = only(only(buildProvisionRequest('2.5'), 'Provision:Policies'), 'Provision:Policy');
  assert.equal(textContent(only(policy, 'Provision:PolicyType')), POLICY_TYPE_WAP);
});

test('acknowledgement carries PolicyType, then PolicyKey before Status 1 (MS-ASPROV 2.2.2.41)', () => {
  const policy = only(only(buildProvisionAcknowledgement('16.0', '4021'), 'Provision:Policies'), 'Provision:Policy');
  assert.deepEqual(names(policy), ['Provision:PolicyType', 'Provision:PolicyKey', 'Provision:Status']);
  assert.equal(textContent(only(policy, 'Provision:PolicyKey')), '4021');
  assert.equal(textContent(only(policy, 'Provision:Status')), '1');
});

test('Settings DeviceInformation omits 14.0-only fields at 12.1', () => {
  const set = only(only(buildSettingsDeviceInformation('12.1', info), 'Settings:DeviceInformation'), 'Settings:Set');
  assert.deepEqual(names(set), ['Settings:Model', 'Settings:IMEI', 'Settings:FriendlyName', 'Settings:OS', 'Settings:OSLanguage', 'Settings:PhoneNumber']);
});

test('FolderSync carries only the SyncKey', () => {
  const req = buildFolderSync('0');
  assert.deepEqual(names(req), ['FolderHierarchy:SyncKey']);
  assert.equal(textContent(only(req, 'FolderHierarchy:SyncKey')), '0');
});

const collectionOf = (req: WbxmlElement): WbxmlElement => only(only(req, 'AirSync:Collections'), 'AirSync:Collection');

test('initial Sync (key 0) sends SyncKey and CollectionId only', () => {
  const collection = collectionOf(buildSync('16.1', { collectionId: '5', syncKey: '0', windowSize: 25, filterType: 3 }));
  assert.deepEqual(names(collection), ['AirSync:SyncKey', 'AirSync:CollectionId']);
});

test('Sync follows the strict Collection order of MS-ASCMD 2.2.3.29.2', () => {
  const collection = collectionOf(buildSync('14.1', {
    collectionId: '5', syncKey: '7', windowSize: 25, filterType: 3, bodyPreference: { type: 2, truncationSize: 4096 },
  }));
  assert.deepEqual(names(collection), ['AirSync:SyncKey', 'AirSync:CollectionId', 'AirSync:GetChanges', 'AirSync:WindowSize', 'AirSync:Options']);
  assert.equal(only(collection, 'AirSync:GetChanges').children.length, 0);
  const options = only(collection, 'AirSync:Options');
  assert.deepEqual(names(options), ['AirSync:FilterType', 'AirSyncBase:BodyPreference']);
  assert.deepEqual(names(only(options, 'AirSyncBase:BodyPreference')), ['AirSyncBase:Type', 'AirSyncBase:TruncationSize']);
});

test('2.5 Sync leads with Class and sends no AirSyncBase BodyPreference', () => {
  const collection = collectionOf(buildSync('2.5', {
    collectionId: '5', syncKey: '7', className: 'Email', windowSize: 10, filterType: 0, bodyPreference: { type: 1 },
  }));
  assert.deepEqual(names(collection), ['AirSync:Class', 'AirSync:SyncKey', 'AirSync:CollectionId', 'AirSync:GetChanges', 'AirSync:WindowSize', 'AirSync:Options']);
  assert.deepEqual(names(only(collection, 'AirSync:Options')), ['AirSync:FilterType']);
});

test('GetItemEstimate 14.0+ uses SyncKey, CollectionId, airsync:Options', () => {
  const collection = only(only(buildGetItemEstimate('14.0', { collectionId: '5', syncKey: '9', className: 'Email', filterType: 0 }),
    'GetItemEstimate:Collections'), 'GetItemEstimate:Collection');
  assert.deepEqual(names(collection), ['AirSync:SyncKey', 'GetItemEstimate:CollectionId', 'AirSync:Options']);
  assert.deepEqual(names(only(collection, 'AirSync:Options')), ['AirSync:Class', 'AirSync:FilterType']);
});

test('GetItemEstimate before 14.0 uses Class, CollectionId, FilterType, SyncKey', () => {
  for (const version of ['2.5', '12.1'] as const) {
    const collection = only(only(buildGetItemEstimate(version, { collectionId: '5', syncKey: '9', className: 'Email' }),
      'GetItemEstimate:Collections'), 'GetItemEstimate:Collection');
    assert.deepEqual(names(collection), ['GetItemEstimate:Class', 'GetItemEstimate:CollectionId', 'AirSync:FilterType', 'AirSync:SyncKey']);
  }
});

test('Ping lists HeartbeatInterval then Folders, each Folder Id then Class; no parameters means no body', () => {
  const req = buildPing({ heartbeatInterval: 480, folders: [{ id: '5', className: 'Email' }, { id: '8', className: 'Calendar' }] });
  assert.ok(req !== undefined);
  assert.deepEqual(names(req), ['Ping:HeartbeatInterval', 'Ping:Folders']);
  const folders = childElements(only(req, 'Ping:Folders'), 'Ping:Folder');
  assert.deepEqual(folders.map(names), [['Ping:Id', 'Ping:Class'], ['Ping:Id', 'Ping:Class']]);
  assert.equal(textContent(only(folders[1], 'Ping:Class')), 'Calendar');
  assert.equal(buildPing({}), undefined);
});

const allRequests = (): Array<WbxmlElement | undefined> => [
  buildProvisionRequest('16.1', info), buildProvisionAcknowledgement('12.0', '1'), buildSettingsDeviceInformation('14.0', info),
  buildFolderSync('3'), buildSync('16.1', { collectionId: 'a', syncKey: 'b', windowSize: 5, filterType: 2, bodyPreference: { type: 1 } }),
  buildGetItemEstimate('16.1', { collectionId: 'a', syncKey: 'b' }), buildGetItemEstimate('12.1', { collectionId: 'a', syncKey: 'b', className: 'Email' }),
  buildPing({ heartbeatInterval: 60, folders: [{ id: '5', className: 'Email' }] }),
];

test('every built request survives an encode/decode round trip unchanged', () => {
  for (const req of allRequests()) {
    assert.ok(req !== undefined);
    const bytes = encodeWbxml(req);
    assert.deepEqual([...bytes.subarray(0, 4)], [0x03, 0x01, 0x6a, 0x00]);
    assert.deepEqual(decodeWbxml(bytes), req);
  }
});

test('libwbxml (wbxml2xml) reads every built request as our decoder does', async () => {
  for (const req of allRequests()) {
    assert.ok(req !== undefined);
    await assertLibwbxmlAgrees(encodeWbxml(req));
  }
});
