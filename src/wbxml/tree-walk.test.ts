// The explicit-stack walk: document order, closes after the last child, stops on request, and
// survives a depth the call stack would not.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { WbxmlElement } from './tree.js';
import { walkDeep } from './tree-walk.js';

const el = (tag: string, ...children: WbxmlElement['children']): WbxmlElement => ({ page: 0, tag, children });

describe('walkDeep', () => {
  it('visits every child in document order with its depth and closes each element walked into', () => {
    const root = el('Sync', 'a', el('Collection', el('SyncKey', '1'), new Uint8Array([7])), el('Status'), 'b');
    const seen: string[] = [];
    walkDeep(root, {
      child(node, parent, depth) {
        if (typeof node === 'string') seen.push(`${parent.tag}>'${node}'@${depth}`);
        else if (node instanceof Uint8Array) seen.push(`${parent.tag}>opaque@${depth}`);
        else if (typeof node === 'object' && node !== null) {
          const child = node as WbxmlElement;
          seen.push(`${parent.tag}>${child.tag}@${depth}`);
          return child;
        }
        return undefined;
      },
      close(closed) {
        seen.push(`/${closed.tag}`);
      },
    });
    assert.deepEqual(seen, [
      "Sync>'a'@1", 'Sync>Collection@1', 'Collection>SyncKey@2', "SyncKey>'1'@3", '/SyncKey', 'Collection>opaque@2',
      '/Collection', 'Sync>Status@1', "Sync>'b'@1", '/Sync',
    ]);
  });

  it('walks into only what the visitor hands back and ends when it says false', () => {
    const root = el('Sync', el('Collection', el('SyncKey', 'x')), el('Status', 'y'), 'z');
    const skipped: string[] = [];
    walkDeep(root, {
      child(node) {
        if (typeof node === 'object' && node !== null && (node as WbxmlElement).tag === 'Status') return false;
        skipped.push(typeof node === 'string' ? node : (node as WbxmlElement).tag);
        return undefined;
      },
    });
    assert.deepEqual(skipped, ['Collection']);
  });

  it('walks a chain 100,000 elements deep without recursing', () => {
    let root = el('SyncKey', 'bottom');
    for (let i = 0; i < 100_000; i++) root = el('Sync', root);
    let deepest = 0;
    let closes = 0;
    walkDeep(root, {
      child(node, _parent, depth) {
        deepest = Math.max(deepest, depth);
        return typeof node === 'string' ? undefined : node as WbxmlElement;
      },
      close() {
        closes++;
      },
    });
    assert.equal(deepest, 100_001);
    assert.equal(closes, 100_001);
  });
});
