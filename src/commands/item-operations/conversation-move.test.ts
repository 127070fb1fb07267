// The header block a conversation scan parses: up to the first empty line, for CRLF and bare-LF
// messages alike (CLIENT-QUIRKS §2.3: Nine mixes them), the whole message when there is no body.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { headerBlock } from './conversation-move.js';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const str = (data: Uint8Array): string => new TextDecoder().decode(data);

describe('headerBlock', () => {
  it('stops at the first empty line of a CRLF or a bare-LF message', () => {
    assert.equal(str(headerBlock(bytes('Subject: a\r\nMessage-ID: <x@y>\r\n\r\nbody\r\n\r\nmore'))), 'Subject: a\r\nMessage-ID: <x@y>\r\n');
    assert.equal(str(headerBlock(bytes('Subject: a\nIn-Reply-To: <x@y>\n\nbody'))), 'Subject: a\nIn-Reply-To: <x@y>\n');
  });

  it('keeps a message without a body whole', () => {
    assert.equal(str(headerBlock(bytes('Subject: only headers\r\n'))), 'Subject: only headers\r\n');
  });
});
