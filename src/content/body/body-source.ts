// What a converter hands the body builder: the representations an item has (plain text, HTML,
// the whole MIME message) and, for 2.5 clients, which namespace its legacy Body elements live
// in. The builder derives whatever representation the client asks for from these.

/** The available forms of an item's body; any may be absent. */
export interface BodySource {
  /** text/plain body (or the class's native text, e.g. a note or a vCard NOTE). */
  readonly plain?: string;
  /** text/html body. */
  readonly html?: string;
  /** The whole RFC 5322 message; only mail has one (AirSyncBase Type 4). */
  readonly mime?: Uint8Array;
  /** The message is S/MIME signed or encrypted: served as MIME whenever the client lists Type 4
   *  (CLIENT-QUIRKS §6.2, some Android/BlackBerry clients cannot verify it otherwise). */
  readonly smime?: boolean;
}

/**
 * Namespaces that carried the body before AirSyncBase (EAS 2.5): Email:Body/BodySize/
 * BodyTruncated (MS-ASEMAIL 2.2.2.10.2), Calendar:Body/BodyTruncated (MS-ASCAL, no BodySize),
 * Contacts:... (MS-ASCNTC) and Tasks:... (MS-ASTASK). Notes did not exist in 2.5.
 */
export type LegacyBodyNamespace = 'Email' | 'Calendar' | 'Contacts' | 'Tasks';

/** AirSyncBase:NativeBodyType of a source (MS-ASAIRS 2.2.2.32): 2 when it has HTML, else 1. */
export function nativeBodyType(source: BodySource): 1 | 2 {
  return source.html !== undefined && source.html.length > 0 ? 2 : 1;
}
