// The context an EAS command handler receives, built by the HTTP front from the request line, the
// headers and the authenticated user. It outlives the request's parsing: a held Ping keeps it for
// its whole heartbeat, so it holds only the facts a handler reads (never the parsed line, headers
// or body) and makes its child logger on the first line logged, which most held Pings never write.
import type { FastifyReply } from 'fastify';
import type { Logger } from 'pino';
import type { CommandContext } from '../commands/registry.js';
import type { AuthenticatedUser } from '../domain/authenticator.js';
import type { EasCommandName } from '../eas/commands.js';
import type { EasRequestHeaders } from '../eas/headers.js';
import type { ProtocolVersion } from '../eas/protocol-version.js';
import type { EasRequestLine, RequestLineParams } from '../eas/request-line.js';
import { requestLogger } from '../observability/logger.js';

/** Who and what the request is, once the request line and version are settled. */
export interface KnownRequest {
  readonly requestId: string;
  readonly user: AuthenticatedUser;
  readonly command: EasCommandName;
  readonly deviceId: string;
  readonly deviceType: string;
  readonly version: ProtocolVersion;
}

class EasCommandContext implements CommandContext {
  readonly requestId: string;
  readonly command: EasCommandName;
  readonly user: AuthenticatedUser;
  readonly deviceId: string;
  readonly deviceType: string;
  declare readonly userAgent?: string;
  readonly protocolVersion: ProtocolVersion;
  declare readonly policyKey?: number;
  readonly params: RequestLineParams;
  private childLog: Logger | undefined;

  constructor(
    private readonly baseLog: Logger,
    known: KnownRequest,
    line: EasRequestLine,
    headers: EasRequestHeaders,
    private readonly controller: AbortController,
  ) {
    this.requestId = known.requestId;
    this.command = known.command;
    this.user = known.user;
    this.deviceId = known.deviceId;
    this.deviceType = known.deviceType;
    if (headers.userAgent !== undefined) this.userAgent = headers.userAgent;
    this.protocolVersion = known.version;
    const policyKey = line.policyKey ?? headers.policyKey;
    if (policyKey !== undefined) this.policyKey = policyKey;
    this.params = { ...line.params, acceptMultiPart: line.params.acceptMultiPart ?? headers.acceptMultiPart };
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  abort(reason: unknown): void {
    this.controller.abort(reason);
  }

  get log(): Logger {
    this.childLog ??= requestLogger(this.baseLog, {
      requestId: this.requestId,
      user: this.user.username,
      deviceId: this.deviceId,
      deviceType: this.deviceType,
      command: this.command,
    });
    return this.childLog;
  }
}

/** Aborts when the client closes the connection before the whole answer was written. */
function abortControllerFor(reply: FastifyReply): AbortController {
  const controller = new AbortController();
  const raw = reply.raw;
  raw.once('close', () => {
    if (!raw.writableFinished) controller.abort(new Error('client closed the connection'));
  });
  return controller;
}

export function buildCommandContext(
  log: Logger,
  reply: FastifyReply,
  known: KnownRequest,
  line: EasRequestLine,
  headers: EasRequestHeaders,
): CommandContext {
  return new EasCommandContext(log, known, line, headers, abortControllerFor(reply));
}
