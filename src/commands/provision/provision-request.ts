// Reads a Provision request (MS-ASPROV 2.2.2.44, 3.1.5.1) into what the device is asking for: the
// policy (initial request), its acknowledgement of a temporary key, the acknowledgement of a remote
// wipe, or nothing at all (the empty Provision a device sends after Status 140). Children are
// found by name, not position: iOS 5.0.1 sent a stray Status before PolicyType (CLIENT-QUIRKS §1).
// Anything else malformed is a ProvisionRequestError, answered with Provision Status 2.

import type { WbxmlElement } from '../../eas/wbxml-body.js';
import { isElement, qualifiedName, textContent } from '../../eas/wbxml-body.js';
import { readPolicyKey } from './policy-keys.js';

export class ProvisionRequestError extends Error {
  override readonly name = 'ProvisionRequestError';
}

interface Common {
  /** settings:DeviceInformation as sent (14.1+ initial request). */
  readonly deviceInformation?: WbxmlElement;
}

export type ProvisionRequest =
  | (Common & { readonly kind: 'policy'; readonly policyType: string })
  | (Common & {
      readonly kind: 'acknowledge';
      readonly policyType: string | undefined;
      /** Undefined when the text is not a 32-bit unsigned integer: no key of ours can match it. */
      readonly policyKey: number | undefined;
      /** MS-ASPROV 2.2.2.54.1 request values: 1 applied, 2 partly, 3 not at all, 4 by a third party. */
      readonly status: 1 | 2 | 3 | 4;
    })
  | (Common & { readonly kind: 'wipe-acknowledge'; readonly accountOnly: boolean; readonly status: 1 | 2 })
  | (Common & { readonly kind: 'empty' });

const ROOT_CHILDREN = ['Settings:DeviceInformation', 'Provision:Policies', 'Provision:RemoteWipe', 'Provision:AccountOnlyRemoteWipe'];
const POLICY_CHILDREN = ['Provision:PolicyType', 'Provision:PolicyKey', 'Provision:Status'];

/** Children by qualified name; text between elements must be blank, names outside `allowed` and repeats are errors. */
function childrenOf(parent: WbxmlElement, allowed: readonly string[]): Map<string, WbxmlElement> {
  const found = new Map<string, WbxmlElement>();
  for (const child of parent.children) {
    if (!isElement(child)) {
      if (typeof child === 'string' && child.trim() === '') continue;
      throw new ProvisionRequestError(`${qualifiedName(parent)} holds text where elements belong`);
    }
    const name = qualifiedName(child);
    if (!allowed.includes(name)) throw new ProvisionRequestError(`${name} is not allowed in ${qualifiedName(parent)}`);
    if (found.has(name)) throw new ProvisionRequestError(`${name} appears twice in ${qualifiedName(parent)}`);
    found.set(name, child);
  }
  return found;
}

function leaf(el: WbxmlElement): string {
  if (el.children.some(isElement)) throw new ProvisionRequestError(`${qualifiedName(el)} must hold a value, not elements`);
  return textContent(el).trim();
}

function statusOf<T extends number>(el: WbxmlElement | undefined, allowed: readonly T[], where: string): T {
  if (el === undefined) throw new ProvisionRequestError(`${where} needs a Status`);
  const text = leaf(el);
  const value = allowed.find((candidate) => String(candidate) === text);
  if (value === undefined) throw new ProvisionRequestError(`${where} Status "${text}" is not one of ${allowed.join(', ')}`);
  return value;
}

function readPolicy(policies: WbxmlElement, common: Common): ProvisionRequest {
  const policy = childrenOf(policies, ['Provision:Policy']).get('Provision:Policy');
  if (policy === undefined) throw new ProvisionRequestError('Policies holds no Policy');
  const parts = childrenOf(policy, POLICY_CHILDREN);
  const typeElement = parts.get('Provision:PolicyType');
  const policyType = typeElement === undefined ? undefined : leaf(typeElement);
  const keyElement = parts.get('Provision:PolicyKey');
  const keyText = keyElement === undefined ? '' : leaf(keyElement);
  // A key of 0 is "none" (MS-ASPROV 3.1.5.1.1), so such a Policy is an initial request, as is one
  // whose only extra is the stray Status of iOS 5.0.1.
  if (keyText === '' || keyText === '0') {
    if (policyType === undefined || policyType === '') throw new ProvisionRequestError('the policy request names no PolicyType');
    return { ...common, kind: 'policy', policyType };
  }
  const status = statusOf(parts.get('Provision:Status'), [1, 2, 3, 4] as const, 'the policy acknowledgement');
  return { ...common, kind: 'acknowledge', policyType: policyType === '' ? undefined : policyType, policyKey: readPolicyKey(keyText), status };
}

function readWipeAcknowledgement(wipe: WbxmlElement, accountOnly: boolean, common: Common): ProvisionRequest {
  const status = statusOf(childrenOf(wipe, ['Provision:Status']).get('Provision:Status'), [1, 2] as const, qualifiedName(wipe));
  return { ...common, kind: 'wipe-acknowledge', accountOnly, status };
}

/** `root` undefined stands for an empty HTTP body, read like an empty Provision element. */
export function readProvisionRequest(root: WbxmlElement | undefined): ProvisionRequest {
  if (root === undefined) return { kind: 'empty' };
  const parts = childrenOf(root, ROOT_CHILDREN);
  const info = parts.get('Settings:DeviceInformation');
  const common: Common = info === undefined ? {} : { deviceInformation: info };
  const wipe = parts.get('Provision:RemoteWipe');
  const accountOnlyWipe = parts.get('Provision:AccountOnlyRemoteWipe');
  if (wipe !== undefined && accountOnlyWipe !== undefined) throw new ProvisionRequestError('RemoteWipe and AccountOnlyRemoteWipe together');
  if (wipe !== undefined) return readWipeAcknowledgement(wipe, false, common);
  if (accountOnlyWipe !== undefined) return readWipeAcknowledgement(accountOnlyWipe, true, common);
  const policies = parts.get('Provision:Policies');
  return policies === undefined ? { ...common, kind: 'empty' } : readPolicy(policies, common);
}
