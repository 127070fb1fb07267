// fast-check generators of raw MIME for the direct reader's differential tests: nested mixed,
// alternative and related multiparts, every transfer encoding, charsets, format=flowed, encoded
// words and RFC 2231 names, CRLF and bare LF, preambles and epilogues with lines that look like
// delimiters, repeated and empty header fields, and now and then a shape the direct reader must
// leave to mailparser (embedded messages, iTIP, S/MIME, per-line padded base64, unclosed parts).
// Test support only: nothing at run time imports this module.

import { Buffer } from 'node:buffer';
import fc from 'fast-check';
import libmime from 'libmime';
import libqp from 'libqp';

export interface RawEntity {
  readonly headers: readonly string[];
  /** Leaf body, already transfer-encoded. */
  readonly body?: Buffer;
  readonly boundary?: string;
  readonly children?: readonly RawEntity[];
  readonly preamble?: string;
  readonly epilogue?: string;
  readonly closed?: boolean;
  readonly delimiterSpace?: string;
}

const WORDS = ['Grüße', 'naïve', 'café', 'hello', 'world', '日本', 'Ж', '😀', 'a=b', 'x_y', 'tab\there', '"quoted"', '<angle>', 'semi;colon', '--dash'];
const wordsArb = fc.array(fc.constantFrom(...WORDS), { minLength: 0, maxLength: 6 }).map((w) => w.join(' '));
const textArb = fc.array(fc.oneof(
  { weight: 30, arbitrary: wordsArb },
  { weight: 10, arbitrary: fc.constantFrom('', ' trailing ', '> quoted', '-- ', 'x'.repeat(90), 'bare\rcr', '=3D not qp', '--') },
  { weight: 1, arbitrary: fc.constant('<p>'.concat('y'.repeat(70_000), '</p>')) },
), { maxLength: 8 });

function encodeText(text: string, charset: string): Buffer {
  return Buffer.from(text, charset === 'iso-8859-1' || charset === 'windows-1252' ? 'latin1' : 'utf8');
}

const base64Lines = (bytes: Buffer, perLinePadding: boolean): string => {
  if (perLinePadding) return Array.from({ length: Math.ceil(bytes.length / 10) }, (_, i) => bytes.subarray(i * 10, i * 10 + 10).toString('base64')).join('\r\n');
  return bytes.toString('base64').replace(/.{76}/g, '$&\r\n');
};

function transferEncode(bytes: Buffer, encoding: string, eol: string): Buffer {
  if (encoding === 'base64') return Buffer.from(base64Lines(bytes, false).replaceAll('\r\n', eol));
  if (encoding === 'base64-padded') return Buffer.from(base64Lines(bytes, true).replaceAll('\r\n', eol));
  if (encoding === 'quoted-printable') return Buffer.from(libqp.wrap(libqp.encode(bytes), 76).replaceAll('\r\n', eol));
  return bytes;
}

const headerWordArb = fc.constantFrom('plain', 'encoded', 'raw8bit', 'latin1');
function headerText(text: string, style: string): string {
  if (style === 'encoded') return libmime.encodeWords(text, 'Q', 40);
  // Header strings are binary (one char per byte): raw UTF-8, or raw Latin-1 that is not UTF-8.
  if (style === 'raw8bit') return Buffer.from(text, 'utf8').toString('latin1');
  if (style === 'latin1') return text.replace(/[^\x20-\xff]/g, '?');
  return text.normalize('NFKD').replace(/[^\x20-\x7e]/g, '');
}

