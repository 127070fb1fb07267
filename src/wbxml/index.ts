// Public face of the WBXML codec: everything eas/ and client/ may use.

export type { CodePage } from './code-page.js';
export { CODE_PAGES, pageNumber, tagName, tagToken } from './code-pages/index.js';
export { decodeWbxml } from './decoder.js';
export { encodeWbxml, type EncodeOptions } from './encoder.js';
export { WbxmlError, type WbxmlErrorCode } from './errors.js';
export {
  DEFAULT_WBXML_LIMITS, MAX_WBXML_BYTES, MAX_WBXML_DEPTH, MAX_WBXML_ELEMENTS, MAX_WBXML_OPAQUE_BYTES,
  MAX_WBXML_STRING_BYTES, resolveWbxmlLimits, type WbxmlLimits,
} from './limits.js';
export { isElement, type WbxmlContent, type WbxmlElement, type WbxmlNode } from './tree.js';
export {
  childElements, element, firstChild, qualifiedName, resolveTag, textContent, type ResolvedTag,
} from './tree-helpers.js';
