// Types shared by the client's modules: the response of one exchange, per-request options, the
// events a caller can watch, and the narrow channel the command helpers send through (so they
// need not know the EasClient class).

import type { WbxmlElement } from '../wbxml/index.js';
import type { EasCommandName } from '../eas/commands.js';
import type { ProtocolVersion } from '../eas/protocol-version.js';
import type { RequestLineParams } from '../eas/request-line.js';
import type { EasClientState } from './client-state.js';
import type { DeviceInformation } from './request-builders.js';

export interface EasResponse {
  status: number;
  headers: Headers;
  /** Decoded WBXML body; absent for an empty or non-WBXML body. */
  body?: WbxmlElement;
  raw: Uint8Array;
  durationMs: number;
}

export interface SendOptions {
  params?: RequestLineParams;
  /** Overrides the WBXML content type, e.g. message/rfc822 for 2.5 SendMail. */
  contentType?: string;
  timeoutMs?: number;
  /** Policy key for this request only; null sends none (initial Provision). */
  policyKey?: string | null;
}

export type ProvisioningTrigger = 'http-449' | 'status-142' | 'status-143' | 'status-144';

export type EasClientEvent =
  | { type: 'provisioning-required'; command: EasCommandName; trigger: ProvisioningTrigger }
  | { type: 'provisioned'; policyKey: string | undefined }
  /** Every answer to a POST, before the client acts on it (tests check each body with a second decoder). */
  | { type: 'response'; command: EasCommandName; response: EasResponse };

/** What the command helpers need from a client. */
export interface CommandChannel {
  readonly protocolVersion: ProtocolVersion;
  readonly deviceInformation: DeviceInformation;
  readonly mutableState: EasClientState;
  send(command: EasCommandName, body?: WbxmlElement | Uint8Array, options?: SendOptions): Promise<EasResponse>;
}
