// The EAS command names a request line can carry (MS-ASHTTP 2.2.1.1.1.2.1), their codes in the
// base64 request line (MS-ASHTTP 2.2.1.1.1.1.2), the protocol versions that define each command
// (MS-ASCMD 2.2.1.x "Protocol Versions") and the top-level element of its WBXML body.
import type { ProtocolVersion } from './protocol-version.js';
import { compareVersions } from './protocol-version.js';

export interface EasCommandSpec {
  /** Command code of the base64 request line. */
  readonly code: number;
  /** Oldest protocol version that has the command. */
  readonly minVersion: ProtocolVersion;
  /** Newest protocol version that has it, when it was withdrawn. */
  readonly maxVersion?: ProtocolVersion;
  /** Qualified name ("Namespace:Tag") of the request and response root element; absent for a command without a WBXML body. */
  readonly root?: string;
}

// MS-ASHTTP's code table skips 5-8 (no supported version has a command there). Find (16.1) is not
// in the revisions of that table we could check; 23, the next code after ValidateCert, is what
// the project's brief names, and a base64 line with an unknown code gets 501 anyway.
const COMMAND_TABLE = {
  Sync: { code: 0, minVersion: '2.5', root: 'AirSync:Sync' },
  SendMail: { code: 1, minVersion: '2.5', root: 'ComposeMail:SendMail' },
  SmartForward: { code: 2, minVersion: '2.5', root: 'ComposeMail:SmartForward' },
  SmartReply: { code: 3, minVersion: '2.5', root: 'ComposeMail:SmartReply' },
  // MS-ASCMD 2.2.1.7: GetAttachment is not supported from 14.0 on (ItemOperations Fetch replaces it);
  // its response is the raw attachment, not WBXML.
  GetAttachment: { code: 4, minVersion: '2.5', maxVersion: '12.1' },
  FolderSync: { code: 9, minVersion: '2.5', root: 'FolderHierarchy:FolderSync' },
  FolderCreate: { code: 10, minVersion: '2.5', root: 'FolderHierarchy:FolderCreate' },
  FolderDelete: { code: 11, minVersion: '2.5', root: 'FolderHierarchy:FolderDelete' },
  FolderUpdate: { code: 12, minVersion: '2.5', root: 'FolderHierarchy:FolderUpdate' },
  MoveItems: { code: 13, minVersion: '2.5', root: 'Move:MoveItems' },
  GetItemEstimate: { code: 14, minVersion: '2.5', root: 'GetItemEstimate:GetItemEstimate' },
  MeetingResponse: { code: 15, minVersion: '2.5', root: 'MeetingResponse:MeetingResponse' },
  Search: { code: 16, minVersion: '2.5', root: 'Search:Search' },
  Settings: { code: 17, minVersion: '12.0', root: 'Settings:Settings' },
  Ping: { code: 18, minVersion: '2.5', root: 'Ping:Ping' },
  ItemOperations: { code: 19, minVersion: '12.0', root: 'ItemOperations:ItemOperations' },
  Provision: { code: 20, minVersion: '2.5', root: 'Provision:Provision' },
  ResolveRecipients: { code: 21, minVersion: '2.5', root: 'ResolveRecipients:ResolveRecipients' },
  ValidateCert: { code: 22, minVersion: '2.5', root: 'ValidateCert:ValidateCert' },
  Find: { code: 23, minVersion: '16.1', root: 'Find:Find' },
} as const satisfies Record<string, EasCommandSpec>;

export type EasCommandName = keyof typeof COMMAND_TABLE;

export const EAS_COMMANDS: Readonly<Record<EasCommandName, EasCommandSpec>> = COMMAND_TABLE;

export const EAS_COMMAND_NAMES: readonly EasCommandName[] = (Object.keys(EAS_COMMANDS) as EasCommandName[]).sort(
  (a, b) => EAS_COMMANDS[a].code - EAS_COMMANDS[b].code,
);

const BY_LOWER_NAME: ReadonlyMap<string, EasCommandName> = new Map(
  EAS_COMMAND_NAMES.map((name) => [name.toLowerCase(), name]),
);

const BY_CODE: ReadonlyMap<number, EasCommandName> = new Map(
  EAS_COMMAND_NAMES.map((name) => [EAS_COMMANDS[name].code, name]),
);

export function commandSpec(name: EasCommandName): EasCommandSpec {
  return EAS_COMMANDS[name];
}

/** The command a plain request line names; the match ignores case because clients differ in spelling. */
export function commandByName(name: string): EasCommandName | undefined {
  return BY_LOWER_NAME.get(name.toLowerCase());
}

export function commandByCode(code: number): EasCommandName | undefined {
  return BY_CODE.get(code);
}

export function commandCode(name: EasCommandName): number {
  return EAS_COMMANDS[name].code;
}

/** Whether the protocol version defines the command at all (MS-ASCMD per-command version tables). */
export function commandExistsIn(name: EasCommandName, version: ProtocolVersion): boolean {
  const spec = EAS_COMMANDS[name];
  if (compareVersions(version, spec.minVersion) < 0) return false;
  return spec.maxVersion === undefined || compareVersions(version, spec.maxVersion) <= 0;
}
