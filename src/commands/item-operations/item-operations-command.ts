// ItemOperations (MS-ASCMD 2.2.1.10, 12.0+): Fetch, EmptyFolderContents and conversation Move, one
// Response child per operation in request order. Each operation carries its own Status and fails
// alone; a body with no operation at all is Status 2 for the command. When the client accepts
// multipart (MS-ASAcceptMultiPart: T or the base64 line's bit, CLIENT-QUIRKS §6.2) the answer is
// application/vnd.ms-sync.multipart with the binary content in parts; otherwise plain WBXML.

import { deviceKey } from '../../domain/device.js';
import { EAS_MULTIPART_CONTENT_TYPE } from '../../eas/headers.js';
import { element, type WbxmlElement } from '../../eas/wbxml-body.js';
import type { CommandDeps } from '../command-deps.js';
import { CommandResults, type CommandContext, type CommandDefinition } from '../registry.js';
import { createSyncConverters } from '../sync/sync-converters.js';
import { runConversationMove } from './conversation-move.js';
import { runEmptyFolder } from './empty-folder.js';
import { runFetch } from './fetch.js';
import { readItemOperationsRequest, type ItemOperation } from './item-operations-request.js';
import { ItemOperationsStatus } from './item-operations-status.js';
import { encodeMultipartAnswer } from './multipart.js';
import type { OperationContext } from './operation-context.js';

function runOperation(ctx: OperationContext, op: ItemOperation): Promise<WbxmlElement> {
  switch (op.kind) {
    case 'fetch':
      return runFetch(ctx, op);
    case 'empty-folder':
      return runEmptyFolder(ctx, op);
    case 'move':
      return runConversationMove(ctx, op);
  }
}

const statusOnly = (status: ItemOperationsStatus): WbxmlElement =>
  element('ItemOperations:ItemOperations', element('ItemOperations:Status', String(status)));

export function createItemOperationsCommand(deps: CommandDeps): CommandDefinition {
  const converters = createSyncConverters();
  return {
    name: 'ItemOperations',
    minVersion: '12.0',
    needsProvisioning: true,
    async handle(ctx: CommandContext, request) {
      const operations = request.kind === 'wbxml' ? readItemOperationsRequest(request.root) : [];
      if (operations.length === 0) return CommandResults.wbxml(statusOnly(ItemOperationsStatus.ProtocolError));
      const octx: OperationContext = {
        state: deps.state, stores: deps.stores, key: deviceKey(ctx.user.username, ctx.deviceId),
        protocolVersion: ctx.protocolVersion, converters, log: ctx.log,
      };
      const responses: WbxmlElement[] = [];
      // In order, one at a time: a later operation may depend on an earlier one (empty, then fetch).
      for (const op of operations) responses.push(await runOperation(octx, op));
      const root = element('ItemOperations:ItemOperations', [
        element('ItemOperations:Status', String(ItemOperationsStatus.Success)),
        element('ItemOperations:Response', responses),
      ]);
      if (ctx.params.acceptMultiPart === true) return CommandResults.raw(EAS_MULTIPART_CONTENT_TYPE, encodeMultipartAnswer(root));
      return CommandResults.wbxml(root);
    },
  };
}
