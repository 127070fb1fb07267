// ChangeFeed contract: a committed write wakes the subscribers of the folders it touched and no
// one else (other folders, other users, hierarchy subscribers for item writes); unsubscribing
// stops it; a throwing listener harms nothing; a woken listener already sees the change.
// Delivery may be asynchronous, so positive checks wait and negative checks let the feed settle.

import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, it } from 'node:test';
import type { FolderChangeEvent, HierarchyChangeEvent } from '../../src/domain/change.js';
import { defaultFolderOf, userFolderOf } from './item-store-kit.js';
import { sampleMime } from './mail-store.contract.js';
import { sampleEvent } from './calendar-store.contract.js';
import { useHarness, type StoreHarnessFactory } from './store-harness.js';

const WAIT_MS = 2000;
const SETTLE_MS = 50;

/** Records events and lets a test wait for the next one. */
export class Recorder<TEvent> {
  readonly events: TEvent[] = [];
  private waiters: Array<() => void> = [];

  /** `waitMs` bounds each wait; events from another process may need longer than in-process ones. */
  constructor(private readonly waitMs = WAIT_MS) {}

  readonly listener = (event: TEvent): void => {
    this.events.push(event);
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  };

  /** Resolves once more than `count` events have arrived. */
  async waitForMoreThan(count: number): Promise<void> {
    const deadline = Date.now() + this.waitMs;
    while (this.events.length <= count) {
      const remaining = deadline - Date.now();
      assert.ok(remaining > 0, `expected event number ${count + 1} within ${this.waitMs} ms`);
      let timer: NodeJS.Timeout | undefined;
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        timer = setTimeout(resolve, remaining);
      });
      // Cleared: a timer left behind by an event that came in time would keep the test process alive.
      clearTimeout(timer);
    }
  }
}

