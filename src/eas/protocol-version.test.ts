// Protocol versions: parsing header values, ordering, and the base64 line's version byte.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EAS_COMMANDS, EAS_COMMAND_NAMES, commandByCode, commandByName, commandExistsIn } from './commands.js';
import {
  PROTOCOL_VERSIONS,
  compareVersions,
  parseProtocolVersion,
  sortVersions,
  versionAtLeast,
  versionFromByte,
  versionToByte,
} from './protocol-version.js';

describe('protocol versions', () => {
  it('parses exactly the seven MS-ASHTTP versions', () => {
    for (const v of PROTOCOL_VERSIONS) assert.equal(parseProtocolVersion(v), v);
    assert.equal(parseProtocolVersion(' 14.1 '), '14.1');
    for (const bad of ['1.0', '2.0', '14', '14.00', '16.2', '', 'abc']) assert.equal(parseProtocolVersion(bad), undefined);
  });

  it('orders versions numerically, not as strings', () => {
    assert.ok(compareVersions('2.5', '12.0') < 0);
    assert.ok(compareVersions('16.1', '14.1') > 0);
    assert.equal(compareVersions('12.1', '12.1'), 0);
    assert.ok(versionAtLeast('14.0', '14.0') && !versionAtLeast('12.1', '14.0'));
    assert.deepEqual(sortVersions(['16.1', '2.5', '14.0', '2.5', '12.1']), ['2.5', '12.1', '14.0', '16.1']);
  });

  it('maps versions to the base64 byte (version × 10) and back', () => {
    assert.deepEqual(PROTOCOL_VERSIONS.map(versionToByte), [25, 120, 121, 140, 141, 160, 161]);
    for (const v of PROTOCOL_VERSIONS) assert.equal(versionFromByte(versionToByte(v)), v);
    assert.equal(versionFromByte(0x8d), '14.1');
    assert.equal(versionFromByte(10), undefined);
  });
});

describe('command table', () => {
  it('has the MS-ASHTTP command codes', () => {
    const codes = Object.fromEntries(EAS_COMMAND_NAMES.map((n) => [n, EAS_COMMANDS[n].code]));
    assert.deepEqual(codes, {
      Sync: 0, SendMail: 1, SmartForward: 2, SmartReply: 3, GetAttachment: 4, FolderSync: 9, FolderCreate: 10,
      FolderDelete: 11, FolderUpdate: 12, MoveItems: 13, GetItemEstimate: 14, MeetingResponse: 15, Search: 16,
      Settings: 17, Ping: 18, ItemOperations: 19, Provision: 20, ResolveRecipients: 21, ValidateCert: 22, Find: 23,
    });
    for (const code of [5, 6, 7, 8, 24, 255]) assert.equal(commandByCode(code), undefined);
    assert.equal(commandByName('itemoperations'), 'ItemOperations');
  });

  it('knows which versions define each command (MS-ASCMD)', () => {
    assert.ok(commandExistsIn('GetAttachment', '12.1') && !commandExistsIn('GetAttachment', '14.0'));
    assert.ok(!commandExistsIn('Settings', '2.5') && commandExistsIn('Settings', '12.0'));
    assert.ok(!commandExistsIn('ItemOperations', '2.5') && commandExistsIn('ItemOperations', '12.0'));
    assert.ok(!commandExistsIn('Find', '16.0') && commandExistsIn('Find', '16.1'));
    assert.ok(commandExistsIn('Sync', '2.5') && commandExistsIn('Sync', '16.1'));
  });
});
