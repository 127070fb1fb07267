// What a Sync answers when the store fails, and how a write survives a lost state commit, on the
// real engine, embedded store and SQLite state store:
//   - a transient failure (another writer holds the mailbox locked) is collection Status 16 and a
//     full store Status 9 (MS-ASCMD 2.2.3.177.17), with the key kept and nothing committed, and the
//     retry goes through;
//   - the crash window (ARCHITECTURE.md "SyncKey and retries"): a client Add that reached the store
//     while its state commit was lost (the process died in between) is not duplicated when the
//     client retries, for every class (notes, contacts, calendar, tasks, 16.x mail drafts); a
//     Change retried the same way is no conflict.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { createGetItemEstimateCommand } from '../../src/commands/get-item-estimate.js';
import type { CommandContext } from '../../src/commands/registry.js';
import { QuotaExceededError, StoreUnavailableError } from '../../src/domain/errors.js';
import { EasStatusError } from '../../src/eas/status.js';
import { FolderType } from '../../src/domain/folder.js';
import type { StateStore } from '../../src/domain/state-store.js';
import type { MailboxStores } from '../../src/domain/stores.js';
import { element, type WbxmlElement } from '../../src/eas/wbxml-body.js';
import type { ClientCommand } from '../../src/sync/sync-request.js';
import {
  ENGINE_USER, collectionRequest, engineDevice, keyOf, noteAppData, openEngineFixture, responsesOf, serverCommands, statusOf, type EngineFixture,
} from './sync-engine-kit.js';

/** Failures a test arms: the next call of `method` on any item store throws `error` once. */
class Faults {
  armed: { method: string; error: Error } | undefined;
  dropNextCommit = false;

