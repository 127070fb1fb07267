// The one error type of the WBXML codec. Every way a body can be bad maps to a code, so the HTTP
// layer can answer a client mistake with a clean status instead of a crash (ARCHITECTURE.md, "one
// error boundary"), and tests can assert the exact reason.

export type WbxmlErrorCode =
  /** The input ended inside a token, a string, an opaque block or an open element. */
  | 'truncated'
  /** The version byte is not WBXML 1.1-1.3. */
  | 'bad-header'
  /** SWITCH_PAGE names a code page MS-ASWBXML does not define. */
  | 'unknown-page'
  /** A tag token that the current code page does not define. */
  | 'unknown-token'
  /** Valid WBXML that EAS never uses: string tables, entities, literals, extensions, PIs, attributes, non-UTF-8 charsets. */
  | 'unsupported'
  /** A configured limit (size, depth, string, opaque, element count) was exceeded. */
  | 'limit'
  /** Structurally wrong: bad multi-byte integer, content outside the root, bytes after the root. */
  | 'malformed'
  /** The encoder was given a tree it cannot write (unknown page or tag, NUL in a string, a non-node child). */
  | 'unencodable';

export class WbxmlError extends Error {
  override readonly name = 'WbxmlError';
  readonly code: WbxmlErrorCode;
  /** Byte offset in the decoder's input where the problem was found; -1 for encoder errors. */
  readonly offset: number;

  constructor(code: WbxmlErrorCode, message: string, offset = -1) {
    super(offset >= 0 ? `${message} (at byte ${offset})` : message);
    this.code = code;
    this.offset = offset;
  }
}
