import assert from 'node:assert/strict';
import { Buffer } from 'node:buffer';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { ProtocolVersion } from '../../eas/protocol-version.js';
import { element, firstChild, qualifiedName, textContent, type WbxmlElement } from '../../eas/wbxml-body.js';
import { decodeWbxml, encodeWbxml } from '../../wbxml/index.js';
import type { BodyPreference, ConversionContext } from '../conversion-context.js';
import { encodeBody } from './encode-body.js';
import { readBody } from './decode-body.js';

function ctx(protocolVersion: ProtocolVersion, bodyPreferences: BodyPreference[], extra: Partial<ConversionContext> = {}): ConversionContext {
  return { protocolVersion, bodyPreferences, ...extra };
}

function only(elements: WbxmlElement[]): WbxmlElement {
  assert.equal(elements.length, 1);
  return elements[0] as WbxmlElement;
}

function child(body: WbxmlElement, name: string): string | undefined {
  const el = firstChild(body, name);
  return el === undefined ? undefined : textContent(el);
}

/** Every tree the builder makes must survive the codec unchanged. */
function assertEncodes(children: WbxmlElement[]): void {
  const root = element('AirSync:ApplicationData', children);
  assert.deepEqual(decodeWbxml(encodeWbxml(root)), root);
}

const mime = new TextEncoder().encode('From: a@x.org\r\nSubject: s\r\n\r\nhello\r\n');

describe('encodeBody on 12.0+', () => {
  it('serves the first preference it can: HTML when asked first', () => {
    const body = only(encodeBody({ plain: 'hi', html: '<p>hi</p>' }, ctx('14.1', [{ type: 2 }, { type: 1 }])));
    assert.equal(qualifiedName(body), 'AirSyncBase:Body');
    assert.deepEqual(body.children.map((c) => qualifiedName(c as WbxmlElement)),
      ['AirSyncBase:Type', 'AirSyncBase:EstimatedDataSize', 'AirSyncBase:Truncated', 'AirSyncBase:Data']);
    assert.equal(child(body, 'AirSyncBase:Type'), '2');
    assert.equal(child(body, 'AirSyncBase:Data'), '<p>hi</p>');
  });

  it('derives plain text from HTML and HTML from plain text', () => {
    const plain = only(encodeBody({ html: '<p>Hello <b>you</b></p>' }, ctx('14.1', [{ type: 1 }])));
    assert.equal(child(plain, 'AirSyncBase:Data'), 'Hello you');
    const html = only(encodeBody({ plain: 'a < b' }, ctx('14.1', [{ type: 2 }])));
    assert.match(child(html, 'AirSyncBase:Data') ?? '', /a &lt; b/);
  });

  it('falls back from RTF to the next preference, and to plain text when none is left', () => {
    assert.equal(child(only(encodeBody({ html: '<p>x</p>' }, ctx('14.1', [{ type: 3 }, { type: 2 }]))), 'AirSyncBase:Type'), '2');
    assert.equal(child(only(encodeBody({ html: '<p>x</p>' }, ctx('14.1', [{ type: 3 }]))), 'AirSyncBase:Type'), '1');
    assert.equal(child(only(encodeBody({ plain: 'x' }, ctx('12.1', []))), 'AirSyncBase:Type'), '1');
  });

  it('sends MIME as opaque bytes, cut on a line end', () => {
    const body = only(encodeBody({ plain: 'hello', mime }, ctx('14.1', [{ type: 4, truncationSize: 20 }], { mimeSupport: 2 })));
    assert.equal(child(body, 'AirSyncBase:Type'), '4');
    const data = firstChild(body, 'AirSyncBase:Data')?.children[0];
    assert.ok(data instanceof Uint8Array);
    assert.equal(Buffer.from(data).toString(), 'From: a@x.org\r\n');
    assert.equal(child(body, 'AirSyncBase:EstimatedDataSize'), String(mime.length));
    assert.equal(child(body, 'AirSyncBase:Truncated'), '1');
  });

  it('prefers MIME for S/MIME or MIMESupport 2 whenever Type 4 is listed at all', () => {
    const prefs: BodyPreference[] = [{ type: 2 }, { type: 4 }];
    assert.equal(child(only(encodeBody({ html: 'x', mime }, ctx('14.1', prefs))), 'AirSyncBase:Type'), '2');
    assert.equal(child(only(encodeBody({ html: 'x', mime, smime: true }, ctx('14.1', prefs))), 'AirSyncBase:Type'), '4');
    assert.equal(child(only(encodeBody({ html: 'x', mime }, ctx('14.1', prefs, { mimeSupport: 2 }))), 'AirSyncBase:Type'), '4');
    assert.equal(child(only(encodeBody({ html: 'x' }, ctx('14.1', [{ type: 4 }], { mimeSupport: 2 }))), 'AirSyncBase:Type'), '1');
  });

  it('AllOrNone moves on to the next preference, or withholds the data when none fits', () => {
    const source = { plain: 'p'.repeat(50), html: `<p>${'h'.repeat(50)}</p>` };
    const next = only(encodeBody(source, ctx('14.1', [{ type: 2, truncationSize: 10, allOrNone: true }, { type: 1, truncationSize: 20 }])));
    assert.equal(child(next, 'AirSyncBase:Type'), '1');
    assert.equal(child(next, 'AirSyncBase:Data'), 'p'.repeat(20));
    const none = only(encodeBody(source, ctx('14.1', [{ type: 2, truncationSize: 10, allOrNone: true }])));
    assert.equal(child(none, 'AirSyncBase:Type'), '2');
    assert.equal(child(none, 'AirSyncBase:Truncated'), '1');
    assert.equal(firstChild(none, 'AirSyncBase:Data'), undefined);
    assert.equal(child(none, 'AirSyncBase:EstimatedDataSize'), String(source.html.length));
  });

  it('adds a Preview only from 14.0 on, and only when asked', () => {
    const source = { plain: 'Hello <https://x.example> world' };
    const prefs: BodyPreference[] = [{ type: 1, truncationSize: 5, preview: 8 }];
    assert.equal(child(only(encodeBody(source, ctx('14.0', prefs))), 'AirSyncBase:Preview'), 'Hello wo');
    assert.equal(firstChild(only(encodeBody(source, ctx('12.1', prefs))), 'AirSyncBase:Preview'), undefined);
    assert.equal(firstChild(only(encodeBody(source, ctx('16.1', [{ type: 1 }]))), 'AirSyncBase:Preview'), undefined);
  });

  it('never splits a character, reports the full size, and always encodes', () => {
    fc.assert(fc.property(
      fc.string({ unit: 'grapheme', maxLength: 400 }), fc.option(fc.nat(600), { nil: undefined }), fc.constantFrom<1 | 2>(1, 2),
      fc.constantFrom<ProtocolVersion>('12.0', '12.1', '14.0', '14.1', '16.0', '16.1'),
      (text, truncationSize, type, version) => {
        const pref: BodyPreference = truncationSize === undefined ? { type, preview: 100 } : { type, truncationSize, preview: 100 };
        const children = encodeBody({ plain: text }, ctx(version, [pref]));
        assertEncodes(children);
        const body = only(children);
        const data = child(body, 'AirSyncBase:Data') ?? '';
        const size = Number(child(body, 'AirSyncBase:EstimatedDataSize'));
        const full = type === 1 ? text.replaceAll('\u0000', '') : undefined;
        if (full !== undefined) {
          assert.equal(size, Buffer.byteLength(full));
          assert.ok(full.startsWith(data));
        }
        assert.ok(!data.includes('\uFFFD') || text.includes('\uFFFD'));
        if (truncationSize !== undefined) assert.ok(Buffer.byteLength(data) <= truncationSize);
        assert.equal(child(body, 'AirSyncBase:Truncated'), Buffer.byteLength(data) < size ? '1' : '0');
      },
    ));
  });
});

