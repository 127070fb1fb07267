// The encoder's output paths that small documents never take: long strings written into too
// little room (grown part by part), documents that outgrow the scratch, and subtrees deeper than
// the writer recurses. Every result is checked against Buffer's own UTF-8 and a decode.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { decodeWbxml } from './decoder.js';
import { EncodeOutput, writeString } from './encoder-output.js';
import { encodeWbxml } from './encoder.js';
import { WbxmlError } from './errors.js';
import type { WbxmlElement } from './tree.js';

const el = (page: number, tag: string, ...children: WbxmlElement['children']): WbxmlElement => ({ page, tag, children });
const strI = (text: string): Buffer => Buffer.concat([Buffer.from([0x03]), Buffer.from(text, 'utf8'), Buffer.from([0x00])]);

/** An output that has spilled, with `room` bytes: every long string must grow it as it goes. */
function tightOutput(room: number): EncodeOutput {
  const buf = Buffer.alloc(room);
  const out = new EncodeOutput(buf, buf, 0, 64, el(0, 'Sync'));
  out.spilled = true;
  return out;
}

/** Any UTF-16 unit but NUL, lone surrogates included, weighted towards the UTF-8 length boundaries. */
const anyUnit = fc.oneof(
  fc.integer({ min: 1, max: 0x7f }),
  fc.constantFrom(0x80, 0x7ff, 0x800, 0xd7ff, 0xd800, 0xdbff, 0xdc00, 0xdfff, 0xe000, 0xfffd, 0xffff),
  fc.integer({ min: 0x80, max: 0xffff }),
).map((code) => String.fromCharCode(code));

describe('encoder output: short strings in JS', () => {
  it('writes any short string, lone surrogates included, exactly as Buffer does', () => {
    fc.assert(fc.property(fc.array(anyUnit, { maxLength: 64 }).map((units) => units.join('')), (text) => {
      const out = tightOutput(1);
      const end = writeString(out, 0, text);
      assert.deepEqual(out.buf.subarray(0, end), strI(text));
    }), { numRuns: 2000 });
  });
});

describe('encoder output: long strings in little room', () => {
  it('writes any long string exactly as Buffer does, growing part by part', () => {
    const longText = fc.string({ unit: 'binary', minLength: 65, maxLength: 600 }).map((t) => t.replaceAll('\0', ''))
      .filter((t) => t.length > 64);
    fc.assert(fc.property(longText, fc.integer({ min: 0, max: 200 }), (text, room) => {
      const out = tightOutput(room);
      const end = writeString(out, 0, text);
      assert.deepEqual(out.buf.subarray(0, end), strI(text));
    }), { numRuns: 500 });
  });

  it('keeps a surrogate pair whole across a growth and writes lone surrogates as U+FFFD', () => {
    const pairs = `${'a'.repeat(65)}${'😀'.repeat(50)}\uD800x\uDC00`;
    for (let room = 60; room < 80; room++) {
      const out = tightOutput(room);
      const end = writeString(out, 0, pairs);
      assert.deepEqual(out.buf.subarray(0, end), strI(pairs), `room ${room}`);
    }
  });

  it('tells a complete write from a cut one when the room is about the string\'s size', () => {
    // Node writes whole characters up to the room it is given; the encoder relies on it for
    // one-byte (Latin-1) strings, two-byte strings and pairs alike, short and long.
    const long = ['é'.repeat(500) + 'a'.repeat(500), '東a😀'.repeat(300), 'ÿ'.repeat(3000)];
    for (const text of [`${'a'.repeat(70)}é`, `${'a'.repeat(70)}東`, `${'a'.repeat(70)}😀`, `é${'a'.repeat(70)}😀\uD800`, ...long]) {
      const size = Buffer.byteLength(text);
      // STR_I, then the text, then the NUL: the text's room is the buffer less two bytes.
      for (let room = size - 40; room <= size + 6; room++) {
        const out = tightOutput(room + 2);
        const end = writeString(out, 0, text);
        assert.deepEqual(out.buf.subarray(0, end), strI(text), `room ${room} for ${size} bytes`);
      }
    }
  });

  it('refuses a NUL anywhere in a long string, in room or not', () => {
    for (const text of ['é\0', '😀a\0b', `${'a'.repeat(100)}\0`, `\0${'é'.repeat(100)}`, `${'東'.repeat(50)}\0${'a'.repeat(50)}`]) {
      for (const room of [4, 1000]) {
        assert.throws(() => writeString(tightOutput(room), 0, text), (e: unknown) => e instanceof WbxmlError && e.code === 'unencodable');
      }
    }
  });
});

