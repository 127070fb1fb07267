// The Search handler over a real embedded store and SQLite state store: a mailbox search answered
// without a FolderSync (no CollectionId in the results then), and failures of the mail store
// answered with Search or Store statuses rather than an HTTP 500.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import pino from 'pino';
import { EmbeddedStore } from '../../backends/embedded/embedded-store.js';
import { FolderNotFoundError } from '../../domain/errors.js';
import type { MailStore } from '../../domain/mail-store.js';
import { childElements, element, firstChild, textContent, type WbxmlElement } from '../../eas/wbxml-body.js';
import { openStateStore } from '../../state/open-state-store.js';
import type { CommandDeps } from '../command-deps.js';
import type { CommandContext } from '../registry.js';
import { createSearchCommand } from './search-command.js';

const USER = 'searcher@example.org';

let dir: string;
let deps: CommandDeps;
let mailboxes: EmbeddedStore;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pushbridge-search-command-'));
  mailboxes = EmbeddedStore.open(dir);
  deps = { state: await openStateStore({ kind: 'sqlite', dataDir: dir }), stores: mailboxes, clock: Date.now };
  const inbox = (await mailboxes.hierarchy.listFolders(USER)).folders.find((f) => f.type === 2);
  assert.ok(inbox !== undefined);
  const mime = Buffer.from(`From: a@example.org\r\nTo: ${USER}\r\nSubject: Harbour plan\r\n\r\nMeet at the harbour.\r\n`);
  await mailboxes.mail.createItem(USER, inbox.id, { mime });
});
after(async () => {
  await deps.state.close();
  await mailboxes.close();
  rmSync(dir, { recursive: true, force: true });
});

const context: CommandContext = {
  requestId: 'req-1',
  command: 'Search',
  user: { username: USER },
  deviceId: 'searchunit',
  deviceType: 'iPhone',
  protocolVersion: '14.1',
  params: {},
  log: pino({ level: 'silent' }),
  signal: new AbortController().signal,
};

const searchFor = (words: string): WbxmlElement => element('Search:Search', element('Search:Store', [
  element('Search:Name', 'Mailbox'), element('Search:Query', element('Search:And', element('Search:FreeText', words))),
]));

async function run(mail: MailStore = mailboxes.mail): Promise<WbxmlElement> {
  const result = await createSearchCommand({ ...deps, stores: { ...mailboxes, mail } })
    .handle(context, { kind: 'wbxml', root: searchFor('harbour') });
  assert.equal(result.kind, 'wbxml');
  return (result as { root: WbxmlElement }).root;
}

const statuses = (root: WbxmlElement): [string, string | undefined] => {
  const store = firstChild(root, 'Search:Response');
  const storeStatus = store === undefined ? undefined : firstChild(firstChild(store, 'Search:Store') as WbxmlElement, 'Search:Status');
  return [textContent(firstChild(root, 'Search:Status') as WbxmlElement), storeStatus === undefined ? undefined : textContent(storeStatus)];
};

/** The embedded mail store with search replaced by a failure. */
function failingSearch(error: Error): MailStore {
  return Object.assign(Object.create(mailboxes.mail) as MailStore, { search: () => Promise.reject(error) });
}

describe('Search handler', () => {
  it('answers a mailbox search from a device that never ran FolderSync, without CollectionIds', async () => {
    const root = await run();
    assert.deepEqual(statuses(root), ['1', '1']);
    const store = firstChild(firstChild(root, 'Search:Response') as WbxmlElement, 'Search:Store') as WbxmlElement;
    const [result] = childElements(store, 'Search:Result');
    assert.ok(result !== undefined);
    assert.equal(firstChild(result, 'AirSync:CollectionId'), undefined);
    assert.ok(firstChild(result, 'Search:LongId') !== undefined);
    assert.equal(textContent(firstChild(store, 'Search:Total') as WbxmlElement), '1');
  });

  it('answers a store failure with Search Status 3 and a vanished folder with Store Status 11', async () => {
    assert.deepEqual(statuses(await run(failingSearch(new Error('disk gone')))), ['3', undefined]);
    assert.deepEqual(statuses(await run(failingSearch(new FolderNotFoundError('gone')))), ['1', '11']);
  });
});
