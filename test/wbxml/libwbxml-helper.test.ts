// The libwbxml test helper itself: the wrappers run the real tools and clean up after
// themselves, and the agreement check notices when libwbxml reads a document differently.

import assert from 'node:assert/strict';
import { Buffer } from 'node:buffer';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { encodeWbxml } from '../../src/wbxml/encoder.js';
import { WbxmlError } from '../../src/wbxml/errors.js';
import type { WbxmlElement } from '../../src/wbxml/tree.js';
import { compareWithLibwbxml } from '../helpers/libwbxml-dialect.js';
import {
  assertLibwbxmlAgrees, libwbxmlAgreement, libwbxmlDecode, libwbxmlDecodeBytes, libwbxmlEncode,
} from '../helpers/libwbxml.js';
import { parseXml } from '../helpers/xml-lite.js';

const folderSync: WbxmlElement = {
  page: 7, tag: 'FolderSync', children: [
    { page: 7, tag: 'Status', children: ['1'] },
    { page: 7, tag: 'SyncKey', children: ['{5f2a}3'] },
    { page: 7, tag: 'Changes', children: [{ page: 0, tag: 'Class', children: ['Email & <Notes>'] }] },
  ],
};
const folderSyncBytes = encodeWbxml(folderSync);

/** wbxml2xml's reading of folderSyncBytes with one edit applied, parsed as the helper does. */
async function tamperedReading(from: string, to: string): Promise<readonly string[]> {
  const xml = (await libwbxmlDecodeBytes(folderSyncBytes)).toString('latin1');
  assert.ok(xml.includes(from), `wbxml2xml output lacks ${from}: ${xml}`);
  return compareWithLibwbxml(folderSync, parseXml(xml.replace(from, to))).differences;
}

describe('libwbxml helper', () => {
  it('libwbxmlDecode prints our bytes as ActiveSync XML with its DOCTYPE and namespaces', async () => {
    const xml = await libwbxmlDecode(folderSyncBytes);
    assert.match(xml, /<!DOCTYPE ActiveSync PUBLIC "-\/\/MICROSOFT\/\/DTD ActiveSync\/\/EN"/);
    assert.match(xml, /<FolderSync xmlns="FolderHierarchy:"><Status>1<\/Status><SyncKey>\{5f2a\}3<\/SyncKey>/);
    assert.match(xml, /<Class xmlns="AirSync:">Email &amp; &lt;Notes&gt;<\/Class>/);
  });

  it('libwbxmlEncode writes the EAS header and the same tokens as our encoder', async () => {
    const xml = '<?xml version="1.0"?>\n<FolderSync xmlns="FolderHierarchy:">\n  <Status>1</Status>\n'
      + '  <SyncKey>{5f2a}3</SyncKey>\n  <Changes><Class xmlns="AirSync:">Email &amp; &lt;Notes&gt;</Class></Changes>\n</FolderSync>\n';
    const bytes = await libwbxmlEncode(xml);
    assert.deepEqual([...bytes.subarray(0, 4)], [0x03, 0x01, 0x6a, 0x00]);
    assert.deepEqual(Buffer.from(bytes), Buffer.from(folderSyncBytes));
  });

  it('keepWhitespace keeps leading and trailing blanks of text, the default trims them', async () => {
    const xml = '<Ping xmlns="Ping:"><Folder> 7 </Folder></Ping>';
    const kept = await libwbxmlEncode(xml, { keepWhitespace: true });
    const trimmed = await libwbxmlEncode(xml);
    assert.ok(Buffer.from(kept).includes(Buffer.from(' 7 \0')));
    assert.ok(Buffer.from(trimmed).includes(Buffer.from('\x037\0')));
  });

  it('reports tool failures with the tool name and its message', async () => {
    await assert.rejects(libwbxmlEncode('<Ping xmlns="Ping:"><NoSuchTag/></Ping>'), /xml2wbxml failed .*Literal/);
    await assert.rejects(libwbxmlDecode(Uint8Array.from([0x03, 0x01, 0x6a, 0x00, 0x45])), /wbxml2xml failed/);
  });

  it('assertLibwbxmlAgrees passes for our bytes and fails when our decoder refuses them', async () => {
    await assertLibwbxmlAgrees(folderSyncBytes);
    await assert.rejects(assertLibwbxmlAgrees(Uint8Array.from([0x03, 0x01, 0x6a, 0x00, 0x00, 0x30])), WbxmlError);
  });

  it('notices a different tag, namespace, content or child count in libwbxml\'s reading', async () => {
    assert.deepEqual(await tamperedReading('<SyncKey>', '<SyncKey>'), []);
    assert.match((await tamperedReading('<Status>1</Status>', '<Type>1</Type>')).join(), /says <Type>, expected <Status>/);
    assert.match((await tamperedReading('xmlns="AirSync:"', 'xmlns="Email:"')).join(), /namespace "Email:", expected "AirSync:"/);
    assert.match((await tamperedReading('{5f2a}3', '{5f2a}4')).join(), /SyncKey: content differs/);
    assert.match((await tamperedReading('<Status>1</Status>', '')).join(), /3 child elements, libwbxml has 2/);
  });

  it('removes its temporary files and copes with many calls at once', async () => {
    const scratch = mkdtempSync(join(tmpdir(), 'libwbxml-helper-test-'));
    const saved = process.env.TMPDIR;
    process.env.TMPDIR = scratch;
    try {
      const results = await Promise.all(Array.from({ length: 24 }, () => libwbxmlAgreement(folderSyncBytes)));
      assert.ok(results.every((result) => result.differences.length === 0));
      assert.deepEqual(readdirSync(scratch), []);
    } finally {
      if (saved === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = saved;
      rmSync(scratch, { recursive: true, force: true });
    }
  });
});
