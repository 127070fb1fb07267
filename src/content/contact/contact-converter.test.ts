import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { element, firstChild, qualifiedName, textContent, type WbxmlElement } from '../../eas/wbxml-body.js';
import { decodeWbxml, encodeWbxml } from '../../wbxml/index.js';
import { assertLibwbxmlAgrees } from '../../../test/helpers/libwbxml.js';
import type { ConversionContext } from '../conversion-context.js';
import { ContactConversionError } from './contact-errors.js';
import { decodeContactApplicationData as decode, encodeContactApplicationData as encode } from './contact-converter.js';

const CTX: ConversionContext = { protocolVersion: '16.1', bodyPreferences: [{ type: 1, truncationSize: 32768 }] };
const crlf = (lines: string[]): string => `${lines.join('\r\n')}\r\n`;

/** Element name to text for the simple elements of an encoded contact. */
function fields(els: readonly WbxmlElement[]): Map<string, string> {
  return new Map(els.map((e) => [qualifiedName(e), textContent(e)]));
}

const appData = (children: WbxmlElement[]): WbxmlElement => element('AirSync:ApplicationData', children);
const el = (name: string, value: string): WbxmlElement => element(name, value.length > 0 ? value : []);

/** An iCloud-style vCard 3.0 as a CardDAV server serves it. */
const ICLOUD_V3 = crlf([
  'BEGIN:VCARD', 'VERSION:3.0', 'PRODID:-//Apple Inc.//iPhone OS 17.2//EN',
  'N:Appleseed;Johnny;B.;Dr.;III', 'FN:Dr. Johnny B. Appleseed III', 'NICKNAME:Jo,Jojo',
  'X-PHONETIC-FIRST-NAME:ジョニー', 'ORG:Apple\\, Inc.;Engineering;Maps', 'TITLE:Engineer',
  'EMAIL;type=INTERNET;type=HOME;type=pref:johnny@example.com', 'EMAIL;type=INTERNET;type=WORK:jb@apple.example',
  'TEL;type=CELL;type=VOICE;type=pref:+1 (408) 555-0100', 'TEL;type=WORK;type=VOICE:+1 408 555 0101',
  'TEL;type=HOME;type=FAX:+1 408 555 0102', 'item1.TEL:+1 408 555 0103', 'item1.X-ABLabel:_$!<Assistant>!$_',
  'item2.ADR;type=WORK;type=pref:;;1 Infinite Loop;Cupertino;CA;95014;USA', 'item2.X-ABADR:us',
  'ADR;type=HOME:;;12 Elm St\\nApt 3;Springfield;IL;62701;USA', 'item3.URL;type=pref:https://example.com/~jb',
  'item3.X-ABLabel:_$!<HomePage>!$_', 'BDAY;value=date:1984-02-29', 'X-SOCIALPROFILE;type=twitter:x-apple:jb',
  'IMPP;X-SERVICE-TYPE=Jabber;type=HOME:xmpp:jb@jabber.example', 'CATEGORIES:Friends,Work',
  'NOTE:Met at WWDC\\, 2019.\\nLikes maps.', 'PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQ==',
  'UID:0E8A1F2B-1111-4C3D-8E9F-ABCDEF012345', 'END:VCARD',
]);

/** A vCard 4.0 in RFC 6350 style, as Nextcloud or Radicale serve one. */
const RFC_V4 = crlf([
  'BEGIN:VCARD', 'VERSION:4.0', 'UID:urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1', 'FN:Zoë Çelik',
  'N:Çelik;Zoë;;;', 'KIND:individual', 'GENDER:F', 'BDAY:--0412', 'ANNIVERSARY:20150620',
  'TEL;VALUE=uri;TYPE="cell,text";PREF=1:tel:+33-6-12-34-56-78', 'TEL;VALUE=uri;TYPE=work:tel:+33-1-23-45-67-89',
  'EMAIL;TYPE=work:zoe@example.fr', 'RELATED;TYPE=spouse;VALUE=text:Ali Çelik',
  'RELATED;TYPE=child;VALUE=text:Deniz', 'RELATED;TYPE=child;VALUE=text:Ece',
  'RELATED;TYPE=friend:urn:uuid:03a0e51f-d1aa-4385-8a53-e29025acd8af',
  'PHOTO:data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAAB', 'END:VCARD',
]);

