// The common status catalogue (MS-ASCMD 2.2.2), the error mapping and how a status reaches the
// wire for each protocol version.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WbxmlError, decodeWbxml, qualifiedName, textContent } from '../wbxml/index.js';
import { COMMON_STATUSES, EAS_STATUS, EasStatusError, commonStatus, statusAnswer, toEasStatusError } from './status.js';
import { encodeEasBody } from './wbxml-body.js';

describe('common status catalogue', () => {
  it('covers 101-177 except the unassigned 157-159, in order, with names and meanings', () => {
    const codes = COMMON_STATUSES.map((s) => s.code);
    const expected = Array.from({ length: 77 }, (_, i) => 101 + i).filter((c) => c < 157 || c > 159);
    assert.deepEqual(codes, expected);
    for (const status of COMMON_STATUSES) {
      assert.match(status.name, /^[A-Za-z_]+$/);
      assert.ok(status.meaning.length > 10, `${status.code} has a meaning`);
      assert.ok(status.legacyHttpStatus >= 400 && status.legacyHttpStatus < 600);
    }
  });

  it('has the spec names at the codes clients act on', () => {
    assert.equal(EAS_STATUS.InvalidWBXML, 102);
    assert.equal(EAS_STATUS.InvalidXML, 103);
    assert.equal(EAS_STATUS.ServerError, 110);
    assert.equal(EAS_STATUS.CommandNotSupported, 137);
    assert.equal(EAS_STATUS.VersionNotSupported, 138);
    assert.equal(EAS_STATUS.DeviceNotProvisioned, 142);
    assert.equal(EAS_STATUS.InvalidPolicyKey, 144);
    assert.equal(EAS_STATUS.DeviceInformationRequired, 165);
    assert.equal(EAS_STATUS.MaximumDevicesReached, 177);
    assert.equal(commonStatus(158), undefined);
  });

  it('gives provisioning statuses 449 for versions before 14.0', () => {
    for (const code of [140, 142, 143, 144]) assert.equal(commonStatus(code)?.legacyHttpStatus, 449);
  });
});

describe('mapping errors to statuses', () => {
  it('keeps status errors and turns decoder errors into InvalidWBXML', () => {
    const own = new EasStatusError(144);
    assert.equal(toEasStatusError(own), own);
    assert.equal(own.message, '144 InvalidPolicyKey');
    const decoded = toEasStatusError(new WbxmlError('truncated', 'ends early'));
    assert.equal(decoded?.status, 102);
    assert.ok(decoded?.cause instanceof WbxmlError);
  });

  it('treats our own unencodable trees and any other error as unexpected', () => {
    assert.equal(toEasStatusError(new WbxmlError('unencodable', 'bad tag')), undefined);
    assert.equal(toEasStatusError(new TypeError('boom')), undefined);
    assert.equal(toEasStatusError('a string'), undefined);
  });
});

describe('putting a status on the wire', () => {
  it('answers 14.0+ with <Command><Status> in the command namespace', () => {
    const answer = statusAnswer(new EasStatusError(102), 'FolderSync', '14.1');
    assert.equal(answer.kind, 'wbxml');
    if (answer.kind !== 'wbxml') return;
    const root = decodeWbxml(encodeEasBody(answer.root));
    assert.equal(qualifiedName(root), 'FolderHierarchy:FolderSync');
    const status = root.children[0];
    assert.ok(typeof status === 'object' && !(status instanceof Uint8Array));
    assert.equal(qualifiedName(status), 'FolderHierarchy:Status');
    assert.equal(textContent(status), '102');
  });

  it('answers older versions with the HTTP status the common code replaced', () => {
    assert.deepEqual(statusAnswer(new EasStatusError(142), 'Sync', '12.1'), { kind: 'http', httpStatus: 449 });
    assert.deepEqual(statusAnswer(new EasStatusError(137), 'Search', '2.5'), { kind: 'http', httpStatus: 501 });
    assert.deepEqual(statusAnswer(new EasStatusError(102), 'Sync', '12.0'), { kind: 'http', httpStatus: 400 });
  });

  it('sends command-specific statuses as WBXML in every version', () => {
    const answer = statusAnswer(new EasStatusError(9), 'FolderSync', '2.5');
    assert.equal(answer.kind, 'wbxml');
  });

  it('honours a forced HTTP status and commands without a WBXML body', () => {
    assert.deepEqual(statusAnswer(new EasStatusError(142, { httpStatus: 449 }), 'Sync', '16.1'), { kind: 'http', httpStatus: 449 });
    assert.deepEqual(statusAnswer(new EasStatusError(150), 'GetAttachment', '12.1'), { kind: 'http', httpStatus: 400 });
  });
});
