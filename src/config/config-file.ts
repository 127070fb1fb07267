// Reads the configuration file: JSON only (no YAML parser as a dependency for one file), with a
// leading BOM tolerated. Read and syntax errors become ConfigErrors that name the file and, for
// bad JSON, the line and column, so an operator can fix the file without a stack trace.
import { readFileSync } from 'node:fs';
import { ConfigError } from './config-error.js';

const READ_ERRORS: Record<string, string> = {
  ENOENT: 'no such file',
  EISDIR: 'it is a directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
};

function lineAndColumn(text: string, position: number): { line: number; column: number } {
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  const column = position - before.lastIndexOf('\n');
  return { line, column };
}

// V8's wording varies between Node releases: "... in JSON at position 18", sometimes followed by
// "(line 3 column 7)", or `Unexpected token 'x', "..." is not valid JSON` with no position.
function syntaxErrorLocation(message: string, text: string): number | undefined {
  const at = /at position (\d+)/.exec(message);
  if (at?.[1] !== undefined) return Number(at[1]);
  if (/Unexpected end of JSON input/.test(message)) return text.length;
  return undefined;
}

function syntaxErrorReason(message: string): string {
  return message
    .replace(/\s*\(line \d+ column \d+\)/, '')
    .replace(/ in JSON at position \d+/, '')
    .replace(/, ".*" is not valid JSON$/s, '');
}

/** Parses JSON text; `source` names the file in error messages. */
export function parseConfigJson(text: string, source: string): unknown {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  if (body.trim() === '') throw new ConfigError(`${source}: the file is empty; write {} for all defaults`);
  try {
    return JSON.parse(body) as unknown;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = syntaxErrorLocation(message, body);
    let where = source;
    if (position !== undefined) {
      const { line, column } = lineAndColumn(body, position);
      where = `${source}:${line}:${column}`;
    }
    throw new ConfigError(`${where}: invalid JSON: ${syntaxErrorReason(message)}`);
  }
}

/** Reads and parses a configuration file given by an absolute path. */
export function readConfigFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    const reason = READ_ERRORS[code] ?? (error instanceof Error ? error.message : String(error));
    throw new ConfigError(`cannot read config file ${file}: ${reason}`);
  }
  return parseConfigJson(text, file);
}
