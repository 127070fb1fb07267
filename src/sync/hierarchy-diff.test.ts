import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Folder } from '../domain/folder.js';
import type { FolderEntry } from '../domain/state-store.js';
import {
  changeCount,
  diffHierarchy,
  entriesFor,
  sameFolderSet,
  withEntryChanged,
  withoutSubtree,
} from './hierarchy-diff.js';

function entry(serverId: string, parentId: string, displayName: string, type = 12): FolderEntry {
  return { serverId, parentId, displayName, type, backendId: `b-${serverId}` };
}

const inbox = entry('1', '0', 'Inbox', 2);
const projects = entry('2', '1', 'Projects');
const archive = entry('3', '2', 'Archive');
const calendar = entry('4', '0', 'Calendar', 8);

describe('entriesFor', () => {
  it('maps backend folders to the device ServerIds with ParentId "0" at the top', () => {
    const folders: Folder[] = [
      { id: 'in', parentId: null, displayName: 'Inbox', type: 2, itemClass: 'Email' },
      { id: 'pr', parentId: 'in', displayName: 'Projects', type: 12, itemClass: 'Email' },
      { id: 'orphan', parentId: 'not-listed', displayName: 'Lost', type: 12, itemClass: 'Email' },
    ];
    const ids = new Map([['in', '7'], ['pr', '8'], ['orphan', '9']]);
    assert.deepEqual(entriesFor(folders, ids), [
      { serverId: '7', parentId: '0', displayName: 'Inbox', type: 2, backendId: 'in' },
      { serverId: '8', parentId: '7', displayName: 'Projects', type: 12, backendId: 'pr' },
      { serverId: '9', parentId: '0', displayName: 'Lost', type: 12, backendId: 'orphan' },
    ]);
    assert.throws(() => entriesFor(folders, new Map([['in', '7']])), /no ServerId/);
  });
});

describe('diffHierarchy', () => {
  it('finds nothing between identical sets, in any order', () => {
    const changes = diffHierarchy([inbox, projects], [projects, inbox]);
    assert.equal(changeCount(changes), 0);
    assert.ok(sameFolderSet([inbox, projects], [projects, inbox]));
  });

  it('reports adds in listing order, renames, moves and type changes as updates', () => {
    const renamed = { ...projects, displayName: 'Work' };
    const moved = { ...calendar, parentId: '1' };
    const retyped = { ...archive, type: 13 };
    const added = entry('5', '0', 'New');
    const changes = diffHierarchy([inbox, projects, archive, calendar], [inbox, renamed, retyped, moved, added]);
    assert.deepEqual(changes.adds, [added]);
    assert.deepEqual(changes.updates, [renamed, retyped, moved]);
    assert.deepEqual(changes.deletes, []);
    assert.equal(changeCount(changes), 4);
  });

  it('reports deleted folders children first', () => {
    const changes = diffHierarchy([inbox, projects, archive, calendar], [inbox, calendar]);
    assert.deepEqual(changes.deletes.map((e) => e.serverId), ['3', '2']);
    assert.ok(!sameFolderSet([inbox, projects], [inbox]));
  });
});

describe('folder set edits', () => {
  it('removes a folder with its whole subtree', () => {
    assert.deepEqual(withoutSubtree([inbox, projects, archive, calendar], '1'), [calendar]);
    assert.deepEqual(withoutSubtree([inbox, projects, archive, calendar], '3'), [inbox, projects, calendar]);
    assert.deepEqual(withoutSubtree([inbox], 'unknown'), [inbox]);
  });

  it('renames or moves one folder and leaves a folder the set lacks to FolderSync', () => {
    assert.deepEqual(withEntryChanged([inbox, projects], '2', { parentId: '0', displayName: 'Top' }), [
      inbox,
      { ...projects, parentId: '0', displayName: 'Top' },
    ]);
    assert.deepEqual(withEntryChanged([inbox], '9', { parentId: '0', displayName: 'X' }), [inbox]);
  });
});
