// Reading and completing a device's message: header fields with folding and either line ending,
// malformed input refused with MalformedMimeError, envelope recipients from To/Cc/Bcc (with the
// Android ";" separator), Bcc kept out of the delivered copy but in the Sent copy, and From, Date
// and Message-ID added only when the device left them out.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fieldValue, headerValue, joinMessage, MalformedMimeError, splitMessage } from './mime-header-block.js';
import { envelopeRecipients, formatSender, prepareOutgoing } from './outgoing-message.js';

const bytes = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'latin1'));
const text = (data: Uint8Array): string => Buffer.from(data).toString('latin1');
const NOW = new Date(Date.UTC(2026, 10, 23, 9, 30, 0));
const ALICE = { address: 'alice@example.org', displayName: 'Alice Liddell' };

describe('splitMessage', () => {
  it('reads folded fields, keeps the body bytes and the dominant line ending', () => {
    const message = bytes('Subject: a long\r\n  subject\r\nTo:  bob@x.test \r\n\r\nbody \xe9\r\n\r\nmore');
    const split = splitMessage(message);
    assert.deepEqual(split.fields.map((f) => f.name), ['subject', 'to']);
    assert.equal(headerValue(split.fields, 'subject'), 'a long  subject');
    assert.equal(fieldValue(split.fields[1] ?? { name: '', lines: [] }), 'bob@x.test');
    assert.equal(split.eol, '\r\n');
    assert.equal(text(split.body), 'body \xe9\r\n\r\nmore');
    assert.equal(text(joinMessage(split.fields, split.body, split.eol)), text(message));
  });

  it('accepts bare LF, mixed endings and a message that is all header', () => {
    const mixed = splitMessage(bytes('To: a@x.test\nCc: b@x.test\r\nSubject: s\n\nhi'));
    assert.equal(mixed.eol, '\n');
    assert.equal(text(mixed.body), 'hi');
    assert.equal(splitMessage(bytes('To: a@x.test')).body.length, 0);
  });

  it('refuses what is not a message', () => {
    for (const junk of ['', '\r\nbody only', 'just some text\r\n\r\n', ' continued: first\r\n\r\n', '\x00\x01\x02binary']) {
      assert.throws(() => splitMessage(bytes(junk)), MalformedMimeError, JSON.stringify(junk));
    }
  });
});

describe('prepareOutgoing', () => {
  it('collects recipients from To, Cc and Bcc, lower-cased, once each, with ";" lists', () => {
    const { fields } = splitMessage(bytes('To: Bob <Bob@X.test>; carol@x.test\r\nCc: "Smith, J" <j@y.test>, bob@x.test\r\nBcc: eve@z.test\r\n\r\n'));
    assert.deepEqual(envelopeRecipients(fields), ['bob@x.test', 'carol@x.test', 'j@y.test', 'eve@z.test']);
  });

  it('keeps Bcc out of the delivered copy only and fills in From, Date and Message-ID', () => {
    const prepared = prepareOutgoing(bytes('To: bob@x.test\r\nBcc: eve@z.test,\r\n mallory@z.test\r\nSubject: hi\r\n\r\nHello\r\n'), ALICE, NOW);
    assert.deepEqual(prepared.recipients, ['bob@x.test', 'eve@z.test', 'mallory@z.test']);
    const delivered = text(prepared.mime);
    assert.match(delivered, /^From: "Alice Liddell" <alice@example\.org>\r\nDate: Mon, 23 Nov 2026 09:30:00 \+0000\r\nMessage-ID: <[0-9a-f]{24}@example\.org>\r\nTo: bob@x\.test\r\nSubject: hi\r\n\r\nHello\r\n$/);
    assert.doesNotMatch(delivered, /eve|mallory/);
    assert.match(text(prepared.sentCopy), /\r\nBcc: eve@z\.test,\r\n mallory@z\.test\r\n/);
  });

  it('keeps the fields the device wrote', () => {
    const input = 'From: Alias <alias@example.org>\nDate: Sun, 22 Nov 2026 08:00:00 +0100\nMessage-ID: <m1@dev>\nTo: bob@x.test\n\nHi\n';
    assert.equal(text(prepareOutgoing(bytes(input), ALICE, NOW).mime), input);
  });

  it('writes a non-ASCII display name as an encoded word', () => {
    assert.equal(formatSender({ address: 'zoe@example.org', displayName: 'Zoë' }), '=?UTF-8?B?Wm/Dqw==?= <zoe@example.org>');
    assert.equal(formatSender({ address: 'zoe@example.org' }), 'zoe@example.org');
  });
});
