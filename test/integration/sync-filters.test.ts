// FilterType over real HTTP and on the engine with a moving clock (MS-ASCMD 2.2.3.68.2): a
// calendar keeps events that end inside the window, and a series that began long ago while it
// still recurs; a FilterType that changes re-judges what the device holds (SoftDelete); FilterType
// 8 keeps only incomplete tasks and takes a task away once it is completed elsewhere; mail that
// ages out of its window leaves as a SoftDelete once the window is re-checked.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { FolderType } from '../../src/domain/folder.js';
import { element, firstChild, textContent, type WbxmlElement } from '../../src/eas/wbxml-body.js';
import { FILTER_SWEEP_MS } from '../../src/sync/filter-type.js';
import { ALICE, startFolderApp, type FolderApp } from '../helpers/folder-http-kit.js';
import { ENGINE_USER, collectionRequest, engineDevice, keyOf, openEngineFixture, serverCommands } from './sync-engine-kit.js';
import { SyncDevice, familyDevice, folderOfType } from './sync-kit.js';

const DAY = 86_400_000;
const basic = (ms: number): string => new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

function event(uid: string, summary: string, startMs: number, extra: string[] = []): string {
  return [
    'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN', 'BEGIN:VEVENT', `UID:${uid}`, `DTSTAMP:${basic(startMs)}`,
    `DTSTART:${basic(startMs)}`, `DTEND:${basic(startMs + 3_600_000)}`, `SUMMARY:${summary}`, ...extra, 'END:VEVENT', 'END:VCALENDAR', '',
  ].join('\r\n');
}

function todo(uid: string, summary: string, done: boolean): string {
  return [
    'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN', 'BEGIN:VTODO', `UID:${uid}`, 'DTSTAMP:20260101T000000Z', `SUMMARY:${summary}`,
    ...(done ? ['STATUS:COMPLETED', 'COMPLETED:20260102T000000Z'] : ['STATUS:NEEDS-ACTION']), 'END:VTODO', 'END:VCALENDAR', '',
  ].join('\r\n');
}

const field = (data: WbxmlElement | undefined, name: string): string | undefined => {
  const el = data === undefined ? undefined : firstChild(data, name);
  return el === undefined ? undefined : textContent(el);
};
const filter = (type: number) => [element('AirSync:FilterType', String(type))];

describe('FilterType', () => {
  let fx: FolderApp;
  before(async () => {
    fx = await startFolderApp();
  });
  after(() => fx.close());

  const folderId = async (type: number) => (await fx.app.mailboxes.hierarchy.listFolders(ALICE.user)).folders.find((f) => f.type === type)?.id ?? '';

  it('calendar 4 (two weeks): recent, future and still-recurring events go out; older ones stay off; widening brings them, narrowing soft-deletes', async () => {
    const calendar = await folderId(8);
    const now = Date.now();
    const put = (uid: string, summary: string, start: number, extra: string[] = []) =>
      fx.app.mailboxes.calendar.createItem(ALICE.user, calendar, { icalendar: event(uid, summary, start, extra) });
    await put('old', 'Two months ago', now - 60 * DAY);
    await put('recent', 'Yesterday', now - DAY);
    await put('future', 'Next year', now + 365 * DAY);
    await put('weekly', 'Weekly since last year', now - 400 * DAY, ['RRULE:FREQ=WEEKLY']);
    await put('ended', 'Weekly, ended', now - 400 * DAY, [`RRULE:FREQ=WEEKLY;UNTIL=${basic(now - 90 * DAY)}`]);

    const client = familyDevice(fx, 'iPhone', 'CalFilter', '16.1');
    const d = new SyncDevice(client, await folderOfType(client, 8));
    await d.sync({ syncKey: '0', options: filter(4) });
    const seen = await d.sync({ options: filter(4) });
    assert.deepEqual(seen.added.map((e) => field(e.data, 'Calendar:Subject')).sort(), ['Next year', 'Weekly since last year', 'Yesterday']);

    const widened = await d.sync({ options: filter(0) });
    assert.deepEqual(widened.added.map((e) => field(e.data, 'Calendar:Subject')).sort(), ['Two months ago', 'Weekly, ended'].sort());
    const narrowed = await d.sync({ options: filter(5) });
    assert.equal(narrowed.softDeleted.length, 2);
    assert.deepEqual([narrowed.added.length, narrowed.deleted.length], [0, 0]);
  });

  it('tasks 8: only incomplete tasks go out, and one completed on another device leaves as SoftDelete', async () => {
    const tasks = await folderId(7);
    const open = await fx.app.mailboxes.tasks.createItem(ALICE.user, tasks, { icalendar: todo('t-open', 'Open task', false) });
    await fx.app.mailboxes.tasks.createItem(ALICE.user, tasks, { icalendar: todo('t-done', 'Done task', true) });
    const client = familyDevice(fx, 'Android', 'TaskFilter', '14.1');
    const d = new SyncDevice(client, await folderOfType(client, 7));
    await d.sync({ syncKey: '0', options: filter(8) });
    const seen = await d.sync({ options: filter(8) });
    assert.deepEqual(seen.added.map((t) => field(t.data, 'Tasks:Subject')), ['Open task']);
    await fx.app.mailboxes.tasks.updateItem(ALICE.user, tasks, open.id, { icalendar: todo('t-open', 'Open task', true) });
    const after = await d.sync({ options: filter(8) });
    assert.deepEqual(after.softDeleted, [seen.added[0]?.serverId]);
  });

  it('mail that ages out of a one-week window leaves as SoftDelete once the window is re-checked', async () => {
    let now = Date.parse('2026-11-23T12:00:00Z');
    const engineFx = await openEngineFixture({ clock: () => now });
    try {
      const inbox = await engineFx.folder(FolderType.Inbox);
      const mime = new TextEncoder().encode('From: bob@example.org\r\nSubject: Ageing\r\n\r\nHello\r\n');
      await engineFx.stores.mail.createItem(ENGINE_USER, inbox.id, { mime, receivedAt: new Date(now - 2 * DAY) });
      const device = engineDevice('ageing');
      const collectionId = await engineFx.collection(device, inbox.id);
      const options = { bodyPreferences: [], filterType: 3 };
      const start = await engineFx.engine.syncCollection(device, collectionRequest(collectionId, '0', { options }));
      const sent = await engineFx.engine.syncCollection(device, collectionRequest(collectionId, keyOf(start.element), { options }));
      assert.deepEqual(serverCommands(sent.element).map((c) => c.name), ['Add']);
      now += 6 * DAY + FILTER_SWEEP_MS;
      const aged = await engineFx.engine.syncCollection(device, collectionRequest(collectionId, keyOf(sent.element), { options }));
      assert.deepEqual(serverCommands(aged.element).map((c) => c.name), ['SoftDelete']);
    } finally {
      await engineFx.close();
    }
  });
});
