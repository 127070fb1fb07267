// The one error the configuration loader throws: a summary line plus one line per problem, each
// naming its key, so the CLI can print the message as is (never a stack trace).

export class ConfigError extends Error {
  /** One entry per problem, e.g. `server.port: expected integer 0-65535 (0 = any free port), got "abc"`. */
  readonly problems: readonly string[];

  constructor(summary: string, problems: readonly string[] = []) {
    super(problems.length === 0 ? summary : `${summary}\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = Object.freeze([...problems]);
  }
}
