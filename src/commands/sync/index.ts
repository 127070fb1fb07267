// The commands built on the Sync engine: Sync and GetItemEstimate share one engine (and so one
// per-collection lock), with the content converters behind it.

import { HeldRequests } from '../../sync/held-requests.js';
import { SyncEngine } from '../../sync/sync-engine.js';
import type { CommandDeps } from '../command-deps.js';
import { createDraftSender } from '../compose/draft-send.js';
import { createGetItemEstimateCommand } from '../get-item-estimate.js';
import type { CommandDefinition } from '../registry.js';
import { createSyncCommand } from './sync-command.js';
import { createSyncConverters } from './sync-converters.js';

/** The engine every command that touches collection state shares (MoveItems and ItemOperations take its locks). */
export function createSyncEngine(deps: CommandDeps): SyncEngine {
  const drafts = deps.submitter === undefined ? undefined : createDraftSender({ submitter: deps.submitter, stores: deps.stores, clock: deps.clock, ...(deps.log === undefined ? {} : { log: deps.log }) });
  return new SyncEngine({ state: deps.state, stores: deps.stores, converters: createSyncConverters(drafts), clock: deps.clock });
}

/** `held` is shared with Ping, so a device's Ping and long-poll Sync end each other. */
export function createSyncCommands(deps: CommandDeps, engine: SyncEngine = createSyncEngine(deps), held: HeldRequests = new HeldRequests()): CommandDefinition[] {
  return [createSyncCommand(deps, engine, held), createGetItemEstimateCommand(engine)];
}
