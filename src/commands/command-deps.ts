// What command handlers are built from: the state store, the user's storage ports and the
// settings the composition root derives from configuration. Commands never read config or open
// stores themselves; app.ts hands this in once.
import type { Logger } from 'pino';
import type { MailSubmitter } from '../domain/mail-submission.js';
import type { StateStore } from '../domain/state-store.js';
import type { MailboxStores } from '../domain/stores.js';
import type { ProvisioningSettings } from './provision/provisioning-settings.js';

export interface CommandDeps {
  readonly state: StateStore;
  readonly stores: MailboxStores;
  /** Milliseconds since the epoch; tests pass their own clock. */
  readonly clock: () => number;
  /** From the `provisioning` configuration; DEFAULT_PROVISIONING_SETTINGS when absent. */
  readonly provisioning?: ProvisioningSettings;
  /** Outgoing mail (SendMail, SmartReply, SmartForward, MeetingResponse replies). */
  readonly submitter?: MailSubmitter;
  /** From the `ping` configuration; DEFAULT_PING_SETTINGS when absent. */
  readonly ping?: PingSettings;
  /** The application's logger, for what parts built once (not per request) must report. */
  readonly log?: Pick<Logger, 'error'>;
}

/** MS-ASCMD 2.2.3.88.1 and 2.2.3.96: the Ping bounds an operator may narrow. */
export interface PingSettings {
  readonly minHeartbeatSeconds: number;
  readonly maxHeartbeatSeconds: number;
  readonly maxFolders: number;
}

export const DEFAULT_PING_SETTINGS: PingSettings = Object.freeze({ minHeartbeatSeconds: 60, maxHeartbeatSeconds: 3540, maxFolders: 300 });
