// What one Provision request's flows share: the request context, the dependencies, the device as
// stored when the request arrived, and the DeviceInformation status to echo back.

import type { Device, DeviceKey } from '../../domain/device.js';
import type { CommandDeps } from '../command-deps.js';
import type { CommandContext } from '../registry.js';
import type { ProvisioningSettings } from './provisioning-settings.js';

export interface ProvisionScope {
  readonly ctx: CommandContext;
  readonly deps: CommandDeps;
  readonly settings: ProvisioningSettings;
  /** policyHash() of settings.policy. */
  readonly policyHash: string;
  readonly key: DeviceKey;
  /** Undefined only for AOSP's validation device, which keeps no record. */
  readonly device: Device | undefined;
  readonly now: Date;
  /** settings:Status for the DeviceInformation the request carried, if it carried one. */
  readonly deviceInformationStatus?: number;
}

export function echoDeviceInformation(scope: ProvisionScope): { deviceInformationStatus?: number } {
  return scope.deviceInformationStatus === undefined ? {} : { deviceInformationStatus: scope.deviceInformationStatus };
}
