// Provision while a remote wipe is in force (MS-ASPROV 3.2.5.1.1, 3.2.5.1.2.2): any request but an
// acknowledgement gets the directive — RemoteWipe, or AccountOnlyRemoteWipe for a 16.1 device
// whose wipe is account-only. The acknowledgement is recorded: success gets Status 1; a reported
// failure gets Status 2 and the directive again, and the wipe stays requested.

import type { DeviceWipe } from '../../domain/device.js';
import type { ProvisionRequest } from './provision-request.js';
import type { ProvisionAnswer } from './provision-response.js';
import { PROVISION_STATUS } from './provision-response.js';
import type { ProvisionScope } from './provision-scope.js';
import { echoDeviceInformation } from './provision-scope.js';

type WipeAcknowledgement = Extract<ProvisionRequest, { kind: 'wipe-acknowledge' }>;

function directive(wipe: DeviceWipe): NonNullable<ProvisionAnswer['remoteWipe']> {
  return wipe.accountOnly ? 'account-only' : 'full';
}

export function answerWithWipeDirective(scope: ProvisionScope, wipe: DeviceWipe): ProvisionAnswer {
  scope.ctx.log.info({ accountOnly: wipe.accountOnly }, 'remote wipe directive sent');
  return { status: PROVISION_STATUS.Success, ...echoDeviceInformation(scope), remoteWipe: directive(wipe) };
}

export async function recordWipeAcknowledgement(scope: ProvisionScope, wipe: DeviceWipe, request: WipeAcknowledgement): Promise<ProvisionAnswer> {
  // Android acknowledges with RemoteWipe/Status whatever it was sent (CLIENT-QUIRKS §2.1), so
  // either element acknowledges either directive.
  if (request.status !== 1) {
    scope.ctx.log.warn({ accountOnly: wipe.accountOnly, acknowledgedAs: request.accountOnly }, 'device reports the remote wipe failed');
    return { status: PROVISION_STATUS.ProtocolError, ...echoDeviceInformation(scope), remoteWipe: directive(wipe) };
  }
  await scope.deps.state.devices.update(scope.key, (current) =>
    current.wipe.state === 'none' ? undefined : { wipe: { ...current.wipe, state: 'acknowledged', acknowledgedAt: scope.now } },
  );
  scope.ctx.log.info({ accountOnly: wipe.accountOnly, acknowledgedAs: request.accountOnly }, 'remote wipe acknowledged');
  return { status: PROVISION_STATUS.Success, ...echoDeviceInformation(scope) };
}
