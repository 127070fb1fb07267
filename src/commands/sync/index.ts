// The commands built on the Sync engine: Sync and GetItemEstimate share one engine (and so one
// per-collection lock), with the content converters behind it.

import { SyncEngine } from '../../sync/sync-engine.js';
import type { CommandDeps } from '../command-deps.js';
import { createGetItemEstimateCommand } from '../get-item-estimate.js';
import type { CommandDefinition } from '../registry.js';
import { createSyncCommand } from './sync-command.js';
import { createSyncConverters } from './sync-converters.js';

export function createSyncCommands(deps: CommandDeps): CommandDefinition[] {
  const engine = new SyncEngine({ state: deps.state, stores: deps.stores, converters: createSyncConverters(), clock: deps.clock });
  return [createSyncCommand(deps, engine), createGetItemEstimateCommand(engine)];
}
