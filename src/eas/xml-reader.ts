// A small XML reader for the few plain-XML documents EAS has (Autodiscover). It is safe by
// construction: a DOCTYPE is refused outright, so there are no external entities to fetch and no
// entity expansion to blow up; only the five predefined entities and character references are
// understood. Namespaces are resolved so callers match on (namespace, local name).

export interface XmlElement {
  readonly name: string;
  readonly namespace: string | undefined;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: readonly (XmlElement | string)[];
}

export class XmlError extends Error {
  override readonly name = 'XmlError';
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(`${message} at offset ${offset}`);
  }
}

/** Autodiscover requests are a handful of elements; anything deeper or larger is not one. */
const MAX_DEPTH = 32;
const MAX_ELEMENTS = 2000;

const PREDEFINED: ReadonlyMap<string, string> = new Map([
  ['lt', '<'],
  ['gt', '>'],
  ['amp', '&'],
  ['quot', '"'],
  ['apos', "'"],
]);
const NAME = /[A-Za-z_][\w.:-]*/y;

type Scope = ReadonlyMap<string, string>;

class Reader {
  private pos = 0;
  private elements = 0;
  constructor(private readonly src: string) {}

  fail(message: string): never {
    throw new XmlError(message, this.pos);
  }

  document(): XmlElement {
    if (this.src.startsWith('\uFEFF')) this.pos = 1;
    this.misc();
    if (this.src[this.pos] !== '<') this.fail('expected the root element');
    const root = this.element(new Map(), 1);
    this.misc();
    if (this.pos < this.src.length) this.fail('content after the root element');
    return root;
  }

  /** Whitespace, comments and processing instructions (the XML declaration is one) between elements. */
  private misc(): void {
    for (;;) {
      while (/\s/.test(this.src[this.pos] ?? '')) this.pos += 1;
      if (this.src.startsWith('<!--', this.pos)) this.skipPast('-->');
      else if (this.src.startsWith('<?', this.pos)) this.skipPast('?>');
      else if (this.src.startsWith('<!', this.pos)) this.fail('DOCTYPE and other declarations are not accepted');
      else return;
    }
  }

  private skipPast(end: string): void {
    const at = this.src.indexOf(end, this.pos);
    if (at === -1) this.fail(`unterminated construct, expected ${end}`);
    this.pos = at + end.length;
  }

  private name(): string {
    NAME.lastIndex = this.pos;
    const match = NAME.exec(this.src);
    if (match === null) this.fail('expected a name');
    this.pos += match[0].length;
    return match[0];
  }

  private element(parentScope: Scope, depth: number): XmlElement {
    if (depth > MAX_DEPTH) this.fail('elements nested too deeply');
    if (++this.elements > MAX_ELEMENTS) this.fail('too many elements');
    this.pos += 1;
    const qname = this.name();
    const raw = this.attributes();
    const scope = this.scopeFor(parentScope, raw);
    const { prefix, local } = splitName(qname);
    const namespace = scope.get(prefix);
    if (prefix !== '' && namespace === undefined) this.fail(`undeclared prefix ${prefix}`);
    const attributes: Record<string, string> = {};
    for (const [key, value] of raw) if (key !== 'xmlns' && !key.startsWith('xmlns:')) attributes[key] = value;
    if (this.src.startsWith('/>', this.pos)) {
      this.pos += 2;
      return { name: local, namespace, attributes, children: [] };
    }
    if (this.src[this.pos] !== '>') this.fail('expected > after the start tag');
    this.pos += 1;
    const children = this.content(scope, depth);
    if (this.name() !== qname) this.fail(`end tag does not match <${qname}>`);
    while (/\s/.test(this.src[this.pos] ?? '')) this.pos += 1;
    if (this.src[this.pos] !== '>') this.fail('expected > after the end tag');
    this.pos += 1;
    return { name: local, namespace, attributes, children };
  }

