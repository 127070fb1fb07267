// Logger factory: one pino logger per process, created by the composition root and passed down;
// a child per request carries the request id, user, device and command so every line of that
// request can be found together. Credentials never reach a log line.
import { pino } from 'pino';
import type { DestinationStream, Logger } from 'pino';

export type { Logger } from 'pino';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export interface LoggerOptions {
  readonly level: string;
  /** Where lines go; stdout when absent. Tests pass a stream to read them back. */
  readonly destination?: DestinationStream;
}

/** Anything that could carry a secret is masked wherever it appears in a logged object. */
const REDACT_PATHS = [
  'authorization',
  'password',
  'req.headers.authorization',
  'headers.authorization',
  '*.password',
];

export function createLogger(options: LoggerOptions): Logger {
  if (!(LOG_LEVELS as readonly string[]).includes(options.level)) {
    throw new Error(`log level ${JSON.stringify(options.level)} is not one of ${LOG_LEVELS.join(', ')}`);
  }
  const settings = {
    level: options.level,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  return options.destination === undefined ? pino(settings) : pino(settings, options.destination);
}

export interface RequestLogFields {
  readonly requestId: string;
  readonly user?: string;
  readonly deviceId?: string;
  readonly deviceType?: string;
  readonly command?: string;
}

/** The per-request child logger; `reqId` is the label Fastify uses for the same id. */
export function requestLogger(base: Logger, fields: RequestLogFields): Logger {
  const bindings: Record<string, string> = { reqId: fields.requestId };
  if (fields.user !== undefined) bindings.user = fields.user;
  if (fields.deviceId !== undefined) bindings.deviceId = fields.deviceId;
  if (fields.deviceType !== undefined) bindings.deviceType = fields.deviceType;
  if (fields.command !== undefined) bindings.command = fields.command;
  return base.child(bindings);
}