describe('encodeBody on 2.5', () => {
  it('writes the Email namespace Body, BodySize and BodyTruncated with the Truncation code', () => {
    const out = encodeBody({ plain: 'x'.repeat(600) }, ctx('2.5', [], { legacyTruncation: 1 }), 'Email');
    assert.deepEqual(out.map(qualifiedName), ['Email:BodyTruncated', 'Email:BodySize', 'Email:Body']);
    assert.equal(textContent(out[2] as WbxmlElement).length, 512);
    assert.equal(textContent(out[1] as WbxmlElement), '600');
    assertEncodes(out);
  });

  it('omits BodySize when nothing was cut, and for Calendar, which has none', () => {
    assert.deepEqual(encodeBody({ plain: 'short' }, ctx('2.5', [], { legacyTruncation: 9 }), 'Tasks').map(qualifiedName),
      ['Tasks:BodyTruncated', 'Tasks:Body']);
    assert.deepEqual(encodeBody({ plain: 'x'.repeat(600) }, ctx('2.5', [], { legacyTruncation: 1 }), 'Calendar').map(qualifiedName),
      ['Calendar:BodyTruncated', 'Calendar:Body']);
  });

  it('sends MIMEData instead when MIMESupport asks for it', () => {
    const out = encodeBody({ plain: 'hello', mime }, ctx('2.5', [], { mimeSupport: 2, legacyMimeTruncation: 8 }), 'Email');
    assert.deepEqual(out.map(qualifiedName), ['Email:MIMETruncated', 'Email:MIMESize', 'Email:MIMEData']);
    assert.ok(out[2]?.children[0] instanceof Uint8Array);
    assertEncodes(out);
  });
});

describe('readBody', () => {
  it('reads Type and Data sent as a string or as opaque bytes, and the 2.5 form', () => {
    const asString = element('AirSync:ApplicationData', [element('AirSyncBase:Body', [element('AirSyncBase:Type', '2'), element('AirSyncBase:Data', '<b>x</b>')])]);
    assert.deepEqual(readBody(asString), { type: 2, data: '<b>x</b>' });
    const opaque = element('AirSync:ApplicationData', [element('AirSyncBase:Body', [element('AirSyncBase:Type', '1'), element('AirSyncBase:Data', new TextEncoder().encode('grüß'))])]);
    assert.deepEqual(readBody(opaque), { type: 1, data: 'grüß' });
    const noData = element('AirSync:ApplicationData', [element('AirSyncBase:Body', [element('AirSyncBase:Type', '1')])]);
    assert.equal(readBody(noData), undefined);
    const legacy = element('AirSync:ApplicationData', [element('Contacts:Body', 'note')]);
    assert.deepEqual(readBody(legacy, 'Contacts'), { type: 1, data: 'note' });
  });
});
