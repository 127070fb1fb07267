// The Settings command (MS-ASCMD 2.2.1.18): a request names one or more parts (Oof,
// DeviceInformation, DevicePassword, UserInformation, RightsManagementInformation); each is
// answered on its own with its own Status, in request order, after the command's Status.
//
// needsProvisioning is true: MS-ASCMD 3.1.5.2 says a provisionable client sends DeviceInformation
// "as soon as possible after the client has been provisioned" and only a non-provisionable one
// before. iOS sending Settings first (CLIENT-QUIRKS §7 row 2) gets 449/142, provisions (with
// DeviceInformation inside Provision from 14.1, MS-ASPROV 2.2.2.53) and sends Settings again.
// Devices the configuration exempts from provisioning pass the gate and may send it at once.
import type { DeviceKey } from '../../domain/device.js';
import { deviceKey } from '../../domain/device.js';
import { versionAtLeast } from '../../eas/protocol-version.js';
import type { WbxmlElement } from '../../eas/wbxml-body.js';
import { element, isElement, qualifiedName } from '../../eas/wbxml-body.js';
import type { CommandDeps } from '../command-deps.js';
import { isValidationDevice } from '../device-admission.js';
import type { CommandContext, CommandDefinition, CommandRequest, CommandResult } from '../registry.js';
import { CommandResults } from '../registry.js';
import { setDeviceInformation } from './device-information.js';
import { setDevicePassword } from './device-password.js';
import { handleOof } from './oof.js';
import { getRightsManagementInformation } from './rights-management.js';
import type { SettingsPart, SettingsPartContext } from './settings-part.js';
import { SETTINGS_STATUS, SettingsPartError } from './settings-status.js';
import { getUserInformation } from './user-information.js';

/** Every part the command knows, with the version that introduced it (MS-ASCMD 2.2.3.x tables). */
export const SETTINGS_PARTS: readonly SettingsPart[] = [
  { element: 'Settings:Oof', minVersion: '12.0', handle: handleOof },
  { element: 'Settings:DeviceInformation', minVersion: '12.0', handle: setDeviceInformation },
  { element: 'Settings:DevicePassword', minVersion: '12.0', handle: setDevicePassword },
  { element: 'Settings:UserInformation', minVersion: '12.0', handle: getUserInformation },
  { element: 'Settings:RightsManagementInformation', minVersion: '14.1', handle: getRightsManagementInformation },
];

const PART_BY_ELEMENT: ReadonlyMap<string, SettingsPart> = new Map(SETTINGS_PARTS.map((part) => [part.element, part]));

function settingsReply(status: number, parts: WbxmlElement[] = []): CommandResult {
  return CommandResults.wbxml(element('Settings:Settings', [element('Settings:Status', String(status)), ...parts]));
}

/** The request's parts, or undefined when the request as a whole is malformed (top-level Status 2). */
function requestParts(request: CommandRequest): WbxmlElement[] | undefined {
  if (request.kind !== 'wbxml') return undefined;
  const parts: WbxmlElement[] = [];
  const seen = new Set<string>();
  for (const child of request.root.children) {
    if (typeof child === 'string' && child.trim() === '') continue;
    if (!isElement(child)) return undefined;
    const name = qualifiedName(child);
    // SettingsRequest.xsd: every part at most once; anything else at the top level is not a part.
    if (!PART_BY_ELEMENT.has(name) || seen.has(name)) return undefined;
    seen.add(name);
    parts.push(child);
  }
  return parts.length === 0 ? undefined : parts;
}

async function answerPart(part: WbxmlElement, pc: SettingsPartContext): Promise<WbxmlElement> {
  const name = qualifiedName(part);
  const spec = PART_BY_ELEMENT.get(name) as SettingsPart;
  let status: number = SETTINGS_STATUS.Success;
  let rest: WbxmlElement[] = [];
  if (!versionAtLeast(pc.ctx.protocolVersion, spec.minVersion)) {
    status = SETTINGS_STATUS.ProtocolError;
    pc.ctx.log.info({ part: name, version: pc.ctx.protocolVersion }, 'Settings part not defined in this protocol version');
  } else {
    try {
      rest = await spec.handle(part, pc);
    } catch (error) {
      if (!(error instanceof SettingsPartError)) throw error;
      status = error.status;
      pc.ctx.log.info({ part: name, status, reason: error.message }, 'Settings part refused');
    }
  }
  return element(name, [element('Settings:Status', String(status)), ...rest]);
}

async function handleSettings(deps: CommandDeps, ctx: CommandContext, request: CommandRequest): Promise<CommandResult> {
  const parts = requestParts(request);
  if (parts === undefined) {
    ctx.log.info('Settings request names no parts or is malformed');
    return settingsReply(SETTINGS_STATUS.ProtocolError);
  }
  try {
    // The front's device admission records the device before any command; recording again here
    // keeps DeviceInformation and DevicePassword storable when the handler runs on its own. AOSP's
    // throw-away "validate" device is never recorded (CLIENT-QUIRKS §2.1).
    if (!isValidationDevice(ctx.deviceId)) {
      await deps.state.devices.record({
        user: ctx.user.username,
        deviceId: ctx.deviceId,
        deviceType: ctx.deviceType,
        userAgent: ctx.userAgent ?? null,
        protocolVersion: ctx.protocolVersion,
      });
    }
    const device: DeviceKey = deviceKey(ctx.user.username, ctx.deviceId);
    const pc: SettingsPartContext = { ctx, deps, device };
    const answers: WbxmlElement[] = [];
    for (const part of parts) answers.push(await answerPart(part, pc));
    return settingsReply(SETTINGS_STATUS.Success, answers);
  } catch (error) {
    // A store failure is the server's problem: Status 4 tells the client to retry later, where
    // an HTTP 500 would make iOS distrust its cache (CLIENT-QUIRKS §1).
    ctx.log.error({ err: error }, 'Settings failed');
    return settingsReply(SETTINGS_STATUS.ServerUnavailable);
  }
}

export function createSettingsCommand(deps: CommandDeps): CommandDefinition {
  return {
    name: 'Settings',
    minVersion: '12.0',
    needsProvisioning: true,
    handle: (ctx, request) => handleSettings(deps, ctx, request),
  };
}
