// The multipart answer: its byte layout (count, then offset/length pairs as 32-bit little-endian,
// offsets from the start), Data moved out of Properties and out of a fetched Body into parts with
// Part references left behind, and our client's reader taking it apart again.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readItemOperationsReply, readMultipart } from '../../client/item-commands.js';
import { childElements, decodeEasBody, element, firstChild, textContent, type WbxmlElement } from '../../eas/wbxml-body.js';
import { assembleMultipart, encodeMultipartAnswer, splitParts } from './multipart.js';

const textOf = (el: WbxmlElement | undefined): string | undefined => (el === undefined ? undefined : textContent(el));

const answer = element('ItemOperations:ItemOperations', [
  element('ItemOperations:Status', '1'),
  element('ItemOperations:Response', [
    element('ItemOperations:Fetch', [
      element('ItemOperations:Status', '1'),
      element('AirSyncBase:FileReference', 'f/i:0'),
      element('ItemOperations:Properties', [element('AirSyncBase:ContentType', 'image/png'), element('ItemOperations:Data', new Uint8Array([9, 8, 7]))]),
    ]),
    element('ItemOperations:Fetch', [
      element('ItemOperations:Status', '1'),
      element('AirSync:ServerId', '5:1'),
      element('ItemOperations:Properties', [
        element('Email:Subject', 'Hello'),
        element('AirSyncBase:Body', [element('AirSyncBase:Type', '2'), element('AirSyncBase:Data', '<p>hé</p>')]),
      ]),
    ]),
  ]),
]);

describe('multipart ItemOperations answers', () => {
  it('lays parts out as count, offset/length pairs and data, little-endian', () => {
    const out = assembleMultipart([new Uint8Array([1, 2]), new Uint8Array([3])]);
    assert.deepEqual([...out], [2, 0, 0, 0, 20, 0, 0, 0, 2, 0, 0, 0, 22, 0, 0, 0, 1, 0, 0, 0, 1, 2, 3]);
  });

  it('moves attachment and body data into parts and leaves Part references behind', () => {
    const { root, parts } = splitParts(answer);
    assert.deepEqual(parts.map((p) => Buffer.from(p).toString('utf8')), ['\u0009\u0008\u0007', '<p>hé</p>']);
    const [first, second] = childElements(firstChild(root, 'ItemOperations:Response') ?? root, 'ItemOperations:Fetch');
    const attachment = first === undefined ? undefined : firstChild(first, 'ItemOperations:Properties');
    assert.ok(attachment !== undefined);
    assert.equal(textOf(firstChild(attachment, 'ItemOperations:Part')), '1');
    assert.equal(firstChild(attachment, 'ItemOperations:Data'), undefined);
    const properties = second === undefined ? undefined : firstChild(second, 'ItemOperations:Properties');
    const body = properties === undefined ? undefined : firstChild(properties, 'AirSyncBase:Body');
    assert.ok(body !== undefined);
    assert.equal(textOf(firstChild(body, 'ItemOperations:Part')), '2');
    assert.equal(firstChild(body, 'AirSyncBase:Data'), undefined);
  });

  it('is read back by our client: part 0 is the WBXML, Parts resolve to the bytes', () => {
    const raw = encodeMultipartAnswer(answer);
    const parts = readMultipart(raw);
    assert.equal(parts.length, 3);
    const reply = readItemOperationsReply(decodeEasBody(parts[0] ?? new Uint8Array(0)), parts);
    assert.deepEqual([...(reply.fetches[0]?.data ?? [])], [9, 8, 7]);
    assert.equal(Buffer.from(reply.fetches[1]?.body ?? []).toString('utf8'), '<p>hé</p>');
  });

  it('our client refuses a structure whose parts do not fit', () => {
    assert.throws(() => readMultipart(new Uint8Array([1, 0])), /shorter/);
    assert.throws(() => readMultipart(new Uint8Array([5, 0, 0, 0, 12, 0, 0, 0])), /do not fit/);
    assert.throws(() => readMultipart(new Uint8Array([1, 0, 0, 0, 12, 0, 0, 0, 9, 0, 0, 0])), /past the end/);
  });
});
