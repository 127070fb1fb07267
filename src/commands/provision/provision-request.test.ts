// Reading Provision requests: the initial request (also with iOS 5.0.1's stray Status and with a
// PolicyKey of 0), the acknowledgement, wipe acknowledgements in both forms, the empty request,
// and every malformed shape turned into a ProvisionRequestError (Status 2), never a crash.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { WbxmlElement, WbxmlNode } from '../../eas/wbxml-body.js';
import { element } from '../../eas/wbxml-body.js';
import { ProvisionRequestError, readProvisionRequest } from './provision-request.js';

function provision(...children: WbxmlNode[]): WbxmlElement {
  return element('Provision:Provision', children);
}

function policy(...children: WbxmlNode[]): WbxmlElement {
  return element('Provision:Policies', element('Provision:Policy', children));
}

const TYPE = element('Provision:PolicyType', 'MS-EAS-Provisioning-WBXML');
const INFO = element('Settings:DeviceInformation', element('Settings:Set', element('Settings:Model', 'iPhone')));

describe('readProvisionRequest', () => {
  it('reads the initial request, with DeviceInformation kept for the caller', () => {
    assert.deepEqual(readProvisionRequest(provision(INFO, policy(TYPE))), { kind: 'policy', policyType: 'MS-EAS-Provisioning-WBXML', deviceInformation: INFO });
  });

  it('reads a stray Status before PolicyType (iOS 5.0.1) and a PolicyKey of 0 as an initial request', () => {
    const request = readProvisionRequest(provision(policy(element('Provision:Status', '1'), TYPE, element('Provision:PolicyKey', '0'))));
    assert.deepEqual(request, { kind: 'policy', policyType: 'MS-EAS-Provisioning-WBXML' });
  });

  it('reads the acknowledgement, with a key that cannot be ours as undefined', () => {
    assert.deepEqual(readProvisionRequest(provision(policy(TYPE, element('Provision:PolicyKey', '3141592653'), element('Provision:Status', '2')))),
      { kind: 'acknowledge', policyType: 'MS-EAS-Provisioning-WBXML', policyKey: 3141592653, status: 2 });
    assert.deepEqual(readProvisionRequest(provision(policy(TYPE, element('Provision:PolicyKey', 'abc'), element('Provision:Status', '1')))),
      { kind: 'acknowledge', policyType: 'MS-EAS-Provisioning-WBXML', policyKey: undefined, status: 1 });
  });

  it('reads both wipe acknowledgements', () => {
    assert.deepEqual(readProvisionRequest(provision(element('Provision:RemoteWipe', element('Provision:Status', '1')))),
      { kind: 'wipe-acknowledge', accountOnly: false, status: 1 });
    assert.deepEqual(readProvisionRequest(provision(element('Provision:AccountOnlyRemoteWipe', element('Provision:Status', '2')))),
      { kind: 'wipe-acknowledge', accountOnly: true, status: 2 });
  });

  it('reads an empty Provision and an empty body alike', () => {
    assert.deepEqual(readProvisionRequest(provision()), { kind: 'empty' });
    assert.deepEqual(readProvisionRequest(undefined), { kind: 'empty' });
  });

  const malformed: [string, WbxmlElement][] = [
    ['no PolicyType', provision(policy())],
    ['an empty PolicyType', provision(policy(element('Provision:PolicyType', '')))],
    ['Policies without Policy', provision(element('Provision:Policies'))],
    ['two Policy elements', provision(element('Provision:Policies', [element('Provision:Policy', TYPE), element('Provision:Policy', TYPE)]))],
    ['an acknowledgement without Status', provision(policy(TYPE, element('Provision:PolicyKey', '77')))],
    ['an acknowledgement Status out of range', provision(policy(TYPE, element('Provision:PolicyKey', '77'), element('Provision:Status', '9')))],
    ['a wipe acknowledgement without Status', provision(element('Provision:RemoteWipe'))],
    ['a wipe Status out of range', provision(element('Provision:RemoteWipe', element('Provision:Status', '3')))],
    ['both wipe forms', provision(element('Provision:RemoteWipe', element('Provision:Status', '1')), element('Provision:AccountOnlyRemoteWipe', element('Provision:Status', '1')))],
    ['an unexpected element', provision(element('Provision:Data', 'x'))],
    ['text where elements belong', provision('stray text')],
    ['a PolicyType holding elements', provision(policy(element('Provision:PolicyType', element('Provision:Data'))))],
    ['a repeated PolicyType', provision(policy(TYPE, TYPE))],
  ];
  for (const [name, root] of malformed) {
    it(`refuses ${name}`, () => {
      assert.throws(() => readProvisionRequest(root), ProvisionRequestError);
    });
  }
});
