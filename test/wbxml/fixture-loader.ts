// Loads the golden fixture pairs (test/fixtures/wbxml/<command>-NNN.xml and .wbxml) and runs
// the libwbxml side of their cross-checks, all fixtures at once under libwbxml.ts's process cap.

import type { Buffer } from 'node:buffer';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { decodeWbxml } from '../../src/wbxml/decoder.js';
import type { WbxmlElement } from '../../src/wbxml/tree.js';
import {
  expectedFromLibwbxml, treeToLibwbxmlXml, type LibwbxmlComparison, type LibwbxmlDocument,
} from '../helpers/libwbxml-dialect.js';
import { libwbxmlAgreement, libwbxmlEncode } from '../helpers/libwbxml.js';
import { fixtureXmlToTree } from '../helpers/wbxml-xml.js';
import { EXPECTED_DEVIATIONS } from './fixture-expectations.js';

export const FIXTURE_DIR = fileURLToPath(new URL('../fixtures/wbxml/', import.meta.url));

export interface Fixture {
  readonly name: string;
  readonly xml: string;
  readonly tree: WbxmlElement;
  /** The committed .wbxml; undefined when it is missing. */
  readonly golden: Buffer | undefined;
  readonly libwbxmlDocument: LibwbxmlDocument;
  /** True when the .xml file itself can go to xml2wbxml: no deviation to translate and no
   *  opaque="base64" (an attribute libwbxml does not know). */
  readonly rawXmlForLibwbxml: boolean;
}

export function loadFixtures(): Fixture[] {
  return readdirSync(FIXTURE_DIR)
    .filter((file) => file.endsWith('.xml'))
    .sort()
    .map((file) => {
      const name = file.slice(0, -4);
      const xml = readFileSync(`${FIXTURE_DIR}${file}`, 'utf8');
      const tree = fixtureXmlToTree(xml);
      const goldenPath = `${FIXTURE_DIR}${name}.wbxml`;
      return {
        name,
        xml,
        tree,
        golden: existsSync(goldenPath) ? readFileSync(goldenPath) : undefined,
        libwbxmlDocument: treeToLibwbxmlXml(tree),
        rawXmlForLibwbxml: EXPECTED_DEVIATIONS[name] === undefined && !xml.includes('opaque="'),
      };
    });
}

export interface LibwbxmlEncoding {
  /** What xml2wbxml was given: the fixture file itself, or its translation to libwbxml's names. */
  readonly input: 'fixture file' | 'translated';
  readonly bytes: Uint8Array;
  readonly decoded: WbxmlElement;
  /** The tree our decoder should find in those bytes. */
  readonly expected: WbxmlElement;
}

export interface LibwbxmlResults {
  readonly encoding: PromiseSettledResult<LibwbxmlEncoding>;
  readonly agreement: PromiseSettledResult<LibwbxmlComparison>;
}

async function encodeWithLibwbxml(fixture: Fixture): Promise<LibwbxmlEncoding> {
  const bytes = fixture.rawXmlForLibwbxml
    ? await libwbxmlEncode(fixture.xml)
    : await libwbxmlEncode(fixture.libwbxmlDocument.xml, { keepWhitespace: true });
  return {
    input: fixture.rawXmlForLibwbxml ? 'fixture file' : 'translated',
    bytes,
    decoded: decodeWbxml(bytes),
    expected: fixture.rawXmlForLibwbxml ? fixture.tree : expectedFromLibwbxml(fixture.tree),
  };
}

/** Runs xml2wbxml (checks 2 and 4) and wbxml2xml (checks 3 and 4) for every fixture. */
export async function runLibwbxml(fixtures: readonly Fixture[]): Promise<Map<string, LibwbxmlResults>> {
  const entries = await Promise.all(fixtures.map(async (fixture): Promise<[string, LibwbxmlResults]> => {
    const [encoding, agreement] = await Promise.allSettled([
      encodeWithLibwbxml(fixture),
      fixture.golden === undefined ? Promise.reject(new Error('no golden .wbxml')) : libwbxmlAgreement(fixture.golden),
    ]);
    return [fixture.name, { encoding, agreement }];
  }));
  return new Map(entries);
}

/** The value of a settled promise, or the rejection rethrown so the test fails with its reason. */
export function settledValue<T>(result: PromiseSettledResult<T> | undefined): T {
  if (result === undefined) throw new Error('libwbxml results missing: the before() hook did not run');
  if (result.status === 'rejected') throw result.reason;
  return result.value;
}

/** (page, token) of every tag in document order, read straight from the bytes with a minimal
 *  scanner of its own, so a spec-side check does not depend on the decoder under test. Expects
 *  well-formed EAS WBXML after the 4-byte header (check 1 establishes that for the goldens). */
export function scanTagTokens(bytes: Uint8Array): [number, number][] {
  const tags: [number, number][] = [];
  let page = 0;
  let pos = 4;
  while (pos < bytes.length) {
    const token = bytes[pos++] as number;
    if (token === 0x00) page = bytes[pos++] as number;
    else if (token === 0x03) pos = bytes.indexOf(0, pos) + 1;
    else if (token === 0xc3) {
      let length = 0;
      let byte: number;
      do {
        byte = bytes[pos++] as number;
        length = length * 128 + (byte & 0x7f);
      } while (byte & 0x80);
      pos += length;
    } else if (token !== 0x01) tags.push([page, token & 0x3f]);
  }
  return tags;
}
