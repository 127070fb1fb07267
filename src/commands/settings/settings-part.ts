// What a Settings part handler (Oof, DeviceInformation, DevicePassword, UserInformation,
// RightsManagementInformation) is given and returns. MS-ASCMD 2.2.1.18: each part is answered on
// its own with its own Status, so one bad part never spoils the others.
import type { DeviceKey } from '../../domain/device.js';
import type { ProtocolVersion } from '../../eas/protocol-version.js';
import type { WbxmlElement } from '../../eas/wbxml-body.js';
import type { CommandDeps } from '../command-deps.js';
import type { CommandContext } from '../registry.js';

export interface SettingsPartContext {
  readonly ctx: CommandContext;
  readonly deps: CommandDeps;
  /** The requesting device, already recorded in the state store. */
  readonly device: DeviceKey;
}

/**
 * Applies one part of the request and returns what follows its Status in the reply (e.g. [Get]);
 * throws SettingsPartError to answer the part with a failure status.
 */
export type SettingsPartHandler = (part: WbxmlElement, pc: SettingsPartContext) => Promise<WbxmlElement[]>;

export interface SettingsPart {
  /** "Settings:Oof" and so on: the part's element in both request and reply. */
  readonly element: string;
  /** The first protocol version that defines the part (MS-ASCMD "Protocol Versions" tables). */
  readonly minVersion: ProtocolVersion;
  readonly handle: SettingsPartHandler;
}
