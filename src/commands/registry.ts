// The command registry: what a command module declares (name, the versions it serves, whether the
// device must be provisioned, its handler), the context and request a handler receives, the
// results it may return, and the registry the HTTP front dispatches through and lists in
// MS-ASProtocolCommands. Provisioning itself is decided by a PolicyGate that a later module
// supplies; until then the default gate lets every request through.
import type { Logger } from 'pino';
import type { AuthenticatedUser } from '../domain/authenticator.js';
import type { EasCommandName } from '../eas/commands.js';
import { EAS_COMMAND_NAMES, commandByName, commandSpec } from '../eas/commands.js';
import type { ProtocolVersion } from '../eas/protocol-version.js';
import { LATEST_PROTOCOL_VERSION, compareVersions } from '../eas/protocol-version.js';
import type { RequestLineParams } from '../eas/request-line.js';
import type { WbxmlElement } from '../eas/wbxml-body.js';

/** Everything a handler knows about the request besides its body. */
export interface CommandContext {
  readonly requestId: string;
  readonly command: EasCommandName;
  readonly user: AuthenticatedUser;
  /** Lower-cased (CLIENT-QUIRKS §6.1). */
  readonly deviceId: string;
  readonly deviceType: string;
  readonly userAgent?: string;
  readonly protocolVersion: ProtocolVersion;
  /** From X-MS-PolicyKey or the base64 line; absent when the client sent none. */
  readonly policyKey?: number;
  /** Request-line parameters; acceptMultiPart also reflects the MS-ASAcceptMultiPart header. */
  readonly params: RequestLineParams;
  /** Child logger carrying request id, user, device and command. */
  readonly log: Logger;
  /** Aborted when the client goes away before the answer is sent, or by `abort`. */
  readonly signal: AbortSignal;
  /** Aborts `signal` (a newer request of the device took over: HeldRequests); the HTTP front's contexts have it. */
  abort?(reason: unknown): void;
}

export type CommandRequest =
  | { readonly kind: 'empty' }
  | { readonly kind: 'wbxml'; readonly root: WbxmlElement }
  /** A non-WBXML body, e.g. the message/rfc822 of SendMail before 14.0 (CLIENT-QUIRKS §6.2). */
  | { readonly kind: 'raw'; readonly contentType: string; readonly bytes: Uint8Array };

type ExtraHeaders = { readonly headers?: Readonly<Record<string, string>> };

export type CommandResult =
  | ({ readonly kind: 'wbxml'; readonly root: WbxmlElement } & ExtraHeaders)
  /** 200 with no body: e.g. "no changes" for a 14.0+ Sync (CLIENT-QUIRKS §1, §4). */
  | ({ readonly kind: 'empty' } & ExtraHeaders)
  | ({ readonly kind: 'raw'; readonly contentType: string; readonly body: Uint8Array } & ExtraHeaders)
  /** A bare HTTP status, e.g. 449 before 14.0. */
  | ({ readonly kind: 'http-status'; readonly httpStatus: number } & ExtraHeaders);

export const CommandResults = {
  wbxml: (root: WbxmlElement): CommandResult => ({ kind: 'wbxml', root }),
  empty: (): CommandResult => ({ kind: 'empty' }),
  raw: (contentType: string, body: Uint8Array): CommandResult => ({ kind: 'raw', contentType, body }),
  httpStatus: (httpStatus: number): CommandResult => ({ kind: 'http-status', httpStatus }),
} as const;

export interface CommandDefinition {
  readonly name: EasCommandName;
  readonly minVersion: ProtocolVersion;
  /** Newest version served; defaults to the last version MS-ASCMD defines the command in. */
  readonly maxVersion?: ProtocolVersion;
  /** Whether the PolicyGate must admit the device first (MS-ASPROV). */
  readonly needsProvisioning: boolean;
  /** Whether a non-WBXML body (message/rfc822) is acceptable. */
  readonly acceptsRawBody?: boolean;
  handle(ctx: CommandContext, request: CommandRequest): Promise<CommandResult>;
}

/** The facts about the device a PolicyGate decides on: a slice of the request's context. */
export type PolicyGateInput = Pick<
  CommandContext,
  'command' | 'user' | 'deviceId' | 'deviceType' | 'userAgent' | 'protocolVersion' | 'policyKey'
>;

export type PolicyDecision =
  | { readonly allowed: true }
  /** `status` is 140-144 (MS-ASCMD 2.2.2); `httpStatus` forces e.g. 449 whatever the version. */
  | { readonly allowed: false; readonly status: number; readonly httpStatus?: number };

/** Decides whether a device may run a command that needs provisioning. */
export interface PolicyGate {
  check(input: PolicyGateInput): Promise<PolicyDecision>;
}

export const ALLOW_ALL_POLICY_GATE: PolicyGate = Object.freeze({
  check: async (): Promise<PolicyDecision> => ({ allowed: true }),
});

export class CommandRegistry {
  private readonly byName = new Map<EasCommandName, CommandDefinition>();

  register(definition: CommandDefinition): this {
    if (this.byName.has(definition.name)) throw new Error(`command ${definition.name} is already registered`);
    if (compareVersions(definition.minVersion, this.maxVersionOf(definition)) > 0) {
      throw new Error(`command ${definition.name}: minVersion ${definition.minVersion} is newer than its maxVersion`);
    }
    this.byName.set(definition.name, definition);
    return this;
  }

  /** Looks a command up by name, ignoring case as request lines do. */
  get(name: string): CommandDefinition | undefined {
    const command = commandByName(name);
    return command === undefined ? undefined : this.byName.get(command);
  }

  /** Registered command names in command-code order, for MS-ASProtocolCommands. */
  names(): EasCommandName[] {
    return EAS_COMMAND_NAMES.filter((name) => this.byName.has(name));
  }

  /** Whether a registered command serves this protocol version. */
  offers(name: EasCommandName, version: ProtocolVersion): boolean {
    const definition = this.byName.get(name);
    if (definition === undefined) return false;
    return (
      compareVersions(version, definition.minVersion) >= 0 && compareVersions(version, this.maxVersionOf(definition)) <= 0
    );
  }

  /** The commands a client speaking this version can use. */
  namesFor(version: ProtocolVersion): EasCommandName[] {
    return this.names().filter((name) => this.offers(name, version));
  }

  private maxVersionOf(definition: CommandDefinition): ProtocolVersion {
    return definition.maxVersion ?? commandSpec(definition.name).maxVersion ?? LATEST_PROTOCOL_VERSION;
  }
}
