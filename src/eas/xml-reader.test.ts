// The safe XML reader: namespaces, entities, CDATA, and refusal of DOCTYPE (no XXE, no entity
// expansion) and of malformed input with an XmlError, never another exception.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { XmlError, escapeXml, parseXml, xmlChild, xmlText } from './xml-reader.js';

describe('XML reader', () => {
  it('reads elements, attributes, text and resolves namespaces', () => {
    const root = parseXml(
      '\uFEFF<?xml version="1.0" encoding="utf-8"?>\n<!-- hi --><a:Root xmlns:a="urn:a" xmlns="urn:d" id=\'1\'>' +
        '<Child k="v &amp; w">x &lt; y<![CDATA[<raw>&amp;]]>&#65;&#x42;</Child><a:Empty/></a:Root>',
    );
    assert.equal(root.name, 'Root');
    assert.equal(root.namespace, 'urn:a');
    assert.deepEqual(root.attributes, { id: '1' });
    const child = xmlChild(root, 'Child', 'urn:d');
    assert.ok(child);
    assert.deepEqual(child.attributes, { k: 'v & w' });
    assert.equal(xmlText(child), 'x < y<raw>&amp;AB');
    assert.equal(xmlChild(root, 'Empty')?.namespace, 'urn:a');
    assert.equal(xmlChild(root, 'Child', 'urn:other'), undefined);
  });

  it('refuses DOCTYPE declarations, so no entity can be defined or fetched', () => {
    const xxe = '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>';
    assert.throws(() => parseXml(xxe), XmlError);
    const bomb = '<!DOCTYPE r [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><r>&b;</r>';
    assert.throws(() => parseXml(bomb), XmlError);
  });

  it('rejects malformed documents with XmlError', () => {
    const bad = [
      '',
      'text',
      '<a>',
      '<a></b>',
      '<a><b></a></b>',
      '<a x="1" x="2"/>',
      '<a x=1/>',
      '<a>&unknown;</a>',
      '<a>&#0;</a>',
      '<a>& b</a>',
      '<p:a/>',
      '<a/><b/>',
      '<a><![CDATA[x</a>',
      '<a>&constructor;</a>',
    ];
    for (const source of bad) assert.throws(() => parseXml(source), XmlError, JSON.stringify(source));
  });

  it('refuses absurd nesting instead of recursing without bound', () => {
    assert.throws(() => parseXml('<a>'.repeat(100) + '</a>'.repeat(100)), XmlError);
  });

  it('never throws anything but XmlError on arbitrary input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (s) => {
        try {
          parseXml(s);
        } catch (error) {
          assert.ok(error instanceof XmlError, String(error));
        }
      }),
      { numRuns: 500 },
    );
  });

  it('escapes text so it reads back unchanged', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 50 }), (s) => {
        assert.equal(xmlText(parseXml(`<t a="${escapeXml(s)}">${escapeXml(s)}</t>`)), s);
      }),
    );
  });
});
