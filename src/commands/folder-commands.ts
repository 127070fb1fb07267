// The four folder hierarchy commands built around ONE engine: FolderSync, FolderCreate,
// FolderUpdate and FolderDelete all move the same per-device hierarchy state, so they share the
// engine's per-device lock (two requests of one device never build on the same state).

import { HierarchySync } from '../sync/hierarchy-sync.js';
import type { CommandDeps } from './command-deps.js';
import { folderCreateCommand } from './folder-create.js';
import { folderDeleteCommand } from './folder-delete.js';
import { folderSyncCommand } from './folder-sync.js';
import { folderUpdateCommand } from './folder-update.js';
import type { CommandDefinition } from './registry.js';

export function createFolderCommands(deps: Pick<CommandDeps, 'state' | 'stores'>): CommandDefinition[] {
  const engine = new HierarchySync({ state: deps.state, folders: deps.stores.hierarchy });
  return [folderSyncCommand(engine), folderCreateCommand(engine), folderUpdateCommand(engine), folderDeleteCommand(engine)];
}
