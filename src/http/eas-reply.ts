// Writing EAS answers, and the one error boundary of the EAS endpoint: status errors become the
// command's Status (or the HTTP code older versions expect), client mistakes become 4xx with a log
// line, and anything unexpected a bare 500 whose body never shows internals (the log keeps the
// cause with request id, user, device and command).
import type { FastifyReply } from 'fastify';
import type { Logger } from 'pino';
import type { CommandResult } from '../commands/registry.js';
import type { ProtocolVersion } from '../eas/protocol-version.js';
import { EAS_WBXML_CONTENT_TYPE, commandResponseHeaders, versionMismatchHeaders } from '../eas/headers.js';
import { EasRequestError } from '../eas/request-error.js';
import { StoreUnavailableError } from '../domain/errors.js';
import { EasStatusError, commonStatus, statusAnswer, toEasStatusError } from '../eas/status.js';
import { encodeEasBody } from '../eas/wbxml-body.js';
import type { EasRequestState } from './http-types.js';
import { HttpClientError } from './http-types.js';

// A view over the same memory: Buffer.from(Uint8Array) would copy every answer again (20 MB for a
// large Sync) though Fastify only needs the Buffer type to send the bytes as they are.
function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export function sendCommandResult(
  reply: FastifyReply,
  result: CommandResult,
  versions: readonly ProtocolVersion[],
): FastifyReply {
  reply.headers(commandResponseHeaders(versions));
  if (result.headers !== undefined) reply.headers(result.headers);
  switch (result.kind) {
    case 'wbxml':
      return reply.code(200).type(EAS_WBXML_CONTENT_TYPE).send(asBuffer(encodeEasBody(result.root)));
    case 'raw':
      return reply.code(200).type(result.contentType).send(asBuffer(result.body));
    case 'empty':
      return reply.code(200).send();
    case 'http-status':
      return reply.code(result.httpStatus).send();
  }
}

function stateFields(state: EasRequestState): Record<string, string> {
  const fields: Record<string, string> = { reqId: state.requestId, user: state.user.username };
  if (state.deviceId !== undefined) fields.deviceId = state.deviceId;
  if (state.deviceType !== undefined) fields.deviceType = state.deviceType;
  if (state.command !== undefined) fields.command = state.command;
  if (state.version !== undefined) fields.protocolVersion = state.version;
  return fields;
}

function sendStatusError(
  reply: FastifyReply,
  error: EasStatusError,
  state: EasRequestState,
  versions: readonly ProtocolVersion[],
): FastifyReply {
  reply.headers(commandResponseHeaders(versions));
  if (state.command === undefined || state.version === undefined) {
    // Before the command and version are known only the HTTP equivalent can be sent.
    return reply.code(error.httpStatus ?? commonStatus(error.status)?.legacyHttpStatus ?? 400).send();
  }
  const answer = statusAnswer(error, state.command, state.version);
  if (answer.kind === 'http') return reply.code(answer.httpStatus).send();
  return reply.code(200).type(EAS_WBXML_CONTENT_TYPE).send(asBuffer(encodeEasBody(answer.root)));
}

export function sendEasError(
  reply: FastifyReply,
  error: unknown,
  state: EasRequestState,
  versions: readonly ProtocolVersion[],
  log: Logger,
): FastifyReply | undefined {
  const fields = stateFields(state);
  if (reply.sent) {
    log.error({ ...fields, err: error }, 'error after the answer was sent');
    return undefined;
  }
  if (error instanceof EasRequestError) {
    log.info({ ...fields, reason: error.reason, status: error.httpStatus }, error.message);
    const headers = error.reason === 'unsupported-version' ? versionMismatchHeaders(versions) : commandResponseHeaders(versions);
    return reply.code(error.httpStatus).headers(headers).send();
  }
  if (error instanceof HttpClientError) {
    log.info({ ...fields, status: error.httpStatus }, error.message);
    return reply.code(error.httpStatus).headers(error.headers).send();
  }
  if (error instanceof StoreUnavailableError) {
    // A backend that cannot serve right now (a locked database, a server not answering) is no
    // fault of the client's and no bug of ours: ServerErrorRetryLater (MS-ASCMD 2.2.2, common
    // status 111; HTTP 503 before 14.0), so the device retries instead of reporting a failure.
    log.warn({ ...fields, err: error }, 'backend unavailable; asked the client to retry later');
    return sendStatusError(reply, new EasStatusError(111, { message: error.message, cause: error }), state, versions);
  }
  const statusError = toEasStatusError(error);
  if (statusError !== undefined) {
    log.info({ ...fields, easStatus: statusError.status }, statusError.message);
    return sendStatusError(reply, statusError, state, versions);
  }
  log.error({ ...fields, err: error }, 'unexpected error');
  return reply.code(500).send();
}
