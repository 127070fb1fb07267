// The Provision command (MS-ASPROV): reads the request, stores the DeviceInformation a 14.1+
// device sends with it, then answers by what the device asked for and what is ordered for it —
// the remote wipe first, then the policy phases. It never needs a policy key itself. A request
// that cannot be understood is answered with Provision Status 2, never with an HTTP error.

import type { Device } from '../../domain/device.js';
import { deviceKey } from '../../domain/device.js';
import { versionAtLeast } from '../../eas/protocol-version.js';
import type { WbxmlElement } from '../../eas/wbxml-body.js';
import type { CommandDeps } from '../command-deps.js';
import { isValidationDevice } from '../device-admission.js';
import type { CommandContext, CommandDefinition, CommandRequest, CommandResult } from '../registry.js';
import { CommandResults } from '../registry.js';
import { parseDeviceInformation } from '../settings/device-information.js';
import { SettingsPartError } from '../settings/settings-status.js';
import { policyHash } from './policy-document.js';
import type { ProvisioningSettings } from './provisioning-settings.js';
import { DEFAULT_PROVISIONING_SETTINGS } from './provisioning-settings.js';
import { answerAcknowledgement, answerPolicyRequest } from './provision-policy.js';
import type { ProvisionRequest } from './provision-request.js';
import { ProvisionRequestError, readProvisionRequest } from './provision-request.js';
import type { ProvisionAnswer } from './provision-response.js';
import { buildProvisionResponse, PROVISION_STATUS } from './provision-response.js';
import type { ProvisionScope } from './provision-scope.js';
import { echoDeviceInformation } from './provision-scope.js';
import { wipeDeliverable, wipeInForce } from './remote-wipe.js';
import { answerWithWipeDirective, recordWipeAcknowledgement } from './provision-wipe.js';

/** MS-ASPROV 2.2.2.53: 14.1+ send DeviceInformation inside the initial Provision. */
const DEVICE_INFORMATION_REQUIRED_FROM = '16.1';
/** MS-ASCMD 2.2.3.177.15 values used for settings:DeviceInformation/settings:Status. */
const DEVICE_INFORMATION_STORED = 1;

interface Shared {
  readonly deps: CommandDeps;
  readonly settings: ProvisioningSettings;
  readonly policyHash: string;
}

/** Stores the DeviceInformation, merged over what is stored; resolves to its settings:Status. */
async function storeDeviceInformation(scope: Omit<ProvisionScope, 'deviceInformationStatus'>, info: WbxmlElement): Promise<number> {
  try {
    const parsed = parseDeviceInformation(info);
    if (scope.device !== undefined) {
      await scope.deps.state.devices.update(scope.key, (current) => ({ information: { ...current.information, ...parsed } }));
    }
    return DEVICE_INFORMATION_STORED;
  } catch (error) {
    if (!(error instanceof SettingsPartError)) throw error;
    scope.ctx.log.info({ reason: error.message }, 'DeviceInformation in Provision refused');
    return error.status;
  }
}

async function openScope(shared: Shared, ctx: CommandContext, request: ProvisionRequest): Promise<ProvisionScope> {
  const { state } = shared.deps;
  const key = deviceKey(ctx.user.username, ctx.deviceId);
  let device: Device | undefined;
  if (!isValidationDevice(ctx.deviceId)) {
    // Admission records every device; a command set run without it (tools, tests) records here.
    device = (await state.devices.get(key)) ?? (await state.devices.record({ user: key.user, deviceId: key.deviceId, deviceType: ctx.deviceType }));
  }
  const base = { ...shared, ctx, key, device, now: new Date(shared.deps.clock()) };
  if (request.deviceInformation === undefined) return base;
  return { ...base, deviceInformationStatus: await storeDeviceInformation(base, request.deviceInformation) };
}

async function answerFor(scope: ProvisionScope, request: ProvisionRequest): Promise<ProvisionAnswer | 'forbidden'> {
  const wipe = scope.device?.wipe;
  if (wipe !== undefined && wipeInForce(wipe)) {
    if (!wipeDeliverable(wipe, scope.ctx.protocolVersion)) return 'forbidden';
    return request.kind === 'wipe-acknowledge' ? recordWipeAcknowledgement(scope, wipe, request) : answerWithWipeDirective(scope, wipe);
  }
  switch (request.kind) {
    case 'policy': {
      const needsInformation = scope.settings.requireDeviceInformation && versionAtLeast(scope.ctx.protocolVersion, DEVICE_INFORMATION_REQUIRED_FROM);
      if (needsInformation && request.deviceInformation === undefined) {
        return { status: PROVISION_STATUS.DeviceInformationRequired };
      }
      return answerPolicyRequest(scope, request);
    }
    case 'acknowledge':
      return answerAcknowledgement(scope, request);
    case 'wipe-acknowledge':
    case 'empty':
      // Nothing was ordered that this could answer.
      return { status: PROVISION_STATUS.ProtocolError, ...echoDeviceInformation(scope) };
  }
}

async function handleProvision(shared: Shared, ctx: CommandContext, body: CommandRequest): Promise<CommandResult> {
  let request: ProvisionRequest;
  try {
    request = readProvisionRequest(body.kind === 'wbxml' ? body.root : undefined);
  } catch (error) {
    if (!(error instanceof ProvisionRequestError)) throw error;
    ctx.log.info({ reason: error.message }, 'malformed Provision request');
    return CommandResults.wbxml(buildProvisionResponse({ status: PROVISION_STATUS.ProtocolError }));
  }
  const scope = await openScope(shared, ctx, request);
  const answer = await answerFor(scope, request);
  if (answer === 'forbidden') {
    ctx.log.info('account-only remote wipe ordered for a device older than 16.1; refused');
    return CommandResults.httpStatus(403);
  }
  return CommandResults.wbxml(buildProvisionResponse(answer));
}

export function createProvisionCommand(deps: CommandDeps): CommandDefinition {
  const settings = deps.provisioning ?? DEFAULT_PROVISIONING_SETTINGS;
  const shared: Shared = { deps, settings, policyHash: policyHash(settings.policy) };
  return {
    name: 'Provision',
    minVersion: '2.5',
    needsProvisioning: false,
    handle: (ctx, request) => handleProvision(shared, ctx, request),
  };
}
