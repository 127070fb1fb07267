// Building SmartReply and SmartForward messages: the reply keeps the device's header fields,
// quotes the original's text and HTML, adds threading fields and the inline image the quote shows;
// the forward includes the original body and its attachments; a calendar item is forwarded as an
// .ics; a signed message goes out untouched. Results are read back with mailparser.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import MailComposer from 'nodemailer/lib/mail-composer';
import { parseMime } from '../../content/email/index.js';
import type { MailMessage } from '../../domain/item.js';
import { DEFAULT_MAIL_FLAGS } from '../../domain/item.js';
import { composeSmartMessage } from './smart-message.js';
import type { OriginalItem } from './source-message.js';

const text = (data: Uint8Array): string => Buffer.from(data).toString('latin1');

async function original(options: { html?: string; attachment?: boolean; inlineImage?: boolean } = {}): Promise<OriginalItem> {
  const attachments = [
    ...(options.attachment === true ? [{ filename: 'agenda.pdf', content: Buffer.from('%PDF-1.4 agenda'), contentType: 'application/pdf' }] : []),
    ...(options.inlineImage === true ? [{ filename: 'logo.png', content: Buffer.from('png-bytes'), contentType: 'image/png', cid: 'logo@orig' }] : []),
  ];
  const mime = await new MailComposer({
    from: 'Bob <bob@example.org>', to: 'alice@example.org', cc: 'carol@example.org', subject: 'Lunch?',
    date: new Date(Date.UTC(2026, 10, 20, 12, 0, 0)), messageId: '<lunch@example.org>', references: '<earlier@example.org>',
    text: 'Shall we meet at noon?\nBob', ...(options.html === undefined ? {} : { html: options.html }), attachments,
  }).compile().build();
  const message: MailMessage = {
    id: 'item-1', folderId: 'inbox', version: '1', modifiedAt: new Date(), receivedAt: new Date(), size: mime.length,
    flags: DEFAULT_MAIL_FLAGS, mime: new Uint8Array(mime),
  };
  return { kind: 'mail', folderId: 'inbox', itemId: 'item-1', message };
}

const reply = (body = 'Yes, see you there.', extra: string[] = []): Uint8Array => new TextEncoder().encode([
  'From: Alice <alice@example.org>', 'To: bob@example.org', 'Subject: Re: Lunch?', 'X-Mailer: iOS Mail', ...extra,
  'MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: 7bit', '', body, '',
].join('\r\n'));

describe('composeSmartMessage', () => {
  it('quotes a plain original under the reply text and threads the reply', async () => {
    const out = await composeSmartMessage('reply', reply(), await original());
    const parsed = await parseMime(out);
    assert.equal(parsed.subject, 'Re: Lunch?');
    assert.equal(parsed.headers.get('x-mailer'), 'iOS Mail');
    assert.equal(parsed.inReplyTo, '<lunch@example.org>');
    assert.deepEqual(parsed.references, ['<earlier@example.org>', '<lunch@example.org>']);
    assert.equal(parsed.text?.trim(), 'Yes, see you there.\n\nOn Fri, 20 Nov 2026 12:00:00 +0000, "Bob" <bob@example.org> wrote:\n> Shall we meet at noon?\n> Bob');
    assert.ok(parsed.html === false || parsed.html === undefined, 'plain text stays plain');
    assert.equal(text(out).match(/^MIME-Version:/gim)?.length, 1);
  });

  it('quotes an HTML original in a blockquote and keeps the inline image the quote shows', async () => {
    const source = await original({ html: '<html><head><style>p{}</style></head><body><p>Noon? <img src="cid:logo@orig"></p></body></html>', inlineImage: true, attachment: true });
    const parsed = await parseMime(await composeSmartMessage('reply', reply('<b>Yes</b>', ['In-Reply-To: <own@example.org>']), source));
    assert.ok(typeof parsed.html === 'string');
    assert.match(parsed.html, /<blockquote type="cite"[^>]*><p>Noon\? <img src="cid:logo@orig"><\/p><\/blockquote>/);
    assert.doesNotMatch(parsed.html, /<style>/);
    assert.deepEqual(parsed.attachments.map((a) => a.filename), ['logo.png'], 'the reply carries the quoted image, not the PDF');
    assert.equal(parsed.inReplyTo, '<own@example.org>', 'the device\'s own threading wins');
  });

  it('forwards the original body and every attachment', async () => {
    const forward = new TextEncoder().encode('To: dave@remote.test\r\nSubject: Fw: Lunch?\r\n\r\nFYI\r\n');
    const parsed = await parseMime(await composeSmartMessage('forward', forward, await original({ attachment: true })));
    assert.match(parsed.text ?? '', /^FYI\n\n-------- Original Message --------\nFrom: "Bob" <bob@example\.org>\nDate: Fri, 20 Nov 2026 12:00:00 \+0000\nSubject: Lunch\?\nTo: alice@example\.org\nCc: carol@example\.org\n\nShall we meet at noon\?/);
    assert.deepEqual(parsed.attachments.map((a) => [a.filename, a.content.toString()]), [['agenda.pdf', '%PDF-1.4 agenda']]);
    assert.equal(parsed.inReplyTo, undefined);
  });

  it('forwards a calendar item as an .ics attachment', async () => {
    const event: OriginalItem = { kind: 'event', folderId: 'cal', itemId: 'ev', icalendar: 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n' };
    const parsed = await parseMime(await composeSmartMessage('forward', new TextEncoder().encode('To: dave@remote.test\r\n\r\nSee invite\r\n'), event));
    assert.equal(parsed.text?.trim(), 'See invite');
    assert.deepEqual(parsed.attachments.map((a) => [a.filename, a.contentType]), [['invite.ics', 'text/calendar']]);
  });

  it('sends a signed message as it came', async () => {
    const signed = new TextEncoder().encode('To: bob@example.org\r\nContent-Type: multipart/signed; protocol="application/pkcs7-signature"; boundary=b\r\n\r\n--b--\r\n');
    assert.equal(await composeSmartMessage('reply', signed, await original()), signed);
  });
});
