// Both request shapes of SendMail/SmartReply/SmartForward: the 14.0+ WBXML with opaque or inline
// Mime, flags and Source, and the 2.5-12.1 raw message/rfc822 with the request line's parameters;
// malformed requests get 101/103/105.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EasStatusError } from '../../eas/status.js';
import { element } from '../../eas/wbxml-body.js';
import { readComposeRequest } from './compose-request.js';

const MIME = 'To: bob@example.org\r\nSubject: hi\r\n\r\nHello\r\n';
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const decode = (data: Uint8Array): string => new TextDecoder().decode(data);

function status(run: () => unknown): number {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof EasStatusError, String(error));
    return error.status;
  }
  return assert.fail('expected an EasStatusError');
}

describe('readComposeRequest', () => {
  it('reads a 14.x SendMail with opaque Mime, ClientId and SaveInSentItems', () => {
    const root = element('ComposeMail:SendMail', [
      element('ComposeMail:ClientId', 'c-1'), element('ComposeMail:SaveInSentItems'), element('ComposeMail:Mime', utf8(MIME)),
    ]);
    const request = readComposeRequest('SendMail', { kind: 'wbxml', root }, {});
    assert.deepEqual({ ...request, mime: decode(request.mime) }, { command: 'SendMail', mime: MIME, saveInSent: true, replaceMime: false, clientId: 'c-1' });
  });

  it('reads inline-string Mime and a SmartReply Source with ReplaceMime', () => {
    const root = element('ComposeMail:SmartReply', [
      element('ComposeMail:ClientId', 'c-2'),
      element('ComposeMail:Source', [element('ComposeMail:FolderId', '5'), element('ComposeMail:ItemId', '5:12'), element('ComposeMail:InstanceId', '2026-11-23T10:00:00.000Z')]),
      element('ComposeMail:ReplaceMime'),
      element('ComposeMail:Mime', MIME),
    ]);
    const request = readComposeRequest('SmartReply', { kind: 'wbxml', root }, {});
    assert.equal(decode(request.mime), MIME);
    assert.equal(request.replaceMime, true);
    assert.equal(request.saveInSent, false);
    assert.deepEqual(request.source, { folderId: '5', itemId: '5:12', instanceId: '2026-11-23T10:00:00.000Z' });
  });

  it('reads the 2.5-12.1 raw body with SaveInSent and the Source on the request line', () => {
    const raw = { kind: 'raw' as const, contentType: 'message/rfc822', bytes: utf8(MIME) };
    const send = readComposeRequest('SendMail', raw, { saveInSent: true });
    assert.deepEqual({ ...send, mime: decode(send.mime) }, { command: 'SendMail', mime: MIME, saveInSent: true, replaceMime: false });
    const forward = readComposeRequest('SmartForward', raw, { collectionId: '7', itemId: '7:1', occurrence: '2026-11-23T10:00:00.000Z' });
    assert.deepEqual(forward.source, { folderId: '7', itemId: '7:1', instanceId: '2026-11-23T10:00:00.000Z' });
    assert.equal(forward.saveInSent, false);
  });

  it('answers malformed requests with 101, 103 or 105', () => {
    assert.equal(status(() => readComposeRequest('SendMail', { kind: 'empty' }, {})), 101);
    assert.equal(status(() => readComposeRequest('SendMail', { kind: 'wbxml', root: element('ComposeMail:SendMail') }, {})), 103);
    const noMime = element('ComposeMail:SendMail', element('ComposeMail:ClientId', 'x'));
    assert.equal(status(() => readComposeRequest('SendMail', { kind: 'wbxml', root: noMime }, {})), 103);
    const noSource = element('ComposeMail:SmartForward', [element('ComposeMail:ClientId', 'x'), element('ComposeMail:Mime', MIME)]);
    assert.equal(status(() => readComposeRequest('SmartForward', { kind: 'wbxml', root: noSource }, {})), 103);
    const both = element('ComposeMail:SmartReply', [
      element('ComposeMail:Source', [element('ComposeMail:ItemId', '5:1'), element('ComposeMail:LongId', 'a/b')]), element('ComposeMail:Mime', MIME),
    ]);
    assert.equal(status(() => readComposeRequest('SmartReply', { kind: 'wbxml', root: both }, {})), 105);
    const raw = { kind: 'raw' as const, contentType: 'message/rfc822', bytes: utf8(MIME) };
    assert.equal(status(() => readComposeRequest('SmartReply', raw, {})), 103);
    const longId = element('ComposeMail:SendMail', [element('ComposeMail:ClientId', 'x'.repeat(129)), element('ComposeMail:Mime', MIME)]);
    assert.equal(status(() => readComposeRequest('SendMail', { kind: 'wbxml', root: longId }, {})), 103);
  });

  it('reads a 16.x meeting forward: Source, Forwardees and a Body, no Mime', () => {
    const root = element('ComposeMail:SmartForward', [
      element('ComposeMail:ClientId', 'fw-1'),
      element('ComposeMail:Source', [element('ComposeMail:FolderId', '8'), element('ComposeMail:ItemId', '8:3')]),
      element('AirSyncBase:Body', [element('AirSyncBase:Type', '2'), element('AirSyncBase:Data', '<p>Join us</p>')]),
      element('ComposeMail:Forwardees', [
        element('ComposeMail:Forwardee', [element('ComposeMail:ForwardeeName', 'Carol'), element('ComposeMail:ForwardeeEmail', 'carol@example.org')]),
        element('ComposeMail:Forwardee', element('ComposeMail:ForwardeeEmail', ' dave@example.org ')),
      ]),
    ]);
    const request = readComposeRequest('SmartForward', { kind: 'wbxml', root }, {});
    assert.deepEqual({ ...request, mime: request.mime.length }, {
      command: 'SmartForward', mime: 0, saveInSent: false, replaceMime: false, clientId: 'fw-1', source: { folderId: '8', itemId: '8:3' },
      meetingForward: {
        forwardees: [{ email: 'carol@example.org', name: 'Carol' }, { email: 'dave@example.org' }],
        body: { html: true, data: '<p>Join us</p>' },
      },
    });
  });

  it('answers 103 for Forwardees with Mime, SaveInSentItems or ReplaceMime, an empty list, or a Forwardee without an address', () => {
    const source = element('ComposeMail:Source', element('ComposeMail:ItemId', '8:3'));
    const carol = element('ComposeMail:Forwardees', element('ComposeMail:Forwardee', element('ComposeMail:ForwardeeEmail', 'carol@example.org')));
    const forward = (...extra: ReturnType<typeof element>[]): number => status(() => readComposeRequest('SmartForward', {
      kind: 'wbxml', root: element('ComposeMail:SmartForward', [element('ComposeMail:ClientId', 'x'), source, ...extra]),
    }, {}));
    assert.equal(forward(element('ComposeMail:Mime', MIME), carol), 103);
    assert.equal(forward(element('ComposeMail:SaveInSentItems'), carol), 103);
    assert.equal(forward(element('ComposeMail:ReplaceMime'), carol), 103);
    assert.equal(forward(element('ComposeMail:Forwardees')), 103);
    assert.equal(forward(element('AirSyncBase:Body', element('AirSyncBase:Data', 'note'))), 103);
    assert.equal(forward(element('ComposeMail:Forwardees', element('ComposeMail:Forwardee', element('ComposeMail:ForwardeeName', 'Carol')))), 103);
    assert.equal(forward(element('ComposeMail:Forwardees', element('ComposeMail:Forwardee', element('ComposeMail:ForwardeeEmail', 'no-at-sign')))), 103);
  });
});
