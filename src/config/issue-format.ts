// Turns zod issues into one readable line each: the key path, what was expected, what was
// found and, for values from the environment or a flag, where it came from. Unknown keys get a
// line of their own that lists the keys allowed at that place.
import { z } from 'zod';

/** Where a value came from, keyed by its dotted path ("server.port" -> "PUSHBRIDGE_PORT"). */
export type ValueSources = ReadonlyMap<string, string>;

const MAX_SHOWN_CHARS = 60;

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out === '' ? '(top level)' : out;
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') {
    const shown = value.length > MAX_SHOWN_CHARS ? `${value.slice(0, MAX_SHOWN_CHARS)}…` : value;
    return JSON.stringify(shown);
  }
  return String(value);
}

function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (;;) {
    const def = current.def as { innerType?: z.ZodType; in?: z.ZodType };
    const next = def.innerType ?? def.in;
    if (next === undefined) return current;
    current = next;
  }
}

/** The keys a strict object accepts at `path`, found by walking the schema. */
export function allowedKeysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let current: z.ZodType | undefined = unwrap(schema);
  for (const part of path) {
    if (!(current instanceof z.ZodObject)) return [];
    const shape = current.shape as Record<string, z.ZodType>;
    const child: z.ZodType | undefined = shape[String(part)];
    current = child === undefined ? undefined : unwrap(child);
  }
  return current instanceof z.ZodObject ? Object.keys(current.shape) : [];
}

function sourceNote(path: readonly PropertyKey[], sources: ValueSources): string {
  const source = sources.get(path.filter((p) => typeof p === 'string').join('.'));
  return source === undefined ? '' : ` (from ${source})`;
}

/** Messages for the issues a schema does not word itself. */
export function defaultIssueMessage(issue: z.core.$ZodRawIssue): string | undefined {
  if (issue.code === 'invalid_type') return `expected ${issue.expected === 'object' ? 'an object' : issue.expected}`;
  if (issue.code === 'invalid_value') return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
  return undefined;
}

export function formatIssues(issues: readonly z.core.$ZodIssue[], schema: z.ZodType, sources: ValueSources): string[] {
  const lines: string[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      const allowed = allowedKeysAt(schema, issue.path);
      const hint = allowed.length > 0 ? ` (allowed: ${allowed.join(', ')})` : '';
      for (const key of issue.keys) lines.push(`${formatPath([...issue.path, key])}: unknown key${hint}`);
      continue;
    }
    const where = formatPath(issue.path);
    lines.push(`${where}: ${issue.message}, got ${describeValue(issue.input)}${sourceNote(issue.path, sources)}`);
  }
  return lines;
}
