// The registry's PolicyGate backed by the state store: reads the device, applies the decision
// table (policy-decision.ts) and says how a refusal goes on the wire. Before 14.0 the front turns
// 140-144 into HTTP 449 itself; device types listed in legacy449DeviceTypes get 449 on 14.0+ too
// (CLIENT-QUIRKS §6.3). A device found holding a superseded policy is marked 'policy-changed', so
// the admin's device list shows why it is being asked to provision again.

import { deviceKey } from '../../domain/device.js';
import type { StateStore } from '../../domain/state-store.js';
import { EAS_STATUS } from '../../eas/status.js';
import type { PolicyDecision, PolicyGate, PolicyGateInput } from '../registry.js';
import { isValidationDevice } from '../device-admission.js';
import { GATE_STATUS, decidePolicy } from './policy-decision.js';
import { policyHash } from './policy-document.js';
import type { ProvisioningSettings } from './provisioning-settings.js';
import { listIncludes } from './provisioning-settings.js';

/** What provisioning demands look like to a device that only understands HTTP (MS-ASHTTP 2.2.2.1.1). */
const NEEDS_PROVISIONING_HTTP_STATUS = 449;

export interface PolicyGateDeps {
  readonly state: StateStore;
  readonly settings: ProvisioningSettings;
  /** Milliseconds since the epoch. */
  readonly clock: () => number;
}

export function createPolicyGate(deps: PolicyGateDeps): PolicyGate {
  const currentPolicyHash = policyHash(deps.settings.policy);
  return {
    async check(input: PolicyGateInput): Promise<PolicyDecision> {
      const key = deviceKey(input.user.username, input.deviceId);
      const device = isValidationDevice(input.deviceId) ? undefined : await deps.state.devices.get(key);
      const verdict = decidePolicy({ ...input, device, settings: deps.settings, currentPolicyHash });
      switch (verdict.kind) {
        case 'allow':
          return { allowed: true };
        case 'forbid':
          return { allowed: false, status: EAS_STATUS.DeviceIsBlockedForThisUser, httpStatus: 403 };
        case 'deny':
          break;
      }
      if (verdict.status === GATE_STATUS.PolicyRefresh && device?.policy.state === 'provisioned') {
        await deps.state.devices.update(key, (current) =>
          current.policy.state === 'provisioned' && current.policy.policyHash !== currentPolicyHash
            ? { policy: { ...current.policy, state: 'policy-changed', updatedAt: new Date(deps.clock()) } }
            : undefined,
        );
      }
      const forceHttp = listIncludes(deps.settings.legacy449DeviceTypes, input.deviceType);
      return { allowed: false, status: verdict.status, ...(forceHttp ? { httpStatus: NEEDS_PROVISIONING_HTTP_STATUS } : {}) };
    },
  };
}