const leafArb = fc.record({
  type: fc.oneof(
    { weight: 12, arbitrary: fc.constantFrom('text/plain', 'text/plain', 'text/html', 'application/pdf', 'image/png', 'application/octet-stream', 'text/csv') },
    { weight: 1, arbitrary: fc.constantFrom('text/calendar', 'application/pkcs7-mime') },
  ),
  charset: fc.constantFrom('utf-8', 'UTF-8', 'us-ascii', 'iso-8859-1', 'windows-1252', 'koi8-r', 'x-unknown', ''),
  encoding: fc.oneof(
    { weight: 12, arbitrary: fc.constantFrom('', '7bit', '8bit', 'binary', 'quoted-printable', 'QUOTED-PRINTABLE', 'base64', 'base64', 'x-uuencode') },
    { weight: 1, arbitrary: fc.constant('base64-padded') },
  ),
  disposition: fc.constantFrom('', '', 'inline', 'attachment', 'Attachment', 'weird'),
  filename: fc.constantFrom('', '', 'report.pdf', 'Grüße.pdf', 'photo.png', 'data', 'report.pdf', 'invite.ics'),
  filenameStyle: fc.constantFrom('param', 'encoded', 'rfc2231', 'name'),
  contentId: fc.constantFrom('', '', '<img1@test>', 'bare@test', '<>'),
  location: fc.constantFrom('', '', 'http://example.com/a.png'),
  flowed: fc.boolean(),
  delSp: fc.boolean(),
  text: textArb,
  bytes: fc.uint8Array({ maxLength: 400 }),
  eol: fc.constantFrom('\r\n', '\n'),
  typeStyle: fc.constantFrom('plain', 'plain', 'plain', 'upper', 'folded', 'comment', 'twice'),
}).map((leaf): RawEntity => {
  const textual = leaf.type.startsWith('text/');
  const text = leaf.text.join(leaf.eol);
  const raw = textual ? encodeText(text, leaf.charset) : Buffer.from(leaf.bytes);
  const encoding = leaf.encoding === 'base64-padded' ? 'base64' : leaf.encoding;
  const params = `${textual && leaf.charset !== '' ? `; charset="${leaf.charset}"` : ''}${leaf.flowed ? `; format=flowed${leaf.delSp ? '; delsp=yes' : ''}` : ''}${leaf.filename !== '' && leaf.filenameStyle === 'name' ? `; name="${utf8Bytes(leaf.filename)}"` : ''}`;
  const headers = [contentType(leaf.type, params, leaf.typeStyle, leaf.eol)];
  if (encoding !== '') headers.push(`Content-Transfer-Encoding: ${leaf.typeStyle === 'upper' ? ` ${encoding.toUpperCase()} ` : encoding}`);
  if (leaf.disposition !== '' || (leaf.filename !== '' && leaf.filenameStyle !== 'name')) {
    headers.push(`Content-Disposition: ${leaf.disposition === '' ? 'attachment' : leaf.disposition}${filenameParam(leaf.filename, leaf.filenameStyle)}`);
  }
  if (leaf.contentId !== '') headers.push(`Content-ID: ${leaf.contentId}`);
  if (leaf.location !== '') headers.push(`Content-Location: ${leaf.location}`);
  return { headers, body: transferEncode(raw, leaf.encoding, leaf.eol) };
});

function contentType(type: string, params: string, style: string, eol: string): string {
  if (style === 'upper') return `Content-Type: ${type.toUpperCase()}${params}`;
  if (style === 'folded') return `Content-Type: ${type}${params.replaceAll('; ', `;${eol}\t`)}`;
  if (style === 'comment') return `Content-Type: ${type} (a comment)${params}`;
  if (style === 'twice') return `Content-Type: ${type}${params}${eol}Content-Type: application/x-second`;
  return `Content-Type: ${type}${params}`;
}

const utf8Bytes = (text: string): string => Buffer.from(text, 'utf8').toString('latin1');

function filenameParam(filename: string, style: string): string {
  if (filename === '' || style === 'name') return '';
  if (style === 'encoded') return `; filename="${libmime.encodeWords(filename, 'Q')}"`;
  // A long name, so that RFC 2231 continuations appear.
  if (style === 'rfc2231') return libmime.buildHeaderParam('filename', `${filename} ${'ü'.repeat(30)}`, 40).map((p) => `; ${p.key}=${p.value}`).join('');
  return `; filename="${utf8Bytes(filename)}"`;
}

