// EAS status errors: the common status catalogue (MS-ASCMD 2.2.2), the error a command throws to
// answer with a status, the one place that maps other errors to a status, and how a status goes
// on the wire: a <Command><Status>N</Status></Command> body from 14.0 on, the HTTP status those
// codes replaced for older versions (CLIENT-QUIRKS §6.3 recommends exactly this split for 449).
import type { WbxmlElement } from '../wbxml/index.js';
import { WbxmlError, element } from '../wbxml/index.js';
import type { EasCommandName } from './commands.js';
import { commandSpec } from './commands.js';
import type { ProtocolVersion } from './protocol-version.js';
import { versionAtLeast } from './protocol-version.js';
import type { CommonStatus, CommonStatusName } from './status-catalogue.js';
import { COMMON_STATUSES } from './status-catalogue.js';

export type { CommonStatus, CommonStatusName } from './status-catalogue.js';
export { COMMON_STATUSES } from './status-catalogue.js';

/** The first version with common status codes; older clients get HTTP errors instead. */
export const COMMON_STATUS_MIN_VERSION: ProtocolVersion = '14.0';

const BY_CODE: ReadonlyMap<number, CommonStatus> = new Map(COMMON_STATUSES.map((s): [number, CommonStatus] => [s.code, s]));

/** Name to code, e.g. EAS_STATUS.InvalidWBXML === 102. */
export const EAS_STATUS = Object.freeze(
  Object.fromEntries(COMMON_STATUSES.map((s) => [s.name, s.code])),
) as Readonly<Record<CommonStatusName, number>>;

export function commonStatus(code: number): CommonStatus | undefined {
  return BY_CODE.get(code);
}

export interface EasStatusErrorOptions {
  readonly message?: string;
  readonly cause?: unknown;
  /** Answer with this HTTP status whatever the version (e.g. a per-device switch to 449). */
  readonly httpStatus?: number;
}

/** Thrown by a command (or the front) to answer with an EAS status instead of a result. */
export class EasStatusError extends Error {
  override readonly name = 'EasStatusError';
  readonly status: number;
  readonly httpStatus?: number;

  constructor(status: number, options: EasStatusErrorOptions = {}) {
    const known = commonStatus(status);
    super(options.message ?? (known ? `${known.code} ${known.name}` : `status ${status}`), { cause: options.cause });
    this.status = status;
    if (options.httpStatus !== undefined) this.httpStatus = options.httpStatus;
  }
}

/**
 * The one mapping from errors to EAS statuses. Undefined means the error is unexpected: the
 * front answers it with a bare 500 and logs it.
 */
export function toEasStatusError(error: unknown): EasStatusError | undefined {
  if (error instanceof EasStatusError) return error;
  // MS-ASCMD 2.2.2: a body that does not decode is InvalidWBXML, whatever the decoder disliked.
  // 'unencodable' comes from building or encoding our own answer: a server bug, not the client's.
  if (error instanceof WbxmlError && error.code !== 'unencodable') {
    return new EasStatusError(102, { message: `InvalidWBXML: ${error.message}`, cause: error });
  }
  return undefined;
}

export type StatusAnswer =
  | { readonly kind: 'wbxml'; readonly root: WbxmlElement }
  | { readonly kind: 'http'; readonly httpStatus: number };

/** How a status error for this command and version goes on the wire. */
export function statusAnswer(error: EasStatusError, command: EasCommandName, version: ProtocolVersion): StatusAnswer {
  if (error.httpStatus !== undefined) return { kind: 'http', httpStatus: error.httpStatus };
  const common = commonStatus(error.status);
  if (common !== undefined && !versionAtLeast(version, COMMON_STATUS_MIN_VERSION)) {
    return { kind: 'http', httpStatus: common.legacyHttpStatus };
  }
  const root = commandSpec(command).root;
  if (root === undefined) return { kind: 'http', httpStatus: common?.legacyHttpStatus ?? 500 };
  const namespace = root.slice(0, root.indexOf(':'));
  return { kind: 'wbxml', root: element(root, [element(`${namespace}:Status`, String(error.status))]) };
}
