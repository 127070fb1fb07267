// The HTTP front's inputs (what the composition root passes to createHttpServer) and the
// per-request state the EAS pipeline fills in as it learns more, so the error boundary can say
// who and what a failure concerned.
import type { Logger } from 'pino';
import type { DeviceAdmission } from '../commands/device-admission.js';
import type { CommandRegistry, PolicyGate } from '../commands/registry.js';
import type { AuthenticatedUser, Authenticator } from '../domain/authenticator.js';
import type { EasCommandName } from '../eas/commands.js';
import type { ProtocolVersion } from '../eas/protocol-version.js';

export interface HttpSettings {
  /** Versions listed in MS-ASProtocolVersions and accepted on requests. */
  readonly advertisedVersions: readonly ProtocolVersion[];
  /** Public base URL (e.g. https://mail.example.com) for Autodiscover; derived from Host when absent. */
  readonly externalUrl?: string;
  /** Largest request body accepted; a larger one gets 413. */
  readonly maxBodyBytes: number;
  /** Trust X-Forwarded-* from a reverse proxy (Fastify's trustProxy). */
  readonly trustProxy?: boolean;
}

export interface HttpServerDeps {
  readonly authenticator: Authenticator;
  readonly commands: CommandRegistry;
  readonly logger: Logger;
  readonly settings: HttpSettings;
  /** Admits devices to commands that need provisioning; everyone is admitted when absent. */
  readonly policyGate?: PolicyGate;
  /** Records every authenticated device and refuses blocked ones; no bookkeeping when absent. */
  readonly deviceAdmission?: DeviceAdmission;
}

export interface AuthenticatedRequest {
  readonly login: string;
  readonly user: AuthenticatedUser;
}

/** Filled in step by step while a POST is processed. */
export interface EasRequestState {
  readonly requestId: string;
  readonly login: string;
  readonly user: AuthenticatedUser;
  command?: EasCommandName;
  deviceId?: string;
  deviceType?: string;
  version?: ProtocolVersion;
}

/** A client mistake answered with a bare HTTP status (401, 403, 413, ...). */
export class HttpClientError extends Error {
  override readonly name = 'HttpClientError';
  constructor(
    readonly httpStatus: number,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}
