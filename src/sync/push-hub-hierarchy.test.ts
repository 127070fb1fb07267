// Whether a device's FolderSync set still matches the store, as a Ping sees it before holding: the
// pure comparison (created, deleted, renamed, moved folders) and the check over the real embedded
// store and SQLite state (no FolderSync yet, in step, a folder created since).
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { EmbeddedStore } from '../backends/embedded/embedded-store.js';
import { deviceKey } from '../domain/device.js';
import type { Folder } from '../domain/folder.js';
import type { FolderEntry } from '../domain/state-store.js';
import { openStateStore } from '../state/open-state-store.js';
import { entriesFor } from './hierarchy-diff.js';
import { checkDeviceHierarchy, hierarchyMatches } from './push-hub-hierarchy.js';

const LISTING: readonly Folder[] = [
  { id: 'b-inbox', parentId: null, displayName: 'Inbox', type: 2, itemClass: 'Email' },
  { id: 'b-work', parentId: 'b-inbox', displayName: 'Work', type: 12, itemClass: 'Email' },
  { id: 'b-contacts', parentId: null, displayName: 'Contacts', type: 9, itemClass: 'Contacts' },
];
const KNOWN: readonly FolderEntry[] = entriesFor(LISTING, new Map([['b-inbox', '1'], ['b-work', '2'], ['b-contacts', '3']]));

describe('hierarchyMatches', () => {
  it('the same folders, in any order, match', () => {
    assert.equal(hierarchyMatches(KNOWN, LISTING), true);
    assert.equal(hierarchyMatches([...KNOWN].reverse(), LISTING), true);
  });

  it('a created, deleted, renamed or moved folder does not', () => {
    const created = [...LISTING, { id: 'b-new', parentId: null, displayName: 'New', type: 12, itemClass: 'Email' } as const];
    assert.equal(hierarchyMatches(KNOWN, created), false);
    assert.equal(hierarchyMatches(KNOWN, LISTING.slice(0, 2)), false);
    assert.equal(hierarchyMatches(KNOWN, LISTING.map((f) => (f.id === 'b-work' ? { ...f, displayName: 'Job' } : f))), false);
    assert.equal(hierarchyMatches(KNOWN, LISTING.map((f) => (f.id === 'b-work' ? { ...f, parentId: null } : f))), false);
  });

  it('a folder swapped for another of the same count does not', () => {
    const swapped = LISTING.map((f) => (f.id === 'b-work' ? { ...f, id: 'b-other' } : f));
    assert.equal(hierarchyMatches(KNOWN, swapped), false);
  });
});

describe('checkDeviceHierarchy', () => {
  it('is false before the first FolderSync, true in step, false after a folder is created; a verified token short-cuts the listing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pushbridge-hier-'));
    const state = await openStateStore({ kind: 'sqlite', dataDir: dir });
    const stores = EmbeddedStore.open(dir);
    try {
      const user = 'hier@example.org';
      const key = deviceKey(user, 'hierphone');
      await state.devices.record({ user, deviceId: key.deviceId, deviceType: 'iPhone' });
      let listings = 0;
      const folders = {
        listFolders: (u: string) => {
          listings += 1;
          return stores.hierarchy.listFolders(u);
        },
        hierarchyToken: (u: string) => stores.hierarchy.hierarchyToken(u),
      };
      const deps = { state, folders };
      assert.equal((await checkDeviceHierarchy(deps, key)).current, false);
      const listing = await stores.hierarchy.listFolders(user);
      const ids = await state.hierarchy.assignServerIds(key, listing.folders.map((f) => f.id));
      await state.hierarchy.commit(key, { baseKey: 0, folders: entriesFor(listing.folders, ids) });
      const inStep = await checkDeviceHierarchy(deps, key);
      assert.deepEqual(inStep, { current: true, token: listing.token });
      const before = listings;
      assert.deepEqual(await checkDeviceHierarchy(deps, key, inStep.token), inStep);
      assert.equal(listings, before, 'a verified token needs no listing');
      await stores.hierarchy.createFolder(user, { parentId: null, displayName: 'Projects', type: 12 });
      assert.equal((await checkDeviceHierarchy(deps, key, inStep.token)).current, false);
    } finally {
      await state.close();
      await stores.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
