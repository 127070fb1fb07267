// What command handlers are built from: the state store, the user's storage ports and the
// settings the composition root derives from configuration. Commands never read config or open
// stores themselves; app.ts hands this in once.
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
}
