// Golden WBXML fixtures, cross-checked against Debian's libwbxml. For every fixture:
//   1. our encoder writes exactly the committed .wbxml (and our decoder reads it back);
//   2. xml2wbxml of the .xml (translated to libwbxml's names where they differ) decodes with our
//      decoder to the same tree, byte for byte what our encoder writes for it;
//   3. wbxml2xml of our bytes is the same document, token by token;
//   4. the libwbxml deviations the fixture touches are exactly those listed for it;
//   5. every proper prefix of the bytes is refused as 'truncated'.
// libwbxml has no Find page (25): for those fixtures check 2 asserts that xml2wbxml refuses the
// document and checks our tokens against MS-ASWBXML's Find table instead.

import assert from 'node:assert/strict';
import { Buffer } from 'node:buffer';
import { readdirSync } from 'node:fs';
import { before, describe, it } from 'node:test';
import { decodeWbxml } from '../../src/wbxml/decoder.js';
import { encodeWbxml } from '../../src/wbxml/encoder.js';
import { WbxmlError } from '../../src/wbxml/errors.js';
import { CODE_PAGES, tagToken } from '../../src/wbxml/code-pages/index.js';
import { isElement, type WbxmlElement } from '../../src/wbxml/tree.js';
import { OPAQUE_BYTES_DEVIATION } from '../helpers/libwbxml-dialect.js';
import { LIBWBXML_DEVIATIONS } from '../helpers/libwbxml-deviations.js';
import { libwbxmlEncode } from '../helpers/libwbxml.js';
import { treeDifferences } from '../helpers/wbxml-xml.js';
import {
  COMMAND_FIXTURE_PREFIXES, EXPECTED_DEVIATIONS, FIND_PAGE_TOKENS, MIN_FIXTURES, REQUIRED_ELEMENTS,
} from './fixture-expectations.js';
import {
  FIXTURE_DIR, loadFixtures, runLibwbxml, scanTagTokens, settledValue, type Fixture, type LibwbxmlResults,
} from './fixture-loader.js';

const fixtures = loadFixtures();
const KNOWN_DEVIATIONS = new Set([...LIBWBXML_DEVIATIONS.map((d) => d.id), OPAQUE_BYTES_DEVIATION]);
const FIND_REASON = LIBWBXML_DEVIATIONS.find((d) => d.id === 'page:25')?.reason ?? '';

function elementsOf(root: WbxmlElement): WbxmlElement[] {
  return [root, ...root.children.filter(isElement).flatMap(elementsOf)];
}

function golden(fixture: Fixture): Buffer {
  assert.ok(fixture.golden, `${FIXTURE_DIR}${fixture.name}.wbxml is missing: run scripts/make-wbxml-fixtures.ts`);
  return fixture.golden;
}

