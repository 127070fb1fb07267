import assert from 'node:assert/strict';
import { Buffer } from 'node:buffer';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { element, type WbxmlElement, type WbxmlNode } from '../../eas/wbxml-body.js';
import { decodeWbxml, encodeWbxml } from '../../wbxml/index.js';
import type { ConversionContext } from '../conversion-context.js';
import { formatAddressList } from './addresses.js';
import { decodeDraftApplicationData } from './draft.js';
import { addressArb, type GeneratedAddress } from './mail-arbitraries.js';
import { parseMime, readMailContent } from './parse-mime.js';

const ctx: ConversionContext = { protocolVersion: '16.1', bodyPreferences: [], fileReferencePrefix: '9:3:' };
const options = { from: 'me@example.org', now: new Date('2024-06-01T12:00:00Z') };

/** The ApplicationData a client sends, after a trip through the codec as on the wire. */
function appData(children: WbxmlElement[]): WbxmlElement {
  return decodeWbxml(encodeWbxml(element('AirSync:ApplicationData', children)));
}

function body(type: 1 | 2 | 4, data: WbxmlNode): WbxmlElement {
  return element('AirSyncBase:Body', [element('AirSyncBase:Type', String(type)), element('AirSyncBase:Data', data)]);
}

const draftArb = fc.record({
  to: fc.array(addressArb, { minLength: 1, maxLength: 3 }),
  cc: fc.array(addressArb, { maxLength: 2 }),
  bcc: fc.array(addressArb, { maxLength: 2 }),
  subject: fc.string({ unit: 'grapheme', maxLength: 60 }).map((s) => s.replace(/\s+/g, ' ').trim()),
  text: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 400 }).map((s) => `${s.replace(/\r/g, '').trim()}.`),
  importance: fc.constantFrom(0, 1, 2),
  separator: fc.constantFrom(', ', '; ', ';'),
});

function list(addresses: readonly GeneratedAddress[], separator: string): string {
  return formatAddressList(addresses.map((a) => ({ name: a.name, address: a.address })), separator);
}

describe('decodeDraftApplicationData', () => {
  it('builds MIME that parses back to the fields the client sent, ";" lists included', async () => {
    await fc.assert(fc.asyncProperty(draftArb, async (draft) => {
      const fields = [
        element('Email:To', list(draft.to, draft.separator)),
        ...(draft.cc.length > 0 ? [element('Email:Cc', list(draft.cc, draft.separator))] : []),
        ...(draft.bcc.length > 0 ? [element('Email2:Bcc', list(draft.bcc, draft.separator))] : []),
        element('Email:Subject', draft.subject === '' ? [] : draft.subject),
        element('Email:Importance', String(draft.importance)),
        body(1, draft.text.replaceAll('\u0000', '')),
      ];
      const { mime } = await decodeDraftApplicationData(appData(fields), undefined, ctx, options);
      const content = await readMailContent(mime);
      assert.deepEqual(content.to.map((a) => a.address), draft.to.map((a) => a.address));
      assert.deepEqual(content.cc.map((a) => a.address), draft.cc.map((a) => a.address));
      assert.deepEqual(content.bcc.map((a) => a.address), draft.bcc.map((a) => a.address));
      assert.deepEqual(content.to.map((a) => a.name), draft.to.map((a) => a.name));
      assert.equal(content.subject, draft.subject);
      assert.equal(content.importance, draft.importance);
      assert.equal(content.from[0]?.address, 'me@example.org');
      assert.equal(content.text?.replace(/\r\n/g, '\n').trimEnd(), draft.text.replaceAll('\u0000', '').trimEnd());
    }), { numRuns: 60 });
  });

  it('merges a Change over the stored draft and applies attachment Add and Delete', async () => {
    const first = await decodeDraftApplicationData(appData([
      element('Email:To', 'a@example.org'), element('Email:Subject', 'Draft'), body(2, '<p>Hello <b>there</b></p>'),
      element('AirSyncBase:Attachments', [
        element('AirSyncBase:Add', [element('AirSyncBase:ClientId', 'c1'), element('AirSyncBase:Method', '1'),
          element('AirSyncBase:Content', new Uint8Array([1, 2, 3])), element('AirSyncBase:DisplayName', 'one.bin')]),
        element('AirSyncBase:Add', [element('AirSyncBase:ClientId', 'c2'), element('AirSyncBase:Method', '1'),
          element('AirSyncBase:ContentType', 'text/plain'), element('AirSyncBase:Content', new Uint8Array([65])),
          element('AirSyncBase:DisplayName', 'two.txt')]),
      ]),
    ]), undefined, ctx, options);
    assert.deepEqual(first.addedAttachments.map((a) => a.clientId), ['c1', 'c2']);
    const parsedFirst = await parseMime(first.mime);
    assert.equal(parsedFirst.attachments[first.addedAttachments[0]?.partIndex ?? -1]?.filename, 'one.bin');

    const removeOne = `9:3:${first.addedAttachments[0]?.partIndex}`;
    const second = await decodeDraftApplicationData(appData([
      element('Email:Subject', 'Draft v2'),
      element('AirSyncBase:Attachments', [element('AirSyncBase:Delete', [element('AirSyncBase:FileReference', removeOne)])]),
    ]), first.mime, ctx, options);
    const content = await readMailContent(second.mime);
    assert.equal(content.subject, 'Draft v2');
    assert.deepEqual(content.to.map((a) => a.address), ['a@example.org']);
    assert.match(content.html ?? '', /<b>there<\/b>/);
    assert.deepEqual(content.attachments.map((a) => [a.displayName, a.size]), [['two.txt', 1]]);
  });

  it('keeps a draft uploaded as MIME (Type 4) byte for byte', async () => {
    const mime = Buffer.from('From: me@example.org\r\nTo: x@example.org\r\nSubject: raw\r\n\r\n\xe9t\xe9 8-bit\r\n', 'latin1');
    const result = await decodeDraftApplicationData(appData([body(4, new Uint8Array(mime))]), undefined, ctx, options);
    assert.deepEqual(Buffer.from(result.mime), mime);
  });

  it('refuses an uploaded MIME draft that was cut off: no end of header, or no closing boundary', async () => {
    const multipart = [
      'From: me@example.org', 'Subject: cut', 'MIME-Version: 1.0', 'Content-Type: multipart/mixed;', ' boundary="b0und"', '',
      '--b0und', 'Content-Type: text/plain', '', 'hello', '--b0und', 'Content-Type: application/pdf', 'Content-Transfer-Encoding: base64', '', 'JVBERi0xLjQK',
    ].join('\r\n');
    const upload = (text: string) => decodeDraftApplicationData(appData([body(4, new Uint8Array(Buffer.from(text, 'latin1')))]), undefined, ctx, options);
    await assert.rejects(upload(multipart), /closing MIME boundary/);
    await assert.rejects(upload('From: me@example.org\r\nSubject: no bo'), /header block/);
    const whole = `${multipart}\r\n--b0und--\r\n`;
    assert.equal(Buffer.from((await upload(whole)).mime).toString('latin1'), whole);
  });
});
