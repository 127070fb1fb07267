// WBXML bodies as the layers above eas see them: decoding a request body under limits, where any
// decoder complaint becomes EAS status 102 (InvalidWBXML) and a tree with the wrong top-level
// element becomes 103 (InvalidXML), both client errors (MS-ASCMD 2.2.2), and encoding a response.
// http and commands may not import wbxml directly, so the tree helpers they need pass through here.
import type { WbxmlElement, WbxmlLimits } from '../wbxml/index.js';
import { DEFAULT_WBXML_LIMITS, decodeWbxml, encodeWbxml, qualifiedName } from '../wbxml/index.js';
import { EasStatusError, toEasStatusError } from './status.js';

export type { WbxmlContent, WbxmlElement, WbxmlLimits, WbxmlNode } from '../wbxml/index.js';
export {
  DEFAULT_WBXML_LIMITS,
  childElements,
  element,
  firstChild,
  isElement,
  qualifiedName,
  textContent,
} from '../wbxml/index.js';

/**
 * Decodes a request body. `expectedRoot` is the command's top-level element ("AirSync:Sync");
 * a body whose root differs is InvalidXML.
 */
export function decodeEasBody(
  bytes: Uint8Array,
  limits: Partial<WbxmlLimits> = DEFAULT_WBXML_LIMITS,
  expectedRoot?: string,
): WbxmlElement {
  let root: WbxmlElement;
  try {
    root = decodeWbxml(bytes, limits);
  } catch (error) {
    throw toEasStatusError(error) ?? error;
  }
  if (expectedRoot !== undefined && qualifiedName(root) !== expectedRoot) {
    throw new EasStatusError(103, {
      message: `InvalidXML: the body's top-level element is ${qualifiedName(root)}, expected ${expectedRoot}`,
    });
  }
  return root;
}

/** Encodes a response tree; the codec writes the 03 01 6A 00 header every client checks. */
export function encodeEasBody(root: WbxmlElement): Uint8Array {
  return encodeWbxml(root);
}
