// Typed failures of our EAS client. Callers (the diagnostic runner, integration tests) branch on
// `code` and print `message`; nothing here is thrown for a server answer that is merely a failing
// EAS Status, which the high-level helpers return as data.

export type EasClientErrorCode =
  /** No answer within the configured time (fetch aborted). */
  | 'timeout'
  /** The TCP/TLS connection failed or was reset. */
  | 'network'
  /** An HTTP status the command cannot continue from (401, 403, 5xx, ...). */
  | 'http'
  /** The body was not WBXML, not decodable, or lacked an element the command requires. */
  | 'bad-response'
  /** The server ordered a remote wipe (Status 140 or Provision/RemoteWipe); we report, never obey. */
  | 'remote-wipe'
  /** Provisioning failed, or the server still demanded it right after a successful Provision. */
  | 'provisioning'
  /** The request cannot be expressed, e.g. a non-numeric policy key in the base64 request line. */
  | 'unsupported';

export class EasClientError extends Error {
  readonly code: EasClientErrorCode;
  /** HTTP status of the answer that caused the error, when there was one. */
  readonly httpStatus: number | undefined;

  constructor(code: EasClientErrorCode, message: string, options: { httpStatus?: number; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'EasClientError';
    this.code = code;
    this.httpStatus = options.httpStatus;
  }
}
