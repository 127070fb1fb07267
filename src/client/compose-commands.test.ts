// Our client's compose requests: the 14.x WBXML body in schema order with opaque MIME (checked
// through a real encode/decode), the pre-14.0 raw message/rfc822 with its request-line
// parameters, and how replies are read (empty 200 = sent, a Status or HTTP status otherwise).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeWbxml, encodeWbxml, qualifiedName, type WbxmlElement } from '../wbxml/index.js';
import type { EasCommandName } from '../eas/commands.js';
import type { ProtocolVersion } from '../eas/protocol-version.js';
import { createClientState } from './client-state.js';
import type { CommandChannel, EasResponse, SendOptions } from './client-types.js';
import { EasClientError } from './client-errors.js';
import { buildComposeRequest, buildMeetingForward, forwardMeeting, sendMail, smartReply } from './compose-commands.js';

interface Sent {
  command: EasCommandName;
  body: WbxmlElement | Uint8Array | undefined;
  options: SendOptions | undefined;
}

function channel(version: ProtocolVersion, reply: Partial<EasResponse>, sent: Sent[]): CommandChannel {
  return {
    protocolVersion: version,
    deviceInformation: {},
    mutableState: createClientState(),
    async send(command, body, options) {
      sent.push({ command, body, options });
      return { status: 200, headers: new Headers(), raw: new Uint8Array(0), durationMs: 1, ...reply };
    },
  };
}

describe('compose requests', () => {
  it('builds SmartReply in the request schema order with opaque MIME', () => {
    const root = decodeWbxml(encodeWbxml(buildComposeRequest('SmartReply', 'To: b@x.test\r\n\r\nhi', {
      clientId: 'c1', saveInSent: true, replaceMime: true, source: { folderId: '5', itemId: '5:1', instanceId: '2026-11-23T10:00:00.000Z' },
    })));
    assert.equal(qualifiedName(root), 'ComposeMail:SmartReply');
    assert.deepEqual(root.children.map((c) => (c instanceof Uint8Array || typeof c === 'string' ? '?' : c.tag)), ['ClientId', 'Source', 'SaveInSentItems', 'ReplaceMime', 'Mime']);
    const mime = root.children.at(-1);
    assert.ok(mime !== undefined && typeof mime === 'object' && 'children' in mime && mime.children[0] instanceof Uint8Array);
  });

  it('sends 14.x as WBXML and reads an empty 200 as sent, a Status as failed', async () => {
    const sent: Sent[] = [];
    assert.deepEqual((await sendMail(channel('14.1', {}, sent), 'To: b@x.test\r\n\r\nhi')).ok, true);
    const first = sent[0]?.body;
    assert.ok(first !== undefined && !(first instanceof Uint8Array));
    assert.equal(qualifiedName(first), 'ComposeMail:SendMail');
    const failure = decodeWbxml(Uint8Array.from([0x03, 0x01, 0x6a, 0x00, 0x00, 0x15, 0x45, 0x52, 0x03, 0x31, 0x31, 0x38, 0x00, 0x01, 0x01]));
    const result = await sendMail(channel('14.1', { body: failure, raw: new Uint8Array(15) }, []), 'To: b@x.test\r\n\r\nhi');
    assert.deepEqual([result.ok, result.status], [false, 118]);
  });

  it('sends 12.1 and older as raw message/rfc822 with the Source on the request line', async () => {
    const sent: Sent[] = [];
    const result = await smartReply(channel('12.1', { status: 500 }, sent), 'To: b@x.test\r\n\r\nhi', {
      saveInSent: true, source: { folderId: '5', itemId: '5:1' },
    });
    assert.deepEqual([result.ok, result.status], [false, 500]);
    assert.ok(sent[0]?.body instanceof Uint8Array);
    assert.deepEqual(sent[0]?.options, { contentType: 'message/rfc822', params: { saveInSent: true, itemId: '5:1', collectionId: '5' } });
  });

  it('builds a 16.x meeting forward in schema order with Forwardees and no Mime, and refuses it before 16.0', async () => {
    const root = decodeWbxml(encodeWbxml(buildMeetingForward({
      clientId: 'f1', source: { folderId: '8', itemId: '8:1' }, note: 'Join us', forwardees: [{ email: 'c@x.test', name: 'C' }, { email: 'd@x.test' }],
    })));
    assert.equal(qualifiedName(root), 'ComposeMail:SmartForward');
    assert.deepEqual(root.children.map((c) => (c instanceof Uint8Array || typeof c === 'string' ? '?' : qualifiedName(c))), [
      'ComposeMail:ClientId', 'ComposeMail:Source', 'AirSyncBase:Body', 'ComposeMail:Forwardees',
    ]);
    const sent: Sent[] = [];
    assert.equal((await forwardMeeting(channel('16.1', {}, sent), { source: { itemId: '8:1' }, forwardees: [{ email: 'c@x.test' }] })).ok, true);
    assert.equal(sent[0]?.command, 'SmartForward');
    await assert.rejects(forwardMeeting(channel('14.1', {}, []), { source: { itemId: '8:1' }, forwardees: [{ email: 'c@x.test' }] }), EasClientError);
  });
});