const boundaryArb = fc.stringMatching(/^[A-Za-z0-9'()+_,./:=? -]{1,20}[A-Za-z0-9]$/);

const entityArb: fc.Arbitrary<RawEntity> = fc.letrec<{ entity: RawEntity }>((tie) => ({
  entity: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leafArb,
    fc.record({
      subtype: fc.constantFrom('mixed', 'alternative', 'related', 'mixed', 'alternative', 'mixed', 'related', 'signed'),
      boundary: boundaryArb,
      children: fc.array(tie('entity'), { minLength: 1, maxLength: 3 }),
      preamble: fc.constantFrom('', 'This is a multi-part message.', '--not-a-delimiter', 'NEAR-MISS'),
      epilogue: fc.constantFrom('', 'epilogue text', '--'),
      closed: fc.constantFrom(true, true, true, true, true, true, true, false),
      delimiterSpace: fc.constantFrom('', '', ' ', '\t '),
    }).map((m): RawEntity => ({
      headers: [`Content-Type: multipart/${m.subtype}; boundary=${/^[A-Za-z0-9]+$/.test(m.boundary) ? m.boundary : `"${m.boundary}"`}`],
      boundary: m.boundary,
      children: m.children,
      preamble: m.preamble,
      epilogue: m.epilogue,
      closed: m.closed,
      delimiterSpace: m.delimiterSpace,
    })),
  ),
})).entity;

function serialise(entity: RawEntity, eol: string): Buffer {
  const head = Buffer.from(`${entity.headers.join(eol)}${eol}${eol}`, 'latin1');
  if (entity.children === undefined || entity.boundary === undefined) return Buffer.concat([head, entity.body ?? Buffer.alloc(0)]);
  const parts: Buffer[] = [head];
  const nearMiss = `--${entity.boundary}x${eol}--${entity.boundary}-${eol}`;
  if (entity.preamble !== '') parts.push(Buffer.from(entity.preamble === 'NEAR-MISS' ? nearMiss : `${entity.preamble}${eol}`, 'latin1'));
  for (const child of entity.children) {
    parts.push(Buffer.from(`--${entity.boundary}${entity.delimiterSpace ?? ''}${eol}`), serialise(child, eol), Buffer.from(eol));
  }
  if (entity.closed !== false) parts.push(Buffer.from(`--${entity.boundary}--${eol}`));
  if (entity.epilogue !== '') parts.push(Buffer.from(`${entity.epilogue}${eol}`));
  return Buffer.concat(parts);
}

const envelopeArb = fc.record({
  fromName: wordsArb,
  toNames: fc.array(wordsArb, { maxLength: 3 }),
  subject: wordsArb,
  style: headerWordArb,
  date: fc.constantFrom('Fri, 01 Mar 2024 10:00:00 +0000', '1 Mar 2024 10:00 -0500', 'Fri, 01 Mar 2024 10:00:00 +0000', undefined, 'not a date'),
  messageId: fc.constantFrom('<m1@example.org>', 'm2@example.org', '', undefined),
  references: fc.array(fc.constantFrom('<r1@x>', 'r2@x', '<r3@x> <r4@x>'), { maxLength: 2 }),
  threadTopics: fc.array(wordsArb, { maxLength: 2 }),
  priority: fc.constantFrom('Importance: high', 'X-Priority: 5 (Lowest)', 'X-Priority: 3', 'Priority: urgent', 'Importance: ', undefined),
  extraSubject: fc.boolean(),
  folded: fc.boolean(),
});

/** A whole message: envelope headers, then the entity's own headers and body. */
export const rawMimeArb: fc.Arbitrary<Buffer> = fc.tuple(envelopeArb, entityArb, fc.constantFrom('\r\n', '\n')).map(([env, entity, eol]) => {
  const address = (name: string, i: number): string => {
    const shown = headerText(name, env.style);
    return shown === '' ? `user${i}@example.org` : `"${shown.replace(/"/g, '')}" <user${i}@example.org>`;
  };
  const headers = [`From: ${address(env.fromName, 0)}`];
  if (env.toNames.length > 0) headers.push(`To: ${env.toNames.map(address).join(`,${env.folded ? `${eol} ` : ' '}`)}`);
  headers.push(`${env.folded ? 'Subject :' : 'Subject:'}${headerText(env.subject, env.style)}`);
  if (env.extraSubject) headers.push('Subject: second subject');
  if (env.date !== undefined) headers.push(`Date: ${env.date}`);
  if (env.messageId !== undefined) headers.push(`Message-ID: ${env.messageId}`);
  for (const reference of env.references) headers.push(`References: ${reference}`);
  if (env.references.length > 0) headers.push(`In-Reply-To: ${env.references[0]}`);
  for (const topic of env.threadTopics) headers.push(`Thread-Topic: ${headerText(topic, env.style)}`);
  if (env.priority !== undefined) headers.push(env.priority);
  headers.push('MIME-Version: 1.0');
  return serialise({ ...entity, headers: [...headers, ...entity.headers] }, eol);
});