describe('WBXML golden fixtures', () => {
  let libwbxml = new Map<string, LibwbxmlResults>();
  before(async () => {
    libwbxml = await runLibwbxml(fixtures);
  });

  it(`has at least ${MIN_FIXTURES} fixtures covering every EAS command, each with its golden`, () => {
    assert.ok(fixtures.length >= MIN_FIXTURES, `only ${fixtures.length} fixtures`);
    const prefixes = Object.values(COMMAND_FIXTURE_PREFIXES);
    for (const fixture of fixtures) {
      const match = /^([a-z-]+)-\d{3}$/.exec(fixture.name);
      assert.ok(match && prefixes.includes(match[1] as string), `${fixture.name} is not <command>-NNN`);
      assert.ok(fixture.golden, `${fixture.name}.wbxml is missing`);
    }
    const orphans = readdirSync(FIXTURE_DIR).filter((file) => file.endsWith('.wbxml'))
      .filter((file) => !fixtures.some((f) => `${f.name}.wbxml` === file));
    assert.deepEqual(orphans, [], 'golden .wbxml files without their .xml');
    for (const [command, prefix] of Object.entries(COMMAND_FIXTURE_PREFIXES)) {
      assert.ok(fixtures.some((f) => f.name.startsWith(`${prefix}-`)), `no fixture for ${command}`);
    }
  });

  it('contain every required element somewhere', () => {
    const present = new Set(fixtures.flatMap((f) => elementsOf(f.tree)).map((el) => `${CODE_PAGES[el.page]?.namespace}:${el.tag}`));
    assert.deepEqual(REQUIRED_ELEMENTS.filter((name) => !present.has(name)), []);
  });

  it('lists expected deviations only for existing fixtures and known deviation ids', () => {
    for (const [name, ids] of Object.entries(EXPECTED_DEVIATIONS)) {
      assert.ok(fixtures.some((f) => f.name === name), `no fixture ${name}`);
      for (const id of ids) assert.ok(KNOWN_DEVIATIONS.has(id), `${name}: unknown deviation ${id}`);
    }
  });

  for (const fixture of fixtures) {
    const findPage = fixture.tree.page === 25;
    describe(fixture.name, () => {
      it('1. our encoder writes the committed golden bytes, which our decoder reads back', () => {
        const bytes = golden(fixture);
        assert.deepEqual(Buffer.from(encodeWbxml(fixture.tree)), bytes);
        assert.deepEqual(treeDifferences(fixture.tree, decodeWbxml(bytes)), []);
      });

      if (findPage) {
        it(`2. libwbxml cannot encode it (${FIND_REASON}); xml2wbxml refuses it and our tokens match MS-ASWBXML's Find table`, async () => {
          assert.ok(fixture.libwbxmlDocument.unencodable.length > 0);
          await assert.rejects(libwbxmlEncode(fixture.libwbxmlDocument.xml, { keepWhitespace: true }), /xml2wbxml failed/);
          const expected = elementsOf(fixture.tree).map((el): [number, number] => [
            el.page, (el.page === 25 ? FIND_PAGE_TOKENS[el.tag] : tagToken(el.page, el.tag)) ?? -1,
          ]);
          assert.deepEqual(scanTagTokens(golden(fixture)), expected);
        });
      } else {
        const input = fixture.rawXmlForLibwbxml ? 'the .xml' : 'the .xml in libwbxml\'s names';
        it(`2. xml2wbxml of ${input} decodes to the same tree, with the same bytes`, () => {
          assert.deepEqual(fixture.libwbxmlDocument.unencodable, []);
          const encoding = settledValue(libwbxml.get(fixture.name)?.encoding);
          assert.deepEqual(treeDifferences(encoding.expected, encoding.decoded), []);
          assert.deepEqual(Buffer.from(encoding.bytes), Buffer.from(encodeWbxml(encoding.expected)));
        });
      }

      it('3. wbxml2xml of our bytes reads the same document, token by token', () => {
        const { differences } = settledValue(libwbxml.get(fixture.name)?.agreement);
        assert.deepEqual(differences, []);
      });

      it(`4. touches exactly these libwbxml deviations: ${(EXPECTED_DEVIATIONS[fixture.name] ?? ['none']).join(', ')}`, () => {
        const seen = new Set([...fixture.libwbxmlDocument.deviations, ...settledValue(libwbxml.get(fixture.name)?.agreement).deviations]);
        assert.deepEqual([...seen].sort(), [...(EXPECTED_DEVIATIONS[fixture.name] ?? [])].sort());
      });

      it('5. every proper prefix of the bytes is refused as truncated', () => {
        const bytes = golden(fixture);
        const wrong: string[] = [];
        for (let length = 0; length < bytes.length; length++) {
          try {
            decodeWbxml(bytes.subarray(0, length));
            wrong.push(`${length}: accepted`);
          } catch (error) {
            if (!(error instanceof WbxmlError) || error.code !== 'truncated') wrong.push(`${length}: ${String(error)}`);
          }
        }
        assert.deepEqual(wrong, []);
      });
    });
  }
});
