// The two-phase Provision of MS-ASPROV 3.1.5.1: ask for the policy (getting a temporary key),
// acknowledge it with Status 1 under that key, and keep the final key the server returns. A
// remote-wipe directive is reported, never acknowledged: this client is a diagnostic device.

import type { WbxmlElement } from '../wbxml/index.js';
import type { ProtocolVersion } from '../eas/protocol-version.js';
import { EasClientError } from './client-errors.js';
import type { EasResponse } from './client-types.js';
import { buildProvisionAcknowledgement, buildProvisionRequest, policyTypeFor, type DeviceInformation } from './request-builders.js';
import { readProvisionReply, type ProvisionReply } from './response-readers.js';

export interface ProvisioningPort {
  version: ProtocolVersion;
  deviceInformation: DeviceInformation;
  /** Sends a Provision body; policyKey undefined means "as an unprovisioned device". */
  send(body: WbxmlElement, policyKey?: string): Promise<EasResponse>;
}

export interface ProvisionOutcome {
  /** Final key; undefined when the server has no policy for this device (Policy Status 2). */
  policyKey: string | undefined;
  temporaryPolicyKey?: string;
  policyType: string;
  /** The initial reply carried policy settings (Data). */
  policyDataReceived: boolean;
  /** Settings:DeviceInformation/Status echoed by a 14.1+ server. */
  deviceInformationStatus?: number;
  /** Round trips: 1 when there was no policy to acknowledge, else 2. */
  phases: 1 | 2;
  durationMs: number;
}

/** MS-ASPROV 2.2.2.54.2 Provision Status, plus the 16.1 addition. */
const PROVISION_STATUS_TEXT: Readonly<Record<number, string>> = {
  2: 'protocol error',
  3: 'general server error',
  139: 'device cannot be fully provisioned',
  141: 'legacy device on a strict policy',
  165: 'DeviceInformation required',
};

/** MS-ASPROV 2.2.2.54.1 Policy Status in responses. */
const POLICY_STATUS_TEXT: Readonly<Record<number, string>> = {
  2: 'no policy for this client',
  3: 'unknown PolicyType',
  4: 'policy data corrupted on the server',
  5: 'client acknowledged the wrong policy key',
};

function readReply(phase: string, response: EasResponse): ProvisionReply {
  if (response.status !== 200) {
    throw new EasClientError('provisioning', `Provision (${phase}) answered HTTP ${response.status}`, { httpStatus: response.status });
  }
  if (response.body === undefined) {
    throw new EasClientError('bad-response', `Provision (${phase}) answered without a WBXML body`, { httpStatus: 200 });
  }
  const reply = readProvisionReply(response.body);
  if (reply.remoteWipe) {
    throw new EasClientError('remote-wipe', `Provision (${phase}): server sent a remote-wipe directive; not acknowledged`, { httpStatus: 200 });
  }
  if (reply.status !== 1) {
    const text = reply.status === undefined ? 'no Status' : `Status ${reply.status} ${PROVISION_STATUS_TEXT[reply.status] ?? ''}`.trim();
    throw new EasClientError('provisioning', `Provision (${phase}) failed: ${text}`, { httpStatus: 200 });
  }
  return reply;
}

function policyFailure(phase: string, reply: ProvisionReply): EasClientError {
  const status = reply.policyStatus;
  const text = status === undefined ? 'no Policy/Status' : `Policy Status ${status} ${POLICY_STATUS_TEXT[status] ?? ''}`.trim();
  return new EasClientError('provisioning', `Provision (${phase}): ${text}${reply.policyKey === undefined ? ', no PolicyKey' : ''}`, { httpStatus: 200 });
}

export async function runProvisioning(port: ProvisioningPort): Promise<ProvisionOutcome> {
  const started = performance.now();
  const policyType = policyTypeFor(port.version);
  const initial = readReply('initial', await port.send(buildProvisionRequest(port.version, port.deviceInformation)));
  const common = {
    policyType,
    policyDataReceived: initial.hasPolicyData,
    ...(initial.deviceInformationStatus === undefined ? {} : { deviceInformationStatus: initial.deviceInformationStatus }),
  };
  if (initial.policyStatus === 2) {
    return { ...common, policyKey: undefined, phases: 1, durationMs: performance.now() - started };
  }
  if (initial.policyStatus !== 1 || initial.policyKey === undefined || initial.policyKey === '') throw policyFailure('initial', initial);
  const temporaryPolicyKey = initial.policyKey;
  const ack = readReply('acknowledgement',
    await port.send(buildProvisionAcknowledgement(port.version, temporaryPolicyKey), temporaryPolicyKey));
  if (ack.policyStatus !== 1 || ack.policyKey === undefined || ack.policyKey === '') throw policyFailure('acknowledgement', ack);
  return { ...common, policyKey: ack.policyKey, temporaryPolicyKey, phases: 2, durationMs: performance.now() - started };
}
