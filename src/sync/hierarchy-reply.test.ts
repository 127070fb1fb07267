import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { childElements, encodeEasBody, qualifiedName, textContent, type WbxmlElement } from '../eas/wbxml-body.js';
import { NO_CHANGES } from './hierarchy-diff.js';
import {
  HierarchyStatus,
  folderCreateBody,
  folderSyncBody,
  loadStoredReply,
  statusReply,
  storedReply,
  successBody,
  withSyncKey,
} from './hierarchy-reply.js';

const names = (el: WbxmlElement): string[] => childElements(el).map(qualifiedName);
const folder = (serverId: string) => ({ serverId, parentId: '0', displayName: `F${serverId}`, type: 12, backendId: `b${serverId}` });

describe('hierarchy replies', () => {
  it('orders a FolderSync reply as MS-ASCMD 6.15 does: Status, SyncKey, Changes(Count, Update*, Delete*, Add*)', () => {
    const body = folderSyncBody({ adds: [folder('3')], updates: [folder('1')], deletes: [folder('2')] });
    const sent = withSyncKey(body, '17');
    assert.deepEqual(names(sent), ['FolderHierarchy:Status', 'FolderHierarchy:SyncKey', 'FolderHierarchy:Changes']);
    const changes = childElements(sent)[2] as WbxmlElement;
    assert.deepEqual(names(changes), [
      'FolderHierarchy:Count',
      'FolderHierarchy:Update',
      'FolderHierarchy:Delete',
      'FolderHierarchy:Add',
    ]);
    assert.equal(textContent(childElements(changes)[0] as WbxmlElement), '3');
    const add = childElements(changes)[3] as WbxmlElement;
    assert.deepEqual(names(add), ['FolderHierarchy:ServerId', 'FolderHierarchy:ParentId', 'FolderHierarchy:DisplayName', 'FolderHierarchy:Type']);
    assert.deepEqual(childElements(add).map(textContent), ['3', '0', 'F3', '12']);
    assert.deepEqual(names(childElements(changes)[2] as WbxmlElement), ['FolderHierarchy:ServerId']);
  });

  it('sends Changes with Count 0 when nothing changed', () => {
    const changes = childElements(folderSyncBody(NO_CHANGES), 'FolderHierarchy:Changes')[0] as WbxmlElement;
    assert.deepEqual(names(changes), ['FolderHierarchy:Count']);
    assert.equal(textContent(childElements(changes)[0] as WbxmlElement), '0');
  });

  it('puts the key of a FolderCreate between Status and ServerId (MS-ASCMD 6.10)', () => {
    const sent = withSyncKey(folderCreateBody('42'), '5');
    assert.deepEqual(names(sent), ['FolderHierarchy:Status', 'FolderHierarchy:SyncKey', 'FolderHierarchy:ServerId']);
    assert.deepEqual(names(withSyncKey(successBody('FolderDelete'), '5')), ['FolderHierarchy:Status', 'FolderHierarchy:SyncKey']);
  });

  it('answers a failure with Status alone', () => {
    const failed = statusReply('FolderUpdate', HierarchyStatus.FolderNotFound);
    assert.equal(qualifiedName(failed), 'FolderHierarchy:FolderUpdate');
    assert.deepEqual(names(failed), ['FolderHierarchy:Status']);
    assert.equal(textContent(childElements(failed)[0] as WbxmlElement), '4');
  });

  it('stores a reply without its key and replays it byte for byte', () => {
    const body = folderSyncBody({ ...NO_CHANGES, adds: [folder('1'), folder('2')] });
    const first = encodeEasBody(withSyncKey(body, '9'));
    const loaded = loadStoredReply(storedReply(body), 'FolderSync');
    assert.ok(loaded !== undefined);
    assert.deepEqual(encodeEasBody(withSyncKey(loaded, '9')), first);
  });

  it('loads only a stored reply of the asked command, and nothing from damaged bytes', () => {
    const create = storedReply(folderCreateBody('3'));
    assert.equal(loadStoredReply(create, 'FolderSync'), undefined);
    assert.ok(loadStoredReply(create, 'FolderCreate') !== undefined);
    assert.equal(loadStoredReply(null, 'FolderCreate'), undefined);
    assert.equal(loadStoredReply(new Uint8Array([3, 1, 0x6a]), 'FolderCreate'), undefined);
  });
});
