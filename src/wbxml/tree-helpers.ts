// Building and reading token trees by qualified name ("AirSync:Sync"), so eas/ code can say what
// it means without token numbers. Names are checked against the code pages: a misspelt tag fails
// where it is written, not as a silent non-match or at encode time.

import { Buffer } from 'node:buffer';
import { CODE_PAGES, pageNumber, tagName, tagToken } from './code-pages/index.js';
import { WbxmlError } from './errors.js';
import { isElement, type WbxmlElement, type WbxmlNode } from './tree.js';

/** A qualified name resolved to its code page and tag. */
export interface ResolvedTag {
  readonly page: number;
  readonly tag: string;
}

/** Resolves "Namespace:Tag"; throws WbxmlError 'unencodable' if either part is unknown. */
export function resolveTag(qualified: string): ResolvedTag {
  const colon = qualified.indexOf(':');
  const page = colon > 0 ? pageNumber(qualified.slice(0, colon)) : undefined;
  if (page === undefined) throw new WbxmlError('unencodable', `unknown namespace in '${qualified}'`);
  const token = tagToken(page, qualified.slice(colon + 1));
  if (token === undefined) throw new WbxmlError('unencodable', `unknown tag '${qualified}'`);
  // The code page's own string, not the slice: trees then share interned tag strings, which
  // keeps the encoder's tag lookups and helpers' comparisons on the fast path.
  return { page, tag: tagName(page, token) as string };
}

/** Builds an element; `children` may be one node or a list (numbers are refused: pass String(n)). */
export function element(qualified: string, children?: WbxmlNode[] | WbxmlNode): WbxmlElement {
  const { page, tag } = resolveTag(qualified);
  const list = children === undefined ? [] : Array.isArray(children) ? [...children] : [children];
  for (const child of list as unknown[]) {
    const valid = typeof child === 'string' || child instanceof Uint8Array
      || (typeof child === 'object' && child !== null && Array.isArray((child as WbxmlElement).children));
    if (!valid) {
      throw new WbxmlError('unencodable', `child of '${qualified}' is a ${child === null ? 'null' : typeof child}, not a WBXML node`);
    }
  }
  return { page, tag, children: list };
}

/** "Namespace:Tag" of an element; throws WbxmlError 'unknown-page' for a page no code page has. */
export function qualifiedName(el: WbxmlElement): string {
  const page = CODE_PAGES[el.page];
  if (page === undefined) throw new WbxmlError('unknown-page', `code page ${el.page}`);
  return `${page.namespace}:${el.tag}`;
}

/** Direct child elements, all of them or only those named `qualified`, in document order. */
export function childElements(el: WbxmlElement, qualified?: string): WbxmlElement[] {
  const wanted = qualified === undefined ? undefined : resolveTag(qualified);
  const found: WbxmlElement[] = [];
  for (const child of el.children) {
    if (!isElement(child)) continue;
    if (wanted === undefined || (child.page === wanted.page && child.tag === wanted.tag)) found.push(child);
  }
  return found;
}

/** The first direct child element named `qualified`, if any. */
export function firstChild(el: WbxmlElement, qualified: string): WbxmlElement | undefined {
  const { page, tag } = resolveTag(qualified);
  for (const child of el.children) {
    if (isElement(child) && child.page === page && child.tag === tag) return child;
  }
  return undefined;
}

/** The element's own text: its inline strings and its opaque blocks (read as UTF-8) joined in
 *  order. Child elements are skipped, not descended into: EAS values sit in leaf elements, and
 *  joining a container's nested values would only produce a wrong value silently. */
export function textContent(el: WbxmlElement): string {
  let text = '';
  for (const child of el.children) {
    if (typeof child === 'string') text += child;
    else if (child instanceof Uint8Array) text += Buffer.from(child.buffer, child.byteOffset, child.byteLength).toString('utf8');
  }
  return text;
}
