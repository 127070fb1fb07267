// Token tree -> WBXML bytes, as EAS expects them (MS-ASWBXML 2.1.2): header 03 01 6A 00, one
// SWITCH_PAGE only where the code page changes, the content bit only on elements with children.
// One pass validates and writes: into a scratch buffer kept between calls, copied out at the
// document's exact size, or for a document larger than the scratch into a buffer of its own
// (encoder-output.ts). The walk recurses (a call per element that holds more than one string,
// cheaper than a stack of arrays for the small documents that dominate EAS traffic, BENCHMARKS.md
// "Small documents"); below MAX_RECURSION levels, reachable only with a raised maxDepth, it
// continues over an explicit stack, so no tree can overflow the call stack.

import { Buffer } from 'node:buffer';
import { tokenOfTag } from './code-pages/token-table.js';
import { WbxmlError } from './errors.js';
import { DEFAULT_WBXML_LIMITS } from './limits.js';
import { EncodeOutput, grow, writeOpaque, writeString } from './encoder-output.js';
import { CONTENT_BIT, EAS_HEADER, END, SWITCH_PAGE } from './tokens.js';
import type { WbxmlElement } from './tree.js';
import { walkDeep } from './tree-walk.js';

/**
 * Scratch space kept between calls, grown on demand up to SCRATCH_MAX_BYTES (a Sync window of
 * mail stays below it). Safe to share because encodeWbxml is synchronous and never returns the
 * scratch itself, only a copy.
 */
const SCRATCH_MAX_BYTES = 4 * 1024 * 1024;
/** V8's V8_TYPED_ARRAY_MAX_SIZE_IN_HEAP. */
const V8_ON_HEAP_BYTES = 64;
let scratch: Buffer = Buffer.allocUnsafeSlow(16 * 1024);
/** Views of the scratch's first 0 to V8_ON_HEAP_BYTES bytes, to copy a small document out with
 *  one TypedArray#set (a builtin's memmove; a loop in JS costs a third more, and so does making
 *  the view per call); rebuilt when the scratch grows, which is rare. */
let scratchHeads: Uint8Array[] = headsOf(scratch);

/** Levels the writer recurses; deeper subtrees are written over an explicit stack. */
const MAX_RECURSION = 256;

const [HEADER_0, HEADER_1, HEADER_2, HEADER_3] = EAS_HEADER as [number, number, number, number];

export interface EncodeOptions {
  /** Deepest nesting written; guards against cyclic trees. Defaults to the decoder's limit, so
   *  we never send what we would refuse to read. */
  readonly maxDepth?: number;
}

/** Encodes `root` as one WBXML document; returns a Buffer (a Uint8Array) of exactly its size. */
export function encodeWbxml(root: WbxmlElement, options?: EncodeOptions): Uint8Array {
  const element = asElement(root, 'the root');
  const maxDepth = options?.maxDepth ?? DEFAULT_WBXML_LIMITS.maxDepth;
  const out = new EncodeOutput(scratch, scratch, SCRATCH_MAX_BYTES, maxDepth, element);
  let end: number;
  try {
    const buf = out.buf;
    buf[0] = HEADER_0;
    buf[1] = HEADER_1;
    buf[2] = HEADER_2;
    buf[3] = HEADER_3;
    end = writeElement(out, element, EAS_HEADER.length, 1);
  } finally {
    if (out.scratch !== scratch) {
      scratch = out.scratch;
      scratchHeads = headsOf(scratch);
    }
  }
  return out.spilled ? out.buf.subarray(0, end) : copyOut(out.buf, end);
}

function headsOf(buf: Buffer): Uint8Array[] {
  return Array.from({ length: V8_ON_HEAP_BYTES + 1 }, (_, length) => new Uint8Array(buf.buffer, buf.byteOffset, length));
}

function copyOut(buf: Buffer, length: number): Buffer {
  if (length <= V8_ON_HEAP_BYTES && buf === scratch) {
    // allocUnsafeSlow(n) is a plain typed array, which V8 keeps inside its heap up to 64 bytes
    // (a Ping reply): half the cost of a slice of Node's pool, whose every view is built the slow way.
    const copy = Buffer.allocUnsafeSlow(length);
    copy.set(scratchHeads[length] as Uint8Array);
    return copy;
  }
  const copy = Buffer.allocUnsafe(length);
  copy.set(new Uint8Array(buf.buffer, buf.byteOffset, length));
  return copy;
}