  stores(real: MailboxStores): MailboxStores {
    const wrap = <T extends object>(store: T): T => new Proxy(store, {
      get: (target, name, receiver) => {
        const value = Reflect.get(target, name, receiver) as unknown;
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          if (this.armed?.method === name) {
            const { error } = this.armed;
            this.armed = undefined;
            return Promise.reject(error);
          }
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
    return { ...real, hierarchy: real.hierarchy, changes: real.changes, mail: wrap(real.mail), calendar: wrap(real.calendar), contacts: wrap(real.contacts), tasks: wrap(real.tasks), notes: wrap(real.notes) };
  }

  state(real: StateStore): Pick<StateStore, 'collections' | 'hierarchy' | 'values'> {
    const collections = new Proxy(real.collections, {
      get: (target, name, receiver) => {
        const value = Reflect.get(target, name, receiver) as unknown;
        if (name !== 'commit' || typeof value !== 'function') return typeof value === 'function' ? value.bind(target) : value;
        return (...args: unknown[]) => {
          if (this.dropNextCommit) {
            this.dropNextCommit = false;
            return Promise.reject(new Error('process killed before the state commit'));
          }
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
    return { collections, hierarchy: real.hierarchy, values: real.values };
  }
}

interface ClassCase {
  readonly name: string;
  readonly folderType: FolderType;
  readonly version?: '14.1' | '16.1';
  readonly data: (title: string) => WbxmlElement;
}

const CASES: readonly ClassCase[] = [
  { name: 'notes', folderType: FolderType.Notes, data: (t) => noteAppData(t) },
  { name: 'contacts', folderType: FolderType.Contacts, data: (t) => element('AirSync:ApplicationData', [element('Contacts:FirstName', t), element('Contacts:LastName', 'Crash')]) },
  { name: 'tasks', folderType: FolderType.Tasks, data: (t) => element('AirSync:ApplicationData', [element('Tasks:Complete', '0'), element('Tasks:Subject', t)]) },
  {
    name: 'calendar', folderType: FolderType.Calendar, data: (t) => element('AirSync:ApplicationData', [
      element('Calendar:DtStamp', '20261120T090000Z'), element('Calendar:StartTime', '20261201T100000Z'),
      element('Calendar:Subject', t), element('Calendar:EndTime', '20261201T110000Z'),
    ]),
  },
  {
    name: 'mail drafts', folderType: FolderType.Drafts, data: (t) => element('AirSync:ApplicationData', [
      element('Email:To', 'bob@example.org'), element('Email:Subject', t),
      element('AirSyncBase:Body', [element('AirSyncBase:Type', '1'), element('AirSyncBase:Data', `Body of ${t}`)]),
    ]),
  },
];

describe('Sync when the store fails or the state commit is lost', () => {
  const faults = new Faults();
  let fx: EngineFixture;
  before(async () => {
    fx = await openEngineFixture({ wrapStores: (s) => faults.stores(s), wrapState: (s) => faults.state(s) });
  });
  after(() => fx.close());

  async function start(name: string, type: FolderType) {
    const device = engineDevice(name);
    const folder = await fx.folder(type);
    const collectionId = await fx.collection(device, folder.id);
    const key = keyOf((await fx.engine.syncCollection(device, collectionRequest(collectionId, '0'))).element);
    const drained = await fx.engine.syncCollection(device, collectionRequest(collectionId, key, { windowSize: 512 }));
    return { device, folder, collectionId, key: drained.reported ? keyOf(drained.element) : key };
  }

  const countIn = async (folderId: string, store: keyof Pick<MailboxStores, 'notes' | 'contacts' | 'tasks' | 'calendar' | 'mail'>) =>
    (await fx.stores[store].listItems(ENGINE_USER, folderId)).items.length;

  it('a transient store failure is 16 with the key kept; the retry goes through', async () => {
    const { device, collectionId, key } = await start('retry16', FolderType.Notes);
    faults.armed = { method: 'changesSince', error: new StoreUnavailableError('backend not answering') };
    const failed = await fx.engine.syncCollection(device, collectionRequest(collectionId, key));
    assert.deepEqual([failed.status, statusOf(failed.element), keyOf(failed.element)], [16, 16, key]);
    assert.equal(await fx.engine.currentKey(device, collectionId), key);
    const retried = await fx.engine.syncCollection(device, collectionRequest(collectionId, key));
    assert.equal(retried.status, 1);
  });

  it('a full store is 9; the Add succeeds once space is freed, as one item', async () => {
    const { device, folder, collectionId, key } = await start('quota9', FolderType.Notes);
    const before = await countIn(folder.id, 'notes');
    const request = collectionRequest(collectionId, key, { commands: [{ kind: 'add', clientId: 'q1', appData: noteAppData('over quota') }] });
    faults.armed = { method: 'createItem', error: new QuotaExceededError('mailbox over quota') };
    const failed = await fx.engine.syncCollection(device, request);
    assert.deepEqual([failed.status, keyOf(failed.element)], [9, key]);
    const retried = await fx.engine.syncCollection(device, request);
    assert.deepEqual(responsesOf(retried.element).map((r) => [r.name, r.status]), [['Add', 1]]);
    assert.equal(await countIn(folder.id, 'notes'), before + 1);
  });

  it('another process holding the mailbox write lock is 16 (the real SQLITE_BUSY, after the 5 s busy timeout)', async () => {
    const { device, collectionId, key } = await start('busy16', FolderType.Notes);
    const blocker = new Database(fx.stores.mailboxFile(ENGINE_USER));
    blocker.pragma('busy_timeout = 0');
    blocker.prepare('BEGIN IMMEDIATE').run();
    try {
      const request = collectionRequest(collectionId, key, { commands: [{ kind: 'add', clientId: 'b1', appData: noteAppData('blocked') }] });
      const failed = await fx.engine.syncCollection(device, request);
      assert.deepEqual([failed.status, keyOf(failed.element)], [16, key]);
    } finally {
      blocker.prepare('ROLLBACK').run();
      blocker.close();
    }
  });

  for (const c of CASES) {
    it(`${c.name}: an Add whose state commit was lost is not duplicated by the client's retry`, async () => {
      const { device, folder, collectionId, key } = await start(`crash${c.name.replace(/\W/g, '')}`, c.folderType);
      const store = ({ [FolderType.Notes]: 'notes', [FolderType.Contacts]: 'contacts', [FolderType.Tasks]: 'tasks', [FolderType.Calendar]: 'calendar', [FolderType.Drafts]: 'mail' } as const)[c.folderType as 3 | 7 | 8 | 9 | 10];
      const before = await countIn(folder.id, store);
      const commands: ClientCommand[] = [{ kind: 'add', clientId: 'k1', appData: c.data(`Crash ${c.name}`) }, { kind: 'add', clientId: 'k2', appData: c.data(`Crash ${c.name} 2`) }];
      const request = collectionRequest(collectionId, key, { commands });
      faults.dropNextCommit = true;
      await assert.rejects(fx.engine.syncCollection(device, request), /process killed/);
      assert.equal(await countIn(folder.id, store), before + 2, 'the writes reached the store');
      assert.equal(await fx.engine.currentKey(device, collectionId), key, 'the state did not move');
      const retried = await fx.engine.syncCollection(device, request);
      assert.deepEqual(responsesOf(retried.element).map((r) => [r.name, r.clientId, r.status]), [['Add', 'k1', 1], ['Add', 'k2', 1]]);
      assert.equal(await countIn(folder.id, store), before + 2, 'no duplicate');
      assert.deepEqual(serverCommands(retried.element), [], 'no echo of the device its own items');
    });
  }

  it('a Change whose state commit was lost is no conflict when retried', async () => {
    const { device, collectionId, key } = await start('crashchange', FolderType.Notes);
    const added = await fx.engine.syncCollection(device, collectionRequest(collectionId, key, { commands: [{ kind: 'add', clientId: 'ch', appData: noteAppData('before') }] }));
    const serverId = responsesOf(added.element)[0]?.serverId ?? '';
    const change = collectionRequest(collectionId, keyOf(added.element), { commands: [{ kind: 'change', serverId, appData: noteAppData('after') }] });
    faults.dropNextCommit = true;
    await assert.rejects(fx.engine.syncCollection(device, change), /process killed/);
    const retried = await fx.engine.syncCollection(device, change);
    assert.deepEqual(responsesOf(retried.element), []);
    assert.deepEqual(serverCommands(retried.element), []);
  });

  it('GetItemEstimate on a briefly unavailable store is the common 111 (retry later), not a 500', async () => {
    const { device, collectionId, key } = await start('estimate111', FolderType.Notes);
    const command = createGetItemEstimateCommand(fx.engine);
    const body = element('GetItemEstimate:GetItemEstimate', element('GetItemEstimate:Collections', element('GetItemEstimate:Collection', [
      element('AirSync:SyncKey', key), element('GetItemEstimate:CollectionId', collectionId),
    ])));
    const ctx = { user: { username: ENGINE_USER }, deviceId: device.deviceId, protocolVersion: device.protocolVersion } as unknown as CommandContext;
    faults.armed = { method: 'changesSince', error: new StoreUnavailableError('backend not answering') };
    await assert.rejects(command.handle(ctx, { kind: 'wbxml', root: body }), (error: unknown) => error instanceof EasStatusError && error.status === 111);
    const answered = await command.handle(ctx, { kind: 'wbxml', root: body });
    assert.equal(answered.kind, 'wbxml');
  });
});
