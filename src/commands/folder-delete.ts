// FolderDelete (MS-ASCMD 2.2.1.4): deletes one folder with everything below it. SyncKey and
// ServerId are both required (6.11); a missing one is Status 10 (2.2.3.177.4).

import type { HierarchySync } from '../sync/hierarchy-sync.js';
import { answer, hierarchyDevice, malformed, readFields } from './folder-request.js';
import type { CommandDefinition } from './registry.js';

export function folderDeleteCommand(engine: HierarchySync): CommandDefinition {
  return {
    name: 'FolderDelete',
    minVersion: '2.5',
    needsProvisioning: true,
    async handle(ctx, request) {
      const fields = readFields(request, ['SyncKey', 'ServerId']);
      if (fields === undefined) return malformed('FolderDelete', ctx, 'SyncKey and ServerId are required');
      const target = { syncKey: fields.SyncKey, serverId: fields.ServerId };
      return answer('FolderDelete', ctx, () => engine.deleteFolder(hierarchyDevice(ctx), target));
    },
  };
}
