import assert from 'node:assert/strict';
import { Buffer } from 'node:buffer';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { benchMessage } from '../../../bench/initial-sync-mailbox.js';
import { extractDirectAttachment, readDirectMailContent } from './direct-mail-content.js';
import { buildMime, generatedMailArb } from './mail-arbitraries.js';
import { rawMimeArb } from './mime-arbitraries.js';
import { mailContentOf, parseMime } from './parse-mime.js';

/** Both readers on one message: the direct one must decline or agree with mailparser entirely. */
async function compare(mime: Uint8Array): Promise<boolean> {
  const direct = readDirectMailContent(mime);
  if (direct === undefined) return false;
  const parsed = await parseMime(mime);
  assert.deepEqual(direct, mailContentOf(parsed));
  parsed.attachments.forEach((attachment, index) => {
    const extracted = extractDirectAttachment(mime, index);
    assert.ok(extracted?.found !== undefined, `attachment ${index} is found`);
    assert.deepEqual(Buffer.from(extracted.found.bytes), attachment.content);
  });
  assert.deepEqual(extractDirectAttachment(mime, parsed.attachments.length), { found: undefined });
  return true;
}

const mime = (lines: readonly string[]): Buffer => Buffer.from(lines.join('\r\n'));

describe('readDirectMailContent', () => {
  it('reads what mailparser reads from generated raw MIME, or declines', async () => {
    let taken = 0;
    let runs = 0;
    await fc.assert(fc.asyncProperty(rawMimeArb, async (message) => {
      runs += 1;
      if (await compare(message)) taken += 1;
    }), { numRuns: 400 });
    // The generator mostly writes shapes the direct reader is for: it must take most of them on.
    assert.ok(taken > runs / 3, `took ${taken} of ${runs}`);
  });

  it('takes on and agrees on every message nodemailer builds', async () => {
    await fc.assert(fc.asyncProperty(generatedMailArb, async (mail) => {
      assert.ok(await compare(await buildMime(mail)));
    }), { numRuns: 60 });
  });

  it('takes on and agrees on the initial-sync benchmark mailbox (plain, HTML, large attachments)', async () => {
    for (const index of [0, 1, 2, 3, 27, 200, 460, 541]) assert.ok(await compare(Buffer.from(benchMessage(index, 'me@example.org'))), `message ${index}`);
  });

  it('leaves embedded messages, iTIP, S/MIME and broken structure to mailparser', () => {
    const head = ['From: a@example.org', 'Subject: s', 'Date: Fri, 01 Mar 2024 10:00:00 +0000'];
    const declined = [
      [...head, 'Content-Type: multipart/mixed; boundary=b', '', '--b', 'Content-Type: message/rfc822', '', 'Subject: inner', '', 'x', '--b--', ''],
      [...head, 'Content-Type: multipart/mixed; boundary=b', '', '--b', 'Content-Type: text/calendar; method=REQUEST', '', 'BEGIN:VCALENDAR', '--b--', ''],
      [...head, 'Content-Type: multipart/mixed; boundary=b', '', '--b', 'Content-Type: application/octet-stream; name=invite.ics', '', 'x', '--b--', ''],
      [...head, 'Content-Type: multipart/signed; protocol="application/pkcs7-signature"; boundary=b', '', '--b', '', 'x', '--b--', ''],
      [...head, 'Content-Type: application/pkcs7-mime; smime-type=enveloped-data', 'Content-Transfer-Encoding: base64', '', 'AAAA'],
      [...head, 'Content-Type: multipart/mixed; boundary=b', '', '--b', 'Content-Type: text/plain', '', 'never closed'],
      [...head, 'Content-Type: multipart/mixed; boundary=b', '', '--b', 'Content-Type: multipart/alternative; boundary=c', '', '--c', '', 'x', '--b--', ''],
      [...head, 'Content-Type: multipart/mixed; boundary=b', '', '--b', 'Content-Type: multipart/alternative; boundary=b2', '', '--b2', '', 'x', '--b2--', '--b--', ''],
      [...head, 'Content-Type: text/plain', 'Content-Transfer-Encoding: base64', '', 'QQ==', 'QQ==', ''],
      ['From: a@example.org', 'Date: someday', '', 'body'],
      ['From: =?utf-8?Q?x?= <=?utf-8?Q?a?=@example.org>', '', 'body'],
      ['From a@example.org Fri Mar  1 10:00:00 2024', 'Subject: mbox', '', 'body'],
      ['Subject: no body break'],
    ];
    for (const lines of declined) assert.equal(readDirectMailContent(mime(lines)), undefined, lines.join(' | '));
  });

  it('agrees on the corner cases of bodies and headers', async () => {
    const cases = [
      ['Subject: html only', 'Content-Type: text/html', '', '<p>hi</p>', ''],
      ['Subject: empty parts', 'Content-Type: multipart/alternative; boundary=b', '', '--b', '', '', '--b', 'Content-Type: text/html', '', '--b--', ''],
      ['Subject: mixed texts', 'Content-Type: multipart/mixed; boundary=b', '', 'preamble', '--b', '', 'one', '--b', 'Content-Type: text/html', '', '<b>two</b>', '--b', '', 'three', '--b--', 'epilogue'],
      ['Subject: flowed', 'Content-Type: text/plain; format=flowed; delsp=yes', '', 'a soft ', 'break', '> quoted ', '> on', ''],
      ['Subject: latin', 'Content-Type: text/plain; charset=iso-8859-1', 'Content-Transfer-Encoding: quoted-printable', '', 'caf=E9 =', 'end', ''],
      ['Subject: =?utf-8?B?w6TDtsO8?= =?utf-8?B?w58=?=', 'Subject: second', 'To: a@x.org', 'To: "B" <b@x.org>, Group: c@x.org, d@x.org;', 'Thread-Topic: t', '', 'x'],
      ['Message-ID: ', 'Message-ID: <second@x>', 'References: <a@x>', ' <b@x>', 'References: c@x', 'X-Priority: 1', 'Importance: low', '', 'x'],
      ['Subject: no content type for a named part', 'Content-Type: multipart/mixed; boundary=b', '', '--b', 'Content-Disposition: attachment; filename=a.png', '', 'png', '--b  ', '', 'text', '--b--', ''],
    ];
    for (const lines of cases) assert.ok(await compare(mime(lines)), lines.join(' | '));
  });
});
