// Reading ItemOperations requests: every operation kind with its options, as our client builds
// them, and the requests that get a per-operation protocol error instead of failing the command.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildItemOperations } from '../../client/item-commands.js';
import { element } from '../../eas/wbxml-body.js';
import { readItemOperationsRequest } from './item-operations-request.js';

describe('readItemOperationsRequest', () => {
  it('reads Fetch, EmptyFolderContents and Move in request order', () => {
    const root = buildItemOperations([
      { fetch: { collectionId: '5', serverId: '5:1', bodyPreferences: [{ type: 2, truncationSize: 100, preview: 20 }], mimeSupport: 2, schema: ['Email:Subject'] } },
      { emptyFolder: { collectionId: '4', deleteSubfolders: true } },
      { moveConversation: { conversationId: new Uint8Array([1, 2, 3]), dstFldId: '9', moveAlways: true } },
      { fetch: { fileReference: 'a/b:0', range: '0-99' } },
    ]);
    const ops = readItemOperationsRequest(root);
    assert.deepEqual(ops[0], {
      kind: 'fetch', store: 'Mailbox', collectionId: '5', serverId: '5:1',
      options: { bodyPreferences: [{ type: 2, truncationSize: 100, preview: 20 }], mimeSupport: 2, schema: ['Email:Subject'] },
    });
    assert.deepEqual(ops[1], { kind: 'empty-folder', collectionId: '4', deleteSubfolders: true });
    assert.deepEqual(ops[2], { kind: 'move', conversationId: Buffer.from([1, 2, 3]), dstFldId: '9', moveAlways: true });
    assert.deepEqual(ops[3], { kind: 'fetch', store: 'Mailbox', fileReference: 'a/b:0', options: { bodyPreferences: [], range: { start: 0, end: 99 } } });
  });

  it('keeps a problem for a Fetch naming its item twice or with a bad BodyPreference, and marks a bad Range', () => {
    const ops = readItemOperationsRequest(buildItemOperations([
      { fetch: { serverId: '5:1', longId: 'a/b' } },
      { fetch: { serverId: '5:1', bodyPreferences: [{ type: 7 as 1 }] } },
      { fetch: { fileReference: 'a/b:0', range: '9-1' } },
    ]));
    assert.match(ops[0]?.kind === 'fetch' ? ops[0].problem ?? '' : '', /more than one/);
    assert.match(ops[1]?.kind === 'fetch' ? ops[1].problem ?? '' : '', /BodyPreference/);
    assert.equal(ops[2]?.kind === 'fetch' ? ops[2].options.range : undefined, 'invalid');
  });

  it('defaults what a client left out and ignores elements that are no operation', () => {
    const ops = readItemOperationsRequest(element('ItemOperations:ItemOperations', [
      element('ItemOperations:Fetch', []),
      element('ItemOperations:EmptyFolderContents', []),
      element('ItemOperations:Move', []),
      element('ItemOperations:Status', '1'),
    ]));
    assert.deepEqual(ops, [
      { kind: 'fetch', store: '', options: { bodyPreferences: [] } },
      { kind: 'empty-folder', collectionId: '', deleteSubfolders: false },
      { kind: 'move', conversationId: Buffer.alloc(0), dstFldId: '', moveAlways: false },
    ]);
  });
});
