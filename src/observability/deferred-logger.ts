// A per-request child logger that is made on its first line. Ten thousand held Pings each keep
// their request's logger for up to an hour while almost none of them ever logs: a pino child costs
// a few hundred bytes of heap (its bindings rendered as JSON and a prototype-chained object), a
// deferred one only its parent and bindings until a line is written or a level is changed.
import type { Bindings, ChildLoggerOptions, Logger } from 'pino';

type LogArgs = [unknown, ...unknown[]];
type LogMethod = (...args: LogArgs) => void;

/** The logging surface Fastify needs of a request logger (its FastifyBaseLogger). */
export interface RequestLogSink {
  level: string;
  fatal: LogMethod;
  error: LogMethod;
  warn: LogMethod;
  info: LogMethod;
  debug: LogMethod;
  trace: LogMethod;
  silent: LogMethod;
  child(bindings: Bindings, options?: ChildLoggerOptions): RequestLogSink;
}

export class DeferredLogger implements RequestLogSink {
  private made: Logger | undefined;

  constructor(
    private readonly parent: Logger,
    private readonly bindings: Bindings,
    private readonly options?: ChildLoggerOptions,
  ) {}

  /** The real child, made now if nothing has needed it before. */
  get logger(): Logger {
    this.made ??= this.options === undefined ? this.parent.child(this.bindings) : this.parent.child(this.bindings, this.options);
    return this.made;
  }

  get level(): string {
    return this.current().level;
  }

  set level(level: string) {
    this.logger.level = level;
  }

  fatal(...args: LogArgs): void {
    if (this.enabled('fatal')) write(this.logger.fatal, this.logger, args);
  }

  error(...args: LogArgs): void {
    if (this.enabled('error')) write(this.logger.error, this.logger, args);
  }

  warn(...args: LogArgs): void {
    if (this.enabled('warn')) write(this.logger.warn, this.logger, args);
  }

  info(...args: LogArgs): void {
    if (this.enabled('info')) write(this.logger.info, this.logger, args);
  }

  debug(...args: LogArgs): void {
    if (this.enabled('debug')) write(this.logger.debug, this.logger, args);
  }

  trace(...args: LogArgs): void {
    if (this.enabled('trace')) write(this.logger.trace, this.logger, args);
  }

  silent(): void {
    return undefined;
  }

  child(bindings: Bindings, options?: ChildLoggerOptions): RequestLogSink {
    return new DeferredLogger(this.logger, bindings, options);
  }

  // A line below the level is dropped without making the child, unless the child has a level of its own.
  private enabled(level: string): boolean {
    return this.current().isLevelEnabled(level);
  }

  // Until the child exists its level is the parent's, unless the options give it one of its own.
  private current(): Logger {
    return this.made ?? (this.options?.level === undefined ? this.parent : this.logger);
  }
}

function write(method: Logger['info'], logger: Logger, args: LogArgs): void {
  // pino's LogFn is overloaded; the arguments pass through exactly as the caller gave them.
  Reflect.apply(method, logger, args);
}
