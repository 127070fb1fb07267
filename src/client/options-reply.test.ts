import { test } from 'node:test';
import assert from 'node:assert/strict';
import { highestCommonVersion, readOptionsReply } from './options-reply.js';

test('a well-formed OPTIONS reply has no problems', () => {
  const reply = readOptionsReply(200, new Headers({
    'MS-ASProtocolVersions': '2.5,12.0,12.1,14.0,14.1,16.0,16.1', 'MS-ASProtocolCommands': 'Sync,FolderSync', 'MS-Server-ActiveSync': '16.1',
  }));
  assert.deepEqual(reply.problems, []);
  assert.equal(reply.versions.length, 7);
  assert.deepEqual(reply.commands, ['Sync', 'FolderSync']);
  assert.equal(reply.serverVersion, '16.1');
});

test('spaces in the version list, unknown versions and missing headers are reported', () => {
  const spaced = readOptionsReply(200, new Headers({ 'MS-ASProtocolVersions': '14.0, 14.1, 99.9', 'MS-ASProtocolCommands': '' }));
  assert.deepEqual(spaced.versions, ['14.0', '14.1']);
  assert.deepEqual(spaced.unknownVersions, ['99.9']);
  assert.equal(spaced.problems.length, 1);
  assert.match(spaced.problems[0] ?? '', /spaces/);
  assert.deepEqual(spaced.commands, []);
  const bare = readOptionsReply(401, new Headers());
  assert.equal(bare.problems.length, 3);
  assert.equal(bare.versionsHeader, undefined);
  assert.equal(bare.commandsHeader, undefined);
});

test('an empty MS-ASProtocolCommands header is present with no commands, not missing', () => {
  const reply = readOptionsReply(200, new Headers({ 'MS-ASProtocolVersions': '14.1', 'MS-ASProtocolCommands': '' }));
  assert.deepEqual(reply.problems, []);
  assert.equal(reply.commandsHeader, '');
});

test('highestCommonVersion picks the newest version not above the client maximum', () => {
  assert.equal(highestCommonVersion(['2.5', '12.1', '14.1', '16.1'], '14.1'), '14.1');
  assert.equal(highestCommonVersion(['16.1', '12.0', '14.0'], '14.1'), '14.0');
  assert.equal(highestCommonVersion(['16.0', '16.1'], '14.1'), undefined);
});
