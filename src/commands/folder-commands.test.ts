// The four folder command handlers over the real stores: how each reads its request (a missing
// element, a Status in the request or an empty body is Status 10, an empty SyncKey is 9), the definitions the registry
// gets, and an unexpected store failure answered with Status 6 and logged, never thrown.
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, it } from 'node:test';
import pino from 'pino';
import { readFolderChangeReply } from '../client/folder-commands.js';
import { readFolderSyncReply } from '../client/response-readers.js';
import type { EasCommandName } from '../eas/commands.js';
import { element, type WbxmlElement } from '../eas/wbxml-body.js';
import { ALICE, openHierarchyFixture, type HierarchyFixture } from '../../test/helpers/hierarchy-kit.js';
import { createFolderCommands } from './folder-commands.js';
import type { CommandContext, CommandDefinition, CommandRequest } from './registry.js';

function context(command: EasCommandName, lines: string[] = []): CommandContext {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return {
    requestId: 'req-1',
    command,
    user: { username: ALICE },
    deviceId: 'unitphone',
    deviceType: 'iPhone',
    protocolVersion: '14.1',
    params: {},
    log: pino({ level: 'debug' }, sink),
    signal: new AbortController().signal,
  };
}

const fh = (tag: string, text?: string): WbxmlElement => element(`FolderHierarchy:${tag}`, text);
const wbxml = (tag: string, children: WbxmlElement[]): CommandRequest => ({ kind: 'wbxml', root: element(`FolderHierarchy:${tag}`, children) });

describe('folder commands', () => {
  let fx: HierarchyFixture;
  let commands: Map<string, CommandDefinition>;
  beforeEach(async () => {
    fx = await openHierarchyFixture();
    const list = createFolderCommands({ state: fx.state, stores: fx.stores });
    commands = new Map(list.map((definition) => [definition.name, definition]));
  });
  afterEach(() => fx.close());

  async function run(name: EasCommandName, request: CommandRequest, lines?: string[]): Promise<WbxmlElement> {
    const definition = commands.get(name);
    assert.ok(definition);
    const result = await definition.handle(context(name, lines), request);
    assert.equal(result.kind, 'wbxml');
    return (result as { root: WbxmlElement }).root;
  }

  it('defines FolderSync, FolderCreate, FolderUpdate and FolderDelete from 2.5 on, behind provisioning', () => {
    assert.deepEqual([...commands.keys()], ['FolderSync', 'FolderCreate', 'FolderUpdate', 'FolderDelete']);
    for (const definition of commands.values()) {
      assert.equal(definition.minVersion, '2.5');
      assert.equal(definition.needsProvisioning, true);
    }
  });

  it('answers a request missing a required element, or with no body, with Status 10', async () => {
    const cases: [EasCommandName, CommandRequest][] = [
      ['FolderSync', wbxml('FolderSync', [])],
      ['FolderSync', { kind: 'empty' }],
      ['FolderCreate', wbxml('FolderCreate', [fh('SyncKey', '1'), fh('ParentId', '0'), fh('DisplayName', 'X')])],
      ['FolderCreate', wbxml('FolderCreate', [fh('SyncKey', '1'), fh('ParentId', '0'), fh('DisplayName', 'X'), fh('Type', 'mail')])],
      ['FolderUpdate', wbxml('FolderUpdate', [fh('ServerId', '1'), fh('ParentId', '0'), fh('DisplayName', 'X')])],
      ['FolderDelete', wbxml('FolderDelete', [fh('SyncKey', '1')])],
      ['FolderUpdate', wbxml('FolderUpdate', [fh('SyncKey', '1'), fh('ServerId', '1'), fh('ParentId', '0'), fh('DisplayName', 'X'), fh('Status', '1')])],
      ['FolderDelete', { kind: 'raw', contentType: 'message/rfc822', bytes: new Uint8Array([1]) }],
    ];
    for (const [name, request] of cases) {
      const root = await run(name, request);
      const reply = name === 'FolderSync' ? readFolderSyncReply(root) : readFolderChangeReply(root, name as 'FolderCreate');
      assert.equal(reply.status, 10, `${name} ${JSON.stringify(request.kind)}`);
      assert.equal(reply.syncKey, undefined);
    }
  });

  it('treats an empty SyncKey element as a bad key (9), as Exchange does', async () => {
    assert.equal(readFolderSyncReply(await run('FolderSync', wbxml('FolderSync', [fh('SyncKey')]))).status, 9);
  });

  it('runs a whole exchange through the handlers', async () => {
    const initial = readFolderSyncReply(await run('FolderSync', wbxml('FolderSync', [fh('SyncKey', '0')])));
    assert.equal(initial.added.length, 10);
    const create = wbxml('FolderCreate', [fh('SyncKey', initial.syncKey), fh('ParentId', '0'), fh('DisplayName', 'Notes 2'), fh('Type', '17')]);
    const created = readFolderChangeReply(await run('FolderCreate', create), 'FolderCreate');
    assert.equal(created.status, 1);
    const rename = [fh('SyncKey', created.syncKey), fh('ServerId', created.serverId), fh('ParentId', '0'), fh('DisplayName', 'Ideas')];
    const renamed = readFolderChangeReply(await run('FolderUpdate', wbxml('FolderUpdate', rename)), 'FolderUpdate');
    assert.equal(renamed.status, 1);
    const remove = [fh('SyncKey', renamed.syncKey), fh('ServerId', created.serverId)];
    const deleted = readFolderChangeReply(await run('FolderDelete', wbxml('FolderDelete', remove)), 'FolderDelete');
    assert.equal(deleted.status, 1);
    const after = readFolderSyncReply(await run('FolderSync', wbxml('FolderSync', [fh('SyncKey', deleted.syncKey)])));
    assert.deepEqual([after.status, after.syncKey, after.added.length + after.deleted.length], [1, deleted.syncKey, 0]);
  });

  it('answers an unexpected store failure with Status 6 and logs its cause', async () => {
    const broken = Object.assign(Object.create(fx.stores) as typeof fx.stores, {
      hierarchy: Object.assign(Object.create(fx.stores.hierarchy) as typeof fx.stores.hierarchy, {
        listFolders: async () => {
          throw new Error('mailbox file unreadable');
        },
      }),
    });
    const [folderSync] = createFolderCommands({ state: fx.state, stores: broken });
    const lines: string[] = [];
    const result = await folderSync?.handle(context('FolderSync', lines), wbxml('FolderSync', [fh('SyncKey', '0')]));
    assert.equal(result?.kind, 'wbxml');
    assert.equal(readFolderSyncReply((result as { root: WbxmlElement }).root).status, 6);
    assert.ok(lines.some((line) => line.includes('mailbox file unreadable') && line.includes('"easStatus":6')), lines.join(''));
  });
});
