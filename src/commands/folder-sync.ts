// FolderSync (MS-ASCMD 2.2.1.5): the request carries only the hierarchy SyncKey; the engine does
// the rest. A request without a SyncKey is Status 10 (2.2.3.177.5); an empty one is a bad key (9).

import type { HierarchySync } from '../sync/hierarchy-sync.js';
import { answer, hierarchyDevice, malformed, readFields } from './folder-request.js';
import type { CommandDefinition } from './registry.js';

export function folderSyncCommand(engine: HierarchySync): CommandDefinition {
  return {
    name: 'FolderSync',
    minVersion: '2.5',
    needsProvisioning: true,
    async handle(ctx, request) {
      const fields = readFields(request, ['SyncKey']);
      if (fields === undefined) return malformed('FolderSync', ctx, 'the request has no SyncKey');
      return answer('FolderSync', ctx, () => engine.folderSync(hierarchyDevice(ctx), fields.SyncKey));
    },
  };
}
