// Reading Ping requests: either part may be left out, duplicates collapse, and a body the command
// cannot act on (wrong root, no part at all, a heartbeat that is not a number, a Folder without
// Id or with one over 64 characters, an empty Folders) is a PingRequestError (Status 4).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { element, type WbxmlElement } from '../../eas/wbxml-body.js';
import { PingRequestError, readPingRequest } from './ping-request.js';

const folder = (id: string | undefined, className = 'Email'): WbxmlElement =>
  element('Ping:Folder', [...(id === undefined ? [] : [element('Ping:Id', id)]), element('Ping:Class', className)]);

describe('readPingRequest', () => {
  it('reads HeartbeatInterval and Folders, in either order, without duplicate folders', () => {
    const root = element('Ping:Ping', [
      element('Ping:Folders', [folder('5'), folder('7', 'Contacts'), folder('5')]),
      element('Ping:HeartbeatInterval', ' 480 '),
    ]);
    assert.deepEqual(readPingRequest(root), {
      heartbeatInterval: 480,
      folders: [{ id: '5', className: 'Email' }, { id: '7', className: 'Contacts' }],
    });
  });

  it('either part alone is a partial request', () => {
    assert.deepEqual(readPingRequest(element('Ping:Ping', element('Ping:HeartbeatInterval', '60'))), { heartbeatInterval: 60 });
    assert.deepEqual(readPingRequest(element('Ping:Ping', element('Ping:Folders', folder('1')))), { folders: [{ id: '1', className: 'Email' }] });
  });

  it('refuses what the command cannot act on', () => {
    const bad: WbxmlElement[] = [
      element('AirSync:Sync'),
      element('Ping:Ping'),
      element('Ping:Ping', element('Ping:HeartbeatInterval', 'soon')),
      element('Ping:Ping', element('Ping:HeartbeatInterval', '-5')),
      element('Ping:Ping', element('Ping:Folders')),
      element('Ping:Ping', element('Ping:Folders', folder(undefined))),
      element('Ping:Ping', element('Ping:Folders', folder(''))),
      element('Ping:Ping', element('Ping:Folders', folder('x'.repeat(65)))),
    ];
    for (const root of bad) assert.throws(() => readPingRequest(root), PingRequestError);
  });
});
