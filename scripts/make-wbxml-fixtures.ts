// Writes the golden WBXML beside each fixture document: test/fixtures/wbxml/<name>.xml is read
// as a token tree and encoded with our encoder into <name>.wbxml. With --check it writes nothing
// and exits 1 if any golden is missing or stale (the fixture test asserts the same).
//
//   node --import tsx scripts/make-wbxml-fixtures.ts [--check]

import { Buffer } from 'node:buffer';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { encodeWbxml } from '../src/wbxml/encoder.js';
import { fixtureXmlToTree } from '../test/helpers/wbxml-xml.js';

const FIXTURE_DIR = fileURLToPath(new URL('../test/fixtures/wbxml/', import.meta.url));

function main(argv: readonly string[]): number {
  const check = argv.includes('--check');
  const names = readdirSync(FIXTURE_DIR).filter((file) => file.endsWith('.xml')).map((file) => file.slice(0, -4)).sort();
  let stale = 0;
  for (const name of names) {
    const bytes = Buffer.from(encodeWbxml(fixtureXmlToTree(readFileSync(`${FIXTURE_DIR}${name}.xml`, 'utf8'))));
    const goldenPath = `${FIXTURE_DIR}${name}.wbxml`;
    const current = existsSync(goldenPath) ? readFileSync(goldenPath) : undefined;
    if (current !== undefined && current.equals(bytes)) continue;
    stale++;
    if (check) {
      console.error(`${name}.wbxml is ${current === undefined ? 'missing' : 'stale'}`);
    } else {
      writeFileSync(goldenPath, bytes);
      console.log(`wrote ${name}.wbxml (${bytes.length} bytes)`);
    }
  }
  console.log(`${names.length} fixtures, ${stale} ${check ? 'out of date' : 'written'}`);
  return check && stale > 0 ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
