// The header edits of local delivery: Bcc fields (folded or not, any case) leave the header block
// and nothing else changes, even a "Bcc:" line in the body or 8-bit bytes; the Received: line
// follows the message's own line ending (Nine writes bare LF, CLIENT-QUIRKS §2.3).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rfc5322Date, withoutBcc, withReceivedHeader } from './local-delivery.js';

const bytes = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'latin1'));
const text = (data: Uint8Array): string => Buffer.from(data).toString('latin1');

describe('local delivery header edits', () => {
  it('drops every Bcc field with its continuation lines and keeps the body as it was', () => {
    const input = 'To: a@x.test\r\nBCC: b@x.test,\r\n c@x.test\r\nSubject: caf\xe9\r\nbcc:d@x.test\r\n\r\nBcc: stays in the body\r\n';
    assert.equal(text(withoutBcc(bytes(input))), 'To: a@x.test\r\nSubject: caf\xe9\r\n\r\nBcc: stays in the body\r\n');
  });

  it('returns the same bytes when there is no Bcc, and handles a message without a body', () => {
    const input = bytes('To: a@x.test\nSubject: hi\n');
    assert.equal(withoutBcc(input), input);
    assert.equal(text(withoutBcc(bytes('Bcc: z@x.test\nTo: a@x.test'))), 'To: a@x.test');
  });

  it('prepends a Received: line in the message line ending', () => {
    const at = new Date(Date.UTC(2026, 0, 5, 7, 8, 9));
    assert.equal(rfc5322Date(at), 'Mon, 05 Jan 2026 07:08:09 +0000');
    const lf = text(withReceivedHeader(bytes('To: a@x.test\n\nhi\n'), { by: 'mx.test', recipient: 'a@x.test', at }));
    assert.equal(lf, 'Received: by mx.test (Pushbridge) with ActiveSync\n\tfor <a@x.test>; Mon, 05 Jan 2026 07:08:09 +0000\nTo: a@x.test\n\nhi\n');
    const crlf = text(withReceivedHeader(bytes('To: a@x.test\r\n\r\nhi'), { by: 'mx.test', recipient: 'a@x.test', at }));
    assert.match(crlf, /^Received: [^\n]*\r\n\tfor [^\n]*\r\nTo:/);
  });
});
