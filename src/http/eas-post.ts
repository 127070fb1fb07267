// One EAS command request, from an authenticated POST to the command's answer: read the request
// line and headers, settle the protocol version, find the command, let the PolicyGate decide,
// decode the body and run the handler (MS-ASHTTP 3.2.5.1).
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { DeviceAdmission } from '../commands/device-admission.js';
import type { CommandContext, CommandDefinition, CommandRequest, PolicyGate, PolicyGateInput } from '../commands/registry.js';
import { ALLOW_ALL_POLICY_GATE } from '../commands/registry.js';
import { commandSpec } from '../eas/commands.js';
import type { EasRequestHeaders } from '../eas/headers.js';
import { RFC822_CONTENT_TYPE, parseRequestHeaders } from '../eas/headers.js';
import type { ProtocolVersion } from '../eas/protocol-version.js';
import { parseProtocolVersion } from '../eas/protocol-version.js';
import { EasRequestError } from '../eas/request-error.js';
import type { EasRequestLine } from '../eas/request-line.js';
import { parseRequestLine } from '../eas/request-line.js';
import { EasStatusError } from '../eas/status.js';
import { decodeEasBody } from '../eas/wbxml-body.js';
import { requestUserMatches } from './basic-auth.js';
import { buildCommandContext } from './command-context.js';
import { sendCommandResult, sendEasError } from './eas-reply.js';
import type { AuthenticatedRequest, EasRequestState, HttpServerDeps } from './http-types.js';
import { HttpClientError } from './http-types.js';

function rawQuery(url: string): string {
  const at = url.indexOf('?');
  return at === -1 ? '' : url.slice(at + 1);
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The version of this request: the base64 line's own byte, else the MS-ASProtocolVersion header,
 * which the plain form requires (MS-ASHTTP 2.2.1.1.2.6). It must be one the server advertises.
 */
function resolveVersion(
  line: EasRequestLine,
  headers: EasRequestHeaders,
  advertised: readonly ProtocolVersion[],
): ProtocolVersion {
  let version = line.protocolVersion;
  if (version === undefined) {
    if (headers.protocolVersion === undefined) throw new EasRequestError('malformed', 'MS-ASProtocolVersion header is missing');
    version = parseProtocolVersion(headers.protocolVersion);
  }
  if (version === undefined || !advertised.includes(version)) {
    throw new EasRequestError('unsupported-version', `protocol version ${version ?? headers.protocolVersion} is not offered`);
  }
  return version;
}

function mediaType(request: FastifyRequest): string {
  return (header(request, 'content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

function readCommandRequest(request: FastifyRequest, definition: CommandDefinition, maxBodyBytes: number): CommandRequest {
  const body = request.body;
  if (!(body instanceof Uint8Array) || body.length === 0) return { kind: 'empty' };
  const type = mediaType(request);
  if (type === RFC822_CONTENT_TYPE) {
    if (definition.acceptsRawBody === true) return { kind: 'raw', contentType: type, bytes: body };
    throw new EasStatusError(101, { message: `InvalidContent: ${definition.name} does not take a ${type} body` });
  }
  return { kind: 'wbxml', root: decodeEasBody(body, { maxBytes: maxBodyBytes }, commandSpec(definition.name).root) };
}

/** What the device admission and the PolicyGate decide on, taken from the request context. */
function deviceFacts(ctx: CommandContext): PolicyGateInput {
  return {
    command: ctx.command,
    user: ctx.user,
    deviceId: ctx.deviceId,
    deviceType: ctx.deviceType,
    protocolVersion: ctx.protocolVersion,
    ...(ctx.userAgent === undefined ? {} : { userAgent: ctx.userAgent }),
    ...(ctx.policyKey === undefined ? {} : { policyKey: ctx.policyKey }),
  };
}

async function admit(gate: PolicyGate, ctx: CommandContext): Promise<void> {
  const decision = await gate.check(deviceFacts(ctx));
  if (!decision.allowed) {
    throw new EasStatusError(decision.status, decision.httpStatus === undefined ? {} : { httpStatus: decision.httpStatus });
  }
}

/** Every authenticated command passes here: the device is recorded and a blocked one gets 403. */
async function admitDevice(admission: DeviceAdmission, ctx: CommandContext): Promise<void> {
  const decision = await admission.admit(deviceFacts(ctx));
  if (!decision.admitted) throw new HttpClientError(decision.httpStatus, decision.reason);
  if (decision.resynced) ctx.log.info('sync state reset on an admin resync request');
}

interface StartedCommand {
  readonly ctx: CommandContext;
  readonly definition: CommandDefinition;
}

/** Reads the request line and headers and finds the command; throws what the error boundary answers. */
function startCommand(deps: HttpServerDeps, request: FastifyRequest, reply: FastifyReply, state: EasRequestState): StartedCommand {
  const { settings, commands } = deps;
  const line = parseRequestLine(rawQuery(request.url));
  Object.assign(state, { command: line.command, deviceId: line.deviceId, deviceType: line.deviceType });
  if (line.user !== undefined && !requestUserMatches(line.user, state.login, state.user)) {
    throw new HttpClientError(403, `request line user ${JSON.stringify(line.user)} is not the authenticated user`);
  }
  const headers = parseRequestHeaders((name) => header(request, name));
  const version = resolveVersion(line, headers, settings.advertisedVersions);
  state.version = version;
  const definition = commands.get(line.command);
  if (definition === undefined) throw new EasStatusError(137, { message: `CommandNotSupported: ${line.command}` });
  if (!commands.offers(line.command, version)) {
    throw new EasStatusError(138, { message: `VersionNotSupported: ${line.command} in ${version}` });
  }
  const known = { requestId: state.requestId, user: state.user, command: line.command, deviceId: line.deviceId, deviceType: line.deviceType, version };
  return { ctx: buildCommandContext(deps.logger, reply, known, line, headers), definition };
}

/** The device admission and the PolicyGate, then the body decoded for the handler. */
async function admitAndRead(deps: HttpServerDeps, request: FastifyRequest, ctx: CommandContext, definition: CommandDefinition): Promise<CommandRequest> {
  if (deps.deviceAdmission !== undefined) await admitDevice(deps.deviceAdmission, ctx);
  if (definition.needsProvisioning) await admit(deps.policyGate ?? ALLOW_ALL_POLICY_GATE, ctx);
  return readCommandRequest(request, definition, deps.settings.maxBodyBytes);
}

/**
 * A promise chain rather than an async function: a held Ping waits inside `handle` for up to an
 * hour, and a suspended async frame would keep every local (request line, headers, decoded body)
 * alive that long. Only the reply stays reachable from here during the wait.
 */
function runCommand(deps: HttpServerDeps, request: FastifyRequest, reply: FastifyReply, state: EasRequestState): Promise<void> {
  const { ctx, definition } = startCommand(deps, request, reply, state);
  const versions = deps.settings.advertisedVersions;
  return admitAndRead(deps, request, ctx, definition)
    .then((body) => definition.handle(ctx, body))
    .then((result) => {
      sendCommandResult(reply, result, versions);
    });
}

export async function handleEasPost(
  deps: HttpServerDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  auth: AuthenticatedRequest,
): Promise<FastifyReply | undefined> {
  // This frame stays suspended while a Ping is held: its locals are the few Fastify keeps anyway.
  const state: EasRequestState = { requestId: request.id, login: auth.login, user: auth.user };
  try {
    await runCommand(deps, request, reply, state);
    return reply;
  } catch (error) {
    return sendEasError(reply, error, state, deps.settings.advertisedVersions, deps.logger);
  }
}
