// The embedded store's own search behaviour beyond the MailStore contract: prefix and accent-blind
// matching, addresses as phrases, words that cannot be indexed, the text extracted from a
// message, messages stored before the search schema existed being indexed after the upgrade,
// indexing off the write path (a background pass, or the search itself) and at close.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { findDefaultFolder } from '../../domain/folder.js';
import { EmbeddedStore } from './embedded-store.js';
import { MAX_INDEXED_BODY_CHARS, htmlToSearchText, mailSearchText } from './mail-search-text.js';
import { matchExpression } from './mail-search-query.js';

const USER = 'searcher@example.org';

const mime = (subject: string, body: string, from = 'Bob <bob@example.org>'): Uint8Array =>
  Buffer.from(`From: ${from}\r\nTo: ${USER}\r\nSubject: ${subject}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${body}\r\n`, 'utf8');

describe('matchExpression', () => {
  it('quotes each word as a prefix phrase and skips words without a token', () => {
    assert.equal(matchExpression([]), undefined);
    assert.equal(matchExpression(['Report', 'say "hi"']), '"Report"* "say ""hi"""*');
    assert.equal(matchExpression(['report', '-', '@']), '"report"*');
    assert.equal(matchExpression(['-', '@@']), null);
  });
});

describe('mail search text', () => {
  it('reduces HTML to its visible text', () => {
    const html = '<html><head><title>t</title><style>p{color:red}</style></head><body><!-- note --><p>Fish&nbsp;&amp;&#32;chips &#x263A;</p>' +
      '<script>var hidden = 1;</script><p>open <b';
    assert.equal(htmlToSearchText(html), 'Fish & chips \u263a open');
    assert.equal(htmlToSearchText('&bogus; &#0; &#99999999;'), '&bogus; &#0; &#99999999;');
  });

  it('caps the indexed body', async () => {
    const text = await mailSearchText(mime('Long', `early ${'x'.repeat(MAX_INDEXED_BODY_CHARS)} late`));
    assert.ok(text.body.startsWith('early '));
    assert.equal(text.body.length, MAX_INDEXED_BODY_CHARS);
    assert.equal(text.subject, 'Long');
    assert.match(text.people, /bob@example\.org/);
  });
});

describe('embedded mailbox search', () => {
  let dataDir: string;
  let store: EmbeddedStore;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'pushbridge-search-'));
    store = EmbeddedStore.open(dataDir);
  });
  afterEach(async () => {
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const inboxId = async (): Promise<string> => {
    const inbox = findDefaultFolder((await store.hierarchy.listFolders(USER)).folders, 2);
    assert.ok(inbox !== undefined);
    return inbox.id;
  };
  const total = async (words: string[]): Promise<number> => (await store.mail.search(USER, { folderIds: [await inboxId()], words, limit: 5 })).total;

  it('matches word prefixes, ignores accents and finds addresses as phrases', async () => {
    const inbox = await inboxId();
    await store.mail.createItem(USER, inbox, { mime: mime('Meeting at the Café', 'Agenda attached', 'Dora <dora.dunn@example.net>') });
    await store.mail.createItem(USER, inbox, { mime: mime('Other', 'nothing') });
    assert.equal(await total(['meet']), 1);
    assert.equal(await total(['cafe']), 1);
    assert.equal(await total(['CAFÉ', 'agenda']), 1);
    assert.equal(await total(['dora.dunn@example.net']), 1);
    assert.equal(await total(['dora.dunn@example.org']), 0);
    assert.equal(await total(['eeting']), 0, 'a prefix, not any substring');
    assert.equal(await total(['agenda', '-']), 1, 'a word without a token is skipped');
    assert.equal(await total(['@']), 0, 'only untokenisable words match nothing');
  });

  const backlog = (): number => {
    const db = new Database(store.mailboxFile(USER), { readonly: true });
    try {
      return (db.prepare('SELECT count(*) AS n FROM mail_search_backlog').get() as { n: number }).n;
    } finally {
      db.close();
    }
  };

  it('indexes written messages in a background pass, not on the write path', async () => {
    const inbox = await inboxId();
    for (let n = 0; n < 60; n += 1) await store.mail.createItem(USER, inbox, { mime: mime(`Batch ${n}`, `pass message item${n}`) });
    assert.equal(backlog(), 60, 'an append only queues its message');
    await store.mail.indexingSettled();
    assert.equal(backlog(), 0);
    assert.equal(await total(['pass']), 60);
    assert.equal(await total(['item59']), 1);
  });

  it('finds every message written before it, ahead of their background pass', async () => {
    const inbox = await inboxId();
    for (let n = 0; n < 40; n += 1) await store.mail.createItem(USER, inbox, { mime: mime(`Fresh ${n}`, 'just delivered') });
    assert.equal(backlog(), 40);
    assert.equal(await total(['delivered']), 40);
    assert.equal(backlog(), 0);
  });

  it('indexes what is queued before closing, as a CLI import does', async () => {
    const inbox = await inboxId();
    for (let n = 0; n < 3; n += 1) await store.mail.createItem(USER, inbox, { mime: mime(`Import ${n}`, 'imported') });
    await store.close();
    assert.equal(backlog(), 0);
    store = EmbeddedStore.open(dataDir);
    assert.equal(await total(['imported']), 3);
  });

  it('indexes messages stored before the search schema existed', async () => {
    const inbox = await inboxId();
    for (let n = 0; n < 30; n += 1) await store.mail.createItem(USER, inbox, { mime: mime(`Old ${n}`, `legacy message number${n}`) });
    await store.close();
    // Back to schema version 1, as a mailbox written by an older Pushbridge would be.
    const db = new Database(store.mailboxFile(USER));
    db.exec(`DROP TRIGGER mail_search_queue_insert; DROP TRIGGER mail_search_queue_update; DROP TRIGGER mail_search_forget;
             DROP TABLE mail_search; DROP TABLE mail_search_backlog;`);
    db.pragma('user_version = 1');
    db.close();

    store = EmbeddedStore.open(dataDir);
    await store.mail.createItem(USER, inbox, { mime: mime('New', 'fresh legacy') });
    assert.equal(await total(['legacy']), 31);
    assert.equal(await total(['number17']), 1);
    const check = new Database(store.mailboxFile(USER), { readonly: true });
    assert.equal((check.prepare('SELECT count(*) AS n FROM mail_search_backlog').get() as { n: number }).n, 0);
    check.close();
  });
});
