import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildMeetingResponse, type MeetingResponseRequest } from '../../client/meeting-commands.js';
import type { ProtocolVersion } from '../../eas/protocol-version.js';
import { EasStatusError } from '../../eas/status.js';
import { element } from '../../eas/wbxml-body.js';
import { MAX_MEETING_REQUESTS, readMeetingResponseRequest } from './meeting-response-request.js';

const read = (requests: MeetingResponseRequest[], version: ProtocolVersion = '16.1') => readMeetingResponseRequest(buildMeetingResponse(requests), version);

describe('readMeetingResponseRequest', () => {
  it('reads CollectionId + RequestId, LongId, InstanceId and the 16.x SendResponse body', () => {
    const [a, b] = read([
      { userResponse: 1, collectionId: '3', requestId: '3:7', instanceId: '2026-12-16T09:00:00.000Z', sendResponse: { body: 'See you' } },
      { userResponse: 3, longId: 'inbox%2F1/abc', sendResponse: {} },
    ]);
    assert.deepEqual(a, {
      requestId: '3:7', instanceId: '2026-12-16T09:00:00.000Z', status: 1,
      answer: { userResponse: 1, locator: { kind: 'collection', collectionId: '3', requestId: '3:7' }, instance: new Date(Date.UTC(2026, 11, 16, 9)), sendResponse: { text: 'See you' } },
    });
    assert.deepEqual(b, { status: 1, answer: { userResponse: 3, locator: { kind: 'long-id', longId: 'inbox%2F1/abc' }, sendResponse: {} } });
  });

  it('ignores SendResponse before 16.0, where the client sends its own reply', () => {
    const [a] = read([{ userResponse: 2, collectionId: '3', requestId: '3:7', sendResponse: {} }], '14.1');
    assert.equal(a?.answer?.sendResponse, undefined);
  });

  it('refuses each bad Request with its own status', () => {
    const statuses = read([
      { userResponse: 4 as 1, collectionId: '3', requestId: '3:1' },
      { userResponse: 1, collectionId: '3' },
      { userResponse: 1, longId: 'x/y', collectionId: '3', requestId: '3:1' },
      { userResponse: 1, collectionId: '3', requestId: '3:1', instanceId: '12-16-2026T09:00:00.000Z' },
      { userResponse: 1, collectionId: '3', requestId: '3:1', instanceId: '2026-02-30T09:00:00.000Z' },
      { userResponse: 1, collectionId: '3', requestId: '3:1', instanceId: '' },
    ]).map((r) => r.status);
    assert.deepEqual(statuses, [2, 2, 2, 104, 104, 2]);
    // InstanceId is not defined before 14.1 (MS-ASCMD 2.2.3.92.1).
    assert.equal(read([{ userResponse: 1, collectionId: '3', requestId: '3:1', instanceId: '2026-12-16T09:00:00.000Z' }], '14.0')[0]?.status, 2);
  });

  it('answers 103 for every Request past the limit, and refuses a body that is no MeetingResponse', () => {
    const many = Array.from({ length: MAX_MEETING_REQUESTS + 1 }, (_, i) => ({ userResponse: 1 as const, collectionId: '3', requestId: `3:${i}` }));
    const results = read(many);
    assert.equal(results.length, MAX_MEETING_REQUESTS + 1);
    assert.ok(results.every((r) => r.status === 103 && r.answer === undefined));
    assert.equal(results[5]?.requestId, '3:5');
    assert.throws(() => readMeetingResponseRequest(element('MeetingResponse:MeetingResponse'), '16.1'), (e: unknown) => e instanceof EasStatusError && e.status === 103);
    assert.throws(() => readMeetingResponseRequest(element('Settings:Settings'), '16.1'), EasStatusError);
    assert.throws(() => readMeetingResponseRequest(undefined, '16.1'), EasStatusError);
  });
});
