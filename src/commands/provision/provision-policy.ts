// The two policy phases of MS-ASPROV 3.2.5.1: the initial request gets the policy document and a
// temporary key (the device is then 'pending'); the acknowledgement of exactly that key gets the
// final key and marks the device 'provisioned' with the hash of the policy it accepted. A retried
// acknowledgement whose reply was lost gets the same final key again instead of Status 5.

import type { DevicePolicy } from '../../domain/device.js';
import type { JsonValue } from '../../domain/state-store.js';
import { versionAtLeast } from '../../eas/protocol-version.js';
import { buildEasProvisionDoc, buildWapProvisioningDoc, isPolicyType, POLICY_TYPE_WAP, POLICY_TYPE_WBXML } from './policy-document.js';
import type { PolicyType } from './policy-document.js';
import { newPolicyKey } from './policy-keys.js';
import type { ProvisionRequest } from './provision-request.js';
import type { PolicyAnswer, ProvisionAnswer } from './provision-response.js';
import { POLICY_STATUS, PROVISION_STATUS } from './provision-response.js';
import type { ProvisionScope } from './provision-scope.js';
import { echoDeviceInformation } from './provision-scope.js';

/** Device value remembering the last completed acknowledgement, for replaying it. */
const LAST_ACK_VALUE = 'provision.lastAcknowledgement';

type PolicyRequest = Extract<ProvisionRequest, { kind: 'policy' }>;
type Acknowledgement = Extract<ProvisionRequest, { kind: 'acknowledge' }>;

function answer(scope: ProvisionScope, policy: PolicyAnswer, status: number = PROVISION_STATUS.Success): ProvisionAnswer {
  return { status, ...echoDeviceInformation(scope), policy };
}

function policyData(scope: ProvisionScope, type: PolicyType): PolicyAnswer['data'] {
  return type === POLICY_TYPE_WAP ? buildWapProvisioningDoc(scope.settings.policy) : buildEasProvisionDoc(scope.settings.policy, scope.ctx.protocolVersion);
}

export async function answerPolicyRequest(scope: ProvisionScope, request: PolicyRequest): Promise<ProvisionAnswer> {
  const { policyType } = request;
  if (!isPolicyType(policyType)) return answer(scope, { policyType, status: POLICY_STATUS.UnknownPolicyType });
  // The validation pseudo device keeps no state, so it cannot hold a key (CLIENT-QUIRKS §2.1).
  if (scope.device === undefined) return answer(scope, { policyType, status: POLICY_STATUS.NoPolicy });
  const current = scope.device.policy;
  const temporaryKey = newPolicyKey([current.policyKey, current.temporaryKey]);
  const pending: DevicePolicy = { ...current, state: 'pending', temporaryKey, updatedAt: scope.now };
  await scope.deps.state.devices.update(scope.key, { policy: pending });
  scope.ctx.log.info({ policyType, temporaryKey }, 'policy sent, awaiting acknowledgement');
  return answer(scope, { policyType, status: POLICY_STATUS.Success, policyKey: temporaryKey, data: policyData(scope, policyType) });
}

interface LastAcknowledgement {
  readonly temporaryKey: number;
  readonly policyKey: number;
}

function readLastAcknowledgement(value: JsonValue | undefined): LastAcknowledgement | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const { temporaryKey, policyKey } = value;
  return typeof temporaryKey === 'number' && typeof policyKey === 'number' ? { temporaryKey, policyKey } : undefined;
}

/** The final key again, when this is a retry of an acknowledgement that already completed. */
async function replayedKey(scope: ProvisionScope, temporaryKey: number): Promise<number | undefined> {
  const device = scope.device;
  if (device === undefined || device.policy.state !== 'provisioned') return undefined;
  const last = readLastAcknowledgement(await scope.deps.state.values.getDeviceValue(scope.key, LAST_ACK_VALUE));
  return last !== undefined && last.temporaryKey === temporaryKey && last.policyKey === device.policy.policyKey ? last.policyKey : undefined;
}

export async function answerAcknowledgement(scope: ProvisionScope, request: Acknowledgement): Promise<ProvisionAnswer> {
  const policyType = request.policyType ?? (versionAtLeast(scope.ctx.protocolVersion, '12.0') ? POLICY_TYPE_WBXML : POLICY_TYPE_WAP);
  if (!isPolicyType(policyType)) return answer(scope, { policyType, status: POLICY_STATUS.UnknownPolicyType });
  const sentKey = request.policyKey;
  const wrongKey = answer(scope, { policyType, status: POLICY_STATUS.WrongPolicyKey });
  if (sentKey === undefined || scope.device === undefined) return wrongKey;
  const replay = await replayedKey(scope, sentKey);
  if (replay !== undefined) return answer(scope, { policyType, status: POLICY_STATUS.Success, policyKey: replay });
  if (request.status !== 1 && !scope.settings.allowNonCompliantDevices) {
    scope.ctx.log.info({ complianceStatus: request.status }, 'acknowledgement reports incomplete compliance; refused');
    return { status: PROVISION_STATUS.DeviceNotFullyProvisionable, ...echoDeviceInformation(scope) };
  }
  const policyKey = newPolicyKey([sentKey, scope.device.policy.policyKey]);
  const provisioned: DevicePolicy = { state: 'provisioned', policyKey, temporaryKey: null, policyHash: scope.policyHash, updatedAt: scope.now };
  const after = await scope.deps.state.devices.update(scope.key, (current) =>
    current.policy.state === 'pending' && current.policy.temporaryKey === sentKey ? { policy: provisioned } : undefined,
  );
  if (after?.policy.policyKey !== policyKey) {
    scope.ctx.log.info({ sentKey, pendingKey: after?.policy.temporaryKey ?? null }, 'acknowledgement of a key that is not pending');
    return wrongKey;
  }
  const last: LastAcknowledgement = { temporaryKey: sentKey, policyKey };
  await scope.deps.state.values.setDeviceValue(scope.key, LAST_ACK_VALUE, { ...last });
  scope.ctx.log.info({ policyKey, complianceStatus: request.status }, 'policy acknowledged, device provisioned');
  return answer(scope, { policyType, status: POLICY_STATUS.Success, policyKey });
}
