// Item-store contract shared by MailStore, CalendarStore, ContactStore, TaskStore and NoteStore:
// create, read, list, If-Match updates and deletes, moves, typed errors, ids never reused,
// isolation between users and persistence. Changes since a token live in the companion suite.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FolderClassMismatchError, FolderNotFoundError, InvalidInputError, ItemNotFoundError, VersionConflictError } from '../../src/domain/errors.js';
import type { ItemRef } from '../../src/domain/item.js';
import { itemChangesContract } from './item-store-changes.contract.js';
import { defaultFolderOf, ids, userFolderOf, type ItemStoreSpec } from './item-store-kit.js';
import { useHarness, type StoreHarnessFactory } from './store-harness.js';

export function itemStoreContract<TInput, TItem extends ItemRef, TSummary extends ItemRef>(
  name: string,
  factory: StoreHarnessFactory,
  spec: ItemStoreSpec<TInput, TItem, TSummary>,
): void {
  describe(`${name}: items`, () => {
    const fx = useHarness(factory);
    const store = () => spec.store(fx().stores);
    const home = (user: string) => defaultFolderOf(fx(), user, spec.defaultFolderType);

    it('creates, reads and lists items', async () => {
      const user = fx().newUser();
      const folder = await home(user);
      assert.deepEqual((await store().listItems(user, folder.id)).items, []);
      const created = [await store().createItem(user, folder.id, spec.sample(1)), await store().createItem(user, folder.id, spec.sample(2))];
      for (const [index, ref] of created.entries()) {
        assert.equal(ref.folderId, folder.id);
        assert.equal(typeof ref.version, 'string');
        const item = await store().getItem(user, folder.id, ref.id);
        assert.deepEqual(spec.read(item), spec.written(spec.sample(index + 1)));
        assert.equal(item.version, ref.version);
      }
      assert.notEqual(created[0]?.id, created[1]?.id);
      assert.deepEqual(ids((await store().listItems(user, folder.id)).items).sort(), ids(created).sort());
      const [first, second] = created as [TSummary, TSummary];
      assert.deepEqual(ids(await store().getItems(user, folder.id, [second.id, 'missing', first.id])), [second.id, first.id]);
    });

    it('updates under If-Match and refuses a stale version', async () => {
      const user = fx().newUser();
      const folder = await home(user);
      const v1 = await store().createItem(user, folder.id, spec.sample(1));
      const v2 = await store().updateItem(user, folder.id, v1.id, spec.sample(2), { ifVersion: v1.version });
      assert.equal(v2.id, v1.id);
      assert.notEqual(v2.version, v1.version);
      await assert.rejects(store().updateItem(user, folder.id, v1.id, spec.sample(3), { ifVersion: v1.version }), VersionConflictError);
      assert.deepEqual(spec.read(await store().getItem(user, folder.id, v1.id)), spec.written(spec.sample(2)));
      const v3 = await store().updateItem(user, folder.id, v1.id, spec.sample(3));
      assert.ok(![v1.version, v2.version].includes(v3.version));
      await assert.rejects(store().updateItem(user, folder.id, 'missing', spec.sample(4)), ItemNotFoundError);
    });

    it('deletes under If-Match', async () => {
      const user = fx().newUser();
      const folder = await home(user);
      const v1 = await store().createItem(user, folder.id, spec.sample(1));
      const v2 = await store().updateItem(user, folder.id, v1.id, spec.sample(2));
      await assert.rejects(store().deleteItem(user, folder.id, v1.id, { ifVersion: v1.version }), VersionConflictError);
      await store().deleteItem(user, folder.id, v1.id, { ifVersion: v2.version });
      await assert.rejects(store().getItem(user, folder.id, v1.id), ItemNotFoundError);
      await assert.rejects(store().deleteItem(user, folder.id, v1.id), ItemNotFoundError);
      assert.deepEqual(await store().getItems(user, folder.id, [v1.id]), []);
    });

    it('moves items between folders of the class', async () => {
      const user = fx().newUser();
      const source = await home(user);
      const target = await userFolderOf(fx(), user, spec.userFolderType);
      const foreign = await defaultFolderOf(fx(), user, spec.foreignFolderType);
      const original = await store().createItem(user, source.id, spec.sample(1));
      await assert.rejects(store().moveItem(user, source.id, original.id, foreign.id), FolderClassMismatchError);
      await assert.rejects(store().moveItem(user, source.id, original.id, 'missing'), FolderNotFoundError);
      const moved = await store().moveItem(user, source.id, original.id, target.id);
      assert.equal(moved.folderId, target.id);
      assert.deepEqual(spec.read(await store().getItem(user, target.id, moved.id)), spec.written(spec.sample(1)));
      await assert.rejects(store().getItem(user, source.id, original.id), ItemNotFoundError);
      assert.deepEqual(ids((await store().listItems(user, target.id)).items), [moved.id]);
      assert.deepEqual((await store().listItems(user, source.id)).items, []);
      const stayed = await store().moveItem(user, target.id, moved.id, target.id);
      assert.equal(stayed.id, moved.id);
      await assert.rejects(store().moveItem(user, source.id, moved.id, target.id), ItemNotFoundError);
    });

    it('refuses other classes, unknown or deleted folders and malformed content', async () => {
      const user = fx().newUser();
      const folder = await home(user);
      const foreign = await defaultFolderOf(fx(), user, spec.foreignFolderType);
      await assert.rejects(store().listItems(user, foreign.id), FolderClassMismatchError);
      await assert.rejects(store().createItem(user, foreign.id, spec.sample(1)), FolderClassMismatchError);
      await assert.rejects(store().listItems(user, 'missing'), FolderNotFoundError);
      await assert.rejects(store().getItem(user, folder.id, 'missing'), ItemNotFoundError);
      for (const input of spec.invalidInputs) await assert.rejects(store().createItem(user, folder.id, input), InvalidInputError);
      assert.deepEqual((await store().listItems(user, folder.id)).items, [], 'refused content is not stored');
      const doomed = await userFolderOf(fx(), user, spec.userFolderType);
      const item = await store().createItem(user, doomed.id, spec.sample(1));
      await fx().stores.hierarchy.deleteFolder(user, doomed.id);
      await assert.rejects(store().getItem(user, doomed.id, item.id), FolderNotFoundError);
      await assert.rejects(store().changesSince(user, doomed.id, (await store().listItems(user, folder.id)).token), FolderNotFoundError);
    });

    it('never reuses an id', async () => {
      const user = fx().newUser();
      const folder = await home(user);
      const seen = new Set<string>();
      for (let round = 0; round < 2; round += 1) {
        const batch = await Promise.all(Array.from({ length: 10 }, (_, n) => store().createItem(user, folder.id, spec.sample(n))));
        for (const ref of batch) {
          assert.ok(!seen.has(ref.id), `id ${ref.id} is new`);
          seen.add(ref.id);
          await store().deleteItem(user, folder.id, ref.id);
        }
      }
    });

    it("never resolves another user's items or folders", async () => {
      const alice = fx().newUser();
      const bob = fx().newUser();
      const aliceFolder = await home(alice);
      const bobFolder = await home(bob);
      const secret = await store().createItem(alice, aliceFolder.id, spec.sample(1));
      await assert.rejects(store().getItem(bob, bobFolder.id, secret.id), ItemNotFoundError);
      assert.deepEqual(await store().getItems(bob, bobFolder.id, [secret.id]), []);
      await assert.rejects(store().updateItem(bob, bobFolder.id, secret.id, spec.sample(2)), ItemNotFoundError);
      await assert.rejects(store().deleteItem(bob, bobFolder.id, secret.id), ItemNotFoundError);
      await assert.rejects(store().moveItem(bob, bobFolder.id, secret.id, bobFolder.id), ItemNotFoundError);
      await assert.rejects(store().getItem(bob, aliceFolder.id, secret.id), FolderNotFoundError);
      await assert.rejects(store().listItems(bob, aliceFolder.id), FolderNotFoundError);
      await assert.rejects(store().createItem(bob, aliceFolder.id, spec.sample(3)), FolderNotFoundError);
      assert.deepEqual((await store().listItems(bob, bobFolder.id)).items, []);
      assert.deepEqual(spec.read(await store().getItem(alice, aliceFolder.id, secret.id)), spec.written(spec.sample(1)));
    });

    it('keeps items, versions and tokens across a reopen', async () => {
      const user = fx().newUser();
      const folder = await home(user);
      const created = await store().createItem(user, folder.id, spec.sample(1));
      await store().updateItem(user, folder.id, created.id, spec.sample(2));
      const before = await store().listItems(user, folder.id);
      const item = await store().getItem(user, folder.id, created.id);
      await fx().reopen();
      assert.deepEqual(await store().listItems(user, folder.id), before);
      assert.deepEqual(spec.read(await store().getItem(user, folder.id, created.id)), spec.read(item));
      assert.deepEqual((await store().changesSince(user, folder.id, before.token)).changes, []);
    });
  });

  itemChangesContract(name, factory, spec);
}
