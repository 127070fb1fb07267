// Building and reading trees by qualified name.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeWbxml } from './decoder.js';
import { encodeWbxml } from './encoder.js';
import { WbxmlError } from './errors.js';
import { childElements, element, firstChild, qualifiedName, resolveTag, textContent } from './tree-helpers.js';
import type { WbxmlElement, WbxmlNode } from './tree.js';

const isCode = (code: string) => (error: unknown) => error instanceof WbxmlError && error.code === code;

describe('element', () => {
  it('resolves the namespace to the page and keeps the tag', () => {
    assert.deepEqual(element('AirSync:Sync'), { page: 0, tag: 'Sync', children: [] });
    assert.deepEqual(element('AirSyncBase:Data', 'x'), { page: 17, tag: 'Data', children: ['x'] });
    assert.deepEqual(element('FolderHierarchy:FolderSync', [element('FolderHierarchy:SyncKey', '0')]), {
      page: 7, tag: 'FolderSync', children: [{ page: 7, tag: 'SyncKey', children: ['0'] }],
    });
  });

  it('accepts a single node of each kind and copies a child list', () => {
    const opaque = new Uint8Array([1]);
    assert.deepEqual(element('ComposeMail:Mime', opaque).children, [opaque]);
    const list: WbxmlNode[] = ['a'];
    const built = element('Email:Subject', list);
    list.push('b');
    assert.deepEqual(built.children, ['a']);
  });

  it('throws on an unknown namespace, an unknown tag or a missing namespace', () => {
    assert.throws(() => element('NoSuch:Sync'), isCode('unencodable'));
    assert.throws(() => element('AirSync:NoSuchTag'), isCode('unencodable'));
    assert.throws(() => element('Sync'), isCode('unencodable'));
    assert.throws(() => element(':Sync'), isCode('unencodable'));
    assert.throws(() => element('Email:Sync'), isCode('unencodable'));
  });

  it('refuses numbers and other non-nodes as children', () => {
    assert.throws(() => element('AirSync:Status', 1 as unknown as string), isCode('unencodable'));
    assert.throws(() => element('AirSync:Status', [null as unknown as string]), isCode('unencodable'));
    assert.throws(() => element('AirSync:Status', [{} as unknown as string]), isCode('unencodable'));
  });

  it('builds trees the encoder writes and the decoder reads back', () => {
    const tree = element('AirSync:Sync', [element('AirSync:Collections', [element('AirSync:Collection', [
      element('AirSync:SyncKey', '1'), element('AirSyncBase:Body', [element('AirSyncBase:Type', '4'), element('AirSyncBase:Data', new Uint8Array([9]))]),
    ])])]);
    assert.deepEqual(decodeWbxml(encodeWbxml(tree)), tree);
  });
});

describe('reading helpers', () => {
  const collection = element('AirSync:Collection', [
    element('AirSync:SyncKey', '5'),
    'stray text',
    element('AirSync:Status', '1'),
    element('Email:Status', 'not the AirSync one'),
    element('AirSync:Status', '2'),
  ]);

  it('qualifiedName names the page by its namespace', () => {
    assert.equal(qualifiedName(collection), 'AirSync:Collection');
    assert.equal(qualifiedName(element('ItemOperations:Fetch')), 'ItemOperations:Fetch');
    assert.throws(() => qualifiedName({ page: 40, tag: 'X', children: [] }), isCode('unknown-page'));
  });

  it('resolveTag splits a qualified name into page and tag', () => {
    assert.deepEqual(resolveTag('Settings:DeviceInformation'), { page: 18, tag: 'DeviceInformation' });
  });

  it('childElements lists direct element children, filtered by page and tag', () => {
    assert.equal(childElements(collection).length, 4);
    assert.deepEqual(childElements(collection, 'AirSync:Status').map(textContent), ['1', '2']);
    assert.deepEqual(childElements(collection, 'Email:Status').map(textContent), ['not the AirSync one']);
    assert.deepEqual(childElements(collection, 'AirSync:Class'), []);
    assert.throws(() => childElements(collection, 'AirSync:Bogus'), isCode('unencodable'));
  });

  it('firstChild finds the first match or undefined', () => {
    assert.equal(firstChild(collection, 'AirSync:Status')?.children[0], '1');
    assert.equal(firstChild(collection, 'AirSync:Class'), undefined);
    assert.throws(() => firstChild(collection, 'Nope:Status'), isCode('unencodable'));
  });

  it('textContent joins own strings and opaque UTF-8, skipping child elements', () => {
    const mixed: WbxmlElement = { page: 0, tag: 'Sync', children: ['a', new TextEncoder().encode('ü😀'), element('AirSync:SyncKey', 'no'), 'b'] };
    assert.equal(textContent(mixed), 'aü😀b');
    assert.equal(textContent(element('AirSync:GetChanges')), '');
    const decoded = decodeWbxml(encodeWbxml(element('ComposeMail:Mime', new TextEncoder().encode('Subject: hi'))));
    assert.equal(textContent(decoded), 'Subject: hi');
  });
});
