// Request bodies: every decoder complaint becomes status 102, a wrong top-level element 103, and
// responses start with the 03 01 6A 00 header clients check (CLIENT-QUIRKS §6.2).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EasStatusError } from './status.js';
import { decodeEasBody, element, encodeEasBody, qualifiedName, textContent } from './wbxml-body.js';

const folderSync = encodeEasBody(element('FolderHierarchy:FolderSync', [element('FolderHierarchy:SyncKey', '0')]));

function statusOf(run: () => unknown): number | undefined {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof EasStatusError, `expected EasStatusError, got ${String(error)}`);
    return error.status;
  }
  return undefined;
}

describe('WBXML request bodies', () => {
  it('encodes with the WBXML 1.3 / UTF-8 header and decodes back', () => {
    assert.deepEqual([...folderSync.subarray(0, 4)], [0x03, 0x01, 0x6a, 0x00]);
    const root = decodeEasBody(folderSync, {}, 'FolderHierarchy:FolderSync');
    assert.equal(qualifiedName(root), 'FolderHierarchy:FolderSync');
    const key = root.children[0];
    assert.ok(typeof key === 'object' && !(key instanceof Uint8Array));
    assert.equal(textContent(key), '0');
  });

  it('answers undecodable bodies with InvalidWBXML (102)', () => {
    assert.equal(statusOf(() => decodeEasBody(folderSync.subarray(0, folderSync.length - 2))), 102);
    assert.equal(statusOf(() => decodeEasBody(new Uint8Array([0x3c, 0x3f, 0x78, 0x6d, 0x6c]))), 102);
    assert.equal(statusOf(() => decodeEasBody(new Uint8Array([0x03, 0x01, 0x6a, 0x00, 0x00, 0x63, 0x7f]))), 102);
  });

  it('answers a body over the limits with InvalidWBXML too', () => {
    assert.equal(statusOf(() => decodeEasBody(folderSync, { maxBytes: 5 })), 102);
  });

  it('answers a well-formed body for another command with InvalidXML (103)', () => {
    assert.equal(statusOf(() => decodeEasBody(folderSync, {}, 'AirSync:Sync')), 103);
  });
});
