// Shapes shared by both request-line forms (MS-ASHTTP 2.2.1.1.1): what a parsed line holds, what
// our client passes to format one, and the rules for device ids and types.
import type { EasCommandName } from './commands.js';
import type { ProtocolVersion } from './protocol-version.js';

/** Command parameters (MS-ASHTTP 2.2.1.1.1.2.5, 2.2.1.1.1.1.3). */
export interface RequestLineParams {
  readonly attachmentName?: string;
  readonly collectionId?: string;
  /** Base64 tag 2; only older revisions of MS-ASHTTP list it. */
  readonly collectionName?: string;
  readonly itemId?: string;
  readonly longId?: string;
  /** Base64 tag 5; only older revisions of MS-ASHTTP list it. */
  readonly parentId?: string;
  readonly occurrence?: string;
  /** Plain SaveInSent=T / base64 Options bit 0x01. */
  readonly saveInSent?: boolean;
  /** Base64 Options bit 0x02; the plain form uses the MS-ASAcceptMultiPart header instead. */
  readonly acceptMultiPart?: boolean;
}

export type RequestLineForm = 'plain' | 'base64';

export interface EasRequestLine {
  readonly form: RequestLineForm;
  readonly command: EasCommandName;
  /** Absent when the line names no user (allowed in the base64 form; CLIENT-QUIRKS §6.1). */
  readonly user?: string;
  /** Lower-cased: clients are not consistent about case (CLIENT-QUIRKS §6.1). */
  readonly deviceId: string;
  readonly deviceType: string;
  /** Only the base64 form carries these three; the plain form sends headers instead. */
  readonly protocolVersion?: ProtocolVersion;
  readonly policyKey?: number;
  readonly locale?: number;
  readonly params: RequestLineParams;
}

export interface RequestLineInput {
  readonly command: EasCommandName;
  readonly user: string;
  readonly deviceId: string;
  readonly deviceType: string;
  readonly protocolVersion?: ProtocolVersion;
  readonly policyKey?: number;
  /** Windows LCID; 0x0409 (en-US) when not given. */
  readonly locale?: number;
  readonly params?: RequestLineParams;
}

/**
 * MS-ASHTTP 2.2.1.1.1.2.3 allows 1-32 letters and digits. Other servers filter rather than reject
 * ids (CLIENT-QUIRKS §6.1), so '_' and '-' and up to 64 characters are tolerated too.
 */
export const DEVICE_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** MS-ASHTTP 2.2.1.1.1.2.4: 1*VCHAR, printable ASCII without spaces; bounded to keep logs sane. */
export const DEVICE_TYPE_PATTERN = /^[\x21-\x7e]{1,128}$/;

export function normalizeDeviceId(deviceId: string): string {
  return deviceId.toLowerCase();
}

/** Our client must never produce a line the server would reject, so bad input fails loudly here. */
export function assertFormattable(input: RequestLineInput): void {
  if (!DEVICE_ID_PATTERN.test(input.deviceId)) throw new RangeError(`invalid device id ${JSON.stringify(input.deviceId)}`);
  if (!DEVICE_TYPE_PATTERN.test(input.deviceType)) throw new RangeError(`invalid device type ${JSON.stringify(input.deviceType)}`);
  const key = input.policyKey;
  if (key !== undefined && !(Number.isInteger(key) && key >= 0 && key <= 0xffffffff)) {
    throw new RangeError(`policy key ${key} is not a 32-bit unsigned integer`);
  }
}
