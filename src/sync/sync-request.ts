// The Sync request as the engine sees it, one collection at a time (MS-ASCMD 2.2.3.29.2): the key,
// the window, the options the converters need and the client's commands. The command layer reads
// the WBXML into this shape (and fills omitted collections from the cached request, 14.0+
// partial Sync); the engine never looks at the request tree itself.

import type { ProtocolVersion } from '../eas/protocol-version.js';
import type { WbxmlElement } from '../eas/wbxml-body.js';

/** MS-ASAIRS 2.2.2.7 BodyPreference, the shape content converters take. */
export interface SyncBodyPreference {
  readonly type: 1 | 2 | 3 | 4;
  readonly truncationSize?: number;
  readonly allOrNone?: boolean;
  readonly preview?: number;
}

/** The per-collection options every converter call gets (MS-ASCMD 2.2.3.125.6 Options). */
export interface SyncItemOptions {
  readonly bodyPreferences: readonly SyncBodyPreference[];
  readonly mimeSupport?: 0 | 1 | 2;
  readonly filterType?: number;
  /** MS-ASCMD 2.2.3.34 Conflict: 0 client wins, 1 server wins (the default). */
  readonly conflict?: 0 | 1;
}

export type ClientCommand =
  | { readonly kind: 'add'; readonly clientId: string; readonly appData: WbxmlElement }
  | { readonly kind: 'change'; readonly serverId: string; readonly appData: WbxmlElement }
  | { readonly kind: 'delete'; readonly serverId: string }
  | { readonly kind: 'fetch'; readonly serverId: string };

export interface CollectionRequest {
  readonly collectionId: string;
  readonly syncKey: string;
  readonly getChanges: boolean;
  /** Already clamped to 1..MAX_WINDOW_SIZE. */
  readonly windowSize: number;
  readonly deletesAsMoves: boolean;
  readonly options: SyncItemOptions;
  /** Qualified or bare element names from Supported; only meaningful with SyncKey 0. */
  readonly supported?: readonly string[];
  readonly commands: readonly ClientCommand[];
}

/** The requesting device as the engine needs it. */
export interface SyncDevice {
  readonly user: string;
  readonly deviceId: string;
  readonly protocolVersion: ProtocolVersion;
  /** The user's e-mail address (the From of drafts the device writes); absent where no command needs it. */
  readonly address?: string;
}

/** CLIENT-QUIRKS §3.1: Outlook asks for up to 512; 0 or more means 512 (MS-ASCMD 2.2.3.199 caps it there too). */
export const MAX_WINDOW_SIZE = 512;
/**
 * MS-ASCMD 2.2.3.177.17 Status 15: the collections one Sync may name. Outlook puts every folder it
 * syncs in one request, so the bound is generous; it keeps one request's work (a state read, a
 * change scan and a commit per collection) from growing without limit.
 */
export const MAX_SYNC_COLLECTIONS = 1000;
/** MS-ASCMD 2.2.3.199: the default when the client sends no WindowSize. */
export const DEFAULT_WINDOW_SIZE = 100;

export function clampWindowSize(value: number | undefined): number {
  if (value === undefined || !Number.isFinite(value)) return DEFAULT_WINDOW_SIZE;
  if (value <= 0 || value > MAX_WINDOW_SIZE) return MAX_WINDOW_SIZE;
  return Math.floor(value);
}
