// The base64 request line (MS-ASHTTP 2.2.1.1.1.1) as bytes: Protocol version (version × 10),
// Command code, Locale (2 bytes little-endian), length-prefixed Device ID, Policy key (length 0 or
// 4, little-endian uint32) and Device type, then tagged parameters (tag, length, value).
// Windows Phone 8.1 and Nine send this form (CLIENT-QUIRKS §2.3, §3.2).
import type { EasCommandName } from './commands.js';
import { commandByCode, commandCode } from './commands.js';
import { versionFromByte, versionToByte } from './protocol-version.js';
import { EasRequestError } from './request-error.js';
import type { EasRequestLine, RequestLineInput, RequestLineParams } from './request-line-types.js';
import { assertFormattable, DEVICE_ID_PATTERN, DEVICE_TYPE_PATTERN, normalizeDeviceId } from './request-line-types.js';

// MS-ASHTTP 2.2.1.1.1.1.3. Tags 2 (CollectionName) and 5 (ParentId) appear in older revisions of
// the table and in other servers' decoders; they are read so such a line is not rejected.
const TAG = {
  attachmentName: 0,
  collectionId: 1,
  collectionName: 2,
  itemId: 3,
  longId: 4,
  parentId: 5,
  occurrence: 6,
  options: 7,
  user: 8,
} as const;

type StringParam = Exclude<keyof typeof TAG, 'options' | 'user'>;
const STRING_PARAMS = Object.keys(TAG).filter((k) => k !== 'options' && k !== 'user') as StringParam[];
const PARAM_BY_TAG: ReadonlyMap<number, StringParam> = new Map(STRING_PARAMS.map((k) => [TAG[k], k]));

// Options bit flags (MS-ASHTTP 2.2.1.1.1.1.3).
const SAVE_IN_SENT = 0x01;
const ACCEPT_MULTIPART = 0x02;

const DEFAULT_LOCALE = 0x0409;
/** A binary Device ID longer than this cannot be a GUID or any id a real client sends. */
const MAX_BINARY_DEVICE_ID = 32;

const utf8 = new TextDecoder('utf-8', { fatal: true });
const encoder = new TextEncoder();

class ByteReader {
  private pos = 0;
  constructor(private readonly bytes: Uint8Array) {}

  get done(): boolean {
    return this.pos >= this.bytes.length;
  }

  u8(field: string): number {
    const b = this.bytes[this.pos];
    if (b === undefined) throw malformed(`ends before ${field}`);
    this.pos += 1;
    return b;
  }

  take(length: number, field: string): Uint8Array {
    if (this.pos + length > this.bytes.length) throw malformed(`${field} runs past the end`);
    const out = this.bytes.subarray(this.pos, this.pos + length);
    this.pos += length;
    return out;
  }
}

function malformed(detail: string): EasRequestError {
  return new EasRequestError('malformed', `base64 request line ${detail}`);
}

function text(bytes: Uint8Array, field: string): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw malformed(`${field} is not UTF-8`);
  }
}

/**
 * A Device ID is text for most clients; Windows Mobile sent a binary GUID, which other servers
 * turn into hex. Text that already fits the id rules is kept, anything else becomes hex.
 */
function deviceIdFromBytes(bytes: Uint8Array): string {
  const ascii = Buffer.from(bytes).toString('latin1');
  if (DEVICE_ID_PATTERN.test(ascii)) return normalizeDeviceId(ascii);
  if (bytes.length > MAX_BINARY_DEVICE_ID) throw malformed('Device ID is too long');
  return Buffer.from(bytes).toString('hex');
}

function readHeaderFields(reader: ByteReader): Omit<EasRequestLine, 'form' | 'params' | 'user'> {
  const versionByte = reader.u8('Protocol version');
  const protocolVersion = versionFromByte(versionByte);
  if (protocolVersion === undefined) {
    throw new EasRequestError('unsupported-version', `protocol version byte ${versionByte} is not a supported version`);
  }
  const code = reader.u8('Command code');
  const command = commandByCode(code);
  if (command === undefined) throw new EasRequestError('unknown-command', `command code ${code} is not a known command`);
  const lo = reader.u8('Locale');
  const locale = lo | (reader.u8('Locale') << 8);
  const idLength = reader.u8('Device ID length');
  if (idLength === 0) throw malformed('has an empty Device ID');
  const deviceId = deviceIdFromBytes(reader.take(idLength, 'Device ID'));
  const keyLength = reader.u8('Policy key length');
  if (keyLength !== 0 && keyLength !== 4) throw malformed(`has a policy key of ${keyLength} bytes (0 or 4 allowed)`);
  const policyKey = keyLength === 4 ? Buffer.from(reader.take(4, 'Policy key')).readUInt32LE(0) : undefined;
  const typeLength = reader.u8('Device type length');
  const deviceType = text(reader.take(typeLength, 'Device type'), 'Device type');
  if (!DEVICE_TYPE_PATTERN.test(deviceType)) throw malformed('has an invalid Device type');
  return { command, protocolVersion, locale, deviceId, policyKey, deviceType };
}

