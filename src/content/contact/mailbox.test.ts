import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { mailboxAddress } from './mailbox.js';

describe('mailboxAddress', () => {
  const cases: [string, string][] = [
    ['john@example.com', 'john@example.com'],
    ['  john@example.com  ', 'john@example.com'],
    ['John Smith <john@example.com>', 'john@example.com'],
    ['"Smith, John" <john@example.com>', 'john@example.com'],
    ['"a <b> c" <real@example.com>', 'real@example.com'],
    ['<john@example.com>', 'john@example.com'],
    ['john@example.com (John Smith)', 'john@example.com'],
    ['(comment) John <j@x.org>', 'j@x.org'],
    ['mailto:j@x.org', 'j@x.org'],
    ['"Jörg Groß" <jörg@bücher.de>', 'jörg@bücher.de'],
  ];
  for (const [input, expected] of cases) {
    it(`reads ${JSON.stringify(input)}`, () => assert.equal(mailboxAddress(input), expected));
  }

  it('takes the address out of any name-addr built around it', () => {
    const local = fc.stringMatching(/^[a-z0-9._-]{1,20}$/);
    const domain = fc.stringMatching(/^[a-z0-9-]{1,12}\.[a-z]{2,6}$/);
    const display = fc.string({ maxLength: 30 }).map((s) => s.replace(/["\\\r\n]/g, ''));
    fc.assert(fc.property(local, domain, display, (l, d, name) => {
      const address = `${l}@${d}`;
      assert.equal(mailboxAddress(`"${name}" <${address}>`), address);
      assert.equal(mailboxAddress(address), address);
    }));
  });
});
