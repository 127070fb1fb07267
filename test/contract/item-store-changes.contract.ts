// "Changes since a token" contract for every item store: net effect per item, versions matching
// the writes, tokens that chain, paging with a limit, moves seen from both folders, folders kept
// apart, and expired or foreign tokens refused so the engine resyncs.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ChangeSet, ItemChange } from '../../src/domain/change.js';
import { ChangeTokenExpiredError } from '../../src/domain/errors.js';
import type { ItemRef } from '../../src/domain/item.js';
import { defaultFolderOf, userFolderOf, type ItemStoreSpec } from './item-store-kit.js';
import { useHarness, type StoreHarnessFactory } from './store-harness.js';

function byItem(changes: readonly ItemChange[]): Map<string, ItemChange> {
  const map = new Map(changes.map((change) => [change.itemId, change]));
  assert.equal(map.size, changes.length, 'each item appears once');
  return map;
}

export function itemChangesContract<TInput, TItem extends ItemRef, TSummary extends ItemRef>(
  name: string,
  factory: StoreHarnessFactory,
  spec: ItemStoreSpec<TInput, TItem, TSummary>,
): void {
  describe(`${name}: changes since a token`, () => {
    const fx = useHarness(factory);
    const store = () => spec.store(fx().stores);
    const home = (user: string) => defaultFolderOf(fx(), user, spec.defaultFolderType);

    it('reports the net change of each item', async () => {
      const user = fx().newUser();
      const folder = await home(user);
      const [kept, changed, removed] = [
        await store().createItem(user, folder.id, spec.sample(1)),
        await store().createItem(user, folder.id, spec.sample(2)),
        await store().createItem(user, folder.id, spec.sample(3)),
      ];
      const { token } = await store().listItems(user, folder.id);
      const added = await store().createItem(user, folder.id, spec.sample(4));
      const changedNow = await store().updateItem(user, folder.id, changed.id, spec.sample(5));
      await store().deleteItem(user, folder.id, removed.id);
      const transient = await store().createItem(user, folder.id, spec.sample(6));
      await store().deleteItem(user, folder.id, transient.id);
      const grown = await store().createItem(user, folder.id, spec.sample(7));
      const grownNow = await store().updateItem(user, folder.id, grown.id, spec.sample(8));

      const result = await store().changesSince(user, folder.id, token);
      assert.equal(result.more, false);
      const changes = byItem(result.changes);
      assert.deepEqual(changes.get(added.id), { kind: 'added', itemId: added.id, version: added.version });
      assert.deepEqual(changes.get(changed.id), { kind: 'changed', itemId: changed.id, version: changedNow.version });
      assert.deepEqual(changes.get(removed.id), { kind: 'deleted', itemId: removed.id });
      assert.deepEqual(changes.get(grown.id), { kind: 'added', itemId: grown.id, version: grownNow.version });
      assert.equal(changes.has(transient.id), false, 'added and deleted within the range: nothing to tell');
      assert.equal(changes.has(kept.id), false);
      assert.equal(changes.size, 4);
      assert.deepEqual((await store().changesSince(user, folder.id, result.token)).changes, [], 'the new token has seen it all');
    });

    it('chains tokens: each ChangeSet continues where the last stopped', async () => {
      const user = fx().newUser();
      const folder = await home(user);
      const start = (await store().listItems(user, folder.id)).token;
      const item = await store().createItem(user, folder.id, spec.sample(1));
      const first = await store().changesSince(user, folder.id, start);
      assert.deepEqual(first.changes, [{ kind: 'added', itemId: item.id, version: item.version }]);
      const updated = await store().updateItem(user, folder.id, item.id, spec.sample(2));
      const second = await store().changesSince(user, folder.id, first.token);
      assert.deepEqual(second.changes, [{ kind: 'changed', itemId: item.id, version: updated.version }]);
      assert.deepEqual((await store().changesSince(user, folder.id, start)).changes, [{ kind: 'added', itemId: item.id, version: updated.version }]);
      const listing = await store().listItems(user, folder.id);
      assert.deepEqual((await store().changesSince(user, folder.id, listing.token)).changes, [], "a listing's token includes its items");
    });

    it('pages with a limit, losing and repeating nothing', async () => {
      const user = fx().newUser();
      const folder = await home(user);
      let token = (await store().listItems(user, folder.id)).token;
      const created = new Set<string>();
      for (let n = 0; n < 7; n += 1) created.add((await store().createItem(user, folder.id, spec.sample(n))).id);
      const seen: string[] = [];
      let pages = 0;
      let page: ChangeSet;
      do {
        page = await store().changesSince(user, folder.id, token, { limit: 3 });
        assert.ok(page.changes.length <= 3);
        seen.push(...page.changes.map((change) => change.itemId));
        token = page.token;
        pages += 1;
        assert.ok(pages <= 7, 'paging ends');
      } while (page.more);
      assert.ok(pages >= 3);
      assert.equal(seen.length, created.size);
      assert.deepEqual(new Set(seen), created);
    });

    it('shows a move as a delete in the source and an add in the target', async () => {
      const user = fx().newUser();
      const source = await home(user);
      const target = await userFolderOf(fx(), user, spec.userFolderType);
      const item = await store().createItem(user, source.id, spec.sample(1));
      const sourceToken = (await store().listItems(user, source.id)).token;
      const targetToken = (await store().listItems(user, target.id)).token;
      const moved = await store().moveItem(user, source.id, item.id, target.id);
      assert.deepEqual((await store().changesSince(user, source.id, sourceToken)).changes, [{ kind: 'deleted', itemId: item.id }]);
      assert.deepEqual((await store().changesSince(user, target.id, targetToken)).changes, [
        { kind: 'added', itemId: moved.id, version: moved.version },
      ]);
    });

    it("keeps each folder's changes to itself", async () => {
      const user = fx().newUser();
      const folder = await home(user);
      const other = await userFolderOf(fx(), user, spec.userFolderType);
      const token = (await store().listItems(user, folder.id)).token;
      await store().createItem(user, other.id, spec.sample(1));
      assert.deepEqual((await store().changesSince(user, folder.id, token)).changes, []);
    });

    it('refuses unknown and expired tokens with ChangeTokenExpiredError', async () => {
      const user = fx().newUser();
      const folder = await home(user);
      for (const bad of ['', 'garbage', '0', 'x.1', `${'9'.repeat(30)}`]) {
        await assert.rejects(store().changesSince(user, folder.id, bad), ChangeTokenExpiredError, `token ${JSON.stringify(bad)}`);
      }
      const old = (await store().listItems(user, folder.id)).token;
      await store().createItem(user, folder.id, spec.sample(1));
      await fx().expireChangeTokens(user, folder.id);
      await assert.rejects(store().changesSince(user, folder.id, old), ChangeTokenExpiredError);
      const fresh = await store().listItems(user, folder.id);
      assert.equal(fresh.items.length, 1, 'expiry forgets history, never items');
      assert.deepEqual((await store().changesSince(user, folder.id, fresh.token)).changes, []);
      const later = await store().createItem(user, folder.id, spec.sample(2));
      assert.deepEqual((await store().changesSince(user, folder.id, fresh.token)).changes, [{ kind: 'added', itemId: later.id, version: later.version }]);
    });

    it("refuses another user's token", async () => {
      const alice = fx().newUser();
      const bob = fx().newUser();
      const aliceFolder = await home(alice);
      const bobFolder = await home(bob);
      await store().createItem(bob, bobFolder.id, spec.sample(1));
      await store().createItem(alice, aliceFolder.id, spec.sample(2));
      const aliceToken = (await store().listItems(alice, aliceFolder.id)).token;
      await assert.rejects(store().changesSince(bob, bobFolder.id, aliceToken), ChangeTokenExpiredError);
    });
  });
}
