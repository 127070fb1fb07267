// Provision responses keep the element order of ProvisionResponse.xsd (MS-ASPROV 6.3): the
// DeviceInformation status first, then Status, Policies and the wipe directive; inside Policy,
// PolicyType, Status, PolicyKey, Data. libwbxml reads each the same as our decoder.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { WbxmlElement } from '../../eas/wbxml-body.js';
import { element, encodeEasBody, firstChild, isElement, qualifiedName } from '../../eas/wbxml-body.js';
import { assertLibwbxmlAgrees } from '../../../test/helpers/libwbxml.js';
import { buildProvisionResponse } from './provision-response.js';

function names(el: WbxmlElement | undefined): string[] {
  return (el?.children ?? []).filter(isElement).map(qualifiedName);
}

describe('buildProvisionResponse', () => {
  it('orders the initial answer as the schema does', async () => {
    const root = buildProvisionResponse({
      status: 1,
      deviceInformationStatus: 1,
      policy: { policyType: 'MS-EAS-Provisioning-WBXML', status: 1, policyKey: 123, data: element('Provision:EASProvisionDoc') },
    });
    assert.deepEqual(names(root), ['Settings:DeviceInformation', 'Provision:Status', 'Provision:Policies']);
    const policy = firstChild(firstChild(root, 'Provision:Policies') ?? root, 'Provision:Policy');
    assert.deepEqual(names(policy), ['Provision:PolicyType', 'Provision:Status', 'Provision:PolicyKey', 'Provision:Data']);
    await assertLibwbxmlAgrees(encodeEasBody(root));
  });

  it('puts the wipe directive last, and the 16.1 account-only form when asked', async () => {
    const full = buildProvisionResponse({ status: 1, remoteWipe: 'full' });
    assert.deepEqual(names(full), ['Provision:Status', 'Provision:RemoteWipe']);
    const accountOnly = buildProvisionResponse({ status: 2, deviceInformationStatus: 1, remoteWipe: 'account-only' });
    assert.deepEqual(names(accountOnly), ['Settings:DeviceInformation', 'Provision:Status', 'Provision:AccountOnlyRemoteWipe']);
    await assertLibwbxmlAgrees(encodeEasBody(full));
    await assertLibwbxmlAgrees(encodeEasBody(accountOnly));
  });

  it('carries the 2.5 policy as a string in Data', async () => {
    const root = buildProvisionResponse({ status: 1, policy: { policyType: 'MS-WAP-Provisioning-XML', status: 1, policyKey: 9, data: '<wap-provisioningdoc/>' } });
    await assertLibwbxmlAgrees(encodeEasBody(root));
  });
});
