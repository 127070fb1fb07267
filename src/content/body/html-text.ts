// Converting between the two text bodies when an item has only one of them and the client asks
// for the other (AirSyncBase Type 1 from an HTML-only message, Type 2 from a plain one). The
// HTML reader is a single forward scan over the markup: hostile input (unclosed tags, thousands
// of "<script" openers) costs linear time, never a regex backtracking storm. It aims at readable
// text for a phone, not at a faithful rendering: links keep their text, images are dropped.

/** Tags that start and end a paragraph: a blank line around them. */
const PARAGRAPH_TAGS = new Set([
  'blockquote', 'dl', 'fieldset', 'figure', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'ol', 'p', 'pre', 'table', 'ul',
]);

/** Tags that start and end a line. */
const LINE_TAGS = new Set([
  'address', 'article', 'aside', 'dd', 'div', 'dt', 'footer', 'form', 'header', 'li', 'main', 'nav', 'section', 'tr',
]);

/** Elements whose content is never text for the reader. */
const SKIPPED_TAGS = new Set(['head', 'script', 'style', 'template', 'title']);

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', shy: '', zwnj: '', zwj: '',
  copy: '©', reg: '®', trade: '™', hellip: '…', mdash: '—', ndash: '–', lsquo: '‘', rsquo: '’',
  ldquo: '“', rdquo: '”', laquo: '«', raquo: '»', bull: '•', middot: '·', euro: '€', pound: '£',
  yen: '¥', cent: '¢', deg: '°', times: '×', divide: '÷', sect: '§', para: '¶',
};

const TAG_NAME = /^<\/?([a-zA-Z][a-zA-Z0-9]*)/;

/** Whether the '<' at `lt` opens markup: a tag, an end tag, a comment, a declaration or a PI. */
function opensMarkup(html: string, lt: number): boolean {
  const next = html.charCodeAt(lt + 1);
  const after = next === 0x2f ? html.charCodeAt(lt + 2) : next;
  const letter = (after >= 0x41 && after <= 0x5a) || (after >= 0x61 && after <= 0x7a);
  return letter || next === 0x21 || next === 0x3f;
}

/** Plain text of an HTML document or fragment. */
export function htmlToText(html: string): string {
  const out = new TextBuilder();
  let i = 0;
  let preDepth = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    const textEnd = lt < 0 ? html.length : lt;
    if (textEnd > i) out.text(html.slice(i, textEnd), preDepth > 0);
    if (lt < 0) break;
    if (!opensMarkup(html, lt)) {
      out.text('<', true);
      i = lt + 1;
      continue;
    }
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      i = end < 0 ? html.length : end + 3;
      continue;
    }
    const gt = html.indexOf('>', lt + 1);
    if (gt < 0) break;
    i = gt + 1;
    const match = TAG_NAME.exec(html.slice(lt, Math.min(gt + 1, lt + 40)));
    if (match === null) continue;
    const name = (match[1] as string).toLowerCase();
    const closing = html.charCodeAt(lt + 1) === 0x2f;
    if (!closing && SKIPPED_TAGS.has(name)) {
      i = skipElement(html, name, i);
      continue;
    }
    if (name === 'pre') preDepth = Math.max(0, preDepth + (closing ? -1 : 1));
    if (name === 'br') out.lineBreak();
    else if (PARAGRAPH_TAGS.has(name)) out.endLines(2);
    else if (LINE_TAGS.has(name)) out.endLines(1);
    else if (name === 'td' || name === 'th') out.text(' ', false);
  }
  return out.result();
}

/** Accumulates text, collapsing whitespace outside <pre> and merging requested line breaks. */
class TextBuilder {
  private readonly parts: string[] = [];
  /** Newlines at the end of the output (a paragraph needs two, a line one). */
  private trailingNewlines = 2;
  private pendingSpace = false;

  text(raw: string, verbatim: boolean): void {
    let text = decodeEntities(raw);
    if (!verbatim) {
      text = text.replace(/[ \t\r\n\f]+/g, ' ');
      if (text.startsWith(' ')) {
        this.pendingSpace ||= this.trailingNewlines === 0;
        text = text.slice(1);
      }
      if (text.endsWith(' ')) {
        text = text.slice(0, -1);
        if (text !== '') {
          this.push(text);
          this.pendingSpace = true;
          return;
        }
      }
    }
    if (text !== '') this.push(text);
  }

  lineBreak(): void {
    this.pendingSpace = false;
    this.parts.push('\n');
    this.trailingNewlines++;
  }

  endLines(count: 1 | 2): void {
    this.pendingSpace = false;
    while (this.trailingNewlines < count) this.lineBreak();
  }

  result(): string {
    return this.parts.join('').replace(/\n{3,}/g, '\n\n').trim();
  }

  private push(text: string): void {
    if (this.pendingSpace) this.parts.push(' ');
    this.pendingSpace = false;
    this.parts.push(text);
    let newlines = 0;
    while (newlines < text.length && text.charCodeAt(text.length - 1 - newlines) === 0x0a) newlines++;
    this.trailingNewlines = newlines === text.length ? this.trailingNewlines + newlines : newlines;
  }
}

/** Minimal HTML for a plain-text body: escaped, line breaks kept. */
export function textToHtml(text: string): string {
  const escaped = text.replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));
  return `<html><body>${escaped.replace(/\r?\n/g, '<br>\n')}</body></html>`;
}

/** Decodes character references (&amp; &#233; &#xE9;); unknown names stay as written. */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});/g, (whole, ref: string) => {
    if (ref.startsWith('#')) {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      const valid = code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff);
      return valid ? String.fromCodePoint(code) : '';
    }
    return NAMED_ENTITIES[ref.toLowerCase()] ?? whole;
  });
}

/** Index just past the element's end tag, or the end of input when it is never closed. */
function skipElement(html: string, name: string, from: number): number {
  const closer = new RegExp(`</${name}\\s*>`, 'gi');
  closer.lastIndex = from;
  const found = closer.exec(html);
  return found === null ? html.length : found.index + found[0].length;
}
