import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { element, qualifiedName, type WbxmlElement } from '../../eas/wbxml-body.js';
import { encodeEasBody } from '../../eas/wbxml-body.js';
import type { CommandRequest } from '../registry.js';
import { readSearchRequest } from './search-request.js';
import { storeResponse, serverErrorResponse } from './search-response.js';
import { SearchStoreError, StoreStatus } from './search-status.js';

const request = (root: WbxmlElement): CommandRequest => ({ kind: 'wbxml', root });
const store = (...children: WbxmlElement[]): WbxmlElement => element('Search:Store', children);
const query = element('Search:Query', element('Search:FreeText', 'x'));

const invalid = (error: unknown): boolean => error instanceof SearchStoreError && error.status === StoreStatus.InvalidRequest;

describe('readSearchRequest', () => {
  it('reads the one Store with its Name (in any case), Query and Options', () => {
    const options = element('Search:Options', element('Search:Range', '0-9'));
    const read = readSearchRequest(request(element('Search:Search', store(element('Search:Name', ' mailbox '), query, options))));
    assert.equal(read.name, 'Mailbox');
    assert.equal(read.query, query);
    assert.equal(read.options, options);
    assert.equal(readSearchRequest(request(element('Search:Search', store(element('Search:Name', 'GAL'), element('Search:Query', 'smith'))))).name, 'GAL');
  });

  it('refuses every other shape with Status 2', () => {
    const name = element('Search:Name', 'Mailbox');
    const bad: CommandRequest[] = [
      { kind: 'empty' },
      { kind: 'raw', contentType: 'text/plain', bytes: new Uint8Array([1]) },
      request(element('Settings:Settings')),
      request(element('Search:Search')),
      request(element('Search:Search', [store(name, query), store(name, query)])),
      request(element('Search:Search', store(query))),
      request(element('Search:Search', store(element('Search:Name', 'Archive'), query))),
      request(element('Search:Search', store(name))),
      request(element('Search:Search', store(name, query, query))),
    ];
    for (const body of bad) assert.throws(() => readSearchRequest(body), invalid);
  });
});

describe('search responses', () => {
  it('puts Result, Range and Total in schema order, with an empty Result when nothing matched', () => {
    const found = storeResponse(StoreStatus.Success, {
      start: 5,
      total: 9,
      results: [{ longId: 'f/i', collectionId: '3', properties: [element('Email:Subject', 'Hi')] }, { properties: [] }],
    });
    const storeEl = (found.children[1] as WbxmlElement).children[0] as WbxmlElement;
    assert.deepEqual(storeEl.children.map((c) => qualifiedName(c as WbxmlElement)),
      ['Search:Status', 'Search:Result', 'Search:Result', 'Search:Range', 'Search:Total']);
    const first = storeEl.children[1] as WbxmlElement;
    assert.deepEqual(first.children.map((c) => qualifiedName(c as WbxmlElement)),
      ['AirSync:Class', 'Search:LongId', 'AirSync:CollectionId', 'Search:Properties']);
    const none = storeResponse(StoreStatus.Success, { start: 0, total: 0, results: [] });
    const noneStore = (none.children[1] as WbxmlElement).children[0] as WbxmlElement;
    assert.deepEqual(noneStore.children.map((c) => qualifiedName(c as WbxmlElement)), ['Search:Status', 'Search:Result', 'Search:Total']);
    assert.deepEqual((noneStore.children[1] as WbxmlElement).children, []);
    const refusedStore = (storeResponse(StoreStatus.TooComplex).children[1] as WbxmlElement).children[0] as WbxmlElement;
    assert.equal(refusedStore.children.length, 1);
    for (const root of [found, none, serverErrorResponse()]) assert.ok(encodeEasBody(root).length > 4);
  });
});
