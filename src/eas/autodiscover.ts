// Autodiscover for mobile clients (MS-ASCMD 2.2.1.1): reading the mobilesync request schema and
// writing the mobilesync response schema with the server's EAS URL, or the error response
// (ErrorCode 600 invalid request, 601 no provider for the requested schema; MS-ASCMD 2.2.3.64).
import { XmlError, escapeXml, parseXml, xmlChild, xmlText } from './xml-reader.js';

export const AUTODISCOVER_REQUEST_SCHEMA =
  'http://schemas.microsoft.com/exchange/autodiscover/mobilesync/requestschema/2006';
export const AUTODISCOVER_RESPONSE_SCHEMA = 'http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006';
export const MOBILESYNC_RESPONSE_SCHEMA =
  'http://schemas.microsoft.com/exchange/autodiscover/mobilesync/responseschema/2006';

export const AUTODISCOVER_CONTENT_TYPE = 'text/xml; charset=utf-8';

export interface AutodiscoverRequest {
  readonly emailAddress: string;
  readonly acceptableResponseSchema: string;
}

export type AutodiscoverErrorCode = 600 | 601;

export class AutodiscoverRequestError extends Error {
  override readonly name = 'AutodiscoverRequestError';
  constructor(
    readonly code: AutodiscoverErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * Reads a request body. Element names are matched without their namespace because clients are
 * not careful about it; the requested response schema is what decides whether we can answer.
 */
export function parseAutodiscoverRequest(xml: string): AutodiscoverRequest {
  let root;
  try {
    root = parseXml(xml);
  } catch (error) {
    if (error instanceof XmlError) throw new AutodiscoverRequestError(600, `not well-formed XML: ${error.message}`, { cause: error });
    throw error;
  }
  const request = root.name === 'Autodiscover' ? xmlChild(root, 'Request') : undefined;
  if (request === undefined) throw new AutodiscoverRequestError(600, 'no Autodiscover/Request element');
  const emailElement = xmlChild(request, 'EMailAddress');
  const emailAddress = emailElement === undefined ? '' : xmlText(emailElement).trim();
  if (emailAddress === '') throw new AutodiscoverRequestError(600, 'no EMailAddress');
  const schemaElement = xmlChild(request, 'AcceptableResponseSchema');
  // A request without the element gets the only schema we have rather than an error.
  const acceptableResponseSchema = schemaElement === undefined ? MOBILESYNC_RESPONSE_SCHEMA : xmlText(schemaElement).trim();
  if (acceptableResponseSchema !== MOBILESYNC_RESPONSE_SCHEMA) {
    // Outlook asks for the outlook schema (CLIENT-QUIRKS §3.1); we only serve mobile sync.
    throw new AutodiscoverRequestError(601, `no provider for response schema ${acceptableResponseSchema}`);
  }
  return { emailAddress, acceptableResponseSchema };
}

export interface AutodiscoverAnswer {
  readonly emailAddress: string;
  readonly displayName?: string;
  /** Full URL of the EAS endpoint, e.g. https://mail.example.com/Microsoft-Server-ActiveSync. */
  readonly serverUrl: string;
  /** MS-ASCMD writes the culture as language:country, e.g. "en:us". */
  readonly culture?: string;
}

export function encodeAutodiscoverResponse(answer: AutodiscoverAnswer): string {
  const displayName = answer.displayName === undefined ? '' : `<DisplayName>${escapeXml(answer.displayName)}</DisplayName>`;
  const url = escapeXml(answer.serverUrl);
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<Autodiscover xmlns="${AUTODISCOVER_RESPONSE_SCHEMA}">`,
    `<Response xmlns="${MOBILESYNC_RESPONSE_SCHEMA}">`,
    `<Culture>${escapeXml(answer.culture ?? 'en:us')}</Culture>`,
    `<User>${displayName}<EMailAddress>${escapeXml(answer.emailAddress)}</EMailAddress></User>`,
    '<Action><Settings><Server>',
    `<Type>MobileSync</Type><Url>${url}</Url><Name>${url}</Name>`,
    '</Server></Settings></Action>',
    '</Response>',
    '</Autodiscover>',
  ].join('');
}

const ERROR_MESSAGES: Readonly<Record<AutodiscoverErrorCode, string>> = {
  600: 'Invalid Request',
  601: 'Provider could not be found for the requested schema',
};

/** Time of day as the error's Time attribute writes it (hh:mm:ss.fffffff, UTC). */
function errorTime(now: Date): string {
  return `${now.toISOString().slice(11, 23)}0000`;
}

/**
 * The error's Id attribute is a number in MS-ASCMD's examples; a 32-bit FNV-1a hash of the
 * request id gives one that still lets the log line be found.
 */
export function autodiscoverErrorId(requestId: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < requestId.length; i += 1) {
    hash = Math.imul(hash ^ requestId.charCodeAt(i), 0x01000193) >>> 0;
  }
  return hash;
}

/** The error answer of the Autodiscover response schema (MS-ASCMD 6.4), sent with HTTP 200. */
export function encodeAutodiscoverError(code: AutodiscoverErrorCode, id: number, now: Date = new Date()): string {
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<Autodiscover xmlns="${AUTODISCOVER_RESPONSE_SCHEMA}">`,
    '<Response>',
    `<Error Time="${errorTime(now)}" Id="${id}">`,
    `<ErrorCode>${code}</ErrorCode><Message>${ERROR_MESSAGES[code]}</Message><DebugData/>`,
    '</Error>',
    '</Response>',
    '</Autodiscover>',
  ].join('');
}
