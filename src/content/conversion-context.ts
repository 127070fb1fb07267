// What every content converter needs to know about the request it serves: the protocol version
// (element sets differ between 2.5, 12.x, 14.x and 16.x), the client's body preferences and the
// ids that attachment references are built from. Filled by the sync engine and commands from the
// Sync/ItemOperations/Search Options (MS-ASAIRS 2.2.2.7 BodyPreference, MS-ASCMD Options).
import type { ProtocolVersion } from '../eas/protocol-version.js';

/** AirSyncBase:Type values (MS-ASAIRS 2.2.2.22.1). */
export type BodyType = 1 | 2 | 3 | 4;

export interface BodyPreference {
  readonly type: BodyType;
  /** Bytes; absent means no truncation. */
  readonly truncationSize?: number;
  /** Send nothing rather than a truncated body (MS-ASAIRS 2.2.2.3). */
  readonly allOrNone?: boolean;
  /** Characters of plain-text preview, 14.0+ (MS-ASAIRS 2.2.2.18.1). */
  readonly preview?: number;
}

export interface ConversionContext {
  readonly protocolVersion: ProtocolVersion;
  /** In the client's order; empty when the client sent none (2.5, or a client that relies on defaults). */
  readonly bodyPreferences: readonly BodyPreference[];
  /** AirSync:MIMESupport 0 never, 1 S/MIME only, 2 always (MS-ASCMD 2.2.3.100.3). */
  readonly mimeSupport?: 0 | 1 | 2;
  /** 2.5 AirSync:Truncation / MIMETruncation codes (MS-ASCMD 2.2.3.168 in the 2.5 era). */
  readonly legacyTruncation?: number;
  readonly legacyMimeTruncation?: number;
  /** Prefix that makes an attachment's FileReference resolvable on its own (collection and item ServerIds). */
  readonly fileReferencePrefix?: string;
  /** IANA zone used where a source value is floating (no zone) and EAS needs UTC. */
  readonly defaultTimeZone?: string;
}
