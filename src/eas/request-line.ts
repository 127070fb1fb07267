// The EAS request line: the query string after /Microsoft-Server-ActiveSync?, in its plain form
// (MS-ASHTTP 2.2.1.1.1.2: Cmd=…&User=…&DeviceId=…&DeviceType=…) or its base64 form (2.2.1.1.1.1).
// parseRequestLine tells the forms apart and returns one shape for both; the format functions are
// what our own client sends.
import { commandByName } from './commands.js';
import { EasRequestError } from './request-error.js';
import { parseBase64RequestLine } from './request-line-base64.js';
import type { EasRequestLine, RequestLineForm, RequestLineInput, RequestLineParams } from './request-line-types.js';
import { assertFormattable, DEVICE_ID_PATTERN, DEVICE_TYPE_PATTERN, normalizeDeviceId } from './request-line-types.js';

export type { EasRequestLine, RequestLineForm, RequestLineInput, RequestLineParams } from './request-line-types.js';
export { DEVICE_ID_PATTERN, DEVICE_TYPE_PATTERN, normalizeDeviceId } from './request-line-types.js';
export { formatBase64RequestLine } from './request-line-base64.js';

/** Plain parameter names, matched without regard to case, and the field each fills. */
const PLAIN_PARAMS = {
  attachmentname: 'attachmentName',
  collectionid: 'collectionId',
  collectionname: 'collectionName',
  itemid: 'itemId',
  longid: 'longId',
  parentid: 'parentId',
  occurrence: 'occurrence',
} as const satisfies Record<string, keyof RequestLineParams>;

/** Query names in the order MS-ASHTTP's ABNF writes them. */
const PLAIN_NAMES: ReadonlyArray<readonly [keyof RequestLineParams, string]> = [
  ['attachmentName', 'AttachmentName'],
  ['collectionId', 'CollectionId'],
  ['collectionName', 'CollectionName'],
  ['itemId', 'ItemId'],
  ['longId', 'LongId'],
  ['parentId', 'ParentId'],
  ['occurrence', 'Occurrence'],
];

/**
 * The plain form always has a name=value pair; a base64 value has '=' only as trailing padding
 * and never '&'.
 */
export function detectRequestLineForm(search: string): RequestLineForm {
  return search.includes('&') || /=[^=]/.test(search) ? 'plain' : 'base64';
}

function malformed(detail: string): EasRequestError {
  return new EasRequestError('malformed', `plain request line ${detail}`);
}

function decodeComponent(component: string): string {
  try {
    // '+' means space in query strings as PHP-based servers (and so the clients tested against
    // them) read it; a literal plus arrives as %2B.
    return decodeURIComponent(component.replace(/\+/g, ' '));
  } catch {
    throw malformed('has a broken percent-escape');
  }
}

/** Name (lower-cased) to value; a repeated name keeps its last value, as PHP-based servers do. */
function splitPairs(search: string): Map<string, string> {
  const pairs = new Map<string, string>();
  for (const piece of search.split('&')) {
    if (piece === '') continue;
    const eq = piece.indexOf('=');
    const name = decodeComponent(eq === -1 ? piece : piece.slice(0, eq)).toLowerCase();
    pairs.set(name, eq === -1 ? '' : decodeComponent(piece.slice(eq + 1)));
  }
  return pairs;
}

function required(pairs: Map<string, string>, name: string, label: string): string {
  const value = pairs.get(name);
  if (value === undefined || value === '') throw malformed(`has no ${label}`);
  return value;
}

function parseSaveInSent(value: string | undefined): boolean | undefined {
  if (value === undefined || value === '') return undefined;
  const upper = value.toUpperCase();
  if (upper !== 'T' && upper !== 'F') throw malformed(`has SaveInSent=${value} (T or F allowed)`);
  return upper === 'T';
}

function parsePlainParams(pairs: Map<string, string>): RequestLineParams {
  const params: { -readonly [K in keyof RequestLineParams]: RequestLineParams[K] } = {};
  for (const [name, field] of Object.entries(PLAIN_PARAMS)) {
    const value = pairs.get(name);
    if (value !== undefined && value !== '') params[field] = value;
  }
  const saveInSent = parseSaveInSent(pairs.get('saveinsent'));
  if (saveInSent !== undefined) params.saveInSent = saveInSent;
  return params;
}

export function parsePlainRequestLine(search: string): EasRequestLine {
  const pairs = splitPairs(search);
  const commandName = required(pairs, 'cmd', 'Cmd');
  if (!/^[A-Za-z]+$/.test(commandName)) throw malformed(`has an invalid Cmd ${JSON.stringify(commandName)}`);
  const command = commandByName(commandName);
  if (command === undefined) throw new EasRequestError('unknown-command', `command ${commandName} is not a known command`);
  const deviceId = required(pairs, 'deviceid', 'DeviceId');
  if (!DEVICE_ID_PATTERN.test(deviceId)) throw malformed('has an invalid DeviceId');
  const deviceType = required(pairs, 'devicetype', 'DeviceType');
  if (!DEVICE_TYPE_PATTERN.test(deviceType)) throw malformed('has an invalid DeviceType');
  const user = pairs.get('user');
  return {
    form: 'plain',
    command,
    ...(user === undefined || user === '' ? {} : { user }),
    deviceId: normalizeDeviceId(deviceId),
    deviceType,
    params: parsePlainParams(pairs),
  };
}

/** Parses either form; throws EasRequestError for anything a client got wrong. */
export function parseRequestLine(search: string): EasRequestLine {
  const trimmed = search.startsWith('?') ? search.slice(1) : search;
  if (trimmed === '') throw new EasRequestError('malformed', 'request line is empty');
  return detectRequestLineForm(trimmed) === 'plain' ? parsePlainRequestLine(trimmed) : parseBase64RequestLine(trimmed);
}

/**
 * The plain query value (without '?'). Protocol version, policy key and AcceptMultiPart travel as
 * headers in this form (see formatRequestHeaders in headers.ts), so they are not written here.
 */
export function formatPlainRequestLine(input: RequestLineInput): string {
  assertFormattable(input);
  const parts = [`Cmd=${input.command}`];
  if (input.user !== '') parts.push(`User=${encodeURIComponent(input.user)}`);
  parts.push(`DeviceId=${encodeURIComponent(input.deviceId)}`, `DeviceType=${encodeURIComponent(input.deviceType)}`);
  const params = input.params ?? {};
  for (const [field, name] of PLAIN_NAMES) {
    const value = params[field];
    if (typeof value === 'string') parts.push(`${name}=${encodeURIComponent(value)}`);
  }
  if (params.saveInSent !== undefined) parts.push(`SaveInSent=${params.saveInSent ? 'T' : 'F'}`);
  return parts.join('&');
}
