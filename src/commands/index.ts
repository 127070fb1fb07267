// The command set the server offers: every command module's definition, built from the shared
// dependencies. app.ts registers what this returns; OPTIONS lists exactly these.
import type { CommandDeps } from './command-deps.js';
import { createFolderCommands } from './folder-commands.js';
import { createProvisionCommand } from './provision/provision-command.js';
import type { CommandDefinition } from './registry.js';
import { createSettingsCommand } from './settings/settings-command.js';
import { createSyncCommands } from './sync/index.js';

export function createCommandSet(deps: CommandDeps): CommandDefinition[] {
  return [createSettingsCommand(deps), ...createFolderCommands(deps), createProvisionCommand(deps), ...createSyncCommands(deps)];
}
