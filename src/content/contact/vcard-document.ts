// A vCard (3.0 or 4.0) as a list of content lines that keeps every line it does not have to
// change byte for byte: a client's Change must not reformat, reorder or drop properties the EAS
// side knows nothing about (Apple's item1.X-ABLabel groups, X-SOCIALPROFILE, CLIENTPIDMAP...),
// and an unchanged card must serialise to the same text so stores see no spurious new version.
// ical.js parses each line (parameters with quoting and RFC 6868, value types, escapes per
// version); lines we change are written by the converter from raw parts, then folded at 75 octets
// (RFC 6350 3.2).

import { Buffer } from 'node:buffer';
import ICAL from 'ical.js';
import { ContactConversionError } from './contact-errors.js';

export type VCardVersion = '3.0' | '4.0';

export interface VCardEntry {
  /** Lower-case property name without its group. */
  readonly name: string;
  /** Group prefix as written ("item1"), if any. */
  readonly group?: string;
  /** Parameters as ical.js reads them: lower-case names, multi-valued TYPE as an array. */
  readonly params: Readonly<Record<string, string | readonly string[]>>;
  /** ical.js value type: 'text', 'uri', 'date-and-or-time', 'binary', 'unknown' (X- properties)... */
  readonly valueType: string;
  /** Values as ical.js reads them (escapes undone for known text types). */
  readonly values: readonly unknown[];
  /** Everything before the value's colon, as written: "item1.TEL;TYPE=cell". */
  readonly rawPrefix: string;
  /** The value as written, escapes intact. */
  readonly rawValue: string;
  /** The original physical lines, folding included; absent for lines built by the converter. */
  readonly source?: string;
}

export interface VCardDocument {
  readonly version: VCardVersion;
  /** Content lines between BEGIN:VCARD and END:VCARD, VERSION included, in order. */
  readonly entries: VCardEntry[];
}

type DesignSet = ReturnType<typeof ICAL.design.getDesignSet>;

function designFor(version: VCardVersion): DesignSet {
  return ICAL.design.getDesignSet(version === '4.0' ? 'vcard' : 'vcard3');
}

/** Index of the colon that ends the prefix: the first one outside a quoted parameter value. */
function valueColon(line: string): number {
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"') quoted = !quoted;
    else if (c === ':' && !quoted) return i;
  }
  return -1;
}

interface ParsedParts {
  readonly params: Readonly<Record<string, string | readonly string[]>>;
  readonly valueType: string;
  readonly values: readonly unknown[];
}

/** A content line; ical.js reads its parameters and value only when something asks for them. */
class ContentLine implements VCardEntry {
  readonly name: string;
  readonly group?: string;
  private parsed?: ParsedParts;

  constructor(
    private readonly version: VCardVersion,
    readonly rawPrefix: string,
    readonly rawValue: string,
    readonly source?: string,
  ) {
    const head = rawPrefix.split(';', 1)[0] ?? '';
    const dot = head.indexOf('.');
    if (dot > 0) this.group = head.slice(0, dot);
    this.name = (dot > 0 ? head.slice(dot + 1) : head).toLowerCase();
  }

  get params(): Readonly<Record<string, string | readonly string[]>> {
    return this.parse().params;
  }

  get valueType(): string {
    return this.parse().valueType;
  }

  get values(): readonly unknown[] {
    return this.parse().values;
  }

  private parse(): ParsedParts {
    if (this.parsed !== undefined) return this.parsed;
    try {
      const jcard = ICAL.parse.property(`${this.rawPrefix}:${this.rawValue}`, designFor(this.version)) as unknown[];
      const { group: _group, ...params } = (jcard[1] ?? {}) as Record<string, string | string[]>;
      this.parsed = { params, valueType: String(jcard[2]), values: jcard.slice(3) };
    } catch {
      // Kept as written: a line we cannot read is still a line we must not lose.
      this.parsed = { params: {}, valueType: 'unknown', values: [this.rawValue] };
    }
    return this.parsed;
  }
}

/** Builds an entry from its raw prefix and value; a line ical.js refuses stays an opaque entry. */
export function makeEntry(version: VCardVersion, rawPrefix: string, rawValue: string, source?: string): VCardEntry {
  return new ContentLine(version, rawPrefix, rawValue, source);
}

/** Logical lines with the physical text each came from (RFC 6350 3.2 unfolding). */
function unfold(text: string): { line: string; source: string }[] {
  const out: { line: string; source: string }[] = [];
  for (const physical of text.split(/\r\n|\n|\r/)) {
    const last = out[out.length - 1];
    if ((physical.startsWith(' ') || physical.startsWith('\t')) && last !== undefined) {
      last.line += physical.slice(1);
      last.source += `\r\n${physical}`;
    } else if (physical.length > 0) {
      out.push({ line: physical, source: physical });
    }
  }
  return out;
}

/** Parses the first vCard in `text`. */
export function parseVCard(text: string): VCardDocument {
  const lines = unfold(text);
  const begin = lines.findIndex((l) => /^begin:vcard$/i.test(l.line.trim()));
  if (begin < 0) throw new ContactConversionError('malformed-vcard', 'no BEGIN:VCARD line');
  const body: { line: string; source: string }[] = [];
  let depth = 0;
  let ended = false;
  for (const l of lines.slice(begin + 1)) {
    if (/^begin:vcard$/i.test(l.line.trim())) depth++;
    if (/^end:vcard$/i.test(l.line.trim())) {
      if (depth === 0) {
        ended = true;
        break;
      }
      depth--;
    }
    body.push(l);
  }
  if (!ended) throw new ContactConversionError('malformed-vcard', 'no END:VCARD line');
  const versionLine = body.find((l) => /^version:/i.test(l.line));
  const version: VCardVersion = versionLine !== undefined && versionLine.line.slice(8).trim() === '4.0' ? '4.0' : '3.0';
  const entries = body.map(({ line, source }) => {
    const colon = valueColon(line);
    return colon < 0 ? makeEntry(version, line, '', source) : makeEntry(version, line.slice(0, colon), line.slice(colon + 1), source);
  });
  return { version, entries };
}

/** An empty card of `version` holding only VERSION. */
export function emptyVCard(version: VCardVersion): VCardDocument {
  return { version, entries: [makeEntry(version, 'VERSION', version)] };
}

/** Folds one logical line at 75 octets without splitting a UTF-8 sequence (RFC 6350 3.2). */
export function foldLine(line: string): string {
  const pieces: string[] = [];
  if (/^[\x20-\x7e]*$/.test(line)) {
    pieces.push(line.slice(0, 75));
    for (let i = 75; i < line.length; i += 74) pieces.push(` ${line.slice(i, i + 74)}`);
    return pieces.join('\r\n');
  }
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8');
    if (octets + size > 75) {
      pieces.push(current);
      current = ' ';
      octets = 1;
    }
    current += ch;
    octets += size;
  }
  pieces.push(current);
  return pieces.join('\r\n');
}

/** The card as text: untouched lines as they came, new lines folded, CRLF throughout. */
export function serializeVCard(doc: VCardDocument): string {
  const lines = doc.entries.map((e) => e.source ?? foldLine(`${e.rawPrefix}:${e.rawValue}`));
  return ['BEGIN:VCARD', ...lines, 'END:VCARD', ''].join('\r\n');
}
