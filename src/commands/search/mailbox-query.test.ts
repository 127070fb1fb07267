import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { element, type WbxmlElement } from '../../eas/wbxml-body.js';
import { MAX_SEARCH_WORDS, readMailboxQuery } from './mailbox-query.js';
import { SearchStoreError, StoreStatus } from './search-status.js';

const query = (...children: WbxmlElement[]): WbxmlElement => element('Search:Query', children);
const and = (...children: WbxmlElement[]): WbxmlElement => element('Search:And', children);
const freeText = (text: string): WbxmlElement => element('Search:FreeText', text);
const collection = (id: string): WbxmlElement => element('AirSync:CollectionId', id);
const bound = (name: 'GreaterThan' | 'LessThan', value: string): WbxmlElement =>
  element(`Search:${name}`, [element('Email:DateReceived'), element('Search:Value', value)]);

function refused(q: WbxmlElement, status: number): void {
  assert.throws(() => readMailboxQuery(q), (error: unknown) => error instanceof SearchStoreError && error.status === status);
}

describe('readMailboxQuery', () => {
  it('reads folders, classes, words and the received window from one And', () => {
    const read = readMailboxQuery(query(and(
      collection('5'), collection('7'), element('AirSync:Class', 'Email'), freeText('  Quarterly "budget report" '),
      bound('GreaterThan', '2026-11-01T00:00:00.000Z'), bound('LessThan', '20261120T120000Z'),
    )));
    assert.deepEqual(read, {
      collectionIds: ['5', '7'],
      classes: ['Email'],
      words: ['Quarterly', 'budget', 'report'],
      receivedAfter: new Date('2026-11-01T00:00:00.000Z'),
      receivedBefore: new Date('2026-11-20T12:00:00.000Z'),
    });
  });

  it('accepts a bare FreeText and joins several FreeText elements', () => {
    assert.deepEqual(readMailboxQuery(query(freeText('lunch'))).words, ['lunch']);
    assert.deepEqual(readMailboxQuery(query(and(freeText('a b'), freeText('c')))).words, ['a', 'b', 'c']);
    assert.deepEqual(readMailboxQuery(query(and(collection('5')))).words, []);
  });

  it('answers Status 8 for what a mailbox search cannot express', () => {
    refused(query(element('Search:Or', [freeText('a'), freeText('b')])), StoreStatus.TooComplex);
    refused(query(collection('5')), StoreStatus.TooComplex);
    refused(query(element('AirSync:Class', 'Email')), StoreStatus.TooComplex);
    refused(query(and(freeText('a')), freeText('b')), StoreStatus.TooComplex);
    refused(query(and(and(freeText('a')))), StoreStatus.TooComplex);
    refused(query(and(element('Search:ConversationId', new Uint8Array([1, 2, 3])))), StoreStatus.TooComplex);
    refused(query(and(element('Search:EqualTo', [element('Search:Value', 'x')]))), StoreStatus.TooComplex);
    refused(query(freeText(Array.from({ length: MAX_SEARCH_WORDS + 1 }, (_, n) => `w${n}`).join(' '))), StoreStatus.TooComplex);
    refused(query(freeText('x'.repeat(2000))), StoreStatus.TooComplex);
  });

  it('answers Status 2 for a malformed query', () => {
    refused(query(), StoreStatus.InvalidRequest);
    refused(query(and()), StoreStatus.InvalidRequest);
    refused(query(and(collection(''))), StoreStatus.InvalidRequest);
    refused(query(and(bound('GreaterThan', 'yesterday'))), StoreStatus.InvalidRequest);
    refused(query(and(element('Search:GreaterThan', [element('Search:Value', '2026-11-01T00:00:00.000Z')]))), StoreStatus.InvalidRequest);
    refused(query(and(bound('LessThan', '2026-11-01T00:00:00.000Z'), bound('LessThan', '2026-11-02T00:00:00.000Z'))), StoreStatus.InvalidRequest);
    refused(query(and(element('Search:Range', '0-9'))), StoreStatus.InvalidRequest);
  });
});
