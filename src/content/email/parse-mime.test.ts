import assert from 'node:assert/strict';
import { Buffer } from 'node:buffer';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { extractAttachment, parseFileReference } from './attachments.js';
import { buildMime, generatedMailArb } from './mail-arbitraries.js';
import { readMailContent } from './parse-mime.js';

const MIXED_EOL = [
  'From: "Nine User" <nine@example.org>\r\n',
  'To: a@example.org;\n',
  'Subject: mixed line ends\r\n',
  'Content-Type: multipart/mixed; boundary="b1"\n',
  '\r\n',
  '--b1\r\n',
  'Content-Type: text/plain; charset=utf-8\n',
  '\n',
  'first line\r\nsecond line\n',
  '--b1\n',
  'Content-Type: message/rfc822\r\n',
  'Content-Disposition: attachment\n',
  '\n',
  'Subject: inner\r\n\r\ninner body\n',
  '--b1\r\n',
  'Content-Type: application/octet-stream\r\n',
  'Content-Transfer-Encoding: base64\n',
  '\r\n',
  'AAEC/w==\n',
  '--b1--\n',
].join('');

describe('readMailContent', () => {
  it('parses MIME whose lines end in CRLF and bare LF by turns (Nine)', async () => {
    const content = await readMailContent(Buffer.from(MIXED_EOL));
    assert.equal(content.subject, 'mixed line ends');
    assert.deepEqual(content.from, [{ name: 'Nine User', address: 'nine@example.org' }]);
    assert.match(content.text ?? '', /first line\r?\nsecond line/);
    assert.equal(content.attachments.length, 2);
    const [embedded, binary] = content.attachments;
    assert.equal(embedded?.embeddedMessage, true);
    assert.match(embedded?.displayName ?? '', /\.eml$/);
    assert.deepEqual([binary?.displayName, binary?.size], ['attachment-2', 4]);
  });

  it('reads every generated message back: subject, addresses, importance, attachments', async () => {
    await fc.assert(fc.asyncProperty(generatedMailArb, async (mail) => {
      const content = await readMailContent(await buildMime(mail));
      assert.equal(content.subject, mail.subject);
      assert.deepEqual(content.to.map((a) => a.address), mail.to.map((a) => a.address));
      assert.deepEqual(content.to.map((a) => a.name), mail.to.map((a) => a.name));
      assert.equal(content.importance, mail.importance);
      assert.equal(content.text?.replace(/\r\n/g, '\n').trimEnd(), mail.text.replace(/\r\n/g, '\n').trimEnd());
      assert.deepEqual(
        content.attachments.map((a) => [a.displayName, a.size]).sort(),
        mail.attachments.map((a) => [a.filename, a.content.length]).sort(),
      );
    }), { numRuns: 60 });
  });

  it('stays linear on a large message', async () => {
    const time = async (lines: number): Promise<number> => {
      const body = 'x'.repeat(70).concat('\r\n').repeat(lines);
      const mime = Buffer.from(`Subject: big\r\nContent-Type: text/plain\r\n\r\n${body}`);
      const started = process.hrtime.bigint();
      const content = await readMailContent(mime);
      assert.ok((content.text?.length ?? 0) > lines * 70);
      return Number(process.hrtime.bigint() - started) / 1e6;
    };
    await time(1000);
    const small = await time(20000);
    const large = await time(80000);
    assert.ok(large < small * 12 + 200, `4x input took ${large} ms vs ${small} ms`);
  });
});

describe('extractAttachment', () => {
  it('returns exactly the bytes of the attachment at a part index', async () => {
    await fc.assert(fc.asyncProperty(generatedMailArb, async (mail) => {
      const mime = await buildMime(mail);
      const content = await readMailContent(mime);
      // Generated mail may carry two attachments of one name and size: the n-th listed of a name
      // and size is the n-th given, since MIME keeps the order the builder wrote them in.
      const seen = new Map<string, number>();
      for (const info of content.attachments) {
        const extracted = await extractAttachment(mime, info.index);
        const key = `${info.displayName}\u0000${info.size}`;
        const nth = seen.get(key) ?? 0;
        seen.set(key, nth + 1);
        const source = mail.attachments.filter((a) => a.filename === info.displayName && a.content.length === info.size)[nth];
        assert.ok(extracted !== undefined && source !== undefined);
        assert.equal(extracted.fileName, info.displayName);
        assert.deepEqual(Buffer.from(extracted.bytes), Buffer.from(source.content));
      }
      assert.equal(await extractAttachment(mime, content.attachments.length), undefined);
      assert.equal(await extractAttachment(mime, -1), undefined);
    }), { numRuns: 30 });
  });
});

describe('parseFileReference', () => {
  it('splits the trailing part index from the prefix', () => {
    assert.deepEqual(parseFileReference('5:12:3'), { prefix: '5:12:', partIndex: 3 });
    assert.deepEqual(parseFileReference('0'), { prefix: '', partIndex: 0 });
    assert.equal(parseFileReference('5:12:'), undefined);
    assert.equal(parseFileReference('x:12345678901'), undefined);
  });
});
