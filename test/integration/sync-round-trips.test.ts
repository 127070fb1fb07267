// Content that must come back identical on the other device, over real HTTP: a weekly event in
// Europe/Berlin across the end of summer time with one occurrence moved and one deleted (iOS to
// Android and back, at 14.1 and 16.1, and 2.5), and a contact with a photo (which an iOS edit with
// an empty Picture must not delete, CLIENT-QUIRKS §1).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { encodeEventElements, type EasEvent } from '../../src/content/calendar/index.js';
import { easTimeZoneForIana } from '../../src/content/timezone/index.js';
import { versionAtLeast, type ProtocolVersion } from '../../src/eas/protocol-version.js';
import { element, firstChild, textContent } from '../../src/eas/wbxml-body.js';
import { startFolderApp, type FolderApp } from '../helpers/folder-http-kit.js';
import { SyncDevice, familyDevice, folderOfType } from './sync-kit.js';

const at = (iso: string): Date => new Date(iso);

function weeklyBerlin(version: ProtocolVersion): EasEvent {
  return {
    timeZone: easTimeZoneForIana('Europe/Berlin', 2026),
    allDay: false,
    // Thursdays 10:00 Berlin: 08:00Z in summer time, 09:00Z after 25 October.
    start: at('2026-10-15T08:00:00Z'), end: at('2026-10-15T09:00:00Z'),
    subject: `Weekly ${version}`, uid: `weekly-${version.replace('.', '')}@example.org`, dtStamp: at('2026-10-01T12:00:00Z'),
    busyStatus: 2, meetingStatus: 0,
    // FirstDayOfWeek exists from 14.1 (MS-ASCAL 2.2.2.19); devices send it, the server fills Monday in.
    recurrence: { type: 1, interval: 1, dayOfWeek: 16, occurrences: 8, ...(versionAtLeast(version, '14.1') ? { firstDayOfWeek: 1 } : {}) },
    exceptions: [
      { deleted: false, originalStart: at('2026-10-22T08:00:00Z'), start: at('2026-10-22T12:00:00Z'), end: at('2026-10-22T13:00:00Z'), subject: 'Moved to the afternoon' },
      { deleted: true, originalStart: at('2026-11-05T09:00:00Z') },
    ],
  };
}

const bodyOptions = (version: ProtocolVersion) => (versionAtLeast(version, '12.0') ? [element('AirSyncBase:BodyPreference', element('AirSyncBase:Type', '1'))] : undefined);

describe('content that round-trips between two devices', () => {
  let fx: FolderApp;
  before(async () => {
    fx = await startFolderApp();
  });
  after(() => fx.close());

  async function pair(type: number, version: ProtocolVersion, tag: string): Promise<[SyncDevice, SyncDevice]> {
    const out: SyncDevice[] = [];
    for (const [family, side] of [['iPhone', 'A'], ['Android', 'B']] as const) {
      const client = familyDevice(fx, family, `Round${side}${tag}`, version);
      const device = new SyncDevice(client, await folderOfType(client, type));
      const options = bodyOptions(version);
      await device.sync({ syncKey: '0', ...(options === undefined ? {} : { options }) });
      await device.drain();
      out.push(device);
    }
    return [out[0] as SyncDevice, out[1] as SyncDevice];
  }

  for (const version of ['2.5', '14.1', '16.1'] as const) {
    it(`${version}: a weekly Berlin event with a moved and a deleted occurrence reaches the other device as sent`, async () => {
      const [a, b] = await pair(8, version, `cal${version.replace('.', '')}`);
      const options = bodyOptions(version);
      const sent = encodeEventElements(weeklyBerlin(version), { protocolVersion: version, bodyPreferences: [{ type: 1 }] });
      const added = await a.sync({ ops: [{ add: 'weekly', data: sent }], ...(options === undefined ? {} : { options }) });
      assert.deepEqual(added.responses.map((r) => [r.kind, r.status]), [['Add', 1]]);
      const seen = await b.sync(options === undefined ? {} : { options });
      assert.equal(seen.added.length, 1);
      assert.deepEqual(seen.added[0]?.data?.children, sent);
      const echo = await a.sync(options === undefined ? {} : { options });
      assert.deepEqual([echo.added.length, echo.changed.length], [0, 0]);
    });
  }

  it('a contact with a photo arrives with the same photo, and an iOS edit with an empty Picture keeps it', async () => {
    const [a, b] = await pair(9, '16.1', 'photo');
    // A 1x1 PNG, as base64 (MS-ASCNTC 2.2.2.58).
    const photo = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
    const card = (first: string, picture: string) => [element('Contacts:FirstName', first), element('Contacts:LastName', 'Photo'), element('Contacts:Picture', picture)];
    const added = await a.sync({ ops: [{ add: 'p1', data: card('Grace', photo) }] });
    const onA = added.responses[0]?.serverId ?? '';
    const seen = await b.sync();
    const picture = (data: typeof seen.added[number]['data']) => textContent(firstChild(data ?? element('AirSync:ApplicationData'), 'Contacts:Picture') ?? element('Contacts:Picture'));
    assert.equal(picture(seen.added[0]?.data), photo);
    await a.sync({ ops: [{ change: onA, data: card('Grace B.', '') }] });
    const changed = await b.sync();
    assert.equal(picture(changed.changed[0]?.data), photo);
  });
});
