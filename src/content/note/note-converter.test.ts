import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { NoteContent } from '../../domain/item.js';
import { element, firstChild, qualifiedName, textContent, type WbxmlElement } from '../../eas/wbxml-body.js';
import { decodeWbxml, encodeWbxml } from '../../wbxml/index.js';
import type { ConversionContext } from '../conversion-context.js';
import { decodeNoteApplicationData as decode, encodeNoteApplicationData as encode, NOTE_MESSAGE_CLASS } from './note-converter.js';

const CTX: ConversionContext = { protocolVersion: '16.1', bodyPreferences: [{ type: 1 }] };
const appData = (children: WbxmlElement[]): WbxmlElement => element('AirSync:ApplicationData', children);
const el = (name: string, value: string): WbxmlElement => element(name, value.length > 0 ? value : []);

const text = fc.string({ unit: 'grapheme', maxLength: 200 }).map((s) => s.replaceAll('\u0000', ''));
const category = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }).map((s) => s.replaceAll('\u0000', '').trim()).filter((s) => s.length > 0);
const note = fc.record({ subject: text, body: text, categories: fc.uniqueArray(category, { maxLength: 5 }) });

describe('encodeNoteApplicationData', () => {
  it('writes the Notes elements in MS-ASNOTE section order', () => {
    const els = encode({ subject: 'Groceries', body: 'milk\neggs', categories: ['Home'] }, CTX, new Date(Date.UTC(2024, 2, 15, 9, 30, 5)));
    assert.deepEqual(els.map(qualifiedName), [
      'AirSyncBase:Body', 'Notes:Categories', 'Notes:LastModifiedDate', 'Notes:MessageClass', 'Notes:Subject',
    ]);
    const get = (name: string) => els.find((e) => qualifiedName(e) === name)!;
    assert.equal(textContent(get('Notes:LastModifiedDate')), '20240315T093005Z');
    assert.equal(textContent(get('Notes:MessageClass')), NOTE_MESSAGE_CLASS);
    assert.equal(textContent(firstChild(get('AirSyncBase:Body'), 'AirSyncBase:Data')!), 'milk\neggs');
    assert.equal(textContent(firstChild(get('Notes:Categories'), 'Notes:Category')!), 'Home');
  });

  it('leaves LastModifiedDate out without a time and refuses versions before 14.0', () => {
    const els = encode({ subject: '', body: '', categories: [] }, CTX);
    assert.equal(els.some((e) => qualifiedName(e) === 'Notes:LastModifiedDate'), false);
    assert.throws(() => encode({ subject: 'a', body: '', categories: [] }, { protocolVersion: '12.1', bodyPreferences: [] }), RangeError);
  });
});

describe('decodeNoteApplicationData', () => {
  it('reads an Add from a client', () => {
    const got = decode(appData([
      el('Notes:Subject', 'Call Bob'), el('Notes:MessageClass', 'IPM.StickyNote.Custom'),
      element('AirSyncBase:Body', [el('AirSyncBase:Type', '1'), el('AirSyncBase:Data', 'about the offer')]),
      element('Notes:Categories', [el('Notes:Category', 'Work'), el('Notes:Category', 'Work')]),
    ]), undefined, CTX);
    assert.deepEqual(got, { subject: 'Call Bob', body: 'about the offer', categories: ['Work'] });
  });

  it('keeps what a Change leaves out, clears what it empties', () => {
    const existing: NoteContent = { subject: 'S', body: 'B', categories: ['C'] };
    assert.deepEqual(decode(appData([el('Notes:Subject', 'S2')]), existing, CTX), { subject: 'S2', body: 'B', categories: ['C'] });
    assert.deepEqual(decode(appData([element('Notes:Categories', [])]), existing, CTX), { subject: 'S', body: 'B', categories: [] });
  });

  it('takes HTML as text and ignores an RTF body it cannot read', () => {
    const existing: NoteContent = { subject: 'S', body: 'B', categories: [] };
    const html = element('AirSyncBase:Body', [el('AirSyncBase:Type', '2'), el('AirSyncBase:Data', '<p>Hello <b>there</b></p>')]);
    assert.match(decode(appData([html]), existing, CTX).body, /Hello there/);
    const rtf = element('AirSyncBase:Body', [el('AirSyncBase:Type', '3'), el('AirSyncBase:Data', 'e1xydGY=')]);
    assert.equal(decode(appData([rtf]), existing, CTX).body, 'B');
  });

  it('does not cut a note to the truncated body a client sends back', () => {
    const existing: NoteContent = { subject: 'S', body: 'y'.repeat(300), categories: [] };
    const ctx: ConversionContext = { protocolVersion: '14.1', bodyPreferences: [{ type: 1, truncationSize: 50 }] };
    assert.deepEqual(decode(appData(encode(existing, ctx)), existing, ctx), existing);
  });
});

describe('note round trips', () => {
  it('note → EAS → note gives the same note; the tree survives the WBXML codec', () => {
    fc.assert(fc.property(note, (n) => {
      const els = encode(n, CTX, new Date(0));
      assert.deepEqual(decode(appData(els), undefined, CTX), { ...n });
      const wire = appData(els);
      assert.deepEqual(decodeWbxml(encodeWbxml(wire)), wire);
    }), { numRuns: 200 });
  });

  it('EAS → note → EAS gives the same tree', () => {
    fc.assert(fc.property(note, (n) => {
      const sent = encode(n, CTX);
      assert.deepEqual(encode(decode(appData(sent), undefined, CTX), CTX), sent);
    }), { numRuns: 200 });
  });
});
