// The small pieces of vCard syntax the contact converter writes itself: text escaping (RFC 6350
// 3.4, RFC 2426 5), splitting a raw structured value on unescaped separators so components we do
// not touch keep their exact bytes, and reading TYPE and PREF parameters the way clients spell
// them (TYPE=WORK,VOICE, TYPE="work,voice", repeated TYPE=, v3 TYPE=pref, v4 PREF=1).

import type { VCardEntry } from './vcard-document.js';

/** Escapes a text value or one component of a structured value. */
export function escapeText(value: string): string {
  return value.replace(/\r\n|[\\\n\r,;]/g, (c) => (c === '\r\n' || c === '\n' || c === '\r' ? '\\n' : `\\${c}`));
}

/** Undoes escapeText (and tolerates "\N" and stray backslashes as producers write them). */
export function unescapeText(raw: string): string {
  if (!raw.includes('\\')) return raw;
  return raw.replace(/\\(.)/gs, (_m, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

/** Splits `raw` on `separator` where it is not escaped by a backslash; escapes stay in place. */
export function splitUnescaped(raw: string, separator: ';' | ','): string[] {
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c === '\\') {
      i++;
    } else if (c === separator) {
      parts.push(raw.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(raw.slice(start));
  return parts;
}

/** One raw component read as text; a comma list inside it is joined with `joiner`. */
export function readComponent(rawComponent: string, joiner: string): string {
  return splitUnescaped(rawComponent, ',').map(unescapeText).filter((v) => v.length > 0).join(joiner);
}

/** Lower-case values of a parameter, with comma lists and repeated parameters flattened. */
export function paramValues(entry: VCardEntry, name: string): string[] {
  const value = entry.params[name];
  if (value === undefined) return [];
  const list = typeof value === 'string' ? [value] : value;
  return list.flatMap((v) => v.split(',')).map((v) => v.trim().toLowerCase()).filter((v) => v.length > 0);
}

/** TYPE values, lower-case, with an "x-" prefix removed so x-radio and radio read alike. */
export function typesOf(entry: VCardEntry): Set<string> {
  return new Set(paramValues(entry, 'type').map((t) => (t.startsWith('x-') ? t.slice(2) : t)));
}

/** Lower is preferred: v4 PREF=1..100, v3 TYPE=pref as 1, no preference last. */
export function prefRank(entry: VCardEntry): number {
  const pref = Number(paramValues(entry, 'pref')[0]);
  if (Number.isInteger(pref) && pref >= 1 && pref <= 100) return pref;
  return typesOf(entry).has('pref') ? 1 : 101;
}

/** Entries in preference order; equal ranks keep document order (Array.prototype.sort is stable). */
export function byPreference(entries: readonly VCardEntry[]): VCardEntry[] {
  return entries.map((entry) => ({ entry, rank: prefRank(entry) })).sort((a, b) => a.rank - b.rank).map((r) => r.entry);
}
