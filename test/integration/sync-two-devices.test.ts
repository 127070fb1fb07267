// Two devices of one user over real HTTP, for every class (mail, calendar, contacts, tasks, notes)
// at 14.1 and 16.1 (and 2.5 for contacts and calendar), each pair once as iOS Mail and once as
// the Android client (DeviceType, User-Agent, provisioning as src/client/device-profiles.ts has
// them): A adds, changes and deletes and B sees each step with its content; a conflict goes to the
// server both ways (Status 7 and the winner's version in the same reply); nothing echoes back.
// Mail "adds" are 16.x drafts in Drafts, or on 14.1 a delivered message; mail "changes" are a
// draft's Subject on 16.1 and Categories on 14.1 (MS-ASEMAIL: a 14.x client changes flags only).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { EasClient } from '../../src/client/index.js';
import type { ProtocolVersion } from '../../src/eas/protocol-version.js';
import { element, firstChild, textContent, type WbxmlElement } from '../../src/eas/wbxml-body.js';
import { ALICE, startFolderApp, type FolderApp } from '../helpers/folder-http-kit.js';
import { SyncDevice, familyDevice, folderOfType, type ClientFamily, type CollectionReply } from './sync-kit.js';

interface ClassCase {
  readonly name: string;
  readonly versions: readonly ProtocolVersion[];
  readonly folderType: (version: ProtocolVersion) => number;
  /** The element B reads back, and what A writes to set it. */
  readonly field: (version: ProtocolVersion) => string;
  readonly data: (value: string, version: ProtocolVersion) => WbxmlElement[];
  readonly options?: WbxmlElement[];
  /** A server-side add instead of a client Add (mail before 16.0). */
  readonly deliver?: (fx: FolderApp, value: string) => Promise<void>;
}

const PLAIN = [element('AirSyncBase:BodyPreference', [element('AirSyncBase:Type', '1'), element('AirSyncBase:TruncationSize', '4096')])];
const categories = (value: string) => [element('Email:Categories', element('Email:Category', value))];

const CASES: readonly ClassCase[] = [
  {
    name: 'contacts', versions: ['2.5', '14.1', '16.1'], folderType: () => 9, field: () => 'Contacts:FirstName',
    data: (v) => [element('Contacts:Email1Address', 'ada@example.org'), element('Contacts:FirstName', v), element('Contacts:LastName', 'Lovelace')],
  },
  {
    name: 'calendar', versions: ['2.5', '14.1', '16.1'], folderType: () => 8, field: () => 'Calendar:Subject',
    data: (v) => [
      element('Calendar:DtStamp', '20261120T090000Z'), element('Calendar:StartTime', '20261201T100000Z'),
      element('Calendar:Subject', v), element('Calendar:EndTime', '20261201T110000Z'),
    ],
  },
  { name: 'tasks', versions: ['14.1', '16.1'], folderType: () => 7, field: () => 'Tasks:Subject', data: (v) => [element('Tasks:Complete', '0'), element('Tasks:Subject', v)] },
  {
    name: 'notes', versions: ['14.1', '16.1'], folderType: () => 10, field: () => 'Notes:Subject',
    data: (v) => [element('AirSyncBase:Body', [element('AirSyncBase:Type', '1'), element('AirSyncBase:Data', `Body ${v}`)]), element('Notes:Subject', v)],
  },
  {
    name: 'mail', versions: ['14.1', '16.1'], folderType: (v) => (v === '16.1' ? 3 : 2), options: PLAIN,
    field: (v) => (v === '16.1' ? 'Email:Subject' : 'Email:Categories/Email:Category'),
    data: (value, v) => (v === '16.1'
      ? [element('Email:To', 'bob@example.org'), element('Email:Subject', value), element('AirSyncBase:Body', [element('AirSyncBase:Type', '1'), element('AirSyncBase:Data', `Draft ${value}`)])]
      : categories(value)),
    deliver: async (fx, value) => {
      const inbox = (await fx.app.mailboxes.hierarchy.listFolders(ALICE.user)).folders.find((f) => f.type === 2);
      const mime = `From: Bob <bob@example.org>\r\nTo: ${ALICE.user}\r\nSubject: ${value}\r\nMessage-ID: <${value.replace(/\W/g, '')}@example.org>\r\n\r\nHello\r\n`;
      await fx.app.mailboxes.mail.createItem(ALICE.user, inbox?.id ?? '', { mime: new TextEncoder().encode(mime) });
    },
  },
];