  private attributes(): Map<string, string> {
    const out = new Map<string, string>();
    for (;;) {
      const before = this.pos;
      while (/\s/.test(this.src[this.pos] ?? '')) this.pos += 1;
      const next = this.src[this.pos];
      if (next === '>' || next === '/' || next === undefined) return out;
      if (this.pos === before) this.fail('expected whitespace before an attribute');
      const key = this.name();
      if (this.src[this.pos] !== '=') this.fail('expected = after an attribute name');
      const quote = this.src[this.pos + 1];
      if (quote !== '"' && quote !== "'") this.fail('expected a quoted attribute value');
      const end = this.src.indexOf(quote, this.pos + 2);
      if (end === -1) this.fail('unterminated attribute value');
      const value = this.src.slice(this.pos + 2, end);
      if (value.includes('<')) this.fail('< inside an attribute value');
      if (out.has(key)) this.fail(`duplicate attribute ${key}`);
      out.set(key, this.unescape(value));
      this.pos = end + 1;
    }
  }

  private scopeFor(parent: Scope, attributes: Map<string, string>): Scope {
    let scope: Map<string, string> | undefined;
    for (const [key, value] of attributes) {
      if (key !== 'xmlns' && !key.startsWith('xmlns:')) continue;
      scope ??= new Map(parent);
      scope.set(key === 'xmlns' ? '' : key.slice(6), value);
    }
    return scope ?? parent;
  }

  private content(scope: Scope, depth: number): (XmlElement | string)[] {
    const children: (XmlElement | string)[] = [];
    let text = '';
    for (;;) {
      const lt = this.src.indexOf('<', this.pos);
      if (lt === -1) this.fail('unterminated element');
      text += this.unescape(this.src.slice(this.pos, lt));
      this.pos = lt;
      if (this.src.startsWith('</', this.pos)) {
        this.pos += 2;
        if (text !== '') children.push(text);
        return children;
      }
      if (this.src.startsWith('<![CDATA[', this.pos)) {
        const end = this.src.indexOf(']]>', this.pos);
        if (end === -1) this.fail('unterminated CDATA section');
        text += this.src.slice(this.pos + 9, end);
        this.pos = end + 3;
      } else if (this.src.startsWith('<!--', this.pos)) this.skipPast('-->');
      else if (this.src.startsWith('<?', this.pos)) this.skipPast('?>');
      else if (this.src.startsWith('<!', this.pos)) this.fail('declarations are not accepted inside elements');
      else {
        if (text !== '') children.push(text);
        text = '';
        children.push(this.element(scope, depth + 1));
      }
    }
  }

  private unescape(raw: string): string {
    return raw.replace(/&([^;&\s]*);?/g, (whole, ref: string) => {
      if (!whole.endsWith(';')) this.fail('unterminated entity reference');
      const predefined = PREDEFINED.get(ref);
      if (predefined !== undefined) return predefined;
      const code = /^#x[0-9a-fA-F]{1,6}$/.test(ref)
        ? parseInt(ref.slice(2), 16)
        : /^#\d{1,7}$/.test(ref)
          ? parseInt(ref.slice(1), 10)
          : Number.NaN;
      if (!(code > 0 && code <= 0x10ffff) || (code >= 0xd800 && code <= 0xdfff)) this.fail(`unknown entity &${ref};`);
      return String.fromCodePoint(code);
    });
  }
}

function splitName(qname: string): { prefix: string; local: string } {
  const colon = qname.indexOf(':');
  return colon === -1 ? { prefix: '', local: qname } : { prefix: qname.slice(0, colon), local: qname.slice(colon + 1) };
}

export function parseXml(source: string): XmlElement {
  return new Reader(source).document();
}

export function xmlChild(parent: XmlElement, name: string, namespace?: string): XmlElement | undefined {
  return parent.children.find(
    (c): c is XmlElement => typeof c !== 'string' && c.name === name && (namespace === undefined || c.namespace === namespace),
  );
}

export function xmlText(el: XmlElement): string {
  return el.children.map((c) => (typeof c === 'string' ? c : xmlText(c))).join('');
}

const ESCAPES: ReadonlyMap<string, string> = new Map([...PREDEFINED].map(([name, ch]) => [ch, `&${name};`]));

/** Escapes text for an element or a quoted attribute. */
export function escapeXml(value: string): string {
  return value.replace(/[<>&"']/g, (ch) => ESCAPES.get(ch) ?? ch);
}
