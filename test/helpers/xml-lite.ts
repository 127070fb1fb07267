// A small XML reader for the restricted XML that WBXML fixtures and wbxml2xml output use:
// elements, namespace declarations, text, CDATA, comments, the XML declaration and a DOCTYPE.
// No DTD entities, no processing instructions beyond the declaration. Adding a dependency for
// this would buy nothing: the tests need byte-exact text, which general parsers normalise away
// (line endings, whitespace), and wbxml2xml prints opaque bytes raw, so the input may be read
// as latin1 to keep every byte.

export interface XmlElement {
  readonly kind: 'element';
  /** Local name, without prefix. */
  readonly name: string;
  /** Namespace URI resolved from xmlns declarations in scope; '' when none. */
  readonly namespace: string;
  /** Attributes other than namespace declarations, by qualified name as written. */
  readonly attributes: ReadonlyMap<string, string>;
  readonly children: XmlChild[];
}

export type XmlChild = XmlElement | { readonly kind: 'text' | 'cdata'; readonly value: string };

export interface XmlParseOptions {
  /** How a numeric character reference becomes text; default: the code point as a JS string. */
  readonly charRef?: (codePoint: number) => string;
}

export class XmlSyntaxError extends Error {
  constructor(message: string, readonly offset: number) {
    super(`${message} at offset ${offset}`);
    this.name = 'XmlSyntaxError';
  }
}

const NAMED_ENTITIES: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const NAME = /[A-Za-z_][\w.:-]*/y;

export function decodeEntities(raw: string, offset: number, options: XmlParseOptions = {}): string {
  return raw.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);|&/g, (match, ref: string | undefined) => {
    if (ref === undefined) throw new XmlSyntaxError('bare "&"', offset);
    if (ref.startsWith('#')) {
      const codePoint = ref.startsWith('#x') ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return options.charRef ? options.charRef(codePoint) : String.fromCodePoint(codePoint);
    }
    const named = NAMED_ENTITIES[ref];
    if (named === undefined) throw new XmlSyntaxError(`unknown entity ${match}`, offset);
    return named;
  });
}

const TEXT_ESCAPES: Readonly<Record<string, string>> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', '\r': '&#13;' };

/** Escapes text content; CR becomes a character reference because XML parsers fold CR LF to LF. */
export function escapeXmlText(text: string): string {
  return text.replace(/[<>&\r]/g, (c) => TEXT_ESCAPES[c] ?? c);
}

interface OpenTag {
  readonly qualifiedName: string;
  readonly attributes: Map<string, string>;
  readonly selfClosing: boolean;
}

/** Parses one document and returns its root element. */
export function parseXml(text: string, options: XmlParseOptions = {}): XmlElement {
  const parser = new Parser(text, options);
  return parser.document();
}

class Parser {
  private pos = 0;

  constructor(private readonly text: string, private readonly options: XmlParseOptions) {}

  document(): XmlElement {
    this.skipProlog();
    if (!this.text.startsWith('<', this.pos)) this.fail('expected the root element');
    const root = this.element(new Map([['xml', 'http://www.w3.org/XML/1998/namespace']]));
    this.skipMisc();
    if (this.pos !== this.text.length) this.fail('content after the root element');
    return root;
  }

  private skipProlog(): void {
    if (this.text.startsWith('\uFEFF', this.pos)) this.pos += 1;
    if (this.text.startsWith('<?xml', this.pos)) this.pos = this.indexAfter('?>');
    this.skipMisc();
    if (this.text.startsWith('<!DOCTYPE', this.pos)) {
      // A DOCTYPE with an internal subset ([...]) is not part of the restricted dialect.
      const end = this.text.indexOf('>', this.pos);
      if (end < 0 || this.text.slice(this.pos, end).includes('[')) this.fail('unsupported DOCTYPE');
      this.pos = end + 1;
    }
    this.skipMisc();
  }

  private skipMisc(): void {
    for (;;) {
      while (/\s/.test(this.text[this.pos] ?? '')) this.pos += 1;
      if (!this.text.startsWith('<!--', this.pos)) return;
      this.pos = this.indexAfter('-->');
    }
  }

