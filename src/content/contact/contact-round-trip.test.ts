// Property tests of the contact converter in both directions, on generated contacts with unicode
// names, several addresses, phones and e-mail addresses, dates and a photo.
import assert from 'node:assert/strict';
import { Buffer } from 'node:buffer';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { element, type WbxmlElement } from '../../eas/wbxml-body.js';
import { decodeWbxml, encodeWbxml } from '../../wbxml/index.js';
import { encodeBody } from '../body/index.js';
import type { ConversionContext } from '../conversion-context.js';
import { easDateTime } from './contact-dates.js';
import { decodeContactApplicationData as decode, encodeContactApplicationData as encode } from './contact-converter.js';
import { CONTACT_FIELDS } from './contact-fields.js';
import { escapeText } from './vcard-text.js';

const CTX: ConversionContext = { protocolVersion: '14.1', bodyPreferences: [{ type: 1, truncationSize: 32768 }] };
const unfold = (card: string): string[] => card.replace(/\r\n[ \t]/g, '').split('\r\n');
const appData = (children: WbxmlElement[]): WbxmlElement => element('AirSync:ApplicationData', children);

/** Non-empty unicode text as a client types it: no CR, no NUL, no surrounding blanks. */
const text = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 16 })
  .map((s) => s.replaceAll('\r', '').replaceAll('\u0000', '').trim())
  .filter((s) => s.length > 0);
const phone = fc.stringMatching(/^\+?[0-9][0-9 ()-]{2,14}[0-9]$/);
const address = fc.tuple(fc.stringMatching(/^[a-z0-9._]{1,12}$/), fc.stringMatching(/^[a-z0-9]{1,10}\.[a-z]{2,5}$/))
  .map(([l, d]) => `${l}@${d}`);
const date = fc.record({ year: fc.integer({ min: 1605, max: 2100 }), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 28 }) });
const photo = fc.uint8Array({ minLength: 1, maxLength: 4000 }).map((b) => Buffer.from(b).toString('base64'));
const url = fc.webUrl().filter((u) => !u.includes('\\'));

function valueFor(elementName: string): fc.Arbitrary<string> {
  if (/PhoneNumber$|Contacts2:MMS|CompanyMainPhone/.test(elementName)) return phone;
  if (/Email\dAddress|IMAddress/.test(elementName)) return address;
  if (/Birthday|Anniversary/.test(elementName)) return date.map((d) => easDateTime(d));
  if (elementName === 'Contacts:Picture') return photo;
  if (elementName === 'Contacts:WebPage') return url;
  return text;
}

/** Numbered slots a vCard fills in order: a value in the second slot alone reads back as the first. */
const SLOT_GROUPS = [
  ['Contacts:Email1Address', 'Contacts:Email2Address', 'Contacts:Email3Address'],
  ['Contacts2:IMAddress', 'Contacts2:IMAddress2', 'Contacts2:IMAddress3'],
  ['Contacts:BusinessPhoneNumber', 'Contacts:Business2PhoneNumber'],
  ['Contacts:HomePhoneNumber', 'Contacts:Home2PhoneNumber'],
];

function compactSlots(values: Record<string, unknown>): Record<string, unknown> {
  const out = { ...values };
  for (const group of SLOT_GROUPS) {
    const filled = group.map((name) => out[name]).filter((v) => v !== undefined);
    group.forEach((name, i) => (out[name] = filled[i]));
  }
  return out;
}

const bodyText = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 200 })
  .map((s) => s.replaceAll('\r', '').replaceAll('\u0000', ''))
  .filter((s) => s.length > 0);

function arbitraryFor(field: (typeof CONTACT_FIELDS)[number]): fc.Arbitrary<unknown> {
  if (field.kind === 'list') return fc.uniqueArray(text, { maxLength: 4 });
  if (field.kind === 'body') return fc.option(bodyText, { nil: undefined });
  if (field.element === 'Contacts:FileAs') return text;
  return fc.option(valueFor(field.element), { nil: undefined });
}

/** A client's Add: any subset of the mapped elements (FileAs always, as we always send it). */
const clientContact = fc.record(Object.fromEntries(CONTACT_FIELDS.map((f) => [f.element, arbitraryFor(f)]))).map(compactSlots);

function tree(values: Record<string, unknown>): WbxmlElement[] {
  const out: WbxmlElement[] = [];
  for (const field of CONTACT_FIELDS) {
    const value = values[field.element];
    if (field.kind === 'body') {
      if (typeof value === 'string') out.push(...encodeBody({ plain: value }, CTX, 'Contacts'));
    } else if (field.kind === 'list') {
      const list = value as string[];
      if (list.length > 0) out.push(element(field.element, list.map((v) => element(field.item, v))));
    } else if (typeof value === 'string') {
      out.push(element(field.element, value));
    }
  }
  return out;
}

const TEL_TYPES = ['work', 'home', 'cell', 'fax', 'pager', 'voice', 'car', 'x-radio', 'iphone', 'main', 'pref'];
const typed = (types: string[]): string => (types.length === 0 ? '' : `;TYPE=${types.join(',')}`);