describe('encodeContactApplicationData', () => {
  it('maps a vCard 3.0 from a CardDAV server', () => {
    const f = fields(encode({ vcard: ICLOUD_V3 }, CTX));
    const expected: Record<string, string> = {
      'Contacts:FileAs': 'Dr. Johnny B. Appleseed III', 'Contacts:LastName': 'Appleseed', 'Contacts:FirstName': 'Johnny',
      'Contacts:MiddleName': 'B.', 'Contacts:Title': 'Dr.', 'Contacts:Suffix': 'III', 'Contacts2:NickName': 'Jo',
      'Contacts:YomiFirstName': 'ジョニー', 'Contacts:CompanyName': 'Apple, Inc.', 'Contacts:Department': 'Engineering',
      'Contacts:JobTitle': 'Engineer', 'Contacts:Email1Address': 'johnny@example.com', 'Contacts:Email2Address': 'jb@apple.example',
      'Contacts:MobilePhoneNumber': '+1 (408) 555-0100', 'Contacts:BusinessPhoneNumber': '+1 408 555 0101',
      'Contacts:HomeFaxNumber': '+1 408 555 0102', 'Contacts:HomePhoneNumber': '+1 408 555 0103',
      'Contacts:BusinessAddressStreet': '1 Infinite Loop', 'Contacts:BusinessAddressCity': 'Cupertino',
      'Contacts:BusinessAddressState': 'CA', 'Contacts:BusinessAddressPostalCode': '95014', 'Contacts:BusinessAddressCountry': 'USA',
      'Contacts:HomeAddressStreet': '12 Elm St\nApt 3', 'Contacts:HomeAddressCity': 'Springfield',
      'Contacts:WebPage': 'https://example.com/~jb', 'Contacts:Birthday': '1984-02-29T11:59:00.000Z',
      'Contacts2:IMAddress': 'jb@jabber.example', 'Contacts:Picture': '/9j/4AAQSkZJRgABAQ==',
    };
    for (const [name, value] of Object.entries(expected)) assert.equal(f.get(name), value, name);
    const categories = encode({ vcard: ICLOUD_V3 }, CTX).find((e) => qualifiedName(e) === 'Contacts:Categories');
    assert.deepEqual(categories?.children.map((c) => textContent(c as WbxmlElement)), ['Friends', 'Work']);
    const body = encode({ vcard: ICLOUD_V3 }, CTX).find((e) => qualifiedName(e) === 'AirSyncBase:Body');
    assert.equal(textContent(firstChild(body!, 'AirSyncBase:Data')!), 'Met at WWDC, 2019.\nLikes maps.');
  });

  it('maps a vCard 4.0 with tel: URIs, RELATED, ANNIVERSARY and a data: URI photo', () => {
    const els = encode({ vcard: RFC_V4 }, CTX);
    const f = fields(els);
    assert.equal(f.get('Contacts:MobilePhoneNumber'), '+33-6-12-34-56-78');
    assert.equal(f.get('Contacts:BusinessPhoneNumber'), '+33-1-23-45-67-89');
    assert.equal(f.get('Contacts:Spouse'), 'Ali Çelik');
    assert.equal(f.get('Contacts:Birthday'), '1604-04-12T11:59:00.000Z');
    assert.equal(f.get('Contacts:Anniversary'), '2015-06-20T11:59:00.000Z');
    assert.equal(f.get('Contacts:Picture'), 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAAB');
    const children = els.find((e) => qualifiedName(e) === 'Contacts:Children');
    assert.deepEqual(children?.children.map((c) => textContent(c as WbxmlElement)), ['Deniz', 'Ece']);
  });

  it('writes elements in MS-ASCNTC section order, and the trees survive the WBXML codec', () => {
    for (const vcard of [ICLOUD_V3, RFC_V4]) {
      const els = encode({ vcard }, CTX);
      const names = els.map((e) => qualifiedName(e).split(':')[1]!.toLowerCase());
      assert.deepEqual(names, [...names].sort());
      const tree = appData(els);
      assert.deepEqual(decodeWbxml(encodeWbxml(tree)), tree);
    }
  });

  it('produces WBXML that libwbxml reads the same way', async () => {
    for (const vcard of [ICLOUD_V3, RFC_V4]) {
      const sync = element('AirSync:Sync', [element('AirSync:Collections', [element('AirSync:Collection', [
        el('AirSync:SyncKey', '2'), el('AirSync:CollectionId', '3'),
        element('AirSync:Commands', [element('AirSync:Add', [el('AirSync:ServerId', '3:1'), appData(encode({ vcard }, CTX))])]),
      ])])]);
      await assertLibwbxmlAgrees(encodeWbxml(sync));
    }
  });

  it('sends the 2.5 Contacts:Body instead of AirSyncBase:Body', () => {
    const f = fields(encode({ vcard: ICLOUD_V3 }, { protocolVersion: '2.5', bodyPreferences: [] }));
    assert.equal(f.get('Contacts:Body'), 'Met at WWDC, 2019.\nLikes maps.');
    assert.equal(f.has('AirSyncBase:Body'), false);
  });

  it('does not send a photo over 48 KB of base64 or one given by URL', () => {
    const big = randomBytes(40_000).toString('base64');
    const card = crlf(['BEGIN:VCARD', 'VERSION:3.0', 'FN:A', 'N:;A;;;', `PHOTO;ENCODING=b;TYPE=JPEG:${big}`, 'END:VCARD']);
    assert.equal(fields(encode({ vcard: card }, CTX)).has('Contacts:Picture'), false);
    const byUrl = card.replace(/PHOTO.*\r\n/, 'PHOTO;VALUE=uri:https://example.com/a.jpg\r\n');
    assert.equal(fields(encode({ vcard: byUrl }, CTX)).has('Contacts:Picture'), false);
  });

  it('refuses a stored card that is not a vCard', () => {
    assert.throws(() => encode({ vcard: 'nonsense' }, CTX), (e: unknown) => e instanceof ContactConversionError && e.code === 'malformed-vcard');
  });
});

describe('decodeContactApplicationData', () => {
  it('hands back the very same content when a client echoes what it got', () => {
    for (const vcard of [ICLOUD_V3, RFC_V4]) {
      const existing = { vcard };
      assert.equal(decode(appData(encode(existing, CTX)), existing, CTX), existing);
    }
  });

  it('changes only the line behind the changed element; unmapped lines survive', () => {
    const sent = encode({ vcard: ICLOUD_V3 }, CTX).map((e) =>
      qualifiedName(e) === 'Contacts:JobTitle' ? el('Contacts:JobTitle', 'Principal; Engineer') : e);
    const after = decode(appData(sent), { vcard: ICLOUD_V3 }, CTX).vcard.split('\r\n');
    const before = ICLOUD_V3.split('\r\n');
    assert.deepEqual(after.filter((l) => !before.includes(l)), ['TITLE:Principal\\; Engineer']);
    assert.deepEqual(before.filter((l) => !after.includes(l)), ['TITLE:Engineer']);
  });

  it('keeps unknown properties, extra nicknames and a photo by URL through a Change', () => {
    const card = crlf(['BEGIN:VCARD', 'VERSION:4.0', 'FN:A B', 'N:B;A;;;', 'X-CUSTOM;X-P=1:keep me', 'NICKNAME:Al,Ally',
      'EMAIL:1@x.org', 'EMAIL:2@x.org', 'EMAIL:3@x.org', 'EMAIL:4@x.org', 'PHOTO:https://example.com/a.jpg', 'END:VCARD']);
    const out = decode(appData([el('Contacts:FirstName', 'Al'), el('Contacts:LastName', 'B'), el('Contacts2:NickName', 'Big Al')]),
      { vcard: card }, CTX, ['Contacts:FirstName', 'Contacts:LastName', 'Contacts2:NickName']).vcard;
    for (const line of ['X-CUSTOM;X-P=1:keep me', 'NICKNAME:Big Al,Ally', 'EMAIL:4@x.org', 'PHOTO:https://example.com/a.jpg', 'EMAIL:1@x.org']) {
      assert.ok(out.includes(`${line}\r\n`), line);
    }
    assert.ok(out.includes('N:B;Al;;;\r\n'));
    assert.ok(out.includes('FN:Al B\r\n'), 'FN follows a changed name when FileAs is not sent');
  });

  it('keeps the photo when iOS sends an empty Picture, removes it when the client drops it', () => {
    const existing = { vcard: ICLOUD_V3 };
    const withEmpty = encode(existing, CTX).map((e) => (qualifiedName(e) === 'Contacts:Picture' ? el('Contacts:Picture', '') : e));
    assert.equal(decode(appData(withEmpty), existing, CTX), existing);
    const without = encode(existing, CTX).filter((e) => qualifiedName(e) !== 'Contacts:Picture');
    assert.doesNotMatch(decode(appData(without), existing, CTX).vcard, /PHOTO/);
    assert.doesNotMatch(decode(appData(without), existing, CTX, ['Contacts:Picture', 'Contacts:FileAs']).vcard, /PHOTO/);
    assert.equal(decode(appData(without), existing, CTX, ['Contacts:FileAs']), existing, 'Picture not in Supported: ghosted');
  });

  it('applies Supported: left-out elements are deleted only when the client manages them', () => {
    const existing = { vcard: ICLOUD_V3 };
    const bare = appData([el('Contacts:FirstName', 'Johnny'), el('Contacts:LastName', 'Appleseed'), el('Contacts:MiddleName', 'B.'),
      el('Contacts:Title', 'Dr.'), el('Contacts:Suffix', 'III')]);
    assert.equal(decode(bare, existing, CTX, []), existing, 'empty Supported: everything else is ghosted');
    const listed = decode(bare, existing, CTX, ['FirstName', 'LastName', 'Contacts:JobTitle', 'Contacts:Categories']).vcard;
    assert.match(listed, /\r\nN:Appleseed;Johnny;B\.;Dr\.;III\r\n/);
    assert.doesNotMatch(listed, /TITLE:|CATEGORIES/);
    assert.match(listed, /ORG:Apple/);
    const none = decode(bare, existing, CTX).vcard;
    assert.doesNotMatch(none, /TITLE:|ORG:Apple|EMAIL|CATEGORIES|PHOTO|BDAY|TEL|X-ABLabel|X-ABADR/);
    assert.match(none, /\r\nORG:;;Maps\r\n/, 'a unit EAS has no element for stays');
    assert.match(none, /X-SOCIALPROFILE/);
    assert.match(none, /NOTE:Met at WWDC/, 'a body left out is unchanged');
    assert.match(none, /FN:Dr\. Johnny B\. Appleseed III/, 'FN stays while the name is unchanged');
  });

  it('builds a new vCard 3.0 from an Add, with UID and a derived FN', () => {
    const photo = randomBytes(3000).toString('base64');
    const out = decode(appData([
      el('Contacts:Birthday', '1990-05-16T22:00:00.000Z'), el('Contacts:Email1Address', '"Smith, Jo" <jo@example.org>'),
      el('Contacts:FirstName', 'Jo'), el('Contacts:LastName', 'Smith'), el('Contacts:Picture', photo),
      el('Contacts2:IMAddress', 'jo@chat.example'), el('Contacts:Children', ''),
    ]), undefined, CTX).vcard;
    assert.match(out, /^BEGIN:VCARD\r\nVERSION:3\.0\r\n/);
    assert.match(out, /\r\nUID:[0-9a-f-]{36}\r\n/);
    assert.match(out, /\r\nFN:Jo Smith\r\n/);
    assert.match(out, /\r\nBDAY:1990-05-17\r\n/);
    assert.match(out, /\r\nEMAIL;TYPE=INTERNET:jo@example\.org\r\n/);
    assert.match(out, /\r\nIMPP:im:jo@chat\.example\r\n/);
    assert.equal(fields(encode({ vcard: out }, CTX)).get('Contacts:Picture'), photo);
  });

  it('writes new lines in the card\'s own version', () => {
    const card = crlf(['BEGIN:VCARD', 'VERSION:4.0', 'FN:A', 'END:VCARD']);
    const out = decode(appData([el('Contacts:FileAs', 'A'), el('Contacts:Spouse', 'B'), el('Contacts:Anniversary', '2001-01-01T11:59:00.000Z'),
      el('Contacts:Picture', 'R0lGODlhAQABAAAAACw=')]), { vcard: card }, CTX).vcard;
    assert.match(out, /\r\nRELATED;TYPE=spouse;VALUE=text:B\r\n/);
    assert.match(out, /\r\nANNIVERSARY:20010101\r\n/);
    assert.match(out, /\r\nPHOTO:data:image\/gif;base64,R0lGODlhAQABAAAAACw=\r\n/);
  });

  it('refuses a Picture over 48 KB and a malformed date with Sync Status 6', () => {
    const big = randomBytes(40_000).toString('base64');
    assert.throws(() => decode(appData([el('Contacts:Picture', big)]), undefined, CTX),
      (e: unknown) => e instanceof ContactConversionError && e.code === 'picture-too-large' && e.syncStatus === 6);
    assert.throws(() => decode(appData([el('Contacts:Birthday', 'soon')]), undefined, CTX),
      (e: unknown) => e instanceof ContactConversionError && e.code === 'malformed-value');
    assert.throws(() => decode(appData([el('Contacts:Picture', '!!not base64!!')]), undefined, CTX),
      (e: unknown) => e instanceof ContactConversionError && e.code === 'malformed-value');
  });

  it('keeps a photo we never sent (over 48 KB) when the client leaves Picture out', () => {
    const big = randomBytes(40_000).toString('base64');
    const existing = { vcard: crlf(['BEGIN:VCARD', 'VERSION:3.0', 'FN:A', 'N:;A;;;', `PHOTO;ENCODING=b;TYPE=JPEG:${big}`, 'END:VCARD']) };
    assert.equal(decode(appData(encode(existing, CTX)), existing, CTX), existing);
  });

  it('does not cut the note when a client sends back the truncated body it got', () => {
    const long = 'x'.repeat(500);
    const existing = { vcard: crlf(['BEGIN:VCARD', 'VERSION:3.0', 'FN:A', 'N:;A;;;', `NOTE:${long}`, 'END:VCARD']) };
    const ctx: ConversionContext = { protocolVersion: '14.1', bodyPreferences: [{ type: 1, truncationSize: 100 }] };
    assert.equal(decode(appData(encode(existing, ctx)), existing, ctx), existing);
    const edited = decode(appData([...encode(existing, ctx).filter((e) => qualifiedName(e) !== 'AirSyncBase:Body'),
      element('AirSyncBase:Body', [el('AirSyncBase:Type', '1'), el('AirSyncBase:Data', 'short now')])]), existing, ctx);
    assert.match(edited.vcard, /NOTE:short now/);
    const cleared = decode(appData([...encode(existing, ctx).filter((e) => qualifiedName(e) !== 'AirSyncBase:Body'),
      element('AirSyncBase:Body', [el('AirSyncBase:Type', '1'), el('AirSyncBase:Data', '')])]), existing, ctx);
    assert.doesNotMatch(cleared.vcard, /NOTE/);
  });

  it('deals numbered slots in order: a third address alone comes back as the first', () => {
    const stored = decode(appData([el('Contacts:FileAs', 'A'), el('Contacts:Email3Address', 'c@x.org'),
      el('Contacts:Business2PhoneNumber', '+1 2')]), undefined, CTX);
    const f = fields(encode(stored, CTX));
    assert.equal(f.get('Contacts:Email1Address'), 'c@x.org');
    assert.equal(f.get('Contacts:BusinessPhoneNumber'), '+1 2');
    assert.equal(f.has('Contacts:Email3Address'), false);
  });

  it('reads the 2.5 Contacts:Body', () => {
    const ctx: ConversionContext = { protocolVersion: '2.5', bodyPreferences: [] };
    const out = decode(appData([el('Contacts:FileAs', 'A'), el('Contacts:Body', 'line 1\r\nline 2')]), undefined, ctx).vcard;
    assert.match(out, /NOTE:line 1\\nline 2/);
  });
});
