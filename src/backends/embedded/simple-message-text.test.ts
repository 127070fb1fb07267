// The direct reader of simple messages against mailparser: over generated single-part text and
// HTML messages (encodings, encoded words, display names, CRLF or LF) both must index the same
// words, and the reader must decline what it leaves to mailparser.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import libmime from 'libmime';
import libqp from 'libqp';
import { mailparserSearchText, mailSearchText, type MailSearchText } from './mail-search-text.js';
import { simpleMessageText } from './simple-message-text.js';

const WORDS = ['meeting', 'Café', 'naïve', 'Grüße', '東京', 'zoë', 'report-2026', 'a.b@c.org', 'x_y', 'ÅNGSTRÖM', '42', 'fin.', '"quoted"', '&amp;', '<b>bold</b>'];
const wordsArb = fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 8 }).map((w) => w.join(' '));

/** The tokens the unicode61 tokenizer with remove_diacritics would index. */
function tokens(text: MailSearchText): string[] {
  const of = (value: string): string[] => value.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((t) => t !== '');
  return [...of(text.subject), '|', ...of(text.people), '|', ...of(text.body)];
}

const headerWord = (value: string, mode: 'raw' | 'Q' | 'B'): string => (mode === 'raw' || /^[\x20-\x7e]*$/.test(value) ? value : libmime.encodeWord(value, mode));
const asciiName = fc.constantFrom('Bob', 'Dora Dunn', '"Smith, Jo"', '');
const nonAsciiName = fc.constantFrom('Jörg Ämter', '山田 太郎');
const address = fc.record({ name: fc.oneof(asciiName, nonAsciiName), mode: fc.constantFrom<'Q' | 'B'>('Q', 'B'), local: fc.constantFrom('bob', 'dora.dunn', 'x-y') })
  .map(({ name, mode, local }) => {
    const shown = /^[\x20-\x7e]*$/.test(name) ? name : `"${libmime.encodeWord(name, mode)}"`;
    return shown === '' ? `${local}@example.org` : `${shown} <${local}@example.org>`;
  });

const messageArb = fc.record({
  subject: wordsArb,
  subjectMode: fc.constantFrom<'Q' | 'B'>('Q', 'B'),
  from: address,
  to: fc.array(address, { minLength: 1, maxLength: 3 }),
  cc: fc.option(fc.array(address, { minLength: 1, maxLength: 2 }), { nil: undefined }),
  lines: fc.array(wordsArb, { minLength: 0, maxLength: 6 }),
  html: fc.boolean(),
  encoding: fc.constantFrom('8bit', 'quoted-printable', 'base64', undefined),
  charset: fc.constantFrom('utf-8', 'UTF-8', undefined),
  eol: fc.constantFrom('\r\n', '\n'),
});

type GeneratedMessage = typeof messageArb extends fc.Arbitrary<infer T> ? T : never;

function render(m: GeneratedMessage): Buffer {
  const text = m.html ? `<html><body>${m.lines.map((l) => `<p>${l}</p>`).join(m.eol)}</body></html>` : m.lines.join(m.eol);
  const raw = Buffer.from(text, 'utf8');
  const body = m.encoding === 'base64' ? raw.toString('base64').replace(/.{76}/g, `$&${m.eol}`)
    : m.encoding === 'quoted-printable' ? libqp.wrap(libqp.encode(raw), 76).replace(/\r?\n/g, m.eol) : text;
  const headers = [
    `From: ${m.from}`, `To: ${m.to.join(', ')}`, ...(m.cc === undefined ? [] : [`Cc: ${m.cc.join(',\t')}`]),
    `Subject: ${headerWord(m.subject, m.subjectMode)}`, 'MIME-Version: 1.0',
    `Content-Type: text/${m.html ? 'html' : 'plain'}${m.charset === undefined ? '' : `;${m.eol} charset=${m.charset}`}`,
    ...(m.encoding === undefined ? [] : [`Content-Transfer-Encoding: ${m.encoding}`]),
  ];
  return Buffer.from(`${headers.join(m.eol)}${m.eol}${m.eol}${body}${m.eol}`, 'utf8');
}

describe('simpleMessageText', () => {
  it('indexes the words mailparser would, for generated simple messages', async () => {
    await fc.assert(fc.asyncProperty(messageArb, async (message) => {
      const mime = render(message);
      assert.ok(simpleMessageText(mime) !== undefined, 'a simple message is read directly');
      assert.deepEqual(tokens(await mailSearchText(mime)), tokens(await mailparserSearchText(mime)));
    }), { numRuns: 300 });
  });

  it('declines what it leaves to mailparser', () => {
    const declined = [
      'Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\nx\r\n--b--\r\n',
      'Content-Type: text/plain; charset=iso-8859-1\r\n\r\nx\r\n',
      'Content-Type: text/plain; format=flowed\r\n\r\nx\r\n',
      'Content-Type: text/plain\r\nContent-Disposition: attachment\r\n\r\nx\r\n',
      'Content-Type: application/pdf\r\n\r\nx\r\n',
      'Content-Transfer-Encoding: x-uuencode\r\n\r\nx\r\n',
      'From: Bob (work) <bob@example.org>\r\n\r\nx\r\n',
      'To: friends: a@example.org;\r\n\r\nx\r\n',
      'Subject: one\r\nSubject: two\r\n\r\nx\r\n',
      'Subject: Grüße\r\n\r\nx\r\n',
      'From nobody Mon Jan 1 00:00:00 2026\r\nSubject: mbox\r\n\r\nx\r\n',
      'Subject: no body',
    ];
    for (const text of declined) assert.equal(simpleMessageText(Buffer.from(text, 'utf8')), undefined, text);
  });

  it('reads an HTML body as HTML and a message without Content-Type as plain text', () => {
    assert.deepEqual(simpleMessageText(Buffer.from('Subject: Hi\r\nContent-Type: text/html\r\n\r\n<p>a</p>\r\n')), { subject: 'Hi', people: '', body: '<p>a</p>\n', html: true });
    assert.deepEqual(simpleMessageText(Buffer.from('From: a@example.org\n\nplain\n')), { subject: '', people: 'a@example.org', body: 'plain\n', html: false });
  });
});