/** SWITCH_PAGE if `el` is on another page, then its tag token with `flags`; returns the position after them. */
function writeTag(out: EncodeOutput, el: WbxmlElement, start: number, flags: number): number {
  const token = tokenOf(el);
  let buf = out.buf;
  let pos = start;
  if (pos + 3 > buf.length) buf = grow(out, pos, 3);
  if (el.page !== out.page) {
    out.page = el.page;
    buf[pos++] = SWITCH_PAGE;
    buf[pos++] = el.page;
  }
  buf[pos++] = token | flags;
  return pos;
}

function writeEnd(out: EncodeOutput, pos: number): number {
  let buf = out.buf;
  if (pos + 1 > buf.length) buf = grow(out, pos, 1);
  buf[pos] = END;
  return pos + 1;
}

// Writes `el` (at `depth`, the root being 1) and returns the position after it. Children that
// are empty or hold one string, the commonest EAS shapes, go to writeLeaf rather than recursing.
function writeElement(out: EncodeOutput, el: WbxmlElement, start: number, depth: number): number {
  const children = el.children;
  const count = children.length;
  let pos = writeTag(out, el, start, count === 0 ? 0 : CONTENT_BIT);
  if (count === 0) return pos;
  for (let i = 0; i < count; i++) {
    const child: unknown = children[i];
    if (typeof child === 'string') {
      pos = writeString(out, pos, child);
    } else if (child instanceof Uint8Array) {
      pos = writeOpaque(out, pos, child);
    } else {
      const nested = isElementLike(child) ? child : notANode(child, el);
      if (depth + 1 > out.maxDepth) throw new WbxmlError('limit', `nesting deeper than ${out.maxDepth}`);
      const grandchildren = nested.children;
      if (grandchildren.length === 0 || (grandchildren.length === 1 && typeof grandchildren[0] === 'string')) {
        pos = writeLeaf(out, nested, pos);
      } else {
        pos = depth < MAX_RECURSION ? writeElement(out, nested, pos, depth + 1) : writeDeep(out, nested, pos, depth + 1);
      }
    }
  }
  return writeEnd(out, pos);
}

/** An element that is empty or holds one string. */
function writeLeaf(out: EncodeOutput, el: WbxmlElement, start: number): number {
  const text = el.children[0];
  if (typeof text !== 'string') return writeTag(out, el, start, 0);
  return writeEnd(out, writeString(out, writeTag(out, el, start, CONTENT_BIT), text));
}

// The same writing over the explicit stack of walkDeep, for a subtree below MAX_RECURSION levels.
function writeDeep(out: EncodeOutput, root: WbxmlElement, start: number, rootDepth: number): number {
  let pos = writeTag(out, root, start, root.children.length === 0 ? 0 : CONTENT_BIT);
  const levels = out.maxDepth - rootDepth;
  walkDeep(root, {
    child(child, parent, depth) {
      if (typeof child === 'string') {
        pos = writeString(out, pos, child);
      } else if (child instanceof Uint8Array) {
        pos = writeOpaque(out, pos, child);
      } else {
        const el = isElementLike(child) ? child : notANode(child, parent);
        if (depth > levels) throw new WbxmlError('limit', `nesting deeper than ${out.maxDepth}`);
        pos = writeTag(out, el, pos, el.children.length === 0 ? 0 : CONTENT_BIT);
        return el;
      }
      return undefined;
    },
    close() {
      pos = writeEnd(out, pos);
    },
  });
  return pos;
}

/** The tag token of `el`; refuses pages and tags the code pages do not define. */
function tokenOf(el: WbxmlElement): number {
  const token = tokenOfTag(el.page, el.tag);
  if (token < 0) throw new WbxmlError('unencodable', `no tag ${String(el.tag)} on code page ${String(el.page)}`);
  return token;
}

function isElementLike(node: unknown): node is WbxmlElement {
  return typeof node === 'object' && node !== null && Array.isArray((node as WbxmlElement).children);
}

function notANode(node: unknown, parent: WbxmlElement): never {
  return asElement(node, `a child of ${parent.tag}`) as never;
}

/** Trees may come from untyped code; anything but an element with a children array is refused. */
function asElement(node: unknown, where: string): WbxmlElement {
  if (isElementLike(node)) return node;
  throw new WbxmlError('unencodable', `${where} is a ${node === null ? 'null' : typeof node}, not a WBXML node`);
}