export function changeFeedContract(name: string, factory: StoreHarnessFactory): void {
  describe(`ChangeFeed contract: ${name}`, () => {
    const fx = useHarness(factory);

    it('wakes the subscribers of the written folder only', async () => {
      const alice = fx().newUser();
      const bob = fx().newUser();
      const inbox = await defaultFolderOf(fx(), alice, 2);
      const calendar = await defaultFolderOf(fx(), alice, 8);
      const bobInbox = await defaultFolderOf(fx(), bob, 2);
      const [onInbox, onCalendar, onBobInbox, bobOnAliceId] = [new Recorder<FolderChangeEvent>(), new Recorder<FolderChangeEvent>(), new Recorder<FolderChangeEvent>(), new Recorder<FolderChangeEvent>()];
      fx().stores.changes.subscribe(alice, [inbox.id], onInbox.listener);
      fx().stores.changes.subscribe(alice, [calendar.id], onCalendar.listener);
      fx().stores.changes.subscribe(bob, [bobInbox.id], onBobInbox.listener);
      fx().stores.changes.subscribe(bob, [inbox.id], bobOnAliceId.listener);
      await fx().stores.mail.createItem(alice, inbox.id, { mime: sampleMime(1) });
      await onInbox.waitForMoreThan(0);
      assert.deepEqual(onInbox.events[0], { user: alice, folderId: inbox.id });
      await sleep(SETTLE_MS);
      assert.deepEqual([onCalendar.events, onBobInbox.events, bobOnAliceId.events], [[], [], []]);
    });

    it('wakes on every kind of item write, moves on both sides', async () => {
      const user = fx().newUser();
      const inbox = await defaultFolderOf(fx(), user, 2);
      const archive = await userFolderOf(fx(), user, 12);
      const calendar = await defaultFolderOf(fx(), user, 8);
      const mail = fx().stores.mail;
      const onInbox = new Recorder<FolderChangeEvent>();
      const onArchive = new Recorder<FolderChangeEvent>();
      const onCalendar = new Recorder<FolderChangeEvent>();
      fx().stores.changes.subscribe(user, [inbox.id], onInbox.listener);
      fx().stores.changes.subscribe(user, [archive.id], onArchive.listener);
      fx().stores.changes.subscribe(user, [calendar.id], onCalendar.listener);
      const expectWake = async (recorder: Recorder<FolderChangeEvent>, write: () => Promise<unknown>): Promise<void> => {
        const before = recorder.events.length;
        await write();
        await recorder.waitForMoreThan(before);
      };
      const message = await mail.createItem(user, inbox.id, { mime: sampleMime(1) });
      await onInbox.waitForMoreThan(0);
      await expectWake(onInbox, () => mail.setFlags(user, inbox.id, message.id, { read: true }));
      await expectWake(onInbox, () => mail.updateItem(user, inbox.id, message.id, { mime: sampleMime(2) }));
      const archivedBefore = onArchive.events.length;
      let moved = message;
      await expectWake(onInbox, async () => (moved = await mail.moveItem(user, inbox.id, message.id, archive.id)));
      await onArchive.waitForMoreThan(archivedBefore);
      await expectWake(onArchive, () => mail.deleteItem(user, archive.id, moved.id));
      await mail.createItem(user, archive.id, { mime: sampleMime(3) });
      await expectWake(onArchive, () => mail.emptyFolder(user, archive.id, { deleteSubfolders: false }));
      const event = await fx().stores.calendar.createItem(user, calendar.id, sampleEvent(1));
      await onCalendar.waitForMoreThan(0);
      await expectWake(onCalendar, () => fx().stores.calendar.updateItem(user, calendar.id, event.id, sampleEvent(2)));
      await expectWake(onCalendar, () => fx().stores.calendar.deleteItem(user, calendar.id, event.id));
      assert.ok(onInbox.events.every((e) => e.folderId === inbox.id) && onArchive.events.every((e) => e.folderId === archive.id));
    });

    it('stops after unsubscribe, and unsubscribing twice is harmless', async () => {
      const user = fx().newUser();
      const inbox = await defaultFolderOf(fx(), user, 2);
      const gone = new Recorder<FolderChangeEvent>();
      const stays = new Recorder<FolderChangeEvent>();
      const unsubscribe = fx().stores.changes.subscribe(user, [inbox.id], gone.listener);
      fx().stores.changes.subscribe(user, [inbox.id], stays.listener);
      unsubscribe();
      unsubscribe();
      await fx().stores.mail.createItem(user, inbox.id, { mime: sampleMime(1) });
      await stays.waitForMoreThan(0);
      await sleep(SETTLE_MS);
      assert.deepEqual(gone.events, []);
    });

    it('tells hierarchy subscribers about folder changes, not item writes', async () => {
      const alice = fx().newUser();
      const bob = fx().newUser();
      const inbox = await defaultFolderOf(fx(), alice, 2);
      await defaultFolderOf(fx(), bob, 2);
      const aliceTree = new Recorder<HierarchyChangeEvent>();
      const bobTree = new Recorder<HierarchyChangeEvent>();
      const onFolder = new Recorder<FolderChangeEvent>();
      fx().stores.changes.subscribeHierarchy(alice, aliceTree.listener);
      fx().stores.changes.subscribeHierarchy(bob, bobTree.listener);
      const hierarchy = fx().stores.hierarchy;
      await fx().stores.mail.createItem(alice, inbox.id, { mime: sampleMime(1) });
      const folder = await hierarchy.createFolder(alice, { parentId: null, displayName: 'Projects', type: 12 });
      await aliceTree.waitForMoreThan(0);
      assert.deepEqual(aliceTree.events, [{ user: alice }], 'the item write before it told nothing');
      fx().stores.changes.subscribe(alice, [folder.id], onFolder.listener);
      await hierarchy.updateFolder(alice, folder.id, { parentId: inbox.id, displayName: 'Projects' });
      await aliceTree.waitForMoreThan(1);
      await hierarchy.deleteFolder(alice, folder.id);
      await aliceTree.waitForMoreThan(2);
      await onFolder.waitForMoreThan(0);
      assert.deepEqual(onFolder.events.at(-1), { user: alice, folderId: folder.id }, 'a deleted folder wakes its subscribers');
      await sleep(SETTLE_MS);
      assert.deepEqual(bobTree.events, []);
    });

    it('survives a throwing listener, and a woken listener already sees the change', async () => {
      const user = fx().newUser();
      const inbox = await defaultFolderOf(fx(), user, 2);
      const seen: string[][] = [];
      fx().stores.changes.subscribe(user, [inbox.id], () => {
        throw new Error('listener failure');
      });
      const reader = new Recorder<FolderChangeEvent>();
      fx().stores.changes.subscribe(user, [inbox.id], (event) => {
        void fx()
          .stores.mail.listItems(user, event.folderId)
          .then((listing) => {
            seen.push(listing.items.map((item) => item.id));
            reader.listener(event);
          });
      });
      const created = await fx().stores.mail.createItem(user, inbox.id, { mime: sampleMime(1) });
      await reader.waitForMoreThan(0);
      assert.deepEqual(seen[0], [created.id]);
      const second = await fx().stores.mail.createItem(user, inbox.id, { mime: sampleMime(2) });
      await reader.waitForMoreThan(1);
      assert.ok(seen.at(-1)?.includes(second.id));
    });
  });
}
