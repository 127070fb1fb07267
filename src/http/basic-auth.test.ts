// Basic credentials as phones (UTF-8) and Outlook (ISO-8859-1) send them (CLIENT-QUIRKS §3.1).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseBasicAuthorization } from './basic-auth.js';

const basic = (bytes: Buffer): string => `Basic ${bytes.toString('base64')}`;

describe('parseBasicAuthorization', () => {
  it('reads UTF-8 credentials, keeping every colon after the first in the password', () => {
    assert.deepEqual(parseBasicAuthorization(basic(Buffer.from('jürgen@example.org:pa:ss wört', 'utf8'))), {
      username: 'jürgen@example.org', password: 'pa:ss wört',
    });
  });

  it('reads bytes that are not UTF-8 as ISO-8859-1, both halves alike', () => {
    assert.deepEqual(parseBasicAuthorization(basic(Buffer.from('DOMAIN\\jürgen:grüße', 'latin1'))), {
      username: 'DOMAIN\\jürgen', password: 'grüße',
    });
  });

  it('takes an empty password, but not a missing colon, an empty user or another scheme', () => {
    assert.deepEqual(parseBasicAuthorization(basic(Buffer.from('alice:'))), { username: 'alice', password: '' });
    assert.equal(parseBasicAuthorization(basic(Buffer.from('alice'))), undefined);
    assert.equal(parseBasicAuthorization(basic(Buffer.from(':secret'))), undefined);
    assert.equal(parseBasicAuthorization('Bearer abc'), undefined);
    assert.equal(parseBasicAuthorization(undefined), undefined);
  });
});
