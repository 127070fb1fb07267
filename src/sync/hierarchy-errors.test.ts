import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  ChangeTokenExpiredError,
  FolderNameExistsError,
  FolderNotFoundError,
  InvalidFolderMoveError,
  InvalidInputError,
  ParentFolderNotFoundError,
  SpecialFolderError,
} from '../domain/errors.js';
import { StateStoreError } from '../domain/state-store.js';
import { hierarchyStatusFor } from './hierarchy-errors.js';

describe('hierarchyStatusFor', () => {
  it('maps the store errors of each command to MS-ASCMD 2.2.3.177.3-6', () => {
    assert.equal(hierarchyStatusFor('FolderCreate', new FolderNameExistsError('Work')), 2);
    assert.equal(hierarchyStatusFor('FolderUpdate', new FolderNameExistsError('Work')), 2);
    assert.equal(hierarchyStatusFor('FolderCreate', new SpecialFolderError('ri', 19)), 3);
    assert.equal(hierarchyStatusFor('FolderCreate', new ParentFolderNotFoundError('p')), 5);
    assert.equal(hierarchyStatusFor('FolderCreate', new FolderNotFoundError('p')), 5);
    assert.equal(hierarchyStatusFor('FolderUpdate', new FolderNotFoundError('f')), 4);
    assert.equal(hierarchyStatusFor('FolderDelete', new FolderNotFoundError('f')), 4);
    assert.equal(hierarchyStatusFor('FolderUpdate', new ParentFolderNotFoundError('p')), 5);
  });

  it('says 2 for a special folder in FolderUpdate except the Recipient Information Cache (3), and 3 in FolderDelete', () => {
    assert.equal(hierarchyStatusFor('FolderUpdate', new SpecialFolderError('inbox', 2)), 2);
    assert.equal(hierarchyStatusFor('FolderUpdate', new SpecialFolderError('ri', 19)), 3);
    assert.equal(hierarchyStatusFor('FolderDelete', new SpecialFolderError('inbox', 2)), 3);
    assert.equal(hierarchyStatusFor('FolderDelete', new SpecialFolderError('ri', 19)), 3);
  });

  it('treats a move into the own subtree and refused input as semantic errors (10)', () => {
    assert.equal(hierarchyStatusFor('FolderUpdate', new InvalidFolderMoveError('a', 'b')), 10);
    assert.equal(hierarchyStatusFor('FolderCreate', new InvalidInputError('empty name')), 10);
  });

  it('answers 11 for a store error no hierarchy command expects', () => {
    assert.equal(hierarchyStatusFor('FolderSync', new ChangeTokenExpiredError('t')), 11);
  });

  it('answers 9 when the key stopped naming a kept state, 6 for other state-store failures', () => {
    assert.equal(hierarchyStatusFor('FolderSync', new StateStoreError('stale-key', 'gone')), 9);
    assert.equal(hierarchyStatusFor('FolderCreate', new StateStoreError('unknown-device', 'removed')), 9);
    assert.equal(hierarchyStatusFor('FolderSync', new StateStoreError('folder-conflict', 'bad')), 6);
    assert.equal(hierarchyStatusFor('FolderSync', new StateStoreError('schema', 'newer')), 6);
  });

  it('leaves unexpected errors to the caller', () => {
    assert.equal(hierarchyStatusFor('FolderSync', new Error('disk on fire')), undefined);
    assert.equal(hierarchyStatusFor('FolderDelete', 'not even an error'), undefined);
  });
});
