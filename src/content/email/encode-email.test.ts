import assert from 'node:assert/strict';
import { Buffer } from 'node:buffer';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { ProtocolVersion } from '../../eas/protocol-version.js';
import { childElements, element, firstChild, qualifiedName, textContent, type WbxmlElement } from '../../eas/wbxml-body.js';
import { decodeWbxml, encodeWbxml } from '../../wbxml/index.js';
import { assertLibwbxmlAgrees } from '../../../test/helpers/libwbxml.js';
import type { ConversionContext } from '../conversion-context.js';
import { parseFileReference } from './attachments.js';
import { encodeEmailApplicationData } from './encode-email.js';
import { buildMime, generatedMailArb, storedMessage } from './mail-arbitraries.js';

function ctx(protocolVersion: ProtocolVersion, extra: Partial<ConversionContext> = {}): ConversionContext {
  return { protocolVersion, bodyPreferences: [{ type: 2, truncationSize: 500, preview: 100 }], fileReferencePrefix: '7:42:', ...extra };
}

function names(children: WbxmlElement[]): string[] {
  return children.map(qualifiedName);
}

function value(children: WbxmlElement[], name: string): string | undefined {
  const found = children.find((c) => qualifiedName(c) === name);
  return found === undefined ? undefined : textContent(found);
}

function assertEncodes(children: WbxmlElement[]): void {
  const root = element('AirSync:ApplicationData', children);
  assert.deepEqual(decodeWbxml(encodeWbxml(root)), root);
}

const simpleMime = Buffer.from([
  'From: "Anna Ärger" <anna@example.org>', 'To: "Bob" <bob@example.org>, carol@example.org', 'Cc: dave@example.org',
  'Subject: Re: Plans', 'Message-ID: <m2@example.org>', 'References: <m1@example.org>', 'In-Reply-To: <m1@example.org>',
  'Date: Fri, 01 Mar 2024 10:00:00 +0000', 'Content-Type: text/plain; charset=utf-8', '', 'Hello there', '',
].join('\r\n'));

const BASE = ['Email:To', 'Email:Cc', 'Email:From', 'Email:Subject', 'Email:DateReceived', 'Email:DisplayTo', 'Email:ThreadTopic', 'Email:Importance', 'Email:Read'];

describe('encodeEmailApplicationData version gating', () => {
  it('2.5: Email namespace body, no AirSyncBase, no Flag', async () => {
    const out = await encodeEmailApplicationData(storedMessage(simpleMime), ctx('2.5', { bodyPreferences: [] }));
    assert.deepEqual(names(out), [...BASE, 'Email:BodyTruncated', 'Email:Body', 'Email:MessageClass', 'Email:InternetCPID']);
    assertEncodes(out);
  });

  it('12.1: AirSyncBase Body, Flag, ContentClass and NativeBodyType, no Email2', async () => {
    const out = await encodeEmailApplicationData(storedMessage(simpleMime), ctx('12.1'));
    assert.deepEqual(names(out), [...BASE, 'AirSyncBase:Body', 'Email:MessageClass', 'Email:InternetCPID', 'Email:Flag',
      'Email:ContentClass', 'AirSyncBase:NativeBodyType']);
    assert.equal(firstChild(out[9] as WbxmlElement, 'AirSyncBase:Preview'), undefined);
    assertEncodes(out);
  });

  it('14.1: conversation, categories and Preview join in', async () => {
    const out = await encodeEmailApplicationData(storedMessage(simpleMime, { answered: true }), ctx('14.1'));
    assert.deepEqual(names(out), [...BASE, 'AirSyncBase:Body', 'Email:MessageClass', 'Email:InternetCPID', 'Email:Flag',
      'Email:ContentClass', 'AirSyncBase:NativeBodyType', 'Email2:ConversationId', 'Email2:ConversationIndex',
      'Email2:LastVerbExecuted', 'Email:Categories']);
    assert.equal(textContent(firstChild(out[9] as WbxmlElement, 'AirSyncBase:Preview') as WbxmlElement), 'Hello there');
    assert.equal(value(out, 'Email2:LastVerbExecuted'), '1');
    assertEncodes(out);
  });

  it('16.1: IsDraft always, Bcc for drafts only', async () => {
    const mime = Buffer.concat([Buffer.from('Bcc: hidden@example.org\r\n'), simpleMime]);
    const received = await encodeEmailApplicationData(storedMessage(mime), ctx('16.1'));
    assert.equal(value(received, 'Email2:IsDraft'), '0');
    assert.equal(value(received, 'Email2:Bcc'), undefined);
    const draft = await encodeEmailApplicationData(storedMessage(mime), ctx('16.1'), { isDraft: true });
    assert.equal(value(draft, 'Email2:IsDraft'), '1');
    assert.equal(value(draft, 'Email2:Bcc'), 'hidden@example.org');
    assertEncodes(draft);
  });
});

