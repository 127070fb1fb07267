// The MIME structure of a message for the direct reader (direct-mail-content.ts): entities with
// their header lines, structure fields and body byte ranges, found in one synchronous pass over
// the lines. Delimiter lines and part bodies are cut exactly where mailparser's splitter
// (@zone-eu/mailsplit) cuts them: a delimiter is "--" boundary, optionally "--", then only
// spaces, tabs and the line end (RFC 2046 5.1.1), and the line end before it belongs to the
// delimiter. Only well-formed structures are taken on: mixed, alternative and related multiparts
// whose every multipart is closed, without message/* parts, delimiters in odd places or
// boundaries that could be confused with one another. Anything else reads as undefined and goes
// to mailparser, which copes with every malformed shape in its own well-tested way.

import { Buffer } from 'node:buffer';
import { entityFields, headerLines, type EntityFields, type HeaderLine } from './mime-header-block.js';

export interface MimeEntity {
  readonly lines: readonly HeaderLine[];
  readonly fields: EntityFields;
  readonly parent: MimeEntity | undefined;
  readonly children: MimeEntity[];
  /** Body bytes of a leaf: [bodyStart, bodyEnd) of the message. */
  bodyStart: number;
  bodyEnd: number;
}

/** Multipart subtypes the direct reader takes on; signed, report, digest... go to mailparser. */
const MULTIPARTS = new Set(['multipart/mixed', 'multipart/alternative', 'multipart/related']);
/** Far below mailsplit's limits (1,000 parts, 1 MiB of header per part), which make it fail. */
const MAX_ENTITIES = 500;
const MAX_HEADER_COST = 256 * 1024;
/** mailsplit counts every header line as at least this many bytes against its limit. */
const HEADER_LINE_MIN_COST = 64;

interface Scan {
  readonly bytes: Buffer;
  /** The entity whose lines are being read. */
  node: MimeEntity | undefined;
  /** Reading the current entity's header block, which started at headStart. */
  inHead: boolean;
  headStart: number;
  headCost: number;
  /** Multiparts whose closing delimiter has been read. */
  readonly closed: Set<MimeEntity>;
  entities: number;
  root: MimeEntity | undefined;
}

/** The structure of `mime`, or undefined when mailparser has to read it. */
export function readMimeTree(mime: Uint8Array): MimeEntity | undefined {
  const bytes = Buffer.from(mime.buffer, mime.byteOffset, mime.length);
  const scan: Scan = { bytes, node: undefined, inHead: true, headStart: 0, headCost: 0, closed: new Set(), entities: 0, root: undefined };
  let position = 0;
  while (position < bytes.length) {
    if (!scan.inHead) {
      // In a body only lines that start with "-" (or "\r-") can matter, and in a single-part
      // message none does.
      if (scan.node === scan.root && scan.root?.fields.boundary === '') break;
      position = nextDashLine(bytes, position);
      if (position < 0) break;
    }
    const newline = bytes.indexOf(0x0a, position);
    const end = newline < 0 ? bytes.length : newline + 1;
    if (!readLine(scan, position, end)) return undefined;
    position = end;
  }
  return finish(scan);
}

const NEWLINE_DASH = Buffer.from('\n-');
const NEWLINE_CR_DASH = Buffer.from('\n\r-');

/** The start of the first line at or after the line start `from` that begins with "-" or "\r-". */
function nextDashLine(bytes: Buffer, from: number): number {
  if (bytes[from] === 0x2d || (bytes[from] === 0x0d && bytes[from + 1] === 0x2d)) return from;
  const dash = bytes.indexOf(NEWLINE_DASH, from);
  const crDash = bytes.indexOf(NEWLINE_CR_DASH, from);
  const next = dash < 0 ? crDash : crDash < 0 ? dash : Math.min(dash, crDash);
  return next < 0 ? -1 : next + 1;
}

function readLine(scan: Scan, start: number, end: number): boolean {
  const { bytes } = scan;
  if (bytes[start] === 0x2d && bytes[start + 1] === 0x2d) {
    const verdict = delimiter(scan, start, end);
    if (verdict !== 'none') return verdict === 'taken';
  }
  // mailsplit also takes a delimiter after a lone CR; such messages are left to it.
  if (bytes[start] === 0x0d && bytes[start + 1] === 0x2d && scan.node !== undefined && boundaries(scan.node).length > 0) return false;
  if (!scan.inHead) return true;
  const length = end - start;
  const blank = (length === 1 && bytes[start] === 0x0a) || (length === 2 && bytes[start] === 0x0d && bytes[start + 1] === 0x0a);
  if (blank) return endHead(scan, start, end);
  scan.headCost += Math.max(length, HEADER_LINE_MIN_COST);
  return scan.headCost <= MAX_HEADER_COST;
}

/** The current entity's header block ended at the blank line [start, end). */
function endHead(scan: Scan, start: number, end: number): boolean {
  const lines = headerLines(scan.bytes.toString('binary', scan.headStart, start));
  const fields = lines === undefined ? undefined : entityFields(lines);
  if (lines === undefined || fields === undefined || !acceptable(fields, scan.node)) return false;
  const parent = scan.node;
  const entity: MimeEntity = { lines, fields, parent, children: [], bodyStart: end, bodyEnd: end };
  if (parent === undefined) scan.root = entity;
  else parent.children.push(entity);
  scan.node = entity;
  scan.inHead = false;
  scan.headCost = 0;
  return ++scan.entities <= MAX_ENTITIES;
}

