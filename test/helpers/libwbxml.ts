// Debian's libwbxml (wbxml2xml, xml2wbxml from libwbxml2-utils) as an independent second codec:
// every test that sees a WBXML body from our server calls assertLibwbxmlAgrees, so a codec bug
// cannot hide behind a matching bug in our own decoder. Where libwbxml's tables differ from
// MS-ASWBXML the spec wins; the differences are data in libwbxml-deviations.ts.

import assert from 'node:assert/strict';
import { Buffer } from 'node:buffer';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeWbxml } from '../../src/wbxml/decoder.js';
import { compareWithLibwbxml, type LibwbxmlComparison } from './libwbxml-dialect.js';
import { ACTIVESYNC_DOCTYPE } from './wbxml-xml.js';
import { parseXml } from './xml-lite.js';

/** A hung tool must fail its test, not the whole run. */
const TOOL_TIMEOUT_MS = 20_000;

/** At most this many libwbxml processes at once across the whole test process: suites run files
 *  and tests concurrently, and one process per call would otherwise fork hundreds at a time. */
const MAX_PROCESSES = Math.max(2, Math.min(8, availableParallelism() * 2));

class ProcessSlots {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly size: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.size) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running++;
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}

// Process-wide on purpose: the limit is on child processes of this test process, not per caller.
const slots = new ProcessSlots(MAX_PROCESSES);

async function runTool(tool: string, options: readonly string[], input: Uint8Array | string): Promise<Buffer> {
  return slots.run(async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pushbridge-libwbxml-'));
    try {
      const inPath = join(dir, 'in');
      const outPath = join(dir, 'out');
      await writeFile(inPath, input);
      await new Promise<void>((resolve, reject) => {
        execFile(tool, [...options, '-o', outPath, inPath], { timeout: TOOL_TIMEOUT_MS }, (error, stdout, stderr) => {
          if (error) reject(new Error(`${tool} failed (${error.code ?? error.signal}): ${`${stdout}${stderr}`.trim()}`));
          else resolve();
        });
      });
      return await readFile(outPath);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
}

/** wbxml2xml's raw output: compact (-m 0), every text character kept (-k), ActiveSync tables
 *  (-l: EAS bodies carry public id 1, "unknown", so libwbxml cannot guess the language). Opaque
 *  content is printed byte for byte, so the result is not always valid UTF-8. */
export async function libwbxmlDecodeBytes(bytes: Uint8Array): Promise<Buffer> {
  return runTool('wbxml2xml', ['-l', 'ACTIVESYNC', '-m', '0', '-k'], bytes);
}

/** wbxml2xml of `bytes`, as text. */
export async function libwbxmlDecode(bytes: Uint8Array): Promise<string> {
  return (await libwbxmlDecodeBytes(bytes)).toString('utf8');
}

export interface LibwbxmlEncodeOptions {
  /** Keep every character of text (-k); by default whitespace-only text is dropped and text is
   *  trimmed, which suits indented documents. */
  readonly keepWhitespace?: boolean;
}

/** xml2wbxml of `xml`: no string table (-n) and anonymous (-a), i.e. the header EAS uses,
 *  03 01 6A 00. xml2wbxml picks its tables from the DOCTYPE, so the ActiveSync one is added to a
 *  document that has none. */
export async function libwbxmlEncode(xml: string, options: LibwbxmlEncodeOptions = {}): Promise<Uint8Array> {
  const flags = ['-a', '-n', ...(options.keepWhitespace === true ? ['-k'] : [])];
  return new Uint8Array(await runTool('xml2wbxml', flags, withDoctype(xml)));
}

function withDoctype(xml: string): string {
  if (xml.includes('<!DOCTYPE')) return xml;
  const declaration = /^\uFEFF?<\?xml[^>]*\?>/.exec(xml);
  const at = declaration ? declaration[0].length : 0;
  return `${xml.slice(0, at)}${ACTIVESYNC_DOCTYPE}${xml.slice(at)}`;
}

/** Decodes `bytes` with our decoder and with wbxml2xml and compares the two, token by token,
 *  through the documented deviations; also reports which deviations the document touches. */
export async function libwbxmlAgreement(bytes: Uint8Array): Promise<LibwbxmlComparison> {
  const ours = decodeWbxml(bytes);
  const xml = await libwbxmlDecodeBytes(bytes);
  // latin1 keeps one character per byte; a character reference stands for UTF-8 bytes.
  const theirs = parseXml(xml.toString('latin1'), {
    charRef: (codePoint) => Buffer.from(String.fromCodePoint(codePoint), 'utf8').toString('latin1'),
  });
  return compareWithLibwbxml(ours, theirs);
}

/** Asserts that libwbxml reads `bytes` as the same document as our decoder does (modulo the
 *  documented libwbxml deviations). */
export async function assertLibwbxmlAgrees(bytes: Uint8Array): Promise<void> {
  const { differences } = await libwbxmlAgreement(bytes);
  assert.deepEqual(differences, [], `libwbxml disagrees with our decoder:\n${differences.join('\n')}`);
}
