// EAS request and response headers: exact values, no spaces in lists (CLIENT-QUIRKS §6.1).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  formatRequestHeaders,
  optionsResponseHeaders,
  parsePolicyKey,
  parseRequestHeaders,
  serverVersionValue,
  versionMismatchHeaders,
} from './headers.js';
import { EasRequestError } from './request-error.js';

describe('EAS headers', () => {
  it('writes the OPTIONS headers as comma lists without spaces, versions oldest first', () => {
    const headers = optionsResponseHeaders(['16.1', '2.5', '14.0', '12.1'], ['Sync', 'FolderSync', 'Ping']);
    assert.deepEqual(headers, {
      Allow: 'OPTIONS,POST',
      Public: 'OPTIONS,POST',
      'MS-Server-ActiveSync': '16.1',
      'MS-ASProtocolVersions': '2.5,12.1,14.0,16.1',
      'MS-ASProtocolCommands': 'Sync,FolderSync,Ping',
      'Cache-Control': 'private',
    });
  });

  it('names the Exchange 2003 build when only 2.5 is offered', () => {
    assert.equal(serverVersionValue(['2.5']), '6.5.7638.1');
    assert.equal(serverVersionValue(['2.5', '14.1']), '14.1');
  });

  it('tells a client with an unsupported version which versions to use', () => {
    const headers = versionMismatchHeaders(['14.1', '14.0']);
    assert.equal(headers['MS-ASProtocolVersions'], '14.0,14.1');
    assert.equal(headers['X-MS-RP'], '14.0,14.1');
  });

  it('reads request headers', () => {
    const values: Record<string, string> = {
      'MS-ASProtocolVersion': '14.1',
      'X-MS-PolicyKey': '3141592653',
      'MS-ASAcceptMultiPart': 't',
      'User-Agent': 'Apple-iPhone8C4/1504.100',
    };
    assert.deepEqual(parseRequestHeaders((n) => values[n]), {
      protocolVersion: '14.1',
      policyKey: 3141592653,
      acceptMultiPart: true,
      userAgent: 'Apple-iPhone8C4/1504.100',
    });
    assert.deepEqual(parseRequestHeaders(() => undefined), { acceptMultiPart: false });
  });

  it('reads policy keys as 32-bit unsigned integers and rejects anything else', () => {
    assert.equal(parsePolicyKey('0'), 0);
    assert.equal(parsePolicyKey(' 4294967295 '), 0xffffffff);
    assert.equal(parsePolicyKey(''), undefined);
    assert.equal(parsePolicyKey(undefined), undefined);
    for (const bad of ['4294967296', '-1', '12ab', '1.5', '99999999999']) {
      assert.throws(() => parsePolicyKey(bad), EasRequestError, bad);
    }
  });

  it('writes the plain-form request headers our client sends', () => {
    assert.deepEqual(formatRequestHeaders({ protocolVersion: '16.1', policyKey: 0, acceptMultiPart: true }), {
      'MS-ASProtocolVersion': '16.1',
      'X-MS-PolicyKey': '0',
      'MS-ASAcceptMultiPart': 'T',
    });
    assert.deepEqual(formatRequestHeaders({}), {});
  });
});