/** Reads a field by a path of qualified names ("Email:Categories/Email:Category"). */
const read = (data: WbxmlElement | undefined, field: string): string | undefined => {
  let el = data;
  for (const name of field.split('/')) el = el === undefined ? undefined : firstChild(el, name);
  return el === undefined ? undefined : textContent(el);
};

async function pair(fx: FolderApp, family: ClientFamily, tag: string, c: ClassCase, version: ProtocolVersion): Promise<[SyncDevice, SyncDevice]> {
  const devices: SyncDevice[] = [];
  for (const side of ['A', 'B']) {
    const client: EasClient = familyDevice(fx, family, `${family}${side}${tag}`, version);
    const device = new SyncDevice(client, await folderOfType(client, c.folderType(version)));
    await device.sync({ syncKey: '0', ...(c.options === undefined ? {} : { options: c.options }) });
    await device.drain();
    devices.push(device);
  }
  return [devices[0] as SyncDevice, devices[1] as SyncDevice];
}

describe('two devices of one user, every class, iOS and Android', () => {
  let fx: FolderApp;
  before(async () => {
    fx = await startFolderApp();
  });
  after(() => fx.close());

  for (const family of ['iPhone', 'Android'] as const) {
    for (const c of CASES) {
      for (const version of c.versions) {
        const tag = `${c.name}${version.replace('.', '')}`;
        it(`${family} ${version} ${c.name}: A adds, changes, deletes; B follows; conflicts go to the server both ways`, async () => {
          const [a, b] = await pair(fx, family, tag, c, version);
          const field = c.field(version);
          const sync = (d: SyncDevice, ops: Parameters<SyncDevice['sync']>[0] = {}): Promise<CollectionReply> => d.sync({ ...ops, ...(c.options === undefined ? {} : { options: c.options }) });
          const value = (n: number): string => `${family} ${tag} v${n}`;

          let onA: string;
          if (c.deliver !== undefined && version !== '16.1') {
            await c.deliver(fx, value(1));
            onA = (await sync(a)).added[0]?.serverId ?? '';
            await a.sync({ ops: [{ change: onA, data: c.data(value(1), version) }], options: c.options ?? [] });
          } else {
            const added = await sync(a, { ops: [{ add: 'c1', data: c.data(value(1), version) }] });
            assert.deepEqual(added.responses.map((r) => [r.kind, r.status]), [['Add', 1]]);
            onA = added.responses[0]?.serverId ?? '';
          }
          const seen = await sync(b);
          assert.deepEqual(seen.added.map((item) => read(item.data, field)), [value(1)]);
          const onB = seen.added[0]?.serverId ?? '';

          await sync(a, { ops: [{ change: onA, data: c.data(value(2), version) }] });
          const changed = await sync(b);
          assert.deepEqual(changed.changed.map((item) => [item.serverId, read(item.data, field)]), [[onB, value(2)]]);

          await sync(a, { ops: [{ change: onA, data: c.data(value(3), version) }] });
          const bLoses = await sync(b, { ops: [{ change: onB, data: c.data(value(4), version) }] });
          assert.deepEqual(bLoses.responses.map((r) => [r.kind, r.status]), [['Change', 7]]);
          assert.deepEqual(bLoses.changed.map((item) => read(item.data, field)), [value(3)]);

          await sync(b, { ops: [{ change: onB, data: c.data(value(5), version) }] });
          const aLoses = await sync(a, { ops: [{ change: onA, data: c.data(value(6), version) }] });
          assert.deepEqual(aLoses.responses.map((r) => [r.kind, r.status]), [['Change', 7]]);
          assert.deepEqual(aLoses.changed.map((item) => read(item.data, field)), [value(5)]);
          const quiet = await sync(b);
          assert.deepEqual([quiet.added.length, quiet.changed.length, quiet.deleted.length], [0, 0, 0], 'no echo to B of its own winning change');

          await sync(a, { ops: [{ delete: onA }] });
          const deleted = await sync(b);
          assert.deepEqual(deleted.deleted, [onB]);
        });
      }
    }
  }
});
