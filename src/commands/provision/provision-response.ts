// Builds Provision responses in the element order of ProvisionResponse.xsd (MS-ASPROV 6.3):
// settings:DeviceInformation, Status, Policies, RemoteWipe or AccountOnlyRemoteWipe; inside
// Policy: PolicyType, Status, PolicyKey, Data.

import type { WbxmlElement } from '../../eas/wbxml-body.js';
import { element } from '../../eas/wbxml-body.js';

/** MS-ASPROV 2.2.2.54.2 plus the MS-ASCMD 2.2.2 codes Provision uses. */
export const PROVISION_STATUS = Object.freeze({
  Success: 1,
  ProtocolError: 2,
  ServerError: 3,
  DeviceNotFullyProvisionable: 139,
  DeviceInformationRequired: 165,
} as const);

/** MS-ASPROV 2.2.2.54.1, response values. */
export const POLICY_STATUS = Object.freeze({
  Success: 1,
  NoPolicy: 2,
  UnknownPolicyType: 3,
  WrongPolicyKey: 5,
} as const);

export interface PolicyAnswer {
  readonly policyType: string;
  readonly status: number;
  readonly policyKey?: number;
  /** EASProvisionDoc (12.0+) or the WAP provisioning XML (2.5). */
  readonly data?: WbxmlElement | string;
}

export interface ProvisionAnswer {
  readonly status: number;
  /** Set when the request carried settings:DeviceInformation (CLIENT-QUIRKS §6.3). */
  readonly deviceInformationStatus?: number;
  readonly policy?: PolicyAnswer;
  readonly remoteWipe?: 'full' | 'account-only';
}

function policyElement(policy: PolicyAnswer): WbxmlElement {
  const children = [element('Provision:PolicyType', policy.policyType), element('Provision:Status', String(policy.status))];
  if (policy.policyKey !== undefined) children.push(element('Provision:PolicyKey', String(policy.policyKey)));
  if (policy.data !== undefined) children.push(element('Provision:Data', policy.data));
  return element('Provision:Policy', children);
}

export function buildProvisionResponse(answer: ProvisionAnswer): WbxmlElement {
  const children: WbxmlElement[] = [];
  if (answer.deviceInformationStatus !== undefined) {
    children.push(element('Settings:DeviceInformation', element('Settings:Status', String(answer.deviceInformationStatus))));
  }
  children.push(element('Provision:Status', String(answer.status)));
  if (answer.policy !== undefined) children.push(element('Provision:Policies', policyElement(answer.policy)));
  if (answer.remoteWipe === 'full') children.push(element('Provision:RemoteWipe'));
  if (answer.remoteWipe === 'account-only') children.push(element('Provision:AccountOnlyRemoteWipe'));
  return element('Provision:Provision', children);
}
