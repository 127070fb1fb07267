// The command set the server offers: every command module's definition, built from the shared
// dependencies. app.ts registers what this returns; OPTIONS lists exactly these.
import type { CommandDeps } from './command-deps.js';
import { createComposeCommands } from './compose/index.js';
import { createFolderCommands } from './folder-commands.js';
import { createItemOperationsCommand } from './item-operations/item-operations-command.js';
import { createMeetingResponseCommand } from './meeting-response/index.js';
import { createMoveItemsCommand } from './move-items/move-items-command.js';
import { createPingCommand } from './ping/ping-command.js';
import { createProvisionCommand } from './provision/provision-command.js';
import type { CommandDefinition } from './registry.js';
import { createSearchCommand } from './search/search-command.js';
import { createSettingsCommand } from './settings/settings-command.js';
import { createSyncCommands, createSyncEngine } from './sync/index.js';
import { HeldRequests } from '../sync/held-requests.js';
import { PushHub } from '../sync/push-hub.js';

/** `held`: one per process, so a device's Ping and long-poll Sync end each other (MS-ASCMD 3.1.5.8); app.ts ends them all at shutdown. */
export function createCommandSet(deps: CommandDeps, held: HeldRequests = new HeldRequests()): CommandDefinition[] {
  // One engine: MoveItems takes the same per-collection locks as Sync.
  const engine = createSyncEngine(deps);
  const ping = createPingCommand({ deps, held, hub: new PushHub(deps.stores.changes) });
  return [createSettingsCommand(deps), ...createFolderCommands(deps), createProvisionCommand(deps), ...createSyncCommands(deps, engine, held), ping,
    createMoveItemsCommand(deps, engine), createItemOperationsCommand(deps), ...createComposeCommands(deps), createSearchCommand(deps),
    createMeetingResponseCommand(deps, engine)];
}
