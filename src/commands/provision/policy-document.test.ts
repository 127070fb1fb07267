// The policy document: the catalogue agrees with the configuration's keys and the code page; the
// EASProvisionDoc carries only configured settings the version defines, in token order, and is
// read back identically by libwbxml; the 2.5 WAP XML follows the settings; the hash is stable.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from '../../config/loader.js';
import { policySchema } from '../../config/provisioning-schema.js';
import { encodeEasBody, isElement, textContent } from '../../eas/wbxml-body.js';
import { tagToken } from '../../wbxml/code-pages/index.js';
import { assertLibwbxmlAgrees } from '../../../test/helpers/libwbxml.js';
import type { PolicySettings } from './policy-catalogue.js';
import { POLICY_SETTINGS } from './policy-catalogue.js';
import { buildEasProvisionDoc, buildWapProvisioningDoc, policyHash } from './policy-document.js';
import { DEFAULT_PROVISIONING_SETTINGS } from './provisioning-settings.js';

const PROVISION_PAGE = 14;

const FULL: PolicySettings = {
  devicePasswordEnabled: true, alphanumericDevicePasswordRequired: true, requireStorageCardEncryption: false,
  passwordRecoveryEnabled: true, attachmentsEnabled: true, minDevicePasswordLength: 6, maxInactivityTimeDeviceLock: 900,
  maxDevicePasswordFailedAttempts: 8, maxAttachmentSize: 10_485_760, allowSimpleDevicePassword: false,
  devicePasswordExpiration: 90, devicePasswordHistory: 3, allowStorageCard: true, allowCamera: true,
  requireDeviceEncryption: true, allowUnsignedApplications: false, allowUnsignedInstallationPackages: false,
  minDevicePasswordComplexCharacters: 2, allowWiFi: true, allowTextMessaging: true, allowPOPIMAPEmail: true,
  allowBluetooth: 2, allowIrDA: false, requireManualSyncWhenRoaming: false, allowDesktopSync: true,
  maxCalendarAgeFilter: 0, allowHTMLEmail: true, maxEmailAgeFilter: 0, maxEmailBodyTruncationSize: -1,
  maxEmailHTMLBodyTruncationSize: -1, requireSignedSMIMEMessages: false, requireEncryptedSMIMEMessages: false,
  requireSignedSMIMEAlgorithm: 0, requireEncryptionSMIMEAlgorithm: 0, allowSMIMEEncryptionAlgorithmNegotiation: 2,
  allowSMIMESoftCerts: true, allowBrowser: true, allowConsumerEmail: true, allowRemoteDesktop: true,
  allowInternetSharing: true, unapprovedInROMApplicationList: ['Games'], approvedApplicationList: ['ab'.repeat(20)],
};

function tagsOf(policy: PolicySettings, version: Parameters<typeof buildEasProvisionDoc>[1]): string[] {
  return buildEasProvisionDoc(policy, version).children.filter(isElement).map((child) => child.tag);
}

describe('policy catalogue and defaults', () => {
  it('defaults as the configuration does', () => {
    assert.deepEqual(loadConfig({}).provisioning, DEFAULT_PROVISIONING_SETTINGS);
  });

  it('has exactly the configuration keys, each once', () => {
    assert.deepEqual(POLICY_SETTINGS.map((spec) => spec.key).sort(), Object.keys(policySchema.shape).sort());
  });

  it('names Provision tags in ascending token order', () => {
    const tokens = POLICY_SETTINGS.map((spec) => tagToken(PROVISION_PAGE, spec.tag.slice('Provision:'.length)));
    assert.ok(tokens.every((token) => token !== undefined), `unknown tag among ${POLICY_SETTINGS.map((s) => s.tag).join(', ')}`);
    assert.deepEqual([...tokens].sort((a, b) => (a ?? 0) - (b ?? 0)), tokens);
  });
});

describe('buildEasProvisionDoc', () => {
  it('sends every configured setting to 12.1+, in token order, and libwbxml reads it the same', async () => {
    const doc = buildEasProvisionDoc(FULL, '14.1');
    assert.deepEqual(doc.children.filter(isElement).map((c) => c.tag), POLICY_SETTINGS.map((s) => s.tag.slice('Provision:'.length)));
    await assertLibwbxmlAgrees(encodeEasBody(doc));
  });

  it('sends 12.0 only the settings Exchange 2007 defined', () => {
    assert.deepEqual(tagsOf(FULL, '12.0'), [
      'DevicePasswordEnabled', 'AlphanumericDevicePasswordRequired', 'RequireStorageCardEncryption', 'PasswordRecoveryEnabled',
      'AttachmentsEnabled', 'MinDevicePasswordLength', 'MaxInactivityTimeDeviceLock', 'MaxDevicePasswordFailedAttempts',
      'MaxAttachmentSize', 'AllowSimpleDevicePassword', 'DevicePasswordExpiration', 'DevicePasswordHistory',
    ]);
  });

  it('writes booleans as 0/1, integers as decimals and lists as children', () => {
    const doc = buildEasProvisionDoc({ devicePasswordEnabled: false, maxEmailBodyTruncationSize: -1, approvedApplicationList: ['ab'.repeat(20)] }, '16.1');
    const [password, truncation, approved] = doc.children.filter(isElement);
    assert.equal(password && textContent(password), '0');
    assert.equal(truncation && textContent(truncation), '-1');
    const hash = approved?.children.find(isElement);
    assert.equal(hash?.tag, 'Hash');
    assert.equal(hash && textContent(hash), 'AB'.repeat(20));
  });

  it('sends an empty document for an empty policy', () => {
    assert.deepEqual(buildEasProvisionDoc({}, '14.1').children, []);
  });
});

describe('buildWapProvisioningDoc', () => {
  it('says "no password" with 4131=1 and leaves the password rules out', () => {
    assert.equal(
      buildWapProvisioningDoc({ devicePasswordEnabled: false }),
      '<wap-provisioningdoc><characteristic type="SecurityPolicy"><parm name="4131" value="1"/><parm name="4133" value="1"/></characteristic></wap-provisioningdoc>',
    );
  });

  it('carries the password rules when a password is required', () => {
    const xml = buildWapProvisioningDoc(FULL);
    assert.match(xml, /<parm name="4131" value="0"\/>/);
    assert.match(xml, /<parm name="AEFrequencyType" value="1"\/><parm name="AEFrequencyValue" value="15"\/>/);
    assert.match(xml, /<parm name="DeviceWipeThreshold" value="8"\/>/);
    assert.match(xml, /<parm name="CodewordFrequency" value="4"\/>/);
    assert.match(xml, /<parm name="MinimumPasswordLength" value="6"\/>/);
    assert.match(xml, /<parm name="PasswordComplexity" value="0"\/>/);
  });
});

describe('policyHash', () => {
  it('ignores key order and changes with any value', () => {
    assert.equal(policyHash({ attachmentsEnabled: true, devicePasswordEnabled: false }), policyHash({ devicePasswordEnabled: false, attachmentsEnabled: true }));
    assert.notEqual(policyHash({ devicePasswordEnabled: false }), policyHash({ devicePasswordEnabled: true }));
    assert.notEqual(policyHash({}), policyHash({ devicePasswordEnabled: false }));
  });
});
