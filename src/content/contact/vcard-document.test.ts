import assert from 'node:assert/strict';
import { Buffer } from 'node:buffer';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { ContactConversionError } from './contact-errors.js';
import { foldLine, makeEntry, parseVCard, serializeVCard } from './vcard-document.js';
import { escapeText, paramValues, prefRank, readComponent, splitUnescaped, unescapeText } from './vcard-text.js';

const APPLE_V3 = [
  'BEGIN:VCARD',
  'VERSION:3.0',
  'PRODID:-//Apple Inc.//iPhone OS 17.0//EN',
  'N:Müller;Jürgen;;;',
  'FN:Jürgen Müller',
  'item1.TEL;type=pref:+49 30 1234',
  'item1.X-ABLabel:_$!<Assistant>!$_',
  'NOTE:first line that is long enough to need folding when it is written out by a',
  '  producer that folds at seventy-five octets',
  'END:VCARD',
  '',
].join('\r\n');

describe('parseVCard / serializeVCard', () => {
  it('gives back an unchanged card byte for byte, folded lines included', () => {
    const doc = parseVCard(APPLE_V3);
    assert.equal(doc.version, '3.0');
    assert.equal(serializeVCard(doc), APPLE_V3);
  });

  it('unfolds lines and reads groups, parameters and names', () => {
    const doc = parseVCard(APPLE_V3);
    const tel = doc.entries.find((e) => e.name === 'tel');
    assert.equal(tel?.group, 'item1');
    assert.deepEqual(paramValues(tel!, 'type'), ['pref']);
    assert.equal(prefRank(tel!), 1);
    const note = doc.entries.find((e) => e.name === 'note');
    assert.match(note!.rawValue, /written out by a producer that folds/);
  });

  it('detects vCard 4.0 and writes LF-only input back with CRLF', () => {
    const doc = parseVCard('BEGIN:VCARD\nVERSION:4.0\nFN:A\nEND:VCARD\n');
    assert.equal(doc.version, '4.0');
    assert.equal(serializeVCard(doc), 'BEGIN:VCARD\r\nVERSION:4.0\r\nFN:A\r\nEND:VCARD\r\n');
  });

  it('keeps a line ical.js cannot read as an opaque entry', () => {
    const text = 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:A\r\nX-BROKEN;="x:y\r\nEND:VCARD\r\n';
    const doc = parseVCard(text);
    assert.equal(doc.entries.length, 3);
    assert.equal(serializeVCard(doc), text);
  });

  it('refuses text that is not a vCard', () => {
    assert.throws(() => parseVCard('hello'), (e: unknown) => e instanceof ContactConversionError && e.code === 'malformed-vcard');
    assert.throws(() => parseVCard('BEGIN:VCARD\r\nFN:A\r\n'), (e: unknown) => e instanceof ContactConversionError);
  });

  it('parses quoted multi-valued TYPE and v4 PREF', () => {
    const entry = makeEntry('4.0', 'TEL;VALUE=uri;TYPE="work,voice";PREF=2', 'tel:+1-555');
    assert.deepEqual(paramValues(entry, 'type'), ['work', 'voice']);
    assert.equal(entry.valueType, 'uri');
    assert.equal(prefRank(entry), 2);
  });
});

describe('foldLine', () => {
  it('keeps every physical line within 75 octets and never splits a character', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (text) => {
      const folded = foldLine(`NOTE:${text}`);
      const physical = folded.split('\r\n');
      for (const line of physical) assert.ok(Buffer.byteLength(line, 'utf8') <= 75);
      assert.equal(physical.map((l, i) => (i === 0 ? l : l.slice(1))).join(''), `NOTE:${text}`);
    }));
  });
});

describe('vCard text escaping', () => {
  it('unescapeText undoes escapeText', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }).map((s) => s.replace(/\r/g, '')), (text) => {
      assert.equal(unescapeText(escapeText(text)), text);
    }));
  });

  it('splits on unescaped separators only', () => {
    assert.deepEqual(splitUnescaped('a\\;b;c\\\\;d', ';'), ['a\\;b', 'c\\\\', 'd']);
    assert.equal(readComponent('Main St\\, 1,Floor 2', '\n'), 'Main St, 1\nFloor 2');
  });
});
