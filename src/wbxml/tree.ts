// The token tree the codec reads and writes: what a WBXML document says, with names resolved
// from the code pages but no EAS meaning. Text is an inline string (STR_I), binary content is
// OPAQUE; EAS uses nothing else (MS-ASWBXML 2.1.2.1).

/** Inline string content (STR_I) or opaque bytes (OPAQUE). */
export type WbxmlContent = string | Uint8Array;

export type WbxmlNode = WbxmlElement | WbxmlContent;

export interface WbxmlElement {
  /** Code page number, 0-25 (MS-ASWBXML 2.1.2.1.1 onwards). */
  readonly page: number;
  /** Tag name as the code page spells it, e.g. "Sync", "ServerId". */
  readonly tag: string;
  /** Empty for an element without content (encoded without the 0x40 content bit). */
  readonly children: WbxmlNode[];
}

export function isElement(node: WbxmlNode): node is WbxmlElement {
  return typeof node === 'object' && !(node instanceof Uint8Array);
}