describe('encodeEmailApplicationData content', () => {
  it('always sends Importance and DateReceived, and the stored flags', async () => {
    const bare = Buffer.from('Subject: x\r\n\r\nbody\r\n');
    const at = new Date('2023-12-24T18:00:00.123Z');
    for (const version of ['2.5', '12.0', '14.0', '16.1'] as const) {
      const out = await encodeEmailApplicationData(storedMessage(bare, { read: true }, at), ctx(version));
      assert.equal(value(out, 'Email:Importance'), '1');
      assert.equal(value(out, 'Email:DateReceived'), '2023-12-24T18:00:00.123Z');
      assert.equal(value(out, 'Email:Read'), '1');
    }
  });

  it('gives replies in one thread the same ConversationId and deeper ones a longer index', async () => {
    const root = Buffer.from('Message-ID: <m1@example.org>\r\nSubject: Plans\r\n\r\nx\r\n');
    const [a, b] = await Promise.all([root, simpleMime].map((m) => encodeEmailApplicationData(storedMessage(m), ctx('14.1'))));
    const id = (out: WbxmlElement[]): Uint8Array => firstElement(out, 'Email2:ConversationId').children[0] as Uint8Array;
    const index = (out: WbxmlElement[]): Uint8Array => firstElement(out, 'Email2:ConversationIndex').children[0] as Uint8Array;
    assert.deepEqual(id(a as WbxmlElement[]), id(b as WbxmlElement[]));
    assert.equal(id(a as WbxmlElement[]).length, 16);
    assert.deepEqual([index(a as WbxmlElement[]).length, index(b as WbxmlElement[]).length], [5, 10]);
    assert.equal(value(a as WbxmlElement[], 'Email:ThreadTopic'), 'Plans');
    assert.equal(value(b as WbxmlElement[], 'Email:ThreadTopic'), 'Plans');
  });

  it('marks S/MIME classes and sends their MIME when Type 4 is listed', async () => {
    const signed = Buffer.from('Subject: s\r\nContent-Type: multipart/signed; protocol="application/pkcs7-signature"; boundary=b\r\n\r\n'
      + '--b\r\nContent-Type: text/plain\r\n\r\nsigned text\r\n--b\r\nContent-Type: application/pkcs7-signature; name=smime.p7s\r\n\r\nAAAA\r\n--b--\r\n');
    const out = await encodeEmailApplicationData(storedMessage(signed), ctx('14.1', { bodyPreferences: [{ type: 2 }, { type: 4 }] }));
    assert.equal(value(out, 'Email:MessageClass'), 'IPM.Note.SMIME.MultipartSigned');
    assert.equal(textContent(firstChild(firstElement(out, 'AirSyncBase:Body'), 'AirSyncBase:Type') as WbxmlElement), '4');
  });

  it('reports ReceivedAsBcc only when the owner is known, and a Sender other than From', async () => {
    const mime = Buffer.concat([Buffer.from('Sender: list@example.org\r\n'), simpleMime]);
    const bcc = await encodeEmailApplicationData(storedMessage(mime), ctx('14.1'), { ownAddresses: ['me@example.org'] });
    assert.equal(value(bcc, 'Email2:ReceivedAsBcc'), '1');
    assert.equal(value(bcc, 'Email2:Sender'), 'list@example.org');
    const direct = await encodeEmailApplicationData(storedMessage(mime), ctx('14.1'), { ownAddresses: ['BOB@example.org'] });
    assert.equal(value(direct, 'Email2:ReceivedAsBcc'), '0');
  });

  it('encodes every generated message with its fields, attachments and a body for each version', async () => {
    await fc.assert(fc.asyncProperty(generatedMailArb, fc.constantFrom<ProtocolVersion>('2.5', '12.1', '14.1', '16.1'), async (mail, version) => {
      const out = await encodeEmailApplicationData(storedMessage(await buildMime(mail)), ctx(version));
      assertEncodes(out);
      assert.equal(value(out, 'Email:Subject'), mail.subject);
      assert.equal(value(out, 'Email:Importance'), String(mail.importance));
      for (const to of mail.to) assert.ok(value(out, 'Email:To')?.includes(to.address));
      assert.equal(value(out, 'Email:DisplayTo')?.split('; ').length, mail.to.length);
      const attachments = out.find((c) => qualifiedName(c).endsWith(':Attachments'));
      assert.equal(attachments === undefined ? 0 : attachments.children.length, mail.attachments.length);
      for (const entry of attachments === undefined ? [] : childElements(attachments)) checkAttachment(entry, version, mail.attachments);
    }), { numRuns: 60 });
  });
});