  private element(scope: ReadonlyMap<string, string>): XmlElement {
    const tag = this.openTag();
    const inner = new Map(scope);
    for (const [name, value] of [...tag.attributes]) {
      if (name === 'xmlns') inner.set('', value);
      else if (name.startsWith('xmlns:')) inner.set(name.slice(6), value);
      else continue;
      tag.attributes.delete(name);
    }
    const colon = tag.qualifiedName.indexOf(':');
    const prefix = colon < 0 ? '' : tag.qualifiedName.slice(0, colon);
    const namespace = inner.get(prefix);
    if (namespace === undefined && prefix !== '') this.fail(`undeclared prefix "${prefix}"`);
    const element: XmlElement = {
      kind: 'element',
      name: tag.qualifiedName.slice(colon + 1),
      namespace: namespace ?? '',
      attributes: tag.attributes,
      children: [],
    };
    if (!tag.selfClosing) this.content(element.children, inner, tag.qualifiedName);
    return element;
  }

  private openTag(): OpenTag {
    this.pos += 1;
    const qualifiedName = this.name();
    const attributes = new Map<string, string>();
    for (;;) {
      const spaced = this.skipSpace();
      if (this.text.startsWith('/>', this.pos)) {
        this.pos += 2;
        return { qualifiedName, attributes, selfClosing: true };
      }
      if (this.text.startsWith('>', this.pos)) {
        this.pos += 1;
        return { qualifiedName, attributes, selfClosing: false };
      }
      if (!spaced) this.fail('expected whitespace before an attribute');
      const attribute = this.name();
      this.skipSpace();
      if (this.text[this.pos] !== '=') this.fail('expected "="');
      this.pos += 1;
      this.skipSpace();
      const quote = this.text[this.pos];
      if (quote !== '"' && quote !== "'") this.fail('expected a quoted attribute value');
      const end = this.text.indexOf(quote, this.pos + 1);
      if (end < 0) this.fail('unterminated attribute value');
      if (attributes.has(attribute)) this.fail(`duplicate attribute "${attribute}"`);
      attributes.set(attribute, decodeEntities(this.text.slice(this.pos + 1, end), this.pos, this.options));
      this.pos = end + 1;
    }
  }

  private content(children: XmlChild[], scope: ReadonlyMap<string, string>, qualifiedName: string): void {
    for (;;) {
      if (this.pos >= this.text.length) this.fail(`unterminated element <${qualifiedName}>`);
      if (this.text.startsWith('</', this.pos)) {
        this.pos += 2;
        if (this.name() !== qualifiedName) this.fail(`mismatched end tag for <${qualifiedName}>`);
        this.skipSpace();
        if (this.text[this.pos] !== '>') this.fail('expected ">"');
        this.pos += 1;
        return;
      }
      if (this.text.startsWith('<![CDATA[', this.pos)) {
        const start = this.pos + 9;
        this.pos = this.indexAfter(']]>');
        children.push({ kind: 'cdata', value: this.text.slice(start, this.pos - 3) });
      } else if (this.text.startsWith('<!--', this.pos)) {
        this.pos = this.indexAfter('-->');
      } else if (this.text.startsWith('<', this.pos)) {
        children.push(this.element(scope));
      } else {
        const end = this.text.indexOf('<', this.pos);
        const stop = end < 0 ? this.text.length : end;
        const value = decodeEntities(this.text.slice(this.pos, stop), this.pos, this.options);
        const previous = children.at(-1);
        // Comments split text; keep one text node per run so callers see the element's content whole.
        if (previous?.kind === 'text') children[children.length - 1] = { kind: 'text', value: previous.value + value };
        else children.push({ kind: 'text', value });
        this.pos = stop;
      }
    }
  }

  private name(): string {
    NAME.lastIndex = this.pos;
    const match = NAME.exec(this.text);
    if (!match) this.fail('expected a name');
    this.pos += match[0].length;
    return match[0];
  }

  private skipSpace(): boolean {
    const start = this.pos;
    while (/\s/.test(this.text[this.pos] ?? '')) this.pos += 1;
    return this.pos > start;
  }

  private indexAfter(terminator: string): number {
    const end = this.text.indexOf(terminator, this.pos);
    if (end < 0) this.fail(`missing "${terminator}"`);
    return end + terminator.length;
  }

  private fail(message: string): never {
    throw new XmlSyntaxError(message, this.pos);
  }
}