function acceptable(fields: EntityFields, parent: MimeEntity | undefined): boolean {
  const type = fields.contentType;
  // An encoded word in a type is read as such by mailparser's header map but not by its splitter.
  if (type === '' || type.startsWith('message/') || type.includes('=?')) return false;
  // mailsplit splits any entity with a boundary parameter, even a text/plain one.
  if (!type.startsWith('multipart/')) return fields.boundary === '';
  return MULTIPARTS.has(type) && fields.boundary !== ''
    && boundaries(parent).every((other) => !other.startsWith(fields.boundary) && !fields.boundary.startsWith(other));
}

/** The boundaries of `node` and the multiparts around it, innermost first. */
function boundaries(node: MimeEntity | undefined): string[] {
  const out: string[] = [];
  for (let at = node; at !== undefined; at = at.parent) if (at.fields.boundary !== '') out.push(at.fields.boundary);
  return out;
}

type Verdict = 'none' | 'taken' | 'decline';

/**
 * A line starting with "--": a delimiter of the structure, an ordinary line, or a shape left to
 * mailparser (a delimiter in a part's header, in a preamble for an outer multipart, the closing
 * one in a preamble, or one that skips an unclosed inner multipart).
 */
function delimiter(scan: Scan, start: number, end: number): Verdict {
  const node = scan.node;
  if (node === undefined) return 'none';
  const matches = (boundary: string): 0 | 1 | 2 => compareBoundary(scan.bytes, start, end, boundary);
  if (scan.inHead) return boundaries(node).some((b) => matches(b) !== 0) ? 'decline' : 'none';
  const multipart = node.fields.boundary !== '';
  if (multipart && !scan.closed.has(node)) {
    const own = matches(node.fields.boundary);
    if (own === 1) return beginPart(scan, node, end);
    return own === 2 || boundaries(node.parent).some((b) => matches(b) !== 0) ? 'decline' : 'none';
  }
  // A leaf's body, or the epilogue of a closed multipart (where mailsplit skips its own delimiters).
  if (multipart && matches(node.fields.boundary) !== 0) return 'decline';
  for (let outer = node.parent; outer !== undefined; outer = outer.parent) {
    const kind = matches(outer.fields.boundary);
    if (kind === 0) continue;
    if (outer !== node.parent) return 'decline';
    if (!multipart) endBody(scan, node, start, kind === 2);
    if (kind === 1) return beginPart(scan, outer, end);
    scan.closed.add(outer);
    scan.node = outer;
    return 'taken';
  }
  return 'none';
}

function beginPart(scan: Scan, parent: MimeEntity, end: number): Verdict {
  scan.node = parent;
  scan.inHead = true;
  scan.headStart = end;
  scan.headCost = 0;
  return 'taken';
}

/**
 * A leaf's body ends at the delimiter line starting at `start`, less the line end before it. A
 * body that is nothing but one line end mailsplit keeps whole before a delimiter that opens the
 * next part, and drops before a closing one; so does this.
 */
function endBody(scan: Scan, node: MimeEntity, start: number, closing: boolean): void {
  let end = start;
  if (end > node.bodyStart && scan.bytes[end - 1] === 0x0a) end--;
  if (end > node.bodyStart && scan.bytes[end - 1] === 0x0d) end--;
  node.bodyEnd = end === node.bodyStart && !closing ? start : end;
}

function finish(scan: Scan): MimeEntity | undefined {
  const root = scan.root;
  if (root === undefined || scan.inHead) return undefined;
  if (root.fields.contentType.startsWith('multipart/')) return scan.closed.has(root) && scan.node === root ? root : undefined;
  root.bodyEnd = scan.bytes.length;
  return root;
}

/**
 * mailsplit's compareBoundary for a line at [start, end): 1 for "--b", 2 for "--b--", each
 * followed only by spaces and tabs, then CRs and an LF (a closing delimiter may end the input).
 */
function compareBoundary(bytes: Buffer, start: number, end: number, boundary: string): 0 | 1 | 2 {
  const length = end - start;
  if (boundary === '' || length < boundary.length + 3 || length > boundary.length + 1004) return 0;
  for (let i = 0; i < boundary.length; i++) if (bytes[start + 2 + i] !== boundary.charCodeAt(i)) return 0;
  let i = start + 2 + boundary.length;
  let kind: 1 | 2 = 1;
  if (bytes[i] === 0x2d) {
    if (bytes[i + 1] !== 0x2d) return 0;
    kind = 2;
    i += 2;
  }
  while (i < end && (bytes[i] === 0x20 || bytes[i] === 0x09)) i++;
  if (i === end) return kind === 2 ? 2 : 0;
  while (i < end && bytes[i] === 0x0d) i++;
  if (i < end && bytes[i] === 0x0a) i++;
  return i === end ? kind : 0;
}