describe('encoder output: documents larger than the scratch', () => {
  const body = (i: number, text: string): WbxmlElement => el(0, 'Add', el(0, 'ServerId', `5:${i}`), el(17, 'Data', text));

  it('encodes ASCII, non-ASCII and opaque bodies past 4 MiB as a decode gives them back', () => {
    const ascii = 'MIME-Version: 1.0\r\n'.repeat(40_000);
    const accented = 'Grüße aus Köln, à bientôt. '.repeat(30_000);
    const cjk = '東京の会議 😀 '.repeat(60_000);
    const opaque = new Uint8Array(700_000).fill(0x5a);
    const root = el(0, 'Sync', el(0, 'Commands', body(1, ascii), body(2, accented), body(3, cjk), el(17, 'Data', opaque), body(4, ascii)));
    const bytes = encodeWbxml(root);
    assert.ok(bytes.length > 4 * 1024 * 1024);
    assert.deepEqual(decodeWbxml(bytes), root);
    assert.equal(bytes.length, bytes.byteLength);
  });

  it('refuses a NUL in a body past the scratch, and a cyclic tree with limit', () => {
    const big = 'x'.repeat(5 * 1024 * 1024);
    assert.throws(() => encodeWbxml(el(0, 'Sync', body(1, big), body(2, `${big}\0`))), (e: unknown) => e instanceof WbxmlError && e.code === 'unencodable');
    const cyclic = el(0, 'Sync', body(1, big));
    cyclic.children.push(cyclic, cyclic);
    assert.throws(() => encodeWbxml(cyclic), (e: unknown) => e instanceof WbxmlError && e.code === 'limit');
  });

  it('gives small documents the same bytes after a large one grew the scratch', () => {
    const small = el(13, 'Ping', el(13, 'Status', '2'));
    const before = Buffer.from(encodeWbxml(small));
    encodeWbxml(el(0, 'Sync', body(1, 'y'.repeat(6 * 1024 * 1024))));
    assert.deepEqual(Buffer.from(encodeWbxml(small)), before);
  });
});

describe('encoder: subtrees deeper than the recursion', () => {
  it('writes mixed content below 256 levels as a decode gives it back', () => {
    let leaf: WbxmlElement = el(0, 'Sync', 'deep', new Uint8Array([1, 2]), el(2, 'Subject', 'é'), el(0, 'Status'));
    for (let i = 0; i < 400; i++) leaf = el(i % 2 === 0 ? 0 : 2, i % 2 === 0 ? 'Sync' : 'Subject', `level ${i}`, leaf);
    const bytes = encodeWbxml(leaf, { maxDepth: 1000 });
    assert.deepEqual(decodeWbxml(bytes, { maxDepth: 1000 }), leaf);
    assert.throws(() => encodeWbxml(leaf, { maxDepth: 300 }), (e: unknown) => e instanceof WbxmlError && e.code === 'limit');
    assert.throws(() => encodeWbxml(leaf, { maxDepth: 401 }), (e: unknown) => e instanceof WbxmlError && e.code === 'limit');
    assert.doesNotThrow(() => encodeWbxml(leaf, { maxDepth: 402 }));
  });
});
