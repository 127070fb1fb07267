// FolderUpdate (MS-ASCMD 2.2.1.6): renames and/or moves one folder. SyncKey, ServerId, ParentId and
// DisplayName are all required (6.17); the server answers 10 when one is missing (2.2.3.181.1).

import type { HierarchySync } from '../sync/hierarchy-sync.js';
import { answer, hierarchyDevice, malformed, readFields } from './folder-request.js';
import type { CommandDefinition } from './registry.js';

export function folderUpdateCommand(engine: HierarchySync): CommandDefinition {
  return {
    name: 'FolderUpdate',
    minVersion: '2.5',
    needsProvisioning: true,
    async handle(ctx, request) {
      const fields = readFields(request, ['SyncKey', 'ServerId', 'ParentId', 'DisplayName']);
      if (fields === undefined) return malformed('FolderUpdate', ctx, 'SyncKey, ServerId, ParentId and DisplayName are required');
      const change = {
        syncKey: fields.SyncKey,
        serverId: fields.ServerId,
        parentId: fields.ParentId,
        displayName: fields.DisplayName,
      };
      return answer('FolderUpdate', ctx, () => engine.updateFolder(hierarchyDevice(ctx), change));
    },
  };
}
