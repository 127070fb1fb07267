// FolderCreate (MS-ASCMD 2.2.1.3): SyncKey, ParentId, DisplayName and Type are all required
// (6.9); a missing one, or a Type that is not a number, is Status 10 (2.2.3.177.3).

import type { HierarchySync } from '../sync/hierarchy-sync.js';
import { answer, hierarchyDevice, malformed, parseFolderType, readFields } from './folder-request.js';
import type { CommandDefinition } from './registry.js';

export function folderCreateCommand(engine: HierarchySync): CommandDefinition {
  return {
    name: 'FolderCreate',
    minVersion: '2.5',
    needsProvisioning: true,
    async handle(ctx, request) {
      const fields = readFields(request, ['SyncKey', 'ParentId', 'DisplayName', 'Type']);
      if (fields === undefined) return malformed('FolderCreate', ctx, 'SyncKey, ParentId, DisplayName and Type are required');
      const type = parseFolderType(fields.Type);
      if (type === undefined) return malformed('FolderCreate', ctx, `Type ${JSON.stringify(fields.Type)} is not a folder type`);
      const folder = { syncKey: fields.SyncKey, parentId: fields.ParentId, displayName: fields.DisplayName, type };
      return answer('FolderCreate', ctx, () => engine.createFolder(hierarchyDevice(ctx), folder));
    },
  };
}
