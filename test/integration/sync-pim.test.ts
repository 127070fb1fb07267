// Sync of contacts, tasks and calendar events over real HTTP between two devices of one user on
// 2.5 (contacts and calendar), 14.1 and 16.1: device A adds, changes and deletes; device B sees each step with the content
// the converters produce; a conflict is won by the server.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { element, firstChild, textContent, type WbxmlElement } from '../../src/eas/wbxml-body.js';
import { startFolderApp, type FolderApp } from '../helpers/folder-http-kit.js';
import { SyncDevice, folderOfType } from './sync-kit.js';

interface ClassCase {
  readonly name: string;
  readonly folderType: number;
  readonly field: string;
  readonly data: (title: string) => WbxmlElement[];
}

const CASES: readonly ClassCase[] = [
  {
    name: 'contacts',
    folderType: 9,
    field: 'Contacts:FirstName',
    data: (title) => [element('Contacts:Email1Address', 'ada@example.org'), element('Contacts:FirstName', title), element('Contacts:LastName', 'Lovelace')],
  },
  {
    name: 'tasks',
    folderType: 7,
    field: 'Tasks:Subject',
    data: (title) => [element('Tasks:Complete', '0'), element('Tasks:Subject', title)],
  },
  {
    name: 'calendar',
    folderType: 8,
    field: 'Calendar:Subject',
    data: (title) => [
      element('Calendar:DtStamp', '20261120T090000Z'),
      element('Calendar:StartTime', '20261201T100000Z'),
      element('Calendar:Subject', title),
      element('Calendar:EndTime', '20261201T110000Z'),
    ],
  },
];

const fieldOf = (data: WbxmlElement | undefined, field: string): string | undefined => {
  const el = data === undefined ? undefined : firstChild(data, field);
  return el === undefined ? undefined : textContent(el);
};

describe('Sync of contacts, tasks and calendar over HTTP', () => {
  let fx: FolderApp;
  before(async () => {
    fx = await startFolderApp();
  });
  after(() => fx.close());

  for (const version of ['2.5', '14.1', '16.1'] as const) {
    // Tasks sync from 12.0 on; 2.5 devices sync contacts and calendar only (MS-ASTASK version table).
    for (const c of CASES.filter((entry) => version !== '2.5' || entry.name !== 'tasks')) {
      const tag = `${c.name}${version.replace('.', '')}`;
      it(`${version} ${c.name}: A adds, changes and deletes, B follows, and the server wins a conflict`, async () => {
        const clientA = fx.device(`PimA${tag}`, version);
        const clientB = fx.device(`PimB${tag}`, version);
        const a = new SyncDevice(clientA, await folderOfType(clientA, c.folderType));
        const b = new SyncDevice(clientB, await folderOfType(clientB, c.folderType));
        await a.initial();
        await b.initial();
        const added = await a.sync({ ops: [{ add: 'p1', data: c.data(`First ${tag}`) }] });
        assert.deepEqual(added.responses.map((r) => [r.kind, r.status]), [['Add', 1]]);
        const onA = added.responses[0]?.serverId ?? '';
        const seen = await b.sync();
        assert.deepEqual(seen.added.map((item) => fieldOf(item.data, c.field)), [`First ${tag}`]);
        const onB = seen.added[0]?.serverId ?? '';

        await a.sync({ ops: [{ change: onA, data: c.data(`Second ${tag}`) }] });
        const changed = await b.sync();
        assert.deepEqual(changed.changed.map((item) => [item.serverId, fieldOf(item.data, c.field)]), [[onB, `Second ${tag}`]]);

        await a.sync({ ops: [{ change: onA, data: c.data(`Third ${tag}`) }] });
        const conflict = await b.sync({ ops: [{ change: onB, data: c.data(`Lost ${tag}`) }] });
        assert.deepEqual(conflict.responses.map((r) => [r.kind, r.status]), [['Change', 7]]);
        assert.deepEqual(conflict.changed.map((item) => fieldOf(item.data, c.field)), [`Third ${tag}`]);

        await a.sync({ ops: [{ delete: onA }] });
        const deleted = await b.sync();
        assert.deepEqual(deleted.deleted, [onB]);
      });
    }
  }
});
