import assert from 'node:assert/strict';
import { Buffer } from 'node:buffer';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import addressparser from 'nodemailer/lib/addressparser';
import { headerLines } from './mime-header-block.js';
import { readEnvelope, singleMailbox } from './mime-envelope.js';

const piece = fc.constantFrom('a', 'Zed', 'x9', '.', "'", '_', '-', '+', '@', '<', '>', '"', ',', ';', ':', '(', ')', '[', ']', '\\', '=?', '?=', 'ü', '日', '\t', ' ', '  ');
const chunk = fc.array(piece, { maxLength: 6 }).map((p) => p.join(''));
const addressArb = fc.tuple(fc.stringMatching(/^[a-z0-9._+-]{1,6}$/), fc.stringMatching(/^[a-z0-9-]{1,5}(\.[a-z0-9-]{1,4}){0,2}$/), chunk)
  .map(([local, domain, noise]) => (noise.length % 5 === 0 ? `${local}@${domain}${noise}` : `${local}@${domain}`));
const fieldArb = fc.oneof(
  addressArb,
  fc.tuple(chunk, addressArb).map(([name, address]) => `"${name}" <${address}>`),
  fc.tuple(chunk, addressArb).map(([name, address]) => `${name} <${address}>`),
  fc.tuple(chunk, addressArb, chunk).map(([a, address, b]) => `${a}<${address}>${b}`),
  fc.array(piece, { maxLength: 12 }).map((p) => p.join('')),
);

describe('singleMailbox', () => {
  it('reads exactly what addressparser reads, or leaves the field to it', () => {
    let taken = 0;
    fc.assert(fc.property(fieldArb, (field) => {
      const quick = singleMailbox(field);
      if (quick === undefined) return;
      taken += 1;
      assert.deepEqual(quick, addressparser(field), field);
    }), { numRuns: 3000 });
    assert.ok(taken > 300, `took ${taken}`);
  });

  it('takes the common forms', () => {
    assert.deepEqual(singleMailbox('"Sender 5" <s5@example.com>'), [{ name: 'Sender 5', address: 's5@example.com' }]);
    assert.deepEqual(singleMailbox('Bob Smith <bob@example.org>'), [{ name: 'Bob Smith', address: 'bob@example.org' }]);
    assert.deepEqual(singleMailbox('me@example.org'), [{ name: '', address: 'me@example.org' }]);
    assert.equal(singleMailbox('a@x.org, b@x.org'), undefined);
  });
});

describe('readEnvelope', () => {
  const envelope = (...lines: string[]) => {
    const parsed = headerLines(Buffer.from(lines.join('\r\n')).toString('binary'));
    assert.ok(parsed !== undefined);
    return readEnvelope(parsed);
  };

  it('keeps the first non-empty single value and adds up repeated lists', () => {
    const read = envelope('Subject:', 'Subject: =?utf-8?Q?Gr=C3=BC=C3=9Fe?=', 'To: a@x.org', 'To: "B" <b@x.org>', 'From: f@x.org', 'From: g@x.org',
      'References: <r1@x>', ' r2@x', 'References: <r3@x>', 'Message-ID: m@x', 'X-Priority: 5 (Lowest)', 'Importance: high');
    assert.equal(read?.subject, 'Grüße');
    assert.deepEqual(read?.to, [{ name: '', address: 'a@x.org' }, { name: 'B', address: 'b@x.org' }]);
    assert.deepEqual(read?.from, [{ name: '', address: 'f@x.org' }]);
    assert.deepEqual(read?.references, ['<r1@x>', '<r2@x>', '<r3@x>']);
    assert.equal(read?.messageId, '<m@x>');
    assert.equal(read?.importance, 0);
  });

  it('declines what mailparser reads differently: a bad Date, an encoded word in an address', () => {
    assert.equal(envelope('Date: yesterday'), undefined);
    assert.equal(envelope('Date:', 'Date: Fri, 01 Mar 2024 10:00:00 +0000'), undefined);
    assert.equal(envelope('To: =?utf-8?Q?x?=@example.org'), undefined);
    assert.equal(envelope('To: a@xn--bcher-kva.example'), undefined);
  });
});
