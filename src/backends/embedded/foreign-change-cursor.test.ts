// The foreign-write cursor: which change-log ranges are another process's (a model-checked gap
// computation), and what advancing over a real mailbox reports when writes of "this process"
// (recorded ranges) and of "another process" interleave, change the hierarchy, delete a
// subscribed folder, or re-create the file.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import fc from 'fast-check';
import { findDefaultFolder } from '../../domain/folder.js';
import { EmbeddedStore } from './embedded-store.js';
import { ABSENT_MAILBOX, ForeignChangeCursor, readMark, uncoveredRanges } from './foreign-change-cursor.js';
import type { CommittedRange } from './mailbox-access.js';
import { MailboxDatabase } from './mailbox-database.js';

const USER = 'alice@example.org';
const mime = (n: number): Uint8Array => Buffer.from(`Subject: ${n}\r\n\r\nbody ${n}\r\n`);

describe('uncoveredRanges', () => {
  it('covers exactly the sequence numbers no own range holds', () => {
    const arbitrary = fc.record({
      after: fc.nat(20),
      length: fc.nat(30),
      own: fc.array(fc.tuple(fc.nat(60), fc.integer({ min: 1, max: 5 })), { maxLength: 8 }),
    });
    fc.assert(
      fc.property(arbitrary, ({ after, length, own }) => {
        const upto = after + length;
        const ranges: CommittedRange[] = own.map(([from, size]) => ({ fromSeq: from, toSeq: from + size, hierarchyBumps: 0 }));
        const covered = (seq: number): boolean => ranges.some((r) => seq > r.fromSeq && seq <= r.toSeq);
        const expected = Array.from({ length }, (_, i) => after + 1 + i).filter((seq) => !covered(seq));
        const gaps = uncoveredRanges(after, upto, ranges);
        const actual = gaps.flatMap(([from, to]) => Array.from({ length: to - from }, (_, i) => from + 1 + i));
        assert.deepEqual(actual, expected);
        assert.ok(gaps.every(([from, to]) => to > from), 'no empty gap');
      }),
    );
  });
});

describe('ForeignChangeCursor', () => {
  let dataDir = '';
  let store: EmbeddedStore;
  let reader: MailboxDatabase | undefined;
  const open = (): MailboxDatabase => (reader = MailboxDatabase.open(store.mailboxFile(USER), Date.now()));
  /** A write of "this process": its range is what MailboxAccess would report. */
  const own = async (cursor: ForeignChangeCursor, mailbox: MailboxDatabase, write: () => Promise<unknown>): Promise<void> => {
    const before = readMark(mailbox);
    await write();
    const after = readMark(mailbox);
    cursor.recordOwn({ fromSeq: before.seq, toSeq: after.seq, hierarchyBumps: after.hierarchy - before.hierarchy });
  };
  const folders = async () => {
    const listing = (await store.hierarchy.listFolders(USER)).folders;
    const inbox = findDefaultFolder(listing, 2);
    const drafts = findDefaultFolder(listing, 3);
    assert.ok(inbox !== undefined && drafts !== undefined);
    return { inbox: inbox.id, drafts: drafts.id };
  };

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'pushbridge-cursor-'));
    store = EmbeddedStore.open(dataDir);
  });
  afterEach(async () => {
    reader?.close();
    reader = undefined;
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('reports the folders other writers touched and skips its own, however they interleave', async () => {
    const { inbox, drafts } = await folders();
    const mailbox = open();
    const cursor = new ForeignChangeCursor(readMark(mailbox));
    assert.deepEqual(cursor.advance(mailbox, [inbox, drafts]), { folderIds: new Set(), hierarchy: false });
    await store.mail.createItem(USER, drafts, { mime: mime(1) });
    await own(cursor, mailbox, () => store.mail.createItem(USER, inbox, { mime: mime(2) }));
    await store.mail.createItem(USER, drafts, { mime: mime(3) });
    await own(cursor, mailbox, () => store.mail.createItem(USER, inbox, { mime: mime(4) }));
    assert.deepEqual(cursor.advance(mailbox, [inbox, drafts]), { folderIds: new Set([drafts]), hierarchy: false });
    await own(cursor, mailbox, () => store.mail.createItem(USER, drafts, { mime: mime(5) }));
    assert.deepEqual(cursor.advance(mailbox, [inbox, drafts]), { folderIds: new Set(), hierarchy: false }, 'own writes only');
    await store.mail.createItem(USER, inbox, { mime: mime(6) });
    assert.deepEqual(cursor.advance(mailbox, []), { folderIds: new Set([inbox]), hierarchy: false }, 'reported whether subscribed or not');
  });

  it('tells hierarchy changes of other writers from its own, and reports subscribed folders they deleted', async () => {
    const { inbox } = await folders();
    const mailbox = open();
    const cursor = new ForeignChangeCursor(readMark(mailbox));
    await own(cursor, mailbox, () => store.hierarchy.createFolder(USER, { parentId: null, displayName: 'Own', type: 12 }));
    assert.deepEqual(cursor.advance(mailbox, [inbox]), { folderIds: new Set(), hierarchy: false });
    const doomed = await store.hierarchy.createFolder(USER, { parentId: null, displayName: 'Doomed', type: 12 });
    await store.mail.createItem(USER, doomed.id, { mime: mime(1) });
    assert.deepEqual(cursor.advance(mailbox, [inbox, doomed.id]), { folderIds: new Set([doomed.id]), hierarchy: true });
    await store.hierarchy.deleteFolder(USER, doomed.id);
    assert.deepEqual(cursor.advance(mailbox, [inbox, doomed.id]), { folderIds: new Set([doomed.id]), hierarchy: true }, 'its log went with it');
  });

  it('reports every subscribed folder when the file was re-created, and nothing for a new empty file', async () => {
    const { inbox, drafts } = await folders();
    let mailbox = open();
    const cursor = new ForeignChangeCursor(readMark(mailbox));
    mailbox.close();
    store.removeMailbox(USER);
    await store.hierarchy.listFolders(USER);
    mailbox = open();
    assert.deepEqual(cursor.advance(mailbox, [inbox, drafts]), { folderIds: new Set([inbox, drafts]), hierarchy: true });

    const fresh = new ForeignChangeCursor(ABSENT_MAILBOX);
    assert.deepEqual(fresh.advance(mailbox, [inbox]), { folderIds: new Set(), hierarchy: false }, 'a mailbox just created changed nothing');
    const newInbox = (await folders()).inbox;
    await store.mail.createItem(USER, newInbox, { mime: mime(1) });
    assert.deepEqual(fresh.advance(mailbox, [newInbox]), { folderIds: new Set([newInbox]), hierarchy: false });
  });
});
