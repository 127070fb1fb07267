// getItems reads a window of rows per query (findItemRows): the port's contract must hold past
// one query's worth of ids, with repeats, strangers and other folders' items among them.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { findDefaultFolder } from '../../domain/folder.js';
import { EmbeddedStore } from './embedded-store.js';

const USER = 'rows@example.org';
const mime = (n: number): Uint8Array => Buffer.from(`Subject: ${n}\r\n\r\nbody ${n}\r\n`);

describe('EmbeddedItemStore.getItems', () => {
  let dataDir = '';
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'pushbridge-get-items-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('answers in the order asked, repeats included, leaving out what is not in the folder', async () => {
    const store = EmbeddedStore.open(dataDir);
    try {
      const folders = (await store.hierarchy.listFolders(USER)).folders;
      const inbox = findDefaultFolder(folders, 2);
      const sent = findDefaultFolder(folders, 5);
      assert.ok(inbox !== undefined && sent !== undefined);
      const ids: string[] = [];
      for (let n = 0; n < 600; n += 1) ids.push((await store.mail.createItem(USER, inbox.id, { mime: mime(n) })).id);
      const elsewhere = (await store.mail.createItem(USER, sent.id, { mime: mime(-1) })).id;
      // More ids than one query takes, shuffled, with a repeat, a stranger and another folder's item.
      const asked = [...ids].reverse().flatMap((id, i) => (i === 10 ? [id, 'missing', elsewhere, id] : [id]));
      const items = await store.mail.getItems(USER, inbox.id, asked);
      assert.deepEqual(items.map((item) => item.id), asked.filter((id) => id !== 'missing' && id !== elsewhere));
      const third = items[2];
      assert.equal(Buffer.from(third?.mime ?? []).toString(), Buffer.from(mime(597)).toString());
      assert.deepEqual(await store.mail.getItems(USER, inbox.id, []), []);
    } finally {
      await store.close();
    }
  });
});
