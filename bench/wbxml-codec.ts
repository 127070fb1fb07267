// Codec benchmark (BENCHMARKING.md "Codec"): decode and encode throughput in MB/s (10^6 bytes)
// and elements/s for realistic EAS documents, plus bytes allocated per document. Each figure is
// the median of the samples, by wall clock and by process CPU time; the input bytes are checked
// to round-trip before timing. Decoding runs with the default limits, as the server's does.
// Beside the documents with large inline text stands Node's own UTF-8 conversion of just their
// bodies (`.node-utf8`), the runtime's ceiling the codec's figure is to be read against.
// Run alone with `npx tsx bench/wbxml-codec.ts [--full]`, or with the rest through bench/run.ts.

import { Buffer } from 'node:buffer';
import { cpus, loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { decodeWbxml, encodeWbxml, isElement, type WbxmlElement } from '../src/wbxml/index.js';
import {
  countElements, folderSyncOf500, pingRequests, pingResponses, syncOf100Contacts, syncOf100x2KB, syncOf500Emails, syncOfLargeBodies,
} from './documents.js';
import { allocatedBytes, FULL, measure, QUICK, type MeasureSettings } from './measure.js';
import type { Figure } from './run.js';

/** BENCHMARKING.md targets. */
export const SMALL_FIELD_TARGET_MBPS = 100;
export const LARGE_BODY_TARGET_MBPS = 1000;

interface CodecCase {
  name: string;
  /** Built when the case runs, so only one case's documents live in the heap at a time. */
  make: () => WbxmlElement[];
  /** Dominated by 1 MB bodies: judged against the large-body target. */
  large: boolean;
  /** Only encoding differs from another case (the rope decodes to the same bytes as the flat string). */
  encodeOnly?: boolean;
  /** Large inline text: measure Node's own conversion of the bodies beside the codec. */
  text?: boolean;
}

/** Strings this long are the bodies of the large-text documents. */
const BODY_CHARS = 64 * 1024;

function bodiesOf(root: WbxmlElement): string[] {
  const found: string[] = [];
  const stack: WbxmlElement[] = [root];
  for (let el = stack.pop(); el !== undefined; el = stack.pop()) {
    for (const child of el.children) {
      if (typeof child === 'string' && child.length >= BODY_CHARS) found.push(child);
      else if (isElement(child)) stack.push(child);
    }
  }
  return found;
}

/** Buffer#toString('utf8') of the bodies' bytes, and Buffer#write of the bodies into one buffer. */
function nodeUtf8(bodies: readonly string[]): { bytes: number; decode: () => unknown; encode: () => unknown } {
  const encoded = bodies.map((body) => Buffer.from(body, 'utf8'));
  const bytes = encoded.reduce((sum, b) => sum + b.length, 0);
  const target = Buffer.allocUnsafe(bytes);
  return {
    bytes,
    decode: () => encoded.map((b) => b.toString('utf8')),
    encode: () => bodies.reduce((pos, body) => pos + target.write(body, pos, 'utf8'), 0),
  };
}

function cases(): CodecCase[] {
  return [
    { name: 'sync-500-emails', make: () => [syncOf500Emails()], large: false },
    { name: 'sync-100x2KB', make: () => [syncOf100x2KB()], large: false },
    { name: 'foldersync-500', make: () => [folderSyncOf500()], large: false },
    { name: 'ping-x10000', make: () => pingResponses(10_000), large: false },
    // After the cases above, so that their figures stay comparable with earlier rounds.
    { name: 'sync-100-contacts', make: () => [syncOf100Contacts()], large: false },
    { name: 'ping-request-x10000', make: () => pingRequests(10_000), large: false },
    { name: 'sync-20x1MB-opaque', make: () => [syncOfLargeBodies('opaque')], large: true },
    { name: 'sync-20x1MB-string', make: () => [syncOfLargeBodies('string')], large: true, text: true },
    { name: 'sync-20x1MB-string-rope', make: () => [syncOfLargeBodies('rope')], large: true, encodeOnly: true, text: true },
    { name: 'sync-20x1MB-utf8-text', make: () => [syncOfLargeBodies('text')], large: true, text: true },
  ];
}

/** Allocation is probed on at most this many documents of a batch, so the probe fits between collections. */
const ALLOC_PROBE_DOCS = 100;

function assertRoundTrip(name: string, docs: readonly WbxmlElement[], encoded: readonly Uint8Array[]): void {
  docs.forEach((doc, i) => {
    const bytes = encoded[i];
    if (bytes === undefined) throw new Error(`${name}: no bytes for document ${i}`);
    const again = encodeWbxml(decodeWbxml(bytes));
    if (Buffer.compare(Buffer.from(again), Buffer.from(bytes)) !== 0) throw new Error(`${name}: document ${i} does not round-trip`);
  });
}

const round = (value: number, digits: number): string => value.toFixed(digits);

export interface CodecVerdict {
  figure: string;
  mbps: number;
  target: number;
}

export async function runCodecBench(settings: MeasureSettings, verdicts: CodecVerdict[]): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const { name, make, large, encodeOnly, text } of cases()) {
    const docs = make();
    const encoded = docs.map((doc) => encodeWbxml(doc));
    assertRoundTrip(name, docs, encoded);
    const bytes = encoded.reduce((sum, b) => sum + b.length, 0);
    const elements = docs.reduce((sum, d) => sum + countElements(d), 0);
    const decode = (): unknown => {
      let last: WbxmlElement | undefined;
      for (const b of encoded) last = decodeWbxml(b);
      return last;
    };
    const encode = (): unknown => {
      let last: Uint8Array | undefined;
      for (const d of docs) last = encodeWbxml(d);
      return last;
    };
    const probeCount = Math.min(docs.length, ALLOC_PROBE_DOCS);
    const probes = {
      decode: (): unknown => encoded.slice(0, probeCount).map((b) => decodeWbxml(b)),
      encode: (): unknown => docs.slice(0, probeCount).map((d) => encodeWbxml(d)),
    };
    const prefix = `codec.${name}`;
    figures.push({ name: `${prefix}.size`, value: round(bytes / 1e6, 3), unit: 'MB' });
    figures.push({ name: `${prefix}.elements`, value: String(elements), unit: 'elements' });
    const directions = encodeOnly === true ? [['encode', encode]] as const : [['decode', decode], ['encode', encode]] as const;
    for (const [direction, operation] of directions) {
      const timing = measure(operation, settings);
      const mbps = bytes / timing.median / 1e6;
      figures.push({ name: `${prefix}.${direction}`, value: round(mbps, 1), unit: 'MB/s' });
      figures.push({ name: `${prefix}.${direction}.cpu`, value: round(bytes / timing.cpuMedian / 1e6, 1), unit: 'MB/cpu-s' });
      figures.push({ name: `${prefix}.${direction}.elements`, value: round(elements / timing.median / 1e6, 2), unit: 'M elements/s' });
      if (docs.length > 1) figures.push({ name: `${prefix}.${direction}.docs`, value: round(docs.length / timing.median, 0), unit: 'docs/s' });
      figures.push({ name: `${prefix}.${direction}.spread`, value: `${round(bytes / timing.max / 1e6, 1)}-${round(bytes / timing.min / 1e6, 1)}`, unit: 'MB/s' });
      const allocated = await allocatedBytes(probes[direction]);
      figures.push({
        name: `${prefix}.${direction}.alloc`,
        value: allocated === undefined ? 'n/a' : round(allocated / probeCount / 1024, 1),
        unit: 'KB/doc',
      });
      verdicts.push({ figure: `${prefix}.${direction}`, mbps, target: large ? LARGE_BODY_TARGET_MBPS : SMALL_FIELD_TARGET_MBPS });
      if (text === true) {
        const node = nodeUtf8(docs.flatMap(bodiesOf));
        const ceiling = measure(direction === 'decode' ? node.decode : node.encode, settings);
        figures.push({ name: `${prefix}.${direction}.node-utf8`, value: round(node.bytes / ceiling.median / 1e6, 1), unit: 'MB/s' });
      }
    }
  }
  return figures;
}

/** The codec figures alone, as bench/run.ts prints them (context and misses on stderr). */
async function main(): Promise<void> {
  const full = process.argv.includes('--full');
  const settings = full ? FULL : QUICK;
  console.error(`mode: ${full ? 'full' : 'quick'}; machine: ${cpus().length} x ${cpus()[0]?.model ?? 'unknown CPU'}, node ${process.version}, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  const verdicts: CodecVerdict[] = [];
  for (const figure of await runCodecBench(settings, verdicts)) console.log(`${figure.name}: ${figure.value} ${figure.unit}`);
  for (const miss of verdicts.filter((v) => v.mbps < v.target)) console.error(`target missed: ${miss.figure} ${miss.mbps.toFixed(1)} MB/s < ${miss.target} MB/s`);
  console.error(`load average at the end ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
