// Public face of the shared body builder: every content converter builds its AirSyncBase:Body
// (or 2.5 Body elements) through encodeBody.

export { encodeBody, legacyMimeTruncationBytes, legacyTruncationChars } from './encode-body.js';
export { nativeBodyType, type BodySource, type LegacyBodyNamespace } from './body-source.js';
export { decodeEntities, htmlToText, textToHtml } from './html-text.js';
export { buildPreview, MAX_PREVIEW_CHARS } from './preview.js';
export { truncateChars, truncateMime, truncateUtf8 } from './truncate.js';
export { readBody, type ClientBody } from './decode-body.js';
