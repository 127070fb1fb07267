// Configuration and memory of the EAS test peer: what it advertises, how it enforces provisioning,
// and the keys it has issued. Kept apart from the HTTP code so the command replies can read it.

import type { WbxmlElement } from '../../wbxml/index.js';
import type { ProtocolVersion } from '../../eas/protocol-version.js';
import type { EasRequestLine } from '../../eas/request-line.js';

export type PeerProvisioning =
  /** No policy enforced: every command is served without a key. */
  | 'off'
  /** HTTP 449 for every version (Z-Push, grommunio). */
  | 'http-449'
  /** 200 with Status 142 (no key) or 144 (stale key), as MS-ASCMD 2.2.2 has it for 14.0+. */
  | 'status'
  /** 449 below 14.0, Status 142/144 from 14.0 on (CLIENT-QUIRKS §6.3 recommendation). */
  | 'by-version';

export interface PeerOptions {
  /** user name -> password; default { alice: 'secret' }. */
  users?: Record<string, string>;
  versions?: readonly ProtocolVersion[];
  /** MS-ASProtocolCommands; default every command the peer answers. */
  commands?: readonly string[];
  /** Write the version list as "2.5, 12.0" (a fault the diagnostic must flag). */
  spacesInVersionList?: boolean;
  /** Answer unauthenticated OPTIONS with 401 (Z-Push behaviour the diagnostic must flag). */
  authenticateOptions?: boolean;
  provisioning?: PeerProvisioning;
  /** Keep demanding provisioning even after a successful Provision (a broken server). */
  neverSatisfied?: boolean;
  /** Answer Policy Status 2: no policy for this device. */
  noPolicy?: boolean;
  /** Order a remote wipe: by Status 140 on commands, or by RemoteWipe in the Provision reply. */
  remoteWipe?: 'status-140' | 'provision';
  /** Messages in the Inbox; default 40. */
  inboxItems?: number;
  /** Ping answer: expire after the (capped) heartbeat, report changes, or refuse the heartbeat. */
  ping?: 'expire' | 'changes' | 'out-of-range';
  /** Upper bound on how long a Ping is held, so tests stay fast; default 50 ms. */
  pingHoldCapMs?: number;
}

export interface PeerRequest {
  method: string;
  search: string;
  headers: Record<string, string | string[] | undefined>;
  line?: EasRequestLine;
  /** Protocol version from the base64 line or the MS-ASProtocolVersion header. */
  version?: string;
  /** Policy key from the base64 line or the X-MS-PolicyKey header. */
  policyKey?: string;
  body?: WbxmlElement;
  raw: Uint8Array;
  /** HTTP status the peer answered with. */
  answeredStatus: number;
}

export interface PeerMemory {
  temporaryPolicyKey?: string;
  finalPolicyKey?: string;
  nextKey: number;
  folderSyncKey?: string;
  /** Sync key per collection and how many Inbox items were already sent under it. */
  syncKeys: Map<string, { key: string; sent: number }>;
  /** Provision acknowledgements that completed. */
  provisionCount: number;
}

export function createPeerMemory(): PeerMemory {
  return { nextKey: 1000, syncKeys: new Map(), provisionCount: 0 };
}

export function issueKey(memory: PeerMemory): string {
  memory.nextKey += 1;
  return String(memory.nextKey);
}