function readParams(reader: ByteReader): { params: RequestLineParams; user?: string } {
  const params: { -readonly [K in keyof RequestLineParams]: RequestLineParams[K] } = {};
  let user: string | undefined;
  while (!reader.done) {
    const tag = reader.u8('parameter tag');
    const value = reader.take(reader.u8('parameter length'), `parameter ${tag}`);
    if (tag === TAG.options) {
      const flags = value[0] ?? 0;
      params.saveInSent = (flags & SAVE_IN_SENT) !== 0;
      params.acceptMultiPart = (flags & ACCEPT_MULTIPART) !== 0;
    } else if (tag === TAG.user) {
      user = text(value, 'User');
    } else {
      const name = PARAM_BY_TAG.get(tag);
      // Unknown tags are skipped: the length prefix lets us step over them safely.
      if (name !== undefined) params[name] = text(value, name);
    }
  }
  return user === undefined || user === '' ? { params } : { params, user };
}

function decodeBase64Text(search: string): Uint8Array {
  let raw: string;
  try {
    raw = decodeURIComponent(search);
  } catch {
    throw malformed('has a broken percent-escape');
  }
  // Both the standard and the URL-safe alphabet occur in the wild; padding is optional.
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(raw)) throw malformed('is not base64');
  const unpadded = raw.replace(/=+$/, '');
  if (unpadded.length % 4 === 1) throw malformed('has an impossible base64 length');
  return Buffer.from(unpadded.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
}

export function parseBase64RequestLine(search: string): EasRequestLine {
  const reader = new ByteReader(decodeBase64Text(search));
  const header = readHeaderFields(reader);
  const { params, user } = readParams(reader);
  return { form: 'base64', ...header, ...(user === undefined ? {} : { user }), params };
}

function lengthPrefixed(bytes: Uint8Array, field: string): number[] {
  if (bytes.length > 255) throw new RangeError(`${field} is longer than 255 bytes`);
  return [bytes.length, ...bytes];
}

function paramBytes(input: RequestLineInput): number[] {
  const out: number[] = [];
  const params = input.params ?? {};
  for (const name of STRING_PARAMS) {
    const value = params[name];
    if (value !== undefined) out.push(TAG[name], ...lengthPrefixed(encoder.encode(value), name));
  }
  if (params.saveInSent !== undefined || params.acceptMultiPart !== undefined) {
    const flags = (params.saveInSent ? SAVE_IN_SENT : 0) | (params.acceptMultiPart ? ACCEPT_MULTIPART : 0);
    out.push(TAG.options, 1, flags);
  }
  if (input.user !== '') out.push(TAG.user, ...lengthPrefixed(encoder.encode(input.user), 'User'));
  return out;
}

/** The base64 query value (without '?') for a request; percent-encoded so proxies keep '+' and '/'. */
export function formatBase64RequestLine(input: RequestLineInput): string {
  if (input.protocolVersion === undefined) throw new RangeError('the base64 request line needs a protocolVersion');
  assertFormattable(input);
  const command: EasCommandName = input.command;
  const locale = input.locale ?? DEFAULT_LOCALE;
  const key = input.policyKey;
  const keyBytes = key === undefined ? [0] : [4, key & 0xff, (key >>> 8) & 0xff, (key >>> 16) & 0xff, (key >>> 24) & 0xff];
  const bytes = [
    versionToByte(input.protocolVersion),
    commandCode(command),
    locale & 0xff,
    (locale >>> 8) & 0xff,
    ...lengthPrefixed(encoder.encode(input.deviceId), 'DeviceId'),
    ...keyBytes,
    ...lengthPrefixed(encoder.encode(input.deviceType), 'DeviceType'),
    ...paramBytes(input),
  ];
  return encodeURIComponent(Buffer.from(bytes).toString('base64'));
}
