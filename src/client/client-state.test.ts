import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cloneClientState, createClientState, parseClientState } from './client-state.js';

test('a fresh state starts unprovisioned with FolderSync key 0', () => {
  assert.deepEqual(createClientState(), { folderSyncKey: '0', syncKeys: {} });
});

test('a state survives JSON and clones do not share sync keys', () => {
  const state = { policyKey: '1234', folderSyncKey: '7', syncKeys: { inbox: '9' } };
  assert.deepEqual(parseClientState(JSON.parse(JSON.stringify(state))), state);
  const copy = cloneClientState(state);
  copy.syncKeys.inbox = '10';
  assert.equal(state.syncKeys.inbox, '9');
});

test('malformed saved states are refused with the field named', () => {
  assert.throws(() => parseClientState(null), /object/);
  assert.throws(() => parseClientState({ folderSyncKey: 1, syncKeys: {} }), /folderSyncKey/);
  assert.throws(() => parseClientState({ folderSyncKey: '0', syncKeys: [] }), /syncKeys/);
  assert.throws(() => parseClientState({ folderSyncKey: '0', syncKeys: { a: 1 } }), /syncKeys\.a/);
  assert.throws(() => parseClientState({ policyKey: 5, folderSyncKey: '0', syncKeys: {} }), /policyKey/);
});
