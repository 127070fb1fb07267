// FileReferences: the prefix Sync and ItemOperations write round-trips to the same message and
// part, references with an item ServerId prefix are read too, and anything else is refused.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileReferenceOf } from '../../content/email/index.js';
import { fileReferencePrefixFor, parseAttachmentReference } from './file-reference.js';

describe('FileReference', () => {
  it('names the backend folder and item on its own, whatever characters the ids hold', () => {
    const prefix = fileReferencePrefixFor({ folderId: 'INBOX/Sub:folder', itemId: 'uid:42/7' });
    assert.ok(prefix !== undefined);
    const reference = fileReferenceOf({ protocolVersion: '16.1', bodyPreferences: [], fileReferencePrefix: prefix }, 3);
    assert.deepEqual(parseAttachmentReference(reference), { kind: 'backend', folderId: 'INBOX/Sub:folder', itemId: 'uid:42/7', partIndex: 3 });
  });

  it('reads an item ServerId prefix as collection and item', () => {
    assert.deepEqual(parseAttachmentReference('7:42:0'), { kind: 'server-id', collectionId: '7', serverId: '7:42', partIndex: 0 });
  });

  it('refuses references without a message, without a part, or not ours', () => {
    for (const text of ['0', '12', '7:42', '7:42:', 'x/y', 'x/y:', '%E0%A4%A/x:1', 'a/b/c:1', '/b:1', ':1']) {
      assert.equal(parseAttachmentReference(text), undefined, text);
    }
  });

  it('gives no prefix for ids too long for a LongId', () => {
    assert.equal(fileReferencePrefixFor({ folderId: 'f'.repeat(200), itemId: 'i'.repeat(100) }), undefined);
  });
});
