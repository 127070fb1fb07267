// The multipart ItemOperations answer (MS-ASCMD 2.2.1.10.1, MS-ASHTTP AcceptMultiPart): binary
// content leaves the WBXML and travels as raw parts after it, so a client need not hold a
// base64-sized copy in its XML. The structure is PartsCount, then an Offset and Length per part
// (32-bit little-endian integers, offsets from the start of the structure), then the parts. Part 0
// is the WBXML answer; in it, each ItemOperations:Data of Properties and each AirSyncBase:Data of
// a fetched Body is replaced by an ItemOperations:Part naming the part that holds its bytes.

import { element, encodeEasBody, isElement, qualifiedName, type WbxmlElement, type WbxmlNode } from '../../eas/wbxml-body.js';

const INT32 = 4;

function contentBytes(el: WbxmlElement): Uint8Array {
  return Buffer.concat(el.children.map((c) => (typeof c === 'string' ? Buffer.from(c, 'utf8') : c instanceof Uint8Array ? c : new Uint8Array(0))));
}

/** Moves the data out of one element's children into `parts`, leaving Part references behind. */
function moveData(el: WbxmlElement, dataName: string, parts: Uint8Array[]): WbxmlElement {
  const children = el.children.map((child): WbxmlNode => {
    if (!isElement(child)) return child;
    const name = qualifiedName(child);
    if (name === dataName) {
      parts.push(contentBytes(child));
      return element('ItemOperations:Part', String(parts.length));
    }
    if (dataName === 'ItemOperations:Data' && name === 'AirSyncBase:Body') return moveData(child, 'AirSyncBase:Data', parts);
    return child;
  });
  return { ...el, children };
}

/** The answer tree with its binary content taken out, and that content in part order (from part 1). */
export function splitParts(root: WbxmlElement): { root: WbxmlElement; parts: Uint8Array[] } {
  const parts: Uint8Array[] = [];
  const walk = (el: WbxmlElement): WbxmlElement => {
    if (qualifiedName(el) === 'ItemOperations:Properties') return moveData(el, 'ItemOperations:Data', parts);
    return { ...el, children: el.children.map((c) => (isElement(c) ? walk(c) : c)) };
  };
  return { root: walk(root), parts };
}

/** PartsCount, PartsMetaData and Parts (MS-ASCMD 2.2.1.10.1.1). */
export function assembleMultipart(parts: readonly Uint8Array[]): Uint8Array {
  const headerLength = INT32 + 2 * INT32 * parts.length;
  const total = parts.reduce((sum, part) => sum + part.length, headerLength);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  view.setUint32(0, parts.length, true);
  let offset = headerLength;
  parts.forEach((part, index) => {
    view.setUint32(INT32 + index * 2 * INT32, offset, true);
    view.setUint32(INT32 + index * 2 * INT32 + INT32, part.length, true);
    out.set(part, offset);
    offset += part.length;
  });
  return out;
}

/** The whole multipart body for an ItemOperations answer tree. */
export function encodeMultipartAnswer(root: WbxmlElement): Uint8Array {
  const split = splitParts(root);
  return assembleMultipart([encodeEasBody(split.root), ...split.parts]);
}
