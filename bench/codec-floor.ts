// The floor under the codec's small-document figures: what a 28-byte Ping response costs in
// this runtime on this machine before any codec logic, to read `codec.ping-x10000` against
// (BENCHMARKS.md, "The floor under small documents"). Each figure is CPU time per document, the
// median of the samples, over the same 10,000 Ping responses the codec benchmark uses (and the
// same FolderSync of 500 folders, for the figures that apply to it):
//   read     reading every byte of each document, nothing else;
//   build    allocating each document's tree (five elements, five children arrays) from values
//            known beforehand, with no reading at all;
//   decode-bare / encode-bare
//            the tree API with every guarantee taken out: no limits, no error checks, no
//            validation of the input or of the tree, short strings built as the codec builds
//            them; valid only for documents like these (ASCII Pings; the FolderSync is only
//            encoded). Measuring instruments, not codecs: the codec's work minus everything it
//            does beyond the happy path;
//   decode / encode
//            the codec itself, in the same process, for the ratio.
// 100 MB/s is 285 ns a Ping and 201 µs a FolderSync. Run: `npx tsx bench/codec-floor.ts [--full]`.

import { Buffer } from 'node:buffer';
import { cpus, loadavg } from 'node:os';
import { decodeWbxml, encodeWbxml, isElement, type WbxmlElement, type WbxmlNode } from '../src/wbxml/index.js';
import { TAG_NAME_TABLE } from '../src/wbxml/code-pages/index.js';
import { tokenOfTag } from '../src/wbxml/code-pages/token-table.js';
import { asciiCodesText } from '../src/wbxml/inline-text.js';
import { folderSyncOf500, pingResponses } from './documents.js';
import { FULL, measure, QUICK } from './measure.js';

const trees = pingResponses(10_000);
const documents = trees.map((tree) => encodeWbxml(tree));
const bytes = documents.reduce((sum, d) => sum + d.length, 0);

function readEveryByte(doc: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < doc.length; i++) sum += doc[i] as number;
  return sum;
}

/** Each Ping's folder ids, so `build` makes the same objects without reading anything. */
const folderIds = trees.map((tree) => {
  const folders = tree.children[1];
  return folders !== undefined && isElement(folders) ? folders.children.map((folder) => (isElement(folder) ? folder.children[0] as string : '')) : [];
});

function buildTree(ids: readonly string[]): WbxmlElement {
  const folders: WbxmlNode[] = [];
  for (const id of ids) folders.push({ page: 13, tag: 'Folder', children: [id] });
  return { page: 13, tag: 'Ping', children: [{ page: 13, tag: 'Status', children: ['2'] }, { page: 13, tag: 'Folders', children: folders }] };
}

const bareNodes: WbxmlNode[] = Array.from({ length: 4096 }, () => '');
const bareOpen = new Int32Array(128);

/** The codec's own short-string path (a Ping's strings are ASCII and short); anything else natively. */
function textOf(doc: Uint8Array, start: number, stop: number): string {
  if (stop - start <= 8) return asciiCodesText(doc, start, stop - start);
  return Buffer.from(doc.buffer, doc.byteOffset, doc.byteLength).toString('utf8', start, stop);
}

/** Array literals for small counts, as the codec makes them: slice() costs a builtin call each. */
function childrenOf(start: number, end: number): WbxmlNode[] {
  const n = bareNodes;
  switch (end - start) {
    case 1: return [n[start] as WbxmlNode];
    case 2: return [n[start] as WbxmlNode, n[start + 1] as WbxmlNode];
    case 3: return [n[start] as WbxmlNode, n[start + 1] as WbxmlNode, n[start + 2] as WbxmlNode];
    default: return n.slice(start, end);
  }
}

function decodeBare(doc: Uint8Array): WbxmlElement {
  let pos = 4;
  let page = 0;
  let top = 0;
  let depth = 0;
  const end = doc.length;
  while (pos < end) {
    const token = doc[pos++] as number;
    if (token === 0x00) {
      page = doc[pos++] as number;
      continue;
    }
    if (token === 0x03) {
      const start = pos;
      while (doc[pos] !== 0) pos++;
      bareNodes[top++] = textOf(doc, start, pos++);
      continue;
    }
    let element: WbxmlElement;
    if (token === 0x01) {
      depth--;
      const index = bareOpen[2 * depth] as number;
      const start = bareOpen[2 * depth + 1] as number;
      element = { page: index >> 6, tag: TAG_NAME_TABLE[index] as string, children: childrenOf(start, top) };
      top = start;
    } else {
      const index = (page << 6) | (token & 0x3f);
      if ((token & 0x40) !== 0) {
        bareOpen[2 * depth] = index;
        bareOpen[2 * depth + 1] = top;
        depth++;
        continue;
      }
      element = { page, tag: TAG_NAME_TABLE[index] as string, children: [] };
    }
    if (depth === 0) return element;
    bareNodes[top++] = element;
  }
  throw new Error('decodeBare: not a document it can read');
}

const bareScratch = Buffer.allocUnsafeSlow(64 * 1024);
let barePage = 0;

