// EAS HTTP headers: the request headers a client sends with the plain request line (MS-ASHTTP
// 2.2.1.1.2), the headers of an OPTIONS answer (2.2.4.1.2) and of every command response
// (2.2.2.1.2). Lists are comma-separated with no spaces: AOSP splits on ',' and matches exactly
// (CLIENT-QUIRKS §2.1, §6.1).
import type { ProtocolVersion } from './protocol-version.js';
import { LATEST_PROTOCOL_VERSION, sortVersions } from './protocol-version.js';
import { EasRequestError } from './request-error.js';

export const EAS_WBXML_CONTENT_TYPE = 'application/vnd.ms-sync.wbxml';
/** ItemOperations answer when the client accepts multipart (MS-ASCMD 2.2.1.10.1). */
export const EAS_MULTIPART_CONTENT_TYPE = 'application/vnd.ms-sync.multipart';
/** The raw MIME body of SendMail/SmartReply/SmartForward before 14.0 (CLIENT-QUIRKS §6.2). */
export const RFC822_CONTENT_TYPE = 'message/rfc822';

export const REQUEST_HEADERS = {
  protocolVersion: 'MS-ASProtocolVersion',
  policyKey: 'X-MS-PolicyKey',
  acceptMultiPart: 'MS-ASAcceptMultiPart',
  userAgent: 'User-Agent',
} as const;

export const RESPONSE_HEADERS = {
  serverVersion: 'MS-Server-ActiveSync',
  protocolVersions: 'MS-ASProtocolVersions',
  protocolCommands: 'MS-ASProtocolCommands',
  allow: 'Allow',
  public: 'Public',
  /** Tells the client its version list is stale and it should renegotiate with OPTIONS. */
  versionsChanged: 'X-MS-RP',
  location: 'X-MS-Location',
} as const;

/** Both OPTIONS and POST are all this endpoint answers (MS-ASHTTP 2.2.4.1.2). */
const ALLOWED_METHODS = 'OPTIONS,POST';

export interface EasRequestHeaders {
  /** Raw MS-ASProtocolVersion value; the caller decides what an unknown one means. */
  readonly protocolVersion?: string;
  readonly policyKey?: number;
  readonly acceptMultiPart: boolean;
  readonly userAgent?: string;
}

type HeaderLookup = (name: string) => string | undefined;

/**
 * MS-ASPROV 2.2.2.42: the key SHOULD be a 32-bit unsigned integer. An empty header is the same
 * as none; anything else that is not such a number is a malformed request.
 */
export function parsePolicyKey(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const trimmed = value.trim();
  const key = /^\d{1,10}$/.test(trimmed) ? Number(trimmed) : Number.NaN;
  if (!(key <= 0xffffffff)) {
    throw new EasRequestError('malformed', `X-MS-PolicyKey ${JSON.stringify(value)} is not a 32-bit unsigned integer`);
  }
  return key;
}

export function parseRequestHeaders(lookup: HeaderLookup): EasRequestHeaders {
  const version = lookup(REQUEST_HEADERS.protocolVersion);
  const policyKey = parsePolicyKey(lookup(REQUEST_HEADERS.policyKey));
  const userAgent = lookup(REQUEST_HEADERS.userAgent);
  return {
    ...(version === undefined ? {} : { protocolVersion: version }),
    ...(policyKey === undefined ? {} : { policyKey }),
    acceptMultiPart: lookup(REQUEST_HEADERS.acceptMultiPart)?.trim().toUpperCase() === 'T',
    ...(userAgent === undefined ? {} : { userAgent }),
  };
}

/** The headers our client sends with a plain request line. */
export function formatRequestHeaders(input: {
  readonly protocolVersion?: ProtocolVersion;
  readonly policyKey?: number;
  readonly acceptMultiPart?: boolean;
}): Record<string, string> {
  const headers: Record<string, string> = {};
  if (input.protocolVersion !== undefined) headers[REQUEST_HEADERS.protocolVersion] = input.protocolVersion;
  if (input.policyKey !== undefined) headers[REQUEST_HEADERS.policyKey] = String(input.policyKey);
  if (input.acceptMultiPart) headers[REQUEST_HEADERS.acceptMultiPart] = 'T';
  return headers;
}

export function formatList(values: readonly string[]): string {
  return values.join(',');
}

/** Oldest first, no duplicates, no spaces. */
export function formatVersionList(versions: readonly ProtocolVersion[]): string {
  return formatList(sortVersions(versions));
}

/**
 * MS-Server-ActiveSync names the server build. Other servers send the newest version they speak,
 * and the Exchange 2003 build string when that is 2.5, which old 2.5 clients look for
 * (CLIENT-QUIRKS §6.1).
 */
export function serverVersionValue(versions: readonly ProtocolVersion[]): string {
  const newest = sortVersions(versions).at(-1) ?? LATEST_PROTOCOL_VERSION;
  return newest === '2.5' ? '6.5.7638.1' : newest;
}

/** Headers of the OPTIONS answer (MS-ASHTTP 2.2.4.1.2, 3.2.5.2). */
export function optionsResponseHeaders(
  versions: readonly ProtocolVersion[],
  commands: readonly string[],
): Record<string, string> {
  return {
    [RESPONSE_HEADERS.allow]: ALLOWED_METHODS,
    [RESPONSE_HEADERS.public]: ALLOWED_METHODS,
    [RESPONSE_HEADERS.serverVersion]: serverVersionValue(versions),
    [RESPONSE_HEADERS.protocolVersions]: formatVersionList(versions),
    [RESPONSE_HEADERS.protocolCommands]: formatList(commands),
    'Cache-Control': 'private',
  };
}

/** Headers every command response carries. */
export function commandResponseHeaders(versions: readonly ProtocolVersion[]): Record<string, string> {
  return {
    [RESPONSE_HEADERS.serverVersion]: serverVersionValue(versions),
    'Cache-Control': 'private',
  };
}

/** What a client that sent an unsupported version needs in order to pick another one. */
export function versionMismatchHeaders(versions: readonly ProtocolVersion[]): Record<string, string> {
  const list = formatVersionList(versions);
  return {
    ...commandResponseHeaders(versions),
    [RESPONSE_HEADERS.protocolVersions]: list,
    [RESPONSE_HEADERS.versionsChanged]: list,
  };
}
