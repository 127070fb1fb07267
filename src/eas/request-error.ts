// The error for a request the client got wrong before any command ran: a malformed request line
// or header. Each reason carries the HTTP status MS-ASHTTP 2.2.2.1.1 gives it, so the HTTP front
// never has to guess.

export type EasRequestErrorReason =
  /** Syntax the server cannot read: 400 Bad Request. */
  | 'malformed'
  /** A well-formed command name or code the server does not know: 501 Not Implemented. */
  | 'unknown-command'
  /** A protocol version the server does not speak: 400, answered with the versions it does. */
  | 'unsupported-version';

const HTTP_STATUS: Readonly<Record<EasRequestErrorReason, number>> = {
  malformed: 400,
  'unknown-command': 501,
  'unsupported-version': 400,
};

export class EasRequestError extends Error {
  override readonly name = 'EasRequestError';
  readonly reason: EasRequestErrorReason;
  readonly httpStatus: number;

  constructor(reason: EasRequestErrorReason, message: string) {
    super(message);
    this.reason = reason;
    this.httpStatus = HTTP_STATUS[reason];
  }
}
