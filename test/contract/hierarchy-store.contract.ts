// HierarchyStore contract: default folders, FolderCreate/FolderUpdate/FolderDelete semantics and
// their typed errors, the hierarchy token, isolation between users, and persistence.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  FolderNameExistsError,
  FolderNotFoundError,
  InvalidFolderMoveError,
  InvalidInputError,
  ParentFolderNotFoundError,
  SpecialFolderError,
} from '../../src/domain/errors.js';
import { FolderType, findDefaultFolder, type CreatableFolderType, type Folder } from '../../src/domain/folder.js';
import type { HierarchyStore } from '../../src/domain/hierarchy-store.js';
import { useHarness, type StoreHarnessFactory } from './store-harness.js';

const DEFAULT_TYPES = [2, 3, 4, 5, 6, 7, 8, 9, 10, 11] as const;

async function defaultFolder(store: HierarchyStore, user: string, type: (typeof DEFAULT_TYPES)[number]): Promise<Folder> {
  const folder = findDefaultFolder((await store.listFolders(user)).folders, type);
  assert.ok(folder, `default folder of type ${type}`);
  return folder;
}

export function hierarchyStoreContract(name: string, factory: StoreHarnessFactory): void {
  describe(`HierarchyStore contract: ${name}`, () => {
    const fx = useHarness(factory);
    const hierarchy = (): HierarchyStore => fx().stores.hierarchy;

    it('creates each default folder once, at the top, with its class', async () => {
      const user = fx().newUser();
      const { folders } = await hierarchy().listFolders(user);
      const expected = { 2: 'Email', 3: 'Email', 4: 'Email', 5: 'Email', 6: 'Email', 7: 'Tasks', 8: 'Calendar', 9: 'Contacts', 10: 'Notes', 11: 'Journal' };
      for (const type of DEFAULT_TYPES) {
        const matches = folders.filter((folder) => folder.type === type);
        assert.equal(matches.length, 1, `one folder of type ${type}`);
        assert.equal(matches[0]?.parentId, null);
        assert.equal(matches[0]?.itemClass, expected[type]);
        assert.ok((matches[0]?.displayName.length ?? 0) > 0);
      }
      assert.deepEqual((await hierarchy().listFolders(user)).folders, folders, 'listing again creates nothing');
      assert.equal(new Set(folders.map((folder) => folder.id)).size, folders.length, 'ids are distinct');
    });

    it('creates folders of every creatable type with the matching class', async () => {
      const user = fx().newUser();
      const classes: Record<CreatableFolderType, Folder['itemClass']> = {
        1: 'Email', 12: 'Email', 13: 'Calendar', 14: 'Contacts', 15: 'Tasks', 16: 'Journal', 17: 'Notes',
      };
      for (const [type, itemClass] of Object.entries(classes)) {
        const created = await hierarchy().createFolder(user, { parentId: null, displayName: `Folder ${type}`, type: Number(type) as CreatableFolderType });
        assert.equal(created.itemClass, itemClass);
        assert.deepEqual(await hierarchy().getFolder(user, created.id), created);
      }
      const listed = (await hierarchy().listFolders(user)).folders;
      assert.equal(listed.length, DEFAULT_TYPES.length + Object.keys(classes).length);
    });

    it('lists parents before their children', async () => {
      const user = fx().newUser();
      const inbox = await defaultFolder(hierarchy(), user, 2);
      const a = await hierarchy().createFolder(user, { parentId: inbox.id, displayName: 'A', type: 12 });
      const b = await hierarchy().createFolder(user, { parentId: a.id, displayName: 'B', type: 12 });
      const top = await hierarchy().createFolder(user, { parentId: null, displayName: 'Top', type: 12 });
      await hierarchy().updateFolder(user, top.id, { parentId: b.id, displayName: 'Top' });
      const order = (await hierarchy().listFolders(user)).folders.map((folder) => folder.id);
      for (const [child, parent] of [[a.id, inbox.id], [b.id, a.id], [top.id, b.id]]) {
        assert.ok(order.indexOf(parent as string) < order.indexOf(child as string), `${parent} before ${child}`);
      }
    });

    it('refuses a missing parent, a taken name, an empty name and a default type', async () => {
      const user = fx().newUser();
      const inbox = await defaultFolder(hierarchy(), user, 2);
      await hierarchy().createFolder(user, { parentId: inbox.id, displayName: 'Projects', type: 12 });
      await assert.rejects(hierarchy().createFolder(user, { parentId: 'no-such-folder', displayName: 'X', type: 12 }), ParentFolderNotFoundError);
      await assert.rejects(hierarchy().createFolder(user, { parentId: inbox.id, displayName: 'PROJECTS', type: 13 }), FolderNameExistsError);
      await assert.rejects(hierarchy().createFolder(user, { parentId: null, displayName: 'inbox', type: 12 }), FolderNameExistsError);
      await assert.rejects(hierarchy().createFolder(user, { parentId: null, displayName: '   ', type: 12 }), InvalidInputError);
      await assert.rejects(hierarchy().createFolder(user, { parentId: null, displayName: 'Fake', type: 2 as CreatableFolderType }), InvalidInputError);
      const elsewhere = await hierarchy().createFolder(user, { parentId: null, displayName: 'Projects', type: 12 });
      assert.equal(elsewhere.parentId, null, 'the same name under another parent is fine');
    });

    it('renames and moves user folders and refuses what FolderUpdate forbids', async () => {
      const user = fx().newUser();
      const inbox = await defaultFolder(hierarchy(), user, 2);
      const a = await hierarchy().createFolder(user, { parentId: inbox.id, displayName: 'A', type: 12 });
      const b = await hierarchy().createFolder(user, { parentId: a.id, displayName: 'B', type: 12 });
      await hierarchy().createFolder(user, { parentId: inbox.id, displayName: 'Taken', type: 12 });

      const renamed = await hierarchy().updateFolder(user, a.id, { parentId: inbox.id, displayName: 'Renamed' });
      assert.deepEqual(renamed, { ...a, displayName: 'Renamed' });
      assert.deepEqual(await hierarchy().getFolder(user, a.id), renamed);
      const moved = await hierarchy().updateFolder(user, b.id, { parentId: null, displayName: 'B' });
      assert.equal((await hierarchy().getFolder(user, b.id)).parentId, null);
      assert.equal(moved.type, b.type);

      await assert.rejects(hierarchy().updateFolder(user, a.id, { parentId: inbox.id, displayName: 'taken' }), FolderNameExistsError);
      await assert.rejects(hierarchy().updateFolder(user, inbox.id, { parentId: null, displayName: 'Post' }), SpecialFolderError);
      await assert.rejects(hierarchy().updateFolder(user, a.id, { parentId: 'gone', displayName: 'A' }), ParentFolderNotFoundError);
      await assert.rejects(hierarchy().updateFolder(user, 'gone', { parentId: null, displayName: 'A' }), FolderNotFoundError);
      await assert.rejects(hierarchy().updateFolder(user, a.id, { parentId: inbox.id, displayName: '' }), InvalidInputError);
      await hierarchy().updateFolder(user, b.id, { parentId: a.id, displayName: 'B' });
      await assert.rejects(hierarchy().updateFolder(user, a.id, { parentId: a.id, displayName: 'A' }), InvalidFolderMoveError);
      await assert.rejects(hierarchy().updateFolder(user, a.id, { parentId: b.id, displayName: 'A' }), InvalidFolderMoveError);
      assert.equal((await hierarchy().getFolder(user, a.id)).displayName, 'Renamed', 'failed updates change nothing');
    });

    it('deletes a folder with its subfolders, never a default folder', async () => {
      const user = fx().newUser();
      const inbox = await defaultFolder(hierarchy(), user, 2);
      const a = await hierarchy().createFolder(user, { parentId: inbox.id, displayName: 'A', type: 12 });
      const b = await hierarchy().createFolder(user, { parentId: a.id, displayName: 'B', type: 13 });
      await hierarchy().deleteFolder(user, a.id);
      await assert.rejects(hierarchy().getFolder(user, a.id), FolderNotFoundError);
      await assert.rejects(hierarchy().getFolder(user, b.id), FolderNotFoundError);
      await assert.rejects(hierarchy().deleteFolder(user, a.id), FolderNotFoundError);
      for (const type of DEFAULT_TYPES) {
        const folder = await defaultFolder(hierarchy(), user, type);
        await assert.rejects(hierarchy().deleteFolder(user, folder.id), SpecialFolderError);
      }
      const again = await hierarchy().createFolder(user, { parentId: inbox.id, displayName: 'A', type: 12 });
      assert.notEqual(again.id, a.id, 'a folder id is never reused');
    });

    it('changes the hierarchy token on every folder change and only then', async () => {
      const user = fx().newUser();
      const first = await hierarchy().listFolders(user);
      assert.equal(await hierarchy().hierarchyToken(user), first.token);
      assert.equal(await hierarchy().hierarchyToken(user), first.token, 'stable while nothing changes');
      const seen = new Set([first.token]);
      const expectNew = async (step: string): Promise<void> => {
        const token = await hierarchy().hierarchyToken(user);
        assert.ok(!seen.has(token), `${step} gives a new token`);
        seen.add(token);
      };
      const folder = await hierarchy().createFolder(user, { parentId: null, displayName: 'Travel', type: 13 });
      await expectNew('create');
      await hierarchy().updateFolder(user, folder.id, { parentId: null, displayName: 'Trips' });
      await expectNew('rename');
      const inbox = await defaultFolder(hierarchy(), user, 2);
      await hierarchy().updateFolder(user, folder.id, { parentId: inbox.id, displayName: 'Trips' });
      await expectNew('move');
      await assert.rejects(hierarchy().createFolder(user, { parentId: inbox.id, displayName: 'trips', type: 12 }), FolderNameExistsError);
      assert.ok(seen.has(await hierarchy().hierarchyToken(user)), 'a refused change leaves the token');
      await hierarchy().deleteFolder(user, folder.id);
      await expectNew('delete');
      assert.equal((await hierarchy().listFolders(user)).token, await hierarchy().hierarchyToken(user));
    });

    it("never resolves another user's folders", async () => {
      const alice = fx().newUser();
      const bob = fx().newUser();
      const aliceInbox = await defaultFolder(hierarchy(), alice, 2);
      const bobInbox = await defaultFolder(hierarchy(), bob, 2);
      assert.notEqual(aliceInbox.id, bobInbox.id);
      const secret = await hierarchy().createFolder(alice, { parentId: aliceInbox.id, displayName: 'Secret', type: 12 });
      await assert.rejects(hierarchy().getFolder(bob, secret.id), FolderNotFoundError);
      await assert.rejects(hierarchy().getFolder(bob, aliceInbox.id), FolderNotFoundError);
      await assert.rejects(hierarchy().createFolder(bob, { parentId: secret.id, displayName: 'In', type: 12 }), ParentFolderNotFoundError);
      await assert.rejects(hierarchy().updateFolder(bob, secret.id, { parentId: null, displayName: 'Mine' }), FolderNotFoundError);
      await assert.rejects(hierarchy().deleteFolder(bob, secret.id), FolderNotFoundError);
      assert.ok(!(await hierarchy().listFolders(bob)).folders.some((folder) => folder.id === secret.id));
      assert.deepEqual(await hierarchy().getFolder(alice, secret.id), secret);
    });

    it('keeps folders, ids and the token across a reopen', async () => {
      const user = fx().newUser();
      const created = await hierarchy().createFolder(user, { parentId: null, displayName: 'Kept', type: FolderType.UserNotes });
      const before = await hierarchy().listFolders(user);
      await fx().reopen();
      assert.deepEqual(await hierarchy().listFolders(user), before);
      assert.deepEqual(await hierarchy().getFolder(user, created.id), created);
    });
  });
}