/** A vCard as CardDAV servers hold them: several typed phones, addresses and mail, unknown lines. */
const storedCard = fc.record({
  v4: fc.boolean(),
  fn: text,
  n: fc.array(fc.option(text, { nil: '' }), { minLength: 5, maxLength: 5 }),
  org: fc.option(fc.tuple(text, fc.option(text, { nil: '' })), { nil: undefined }),
  title: fc.option(text, { nil: undefined }),
  emails: fc.array(fc.tuple(address, fc.subarray(['home', 'work', 'pref'])), { maxLength: 5 }),
  tels: fc.array(fc.tuple(phone, fc.subarray(TEL_TYPES, { maxLength: 3 })), { maxLength: 7 }),
  adrs: fc.array(fc.tuple(fc.array(fc.option(text, { nil: '' }), { minLength: 7, maxLength: 7 }), fc.subarray(['work', 'home', 'postal'], { maxLength: 1 })), { maxLength: 4 }),
  bday: fc.option(fc.tuple(date, fc.boolean()), { nil: undefined }),
  photo: fc.option(photo, { nil: undefined }),
  categories: fc.array(text, { maxLength: 4 }),
  note: fc.option(text, { nil: undefined }),
  unknown: fc.array(text, { maxLength: 3 }),
}).map((c) => {
  const lines = ['BEGIN:VCARD', `VERSION:${c.v4 ? '4.0' : '3.0'}`, `FN:${escapeText(c.fn)}`, `N:${c.n.map(escapeText).join(';')}`];
  if (c.org !== undefined) lines.push(`ORG:${c.org.map(escapeText).join(';')}`);
  if (c.title !== undefined) lines.push(`TITLE:${escapeText(c.title)}`);
  for (const [addr, types] of c.emails) lines.push(`EMAIL${typed(types)}:${addr}`);
  for (const [number, types] of c.tels) lines.push(`TEL${typed(types)}:${number}`);
  for (const [parts, types] of c.adrs) lines.push(`ADR${typed(types)}:${parts.map(escapeText).join(';')}`);
  if (c.bday !== undefined) {
    const [d, yearless] = c.bday;
    const md = `${String(d.month).padStart(2, '0')}${String(d.day).padStart(2, '0')}`;
    lines.push(c.v4 ? `BDAY:${yearless ? '--' : d.year}${md}` : `BDAY:${d.year}-${md.slice(0, 2)}-${md.slice(2)}`);
  }
  if (c.photo !== undefined) lines.push(c.v4 ? `PHOTO:data:image/jpeg;base64,${c.photo}` : `PHOTO;ENCODING=b;TYPE=JPEG:${c.photo}`);
  if (c.categories.length > 0) lines.push(`CATEGORIES:${c.categories.map(escapeText).join(',')}`);
  if (c.note !== undefined) lines.push(`NOTE:${escapeText(c.note)}`);
  c.unknown.forEach((v, i) => lines.push(`X-UNKNOWN-${i};X-PARAM=p${i}:${escapeText(v)}`));
  lines.push('END:VCARD', '');
  return lines.join('\r\n');
});

describe('contact round trips', () => {
  it('EAS → vCard → EAS gives the same tree, and the tree survives the WBXML codec', () => {
    fc.assert(fc.property(clientContact, (values) => {
      const sent = tree(values);
      const stored = decode(appData(sent), undefined, CTX);
      const back = encode(stored, CTX);
      assert.deepEqual(back, sent);
      const wire = appData(back);
      assert.deepEqual(decodeWbxml(encodeWbxml(wire)), wire);
    }), { numRuns: 100 });
  });

  it('vCard → EAS → vCard keeps every mapped field (3.0 and 4.0 inputs)', () => {
    fc.assert(fc.property(storedCard, (vcard) => {
      const sent = encode({ vcard }, CTX);
      const fresh = decode(appData(sent), undefined, CTX);
      assert.deepEqual(encode(fresh, CTX), sent);
    }), { numRuns: 100 });
  });

  it('a client echoing what it got changes nothing', () => {
    fc.assert(fc.property(storedCard, (vcard) => {
      const existing = { vcard };
      assert.equal(decode(appData(encode(existing, CTX)), existing, CTX), existing);
    }), { numRuns: 100 });
  });

  it('a Change of one element rewrites only its line; unknown properties survive', () => {
    fc.assert(fc.property(storedCard, text, (vcard, title) => {
      const sent = encode({ vcard }, CTX).filter((e) => e.tag !== 'JobTitle');
      sent.push(element('Contacts:JobTitle', title));
      const after = unfold(decode(appData(sent), { vcard }, CTX).vcard);
      const before = vcard.split('\r\n');
      assert.deepEqual(before.filter((l) => !after.includes(l) && !l.startsWith('TITLE:')), []);
      assert.deepEqual(after.filter((l) => !before.includes(l)), [`TITLE:${escapeText(title)}`]);
    }), { numRuns: 100 });
  });
});
