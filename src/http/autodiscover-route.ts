// POST /autodiscover/autodiscover.xml for mobile clients (MS-ASCMD 2.2.1.1): an authenticated
// request in the mobilesync request schema gets the EAS URL in the mobilesync response schema.
// A body that is not such a request gets the schema's error answer with HTTP 200, never a 5xx.
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  AUTODISCOVER_CONTENT_TYPE,
  AutodiscoverRequestError,
  autodiscoverErrorId,
  encodeAutodiscoverError,
  encodeAutodiscoverResponse,
  parseAutodiscoverRequest,
} from '../eas/autodiscover.js';
import type { AuthenticatedRequest, HttpServerDeps } from './http-types.js';

export const AUTODISCOVER_PATH = '/autodiscover/autodiscover.xml';
export const EAS_PATH = '/Microsoft-Server-ActiveSync';
/** An Autodiscover request is a few hundred bytes; nothing bigger needs reading. */
export const AUTODISCOVER_MAX_BODY_BYTES = 64 * 1024;

/** externalUrl as configured (a base URL or the full endpoint), else scheme and Host of the request. */
export function easEndpointUrl(externalUrl: string | undefined, request: FastifyRequest): string {
  if (externalUrl === undefined || externalUrl.trim() === '') return `${request.protocol}://${request.host}${EAS_PATH}`;
  const base = externalUrl.trim().replace(/\/+$/, '');
  return base.toLowerCase().endsWith(EAS_PATH.toLowerCase()) ? base : `${base}${EAS_PATH}`;
}

/**
 * Some Android clients post no body and put the address in the Basic user name
 * (CLIENT-QUIRKS §2.1); the login then stands in for the requested address.
 */
function requestedAddress(body: unknown, auth: AuthenticatedRequest): string {
  if (body instanceof Uint8Array && body.length > 0) {
    return parseAutodiscoverRequest(new TextDecoder('utf-8').decode(body)).emailAddress;
  }
  const fallback = auth.user.email ?? (auth.login.includes('@') ? auth.login : undefined);
  if (fallback === undefined) throw new AutodiscoverRequestError(600, 'empty body and no address to answer for');
  return fallback;
}

export async function handleAutodiscover(
  deps: HttpServerDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  auth: AuthenticatedRequest,
): Promise<FastifyReply> {
  reply.code(200).type(AUTODISCOVER_CONTENT_TYPE).header('Cache-Control', 'private');
  let address: string;
  try {
    address = requestedAddress(request.body, auth);
  } catch (error) {
    if (!(error instanceof AutodiscoverRequestError)) throw error;
    const errorId = autodiscoverErrorId(request.id);
    deps.logger.info({ reqId: request.id, user: auth.user.username, code: error.code, errorId }, `autodiscover: ${error.message}`);
    return reply.send(encodeAutodiscoverError(error.code, errorId));
  }
  const xml = encodeAutodiscoverResponse({
    // The answer describes the account that authenticated, whatever address was typed.
    emailAddress: auth.user.email ?? address,
    ...(auth.user.displayName === undefined ? {} : { displayName: auth.user.displayName }),
    serverUrl: easEndpointUrl(deps.settings.externalUrl, request),
  });
  return reply.send(xml);
}
