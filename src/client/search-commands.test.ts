import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeWbxml, element, encodeWbxml, qualifiedName, textContent, type WbxmlElement } from '../wbxml/index.js';
import { buildMailboxSearch, readSearchReply } from './search-commands.js';

const names = (el: WbxmlElement | undefined): string[] => (el?.children ?? []).map((c) => qualifiedName(c as WbxmlElement));

describe('buildMailboxSearch', () => {
  it('puts folders, words and dates in one And, and the options after the Query', () => {
    const root = buildMailboxSearch({
      freeText: 'budget',
      collectionId: ['5', '9'],
      range: '0-49',
      deepTraversal: true,
      rebuildResults: true,
      since: new Date('2026-11-01T00:00:00Z'),
      until: new Date('2026-11-20T00:00:00Z'),
      bodyPreference: { type: 2, truncationSize: 1024 },
      mimeSupport: 0,
    });
    // The tree survives our own codec, so every element exists in its code page.
    const back = decodeWbxml(encodeWbxml(root));
    const store = back.children[0] as WbxmlElement;
    assert.deepEqual(names(store), ['Search:Name', 'Search:Query', 'Search:Options']);
    const and = (store.children[1] as WbxmlElement).children[0] as WbxmlElement;
    assert.deepEqual(names(and), ['AirSync:CollectionId', 'AirSync:CollectionId', 'Search:FreeText', 'Search:GreaterThan', 'Search:LessThan']);
    const greater = and.children[3] as WbxmlElement;
    assert.equal(textContent(greater.children[1] as WbxmlElement), '2026-11-01T00:00:00.000Z');
    assert.deepEqual(names(store.children[2] as WbxmlElement),
      ['Search:RebuildResults', 'Search:Range', 'Search:DeepTraversal', 'AirSync:MIMESupport', 'AirSyncBase:BodyPreference']);
    const plain = buildMailboxSearch({ freeText: 'x' }).children[0] as WbxmlElement;
    assert.deepEqual(names(plain), ['Search:Name', 'Search:Query']);
  });
});

describe('readSearchReply', () => {
  it('reads statuses, results, Range and Total, leaving out the empty Result', () => {
    const reply = readSearchReply(element('Search:Search', [
      element('Search:Status', '1'),
      element('Search:Response', element('Search:Store', [
        element('Search:Status', '1'),
        element('Search:Result', [
          element('AirSync:Class', 'Email'), element('Search:LongId', 'f/i'), element('AirSync:CollectionId', '5'),
          element('Search:Properties', element('Email:Subject', 'Hi')),
        ]),
        element('Search:Range', '0-0'),
        element('Search:Total', '3'),
      ])),
    ]));
    assert.equal(reply.status, 1);
    assert.equal(reply.storeStatus, 1);
    assert.equal(reply.range, '0-0');
    assert.equal(reply.total, 3);
    assert.equal(reply.results.length, 1);
    assert.deepEqual({ ...reply.results[0], properties: undefined }, { longId: 'f/i', collectionId: '5', className: 'Email', properties: undefined });
    const empty = readSearchReply(element('Search:Search', [
      element('Search:Status', '1'),
      element('Search:Response', element('Search:Store', [element('Search:Status', '1'), element('Search:Result'), element('Search:Total', '0')])),
    ]));
    assert.deepEqual(empty, { status: 1, storeStatus: 1, results: [], total: 0 });
    assert.deepEqual(readSearchReply(element('Search:Search', element('Search:Status', '3'))), { status: 3, results: [] });
    assert.throws(() => readSearchReply(element('Settings:Settings')));
  });
});
