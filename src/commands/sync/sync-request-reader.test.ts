// Reading Sync request bodies and completing partial ones from the cached request: flags, window,
// options and commands by name; a missing SyncKey or ServerId is a SyncRequestError (Status 4);
// a partial request keeps the cached collections it does not name.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { element } from '../../eas/wbxml-body.js';
import { nextCache } from './sync-request-cache.js';
import { SyncRequestError, readSyncRequest } from './sync-request-reader.js';

const collection = (children: ReturnType<typeof element>[]) => element('AirSync:Sync', element('AirSync:Collections', element('AirSync:Collection', children)));

describe('readSyncRequest', () => {
  it('reads a full collection with options and commands', () => {
    const body = readSyncRequest(collection([
      element('AirSync:SyncKey', '5'), element('AirSync:CollectionId', '7'), element('AirSync:DeletesAsMoves', '0'),
      element('AirSync:GetChanges'), element('AirSync:WindowSize', '25'),
      element('AirSync:Options', [element('AirSync:FilterType', '3'), element('AirSyncBase:BodyPreference', [element('AirSyncBase:Type', '2'), element('AirSyncBase:TruncationSize', '500')]), element('AirSync:Conflict', '0')]),
      element('AirSync:Commands', [
        element('AirSync:Add', [element('AirSync:ClientId', 'c1'), element('AirSync:ApplicationData')]),
        element('AirSync:Delete', element('AirSync:ServerId', '7:1')),
        element('AirSync:Fetch', element('AirSync:ServerId', '7:2')),
      ]),
    ]));
    assert.equal(body.partial, false);
    const [c] = body.collections;
    assert.deepEqual([c?.syncKey, c?.collectionId, c?.deletesAsMoves, c?.getChanges, c?.windowSize], ['5', '7', false, true, 25]);
    assert.deepEqual(c?.options, { bodyPreferences: [{ type: 2, truncationSize: 500 }], filterType: 3, conflict: 0 });
    assert.deepEqual(c?.commands.map((cmd) => cmd.kind), ['add', 'delete', 'fetch']);
  });

  it('refuses a collection without SyncKey, a Change without ServerId and a non-numeric WindowSize', () => {
    assert.throws(() => readSyncRequest(collection([element('AirSync:CollectionId', '7')])), SyncRequestError);
    assert.throws(() => readSyncRequest(collection([
      element('AirSync:SyncKey', '1'), element('AirSync:CollectionId', '7'),
      element('AirSync:Commands', element('AirSync:Change', element('AirSync:ApplicationData'))),
    ])), SyncRequestError);
    assert.throws(() => readSyncRequest(collection([element('AirSync:SyncKey', '1'), element('AirSync:CollectionId', '7'), element('AirSync:WindowSize', 'lots')])), SyncRequestError);
  });

  it('treats a Sync without Collections as partial, with Wait and WindowSize', () => {
    const body = readSyncRequest(element('AirSync:Sync', [element('AirSync:Wait', '5'), element('AirSync:WindowSize', '50')]));
    assert.deepEqual([body.partial, body.wait, body.windowSize, body.collections.length], [true, 5, 50, 0]);
  });

  it('a partial request keeps the cached collections it does not name; a full one replaces them', () => {
    const cached = nextCache(readSyncRequest(element('AirSync:Sync', element('AirSync:Collections', [
      element('AirSync:Collection', [element('AirSync:SyncKey', '1'), element('AirSync:CollectionId', 'a'), element('AirSync:WindowSize', '10')]),
      element('AirSync:Collection', [element('AirSync:SyncKey', '1'), element('AirSync:CollectionId', 'b')]),
    ]))), undefined);
    const partial = nextCache(readSyncRequest(element('AirSync:Sync', [
      element('AirSync:Collections', element('AirSync:Collection', [element('AirSync:SyncKey', '2'), element('AirSync:CollectionId', 'a')])),
      element('AirSync:Partial'),
    ])), cached);
    assert.deepEqual(partial.collections.map((c) => [c.collectionId, c.windowSize]), [['b', undefined], ['a', 10]]);
    const full = nextCache(readSyncRequest(collection([element('AirSync:SyncKey', '3'), element('AirSync:CollectionId', 'c')])), cached);
    assert.deepEqual(full.collections.map((c) => c.collectionId), ['c']);
  });
});
