// The fixture XML dialect (test/helpers/wbxml-xml.ts) and its small XML reader: content kinds,
// namespaces, layout whitespace, and refusal of what the dialect does not allow.

import assert from 'node:assert/strict';
import { Buffer } from 'node:buffer';
import { describe, it } from 'node:test';
import { fixtureXmlToTree, pageOfNamespace, treeDifferences, treeToFixtureXml } from '../helpers/wbxml-xml.js';
import { parseXml, XmlSyntaxError } from '../helpers/xml-lite.js';
import { loadFixtures } from './fixture-loader.js';

const DOCTYPE = '<?xml version="1.0" encoding="utf-8"?>\n'
  + '<!DOCTYPE ActiveSync PUBLIC "-//MICROSOFT//DTD ActiveSync//EN" "http://www.microsoft.com/">\n';

describe('fixture XML dialect', () => {
  it('reads text as STR_I, CDATA as OPAQUE and opaque="base64" as OPAQUE bytes', () => {
    const tree = fixtureXmlToTree(`${DOCTYPE}<SendMail xmlns="ComposeMail:">
      <ClientId>a &amp; b &#x263A; &lt;c&gt;</ClientId>
      <Mime><![CDATA[Subject: <hi> & bye
]]></Mime>
      <AccountId opaque="base64">
        AP8Q
      </AccountId>
      <SaveInSentItems/>
    </SendMail>`);
    assert.deepEqual(tree.children.length, 4);
    assert.deepEqual(tree.children[0], { page: 21, tag: 'ClientId', children: ['a & b \u263A <c>'] });
    assert.deepEqual(tree.children[1], { page: 21, tag: 'Mime', children: [new Uint8Array(Buffer.from('Subject: <hi> & bye\n'))] });
    assert.deepEqual(tree.children[2], { page: 21, tag: 'AccountId', children: [Uint8Array.from([0x00, 0xff, 0x10])] });
    assert.deepEqual(tree.children[3], { page: 21, tag: 'SaveInSentItems', children: [] });
  });

  it('resolves default and prefixed namespaces, with or without the colon, in any case', () => {
    const tree = fixtureXmlToTree('<Search xmlns="Search" xmlns:g="Gal:"><g:Alias>x</g:Alias></Search>');
    assert.deepEqual(tree, { page: 15, tag: 'Search', children: [{ page: 16, tag: 'Alias', children: ['x'] }] });
    assert.equal(pageOfNamespace('airsyncbase:'), 17);
    assert.equal(pageOfNamespace('NoSuchPage:'), undefined);
  });

  it('refuses unknown namespaces and tags, mixed content, stray attributes and bad base64', () => {
    assert.throws(() => fixtureXmlToTree('<Sync xmlns="Nope:"/>'), /unknown namespace "Nope:"/);
    assert.throws(() => fixtureXmlToTree('<Sync xmlns="AirSync:"><Bogus/></Sync>'), /has no tag Bogus/);
    assert.throws(() => fixtureXmlToTree('<Sync xmlns="AirSync:">x<Status/></Sync>'), /text beside child elements/);
    assert.throws(() => fixtureXmlToTree('<Sync xmlns="AirSync:" id="1"/>'), /unexpected attribute id/);
    assert.throws(() => fixtureXmlToTree('<Sync xmlns="AirSync:"><Status opaque="base64">@@</Status></Sync>'), /not base64/);
    assert.throws(() => fixtureXmlToTree('<Sync xmlns="AirSync:"><Status opaque="hex">00</Status></Sync>'), /unknown opaque encoding/);
  });

  it('writes every fixture back to XML that reads as the same tree', () => {
    for (const fixture of loadFixtures()) {
      const again = fixtureXmlToTree(treeToFixtureXml(fixture.tree));
      assert.deepEqual(treeDifferences(fixture.tree, again), [], fixture.name);
    }
  });

  it('tells strings from opaque blocks when comparing trees', () => {
    const asString = { page: 0, tag: 'SyncKey', children: ['1'] };
    const asOpaque = { page: 0, tag: 'SyncKey', children: [Uint8Array.from([0x31])] };
    assert.deepEqual(treeDifferences(asString, asOpaque), ['/SyncKey[0]: expected a string, got an opaque block']);
  });
});

describe('xml-lite reader', () => {
  it('keeps text exactly, skips comments and the prolog, and joins text split by a comment', () => {
    const root = parseXml('\uFEFF<?xml version="1.0"?><!-- c --><a xmlns="A:"> x\r\n<!-- c -->y <b/></a>');
    assert.deepEqual(root.children[0], { kind: 'text', value: ' x\r\ny ' });
    assert.equal(root.namespace, 'A:');
  });

  it('maps character references through charRef when given', () => {
    const root = parseXml('<a>&#233;</a>', { charRef: (cp) => Buffer.from(String.fromCodePoint(cp)).toString('latin1') });
    assert.deepEqual(root.children[0], { kind: 'text', value: '\u00c3\u00a9' });
  });

  it('reports malformed documents with an offset', () => {
    for (const bad of ['<a>', '<a></b>', '<a>&bogus;</a>', '<a>&</a>', '<p:a/>', '<a/><b/>', '<a x="1" x="2"/>', '<!DOCTYPE a [<!ENTITY x "y">]><a/>']) {
      assert.throws(() => parseXml(bad), XmlSyntaxError, bad);
    }
  });
});