function writeBare(el: WbxmlElement, start: number): number {
  let pos = start;
  if (el.page !== barePage) {
    barePage = el.page;
    bareScratch[pos++] = 0x00;
    bareScratch[pos++] = el.page;
  }
  const children = el.children;
  bareScratch[pos++] = tokenOfTag(el.page, el.tag) | (children.length > 0 ? 0x40 : 0);
  if (children.length === 0) return pos;
  for (const child of children) {
    if (typeof child === 'string') {
      bareScratch[pos++] = 0x03;
      pos = writeTextBare(child, pos);
      bareScratch[pos++] = 0x00;
    } else {
      pos = writeBare(child as WbxmlElement, pos);
    }
  }
  bareScratch[pos++] = 0x01;
  return pos;
}

function writeTextBare(text: string, start: number): number {
  let pos = start;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x80) return start + bareScratch.write(text, start, 'utf8');
    bareScratch[pos++] = code;
  }
  return pos;
}

function encodeBare(tree: WbxmlElement): Uint8Array {
  barePage = 0;
  bareScratch[0] = 0x03;
  bareScratch[1] = 0x01;
  bareScratch[2] = 0x6a;
  bareScratch[3] = 0x00;
  const end = writeBare(tree, 4);
  const out = Buffer.allocUnsafeSlow(end);
  bareScratch.copy(out, 0, 0, end);
  return out;
}

for (let i = 0; i < 100; i++) {
  const doc = documents[i] as Uint8Array;
  const tree = trees[i] as WbxmlElement;
  if (JSON.stringify(decodeBare(doc)) !== JSON.stringify(tree) || JSON.stringify(buildTree(folderIds[i] ?? [])) !== JSON.stringify(tree)) {
    throw new Error(`document ${i}: the bare decoder or the builder does not make the codec's tree`);
  }
  if (Buffer.compare(Buffer.from(encodeBare(tree)), Buffer.from(doc)) !== 0) throw new Error(`document ${i}: the bare encoder does not write the codec's bytes`);
}

/** Keeps only the last result alive, as bench/wbxml-codec.ts does: holding all 10,000 would make
 *  every young-generation collection copy them and double the figures. */
function eachKeepingLast<T>(inputs: readonly T[], operation: (input: T) => unknown): unknown {
  let last: unknown;
  for (const input of inputs) last = operation(input);
  return last;
}

interface FloorCase {
  readonly name: string;
  readonly documents: number;
  readonly bytes: number;
  /** Made when the case runs, so that nothing a later case does shapes the type feedback of an
   *  earlier one (the bare encoder meets the FolderSync's non-ASCII names only after the Pings). */
  readonly operations: () => ReadonlyArray<readonly [string, () => unknown]>;
}

const folderSync = folderSyncOf500();
const folderSyncBytes = encodeWbxml(folderSync);

const floorCases: FloorCase[] = [
  {
    name: 'ping-x10000',
    documents: documents.length,
    bytes,
    operations: () => [
      ['read', () => documents.reduce((sum, doc) => sum + readEveryByte(doc), 0)],
      ['build', () => eachKeepingLast(folderIds, buildTree)],
      ['decode-bare', () => eachKeepingLast(documents, decodeBare)],
      ['decode', () => eachKeepingLast(documents, (doc) => decodeWbxml(doc))],
      ['encode-bare', () => eachKeepingLast(trees, encodeBare)],
      ['encode', () => eachKeepingLast(trees, (tree) => encodeWbxml(tree))],
    ],
  },
  {
    name: 'foldersync-500',
    documents: 1,
    bytes: folderSyncBytes.length,
    operations: () => {
      if (Buffer.compare(Buffer.from(encodeBare(folderSync)), Buffer.from(folderSyncBytes)) !== 0) {
        throw new Error('the bare encoder does not write the codec\'s FolderSync');
      }
      return [
        ['decode', () => decodeWbxml(folderSyncBytes)],
        ['encode-bare', () => encodeBare(folderSync)],
        ['encode', () => encodeWbxml(folderSync)],
      ];
    },
  },
];

const settings = process.argv.includes('--full') ? FULL : QUICK;
console.error(`machine: ${cpus().length} x ${cpus()[0]?.model ?? 'unknown CPU'}, node ${process.version}, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
for (const floorCase of floorCases) {
  const perDocument = floorCase.bytes / floorCase.documents;
  console.error(`${floorCase.name}: ${floorCase.documents} document(s) of ${perDocument.toFixed(1)} bytes: 100 MB/s is ${(perDocument / 100e6 * 1e9).toFixed(0)} ns a document`);
  for (const [name, operation] of floorCase.operations()) {
    const timing = measure(operation, settings);
    const ns = (timing.cpuMedian / floorCase.documents) * 1e9;
    console.log(`floor.${floorCase.name}.${name}: ${ns.toFixed(0)} ns/doc (${(floorCase.bytes / timing.cpuMedian / 1e6).toFixed(1)} MB/cpu-s)`);
  }
}
console.error(`load average at the end ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