describe('encodeEmailApplicationData on the wire', () => {
  it('reads the same in libwbxml inside a Sync response, for every version', async () => {
    const mail = fc.sample(generatedMailArb, { numRuns: 1, seed: 42 })[0];
    assert.ok(mail !== undefined);
    const mime = await buildMime(mail);
    for (const version of ['2.5', '12.1', '14.1', '16.1'] as const) {
      const data = await encodeEmailApplicationData(storedMessage(mime, { flag: { status: 'active', dueAt: new Date('2024-04-01T00:00:00Z') } }),
        ctx(version, { bodyPreferences: [{ type: 4 }], mimeSupport: 2 }));
      const sync = element('AirSync:Sync', [element('AirSync:Collections', [element('AirSync:Collection', [
        element('AirSync:SyncKey', '2'), element('AirSync:CollectionId', '7'), element('AirSync:Status', '1'),
        element('AirSync:Commands', [element('AirSync:Add', [element('AirSync:ServerId', '7:42'), element('AirSync:ApplicationData', data)])]),
      ])])]);
      await assertLibwbxmlAgrees(encodeWbxml(sync));
    }
  });
});

function checkAttachment(entry: WbxmlElement, version: ProtocolVersion, sources: readonly { filename: string; content: Uint8Array; cid?: string }[]): void {
  const legacy = version === '2.5';
  const text = (name: string): string | undefined => {
    const el = firstChild(entry, name);
    return el === undefined ? undefined : textContent(el);
  };
  const name = text(legacy ? 'Email:DisplayName' : 'AirSyncBase:DisplayName');
  const size = Number(text(legacy ? 'Email:AttSize' : 'AirSyncBase:EstimatedDataSize'));
  const source = sources.find((s) => s.filename === name && s.content.length === size);
  assert.ok(source !== undefined, `attachment ${name} (${size} bytes) was generated`);
  const reference = parseFileReference(text(legacy ? 'Email:AttName' : 'AirSyncBase:FileReference') ?? '');
  assert.equal(reference?.prefix, '7:42:');
  if (!legacy && source.cid !== undefined) {
    assert.equal(text('AirSyncBase:ContentId'), source.cid);
    assert.equal(text('AirSyncBase:IsInline'), '1');
  }
}

function firstElement(children: WbxmlElement[], name: string): WbxmlElement {
  const found = children.find((c) => qualifiedName(c) === name);
  assert.ok(found !== undefined, `${name} is present`);
  return found;
}
