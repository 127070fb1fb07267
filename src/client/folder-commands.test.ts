import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { childElements, element, qualifiedName, textContent, type WbxmlElement } from '../wbxml/index.js';
import { createClientState } from './client-state.js';
import type { CommandChannel, EasResponse } from './client-types.js';
import { buildFolderCreate, buildFolderDelete, buildFolderUpdate, folderCreate, readFolderChangeReply } from './folder-commands.js';

const fields = (el: WbxmlElement): [string, string][] => childElements(el).map((child) => [qualifiedName(child), textContent(child)]);

describe('folder change requests', () => {
  it('follow the element order of the request schemas (MS-ASCMD 6.9, 6.17, 6.11)', () => {
    assert.deepEqual(fields(buildFolderCreate('3', { parentId: '0', displayName: 'Work', type: 12 })), [
      ['FolderHierarchy:SyncKey', '3'],
      ['FolderHierarchy:ParentId', '0'],
      ['FolderHierarchy:DisplayName', 'Work'],
      ['FolderHierarchy:Type', '12'],
    ]);
    assert.deepEqual(fields(buildFolderUpdate('4', { serverId: '9', parentId: '2', displayName: 'Job' })), [
      ['FolderHierarchy:SyncKey', '4'],
      ['FolderHierarchy:ServerId', '9'],
      ['FolderHierarchy:ParentId', '2'],
      ['FolderHierarchy:DisplayName', 'Job'],
    ]);
    assert.deepEqual(fields(buildFolderDelete('5', '9')), [
      ['FolderHierarchy:SyncKey', '5'],
      ['FolderHierarchy:ServerId', '9'],
    ]);
  });

  it('read the status, key and ServerId of a reply, and refuse another command\'s reply', () => {
    const reply = element('FolderHierarchy:FolderCreate', [
      element('FolderHierarchy:Status', '1'),
      element('FolderHierarchy:SyncKey', '8'),
      element('FolderHierarchy:ServerId', '21'),
    ]);
    assert.deepEqual(readFolderChangeReply(reply, 'FolderCreate'), { status: 1, syncKey: '8', serverId: '21' });
    assert.deepEqual(readFolderChangeReply(element('FolderHierarchy:FolderDelete', element('FolderHierarchy:Status', '3')), 'FolderDelete'), { status: 3 });
    assert.throws(() => readFolderChangeReply(reply, 'FolderUpdate'), /expected a FolderHierarchy:FolderUpdate response/);
  });

  it('send the saved key and save the reply\'s key only after a success', async () => {
    const sent: WbxmlElement[] = [];
    const answers = [['1', '8'], ['2', undefined]] as const;
    const channel: CommandChannel = {
      protocolVersion: '14.1',
      deviceInformation: {},
      mutableState: { ...createClientState(), folderSyncKey: '7' },
      async send(_command, body): Promise<EasResponse> {
        sent.push(body as WbxmlElement);
        const [status, key] = answers[sent.length - 1] ?? ['6', undefined];
        const children = [element('FolderHierarchy:Status', status), ...(key === undefined ? [] : [element('FolderHierarchy:SyncKey', key)])];
        return { status: 200, headers: new Headers(), body: element('FolderHierarchy:FolderCreate', children), raw: new Uint8Array([3]), durationMs: 1 };
      },
    };
    await folderCreate(channel, { parentId: '0', displayName: 'A', type: 12 });
    assert.equal(channel.mutableState.folderSyncKey, '8');
    const refused = await folderCreate(channel, { parentId: '0', displayName: 'A', type: 12 });
    assert.equal(refused.status, 2);
    assert.equal(channel.mutableState.folderSyncKey, '8');
    assert.deepEqual(sent.map((body) => fields(body)[0]), [['FolderHierarchy:SyncKey', '7'], ['FolderHierarchy:SyncKey', '8']]);
  });
});
