// Checks the libwbxml deviation table (test/helpers/libwbxml-deviations.ts) against the installed
// wbxml2xml and xml2wbxml, tag by tag over every code page, so the table is neither stale nor
// incomplete: a document with every tag of a page must read the same through libwbxml once the
// table's translations are applied, and every entry must be needed by some page.

import assert from 'node:assert/strict';
import { Buffer } from 'node:buffer';
import { before, describe, it } from 'node:test';
import { CODE_PAGES } from '../../src/wbxml/code-pages/index.js';
import { decodeWbxml } from '../../src/wbxml/decoder.js';
import { encodeWbxml } from '../../src/wbxml/encoder.js';
import type { WbxmlElement } from '../../src/wbxml/tree.js';
import { expectedFromLibwbxml, treeToLibwbxmlXml, type LibwbxmlComparison } from '../helpers/libwbxml-dialect.js';
import { LIBWBXML_DEVIATIONS, LIBWBXML_NAMESPACES, libwbxmlTagName } from '../helpers/libwbxml-deviations.js';
import { libwbxmlAgreement, libwbxmlEncode } from '../helpers/libwbxml.js';
import { treeDifferences } from '../helpers/wbxml-xml.js';

/** Every tag of `page` as a child of AirSync:Sync, each holding the string "AB": a tag libwbxml
 *  marks binary then shows up as base64 "QUI=", so the content check covers the binary entries. */
function everyTagOf(page: number, filter: (tag: string) => boolean = () => true): WbxmlElement {
  const tags = Object.values(CODE_PAGES[page]?.tags ?? {}).filter(filter);
  return { page: 0, tag: 'Sync', children: tags.map((tag) => ({ page, tag, children: ['AB'] })) };
}

const pages = CODE_PAGES.filter((page) => Object.keys(page.tags).length > 0).map((page) => page.number);

describe('libwbxml deviation table', () => {
  const agreements = new Map<number, LibwbxmlComparison>();
  before(async () => {
    await Promise.all(pages.map(async (page) => {
      agreements.set(page, await libwbxmlAgreement(encodeWbxml(everyTagOf(page))));
    }));
  });

  it('knows the namespace of every page libwbxml has, under the same page numbers', () => {
    assert.equal(LIBWBXML_NAMESPACES.length, 25);
    LIBWBXML_NAMESPACES.forEach((namespace, page) => {
      const ours = CODE_PAGES[page]?.namespace ?? '';
      const listed = LIBWBXML_DEVIATIONS.some((d) => d.kind === 'namespace' && d.page === page);
      assert.equal(namespace === `${ours}:`, !listed, `page ${page}: "${namespace}" vs "${ours}"`);
    });
  });

  for (const page of pages) {
    const namespace = CODE_PAGES[page]?.namespace ?? '';
    it(`wbxml2xml reads every tag of page ${page} (${namespace}) as the table says`, () => {
      const agreement = agreements.get(page);
      assert.ok(agreement);
      assert.deepEqual(agreement.differences, []);
    });

    if (page < LIBWBXML_NAMESPACES.length) {
      it(`xml2wbxml writes every tag libwbxml names on page ${page} (${namespace}) with our tokens`, async () => {
        const tree = everyTagOf(page, (tag) => libwbxmlTagName(page, tag) !== undefined);
        const document = treeToLibwbxmlXml(tree);
        assert.deepEqual(document.unencodable, []);
        const bytes = await libwbxmlEncode(document.xml, { keepWhitespace: true });
        assert.deepEqual(treeDifferences(expectedFromLibwbxml(tree), decodeWbxml(bytes)), []);
        assert.deepEqual(Buffer.from(bytes), Buffer.from(encodeWbxml(expectedFromLibwbxml(tree))));
      });
    }
  }

  it('xml2wbxml refuses each tag the table lists as missing', async () => {
    const missing = LIBWBXML_DEVIATIONS.filter((d) => d.kind === 'missing');
    assert.ok(missing.length > 0);
    for (const deviation of missing) {
      const tree: WbxmlElement = { page: 0, tag: 'Sync', children: [{ page: deviation.page, tag: deviation.tag, children: ['1'] }] };
      await assert.rejects(libwbxmlEncode(treeToLibwbxmlXml(tree).xml, { keepWhitespace: true }), /xml2wbxml failed/, deviation.id);
    }
  });

  it('needs every entry: each one is touched by some page document', () => {
    const touched = new Set([...agreements.values()].flatMap((agreement) => [...agreement.deviations]));
    const untouched = LIBWBXML_DEVIATIONS.map((d) => d.id).filter((id) => !touched.has(id));
    assert.deepEqual(untouched, []);
  });

  it('gives a reason for every entry', () => {
    for (const deviation of LIBWBXML_DEVIATIONS) assert.ok(deviation.reason.length > 20, deviation.id);
  });
});
