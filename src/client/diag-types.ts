// Shapes shared by the diagnostic modules: the options and report of `pushbridge diag`, one
// step's outcome, and the run context the steps pass along (client, offered commands, Inbox).

import type { ProtocolVersion } from '../eas/protocol-version.js';
import type { DeviceProfile, DeviceProfileName } from './device-profiles.js';
import type { EasClient } from './eas-client.js';
import type { FolderEntry } from './response-readers.js';

export type DiagResult = 'pass' | 'fail' | 'skip';

export interface DiagStep {
  name: string;
  result: DiagResult;
  /** One line: status codes, counts, durations, or why the step was skipped. */
  detail: string;
  durationMs: number;
}

export interface DiagOptions {
  url: string;
  user: string;
  password: string;
  deviceType: DeviceProfileName;
  deviceId?: string;
  /** Highest version to use; defaults to the profile's (iPhone 16.1, Android 14.1, Outlook 14.0). */
  protocolVersion?: ProtocolVersion;
  /** Per-request time limit (default 30 s). */
  timeoutMs?: number;
  /** Ping heartbeat in seconds (default 60, the lowest most servers accept). */
  pingHeartbeatSeconds?: number;
  /** Sync window for the Inbox fetch (default 25). */
  windowSize?: number;
}

export interface DiagReport {
  /** True when no step failed. */
  ok: boolean;
  steps: DiagStep[];
  url: string;
  profile: DeviceProfileName;
  deviceId: string;
  /** The version negotiated from OPTIONS, when there was a common one. */
  protocolVersion?: ProtocolVersion;
  durationMs: number;
}

export interface Outcome {
  result: DiagResult;
  detail: string;
}

export interface DiagRun {
  client: EasClient;
  profile: DeviceProfile;
  options: DiagOptions;
  version: ProtocolVersion;
  /** Commands from MS-ASProtocolCommands; undefined when the header was missing (then every step is tried). */
  offered?: ReadonlySet<string>;
  /** Notes from client events during the current step. */
  notes: string[];
  currentStep: string;
  provisionedDuring?: string;
  /** The version picked from OPTIONS; undefined until then or when there is none in common. */
  negotiated?: ProtocolVersion;
  /** OPTIONS could not reach the server at all. */
  unreachable: boolean;
  /** OPTIONS listed versions, none of which this profile speaks. */
  noCommonVersion: boolean;
  inbox?: FolderEntry;
  syncPrimed: boolean;
}

export const pass = (detail: string): Outcome => ({ result: 'pass', detail });
export const fail = (detail: string): Outcome => ({ result: 'fail', detail });
export const skip = (detail: string): Outcome => ({ result: 'skip', detail });
export const ms = (value: number): string => `${Math.round(value)} ms`;
