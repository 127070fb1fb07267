// MoveItems (MS-ASCMD 2.2.1.12) at the command layer: one Response per Move, in request order,
// with SrcMsgId, Status and, on success, DstMsgId. A Move that fails unexpectedly is Status 5 with
// the cause in the log; it never turns the whole answer into an HTTP 500 (CLIENT-QUIRKS §1). A body
// that is not a MoveItems request is InvalidXML (common status 103, HTTP 400 before 14.0).

import { deviceKey } from '../../domain/device.js';
import { EAS_STATUS, EasStatusError } from '../../eas/status.js';
import { element, type WbxmlElement } from '../../eas/wbxml-body.js';
import type { CommandDeps } from '../command-deps.js';
import { CommandResults, type CommandContext, type CommandDefinition } from '../registry.js';
import { MoveStatus, moveItem, type CollectionLocks, type MoveOutcome } from './move-item.js';
import { readMoveItemsRequest, type MoveRequest } from './move-items-request.js';

function responseFor(request: MoveRequest, outcome: MoveOutcome): WbxmlElement {
  // MoveItems response schema: SrcMsgId, Status, DstMsgId in that sequence.
  const children = [element('Move:SrcMsgId', request.srcMsgId), element('Move:Status', String(outcome.status))];
  if (outcome.dstMsgId !== undefined) children.push(element('Move:DstMsgId', outcome.dstMsgId));
  return element('Move:Response', children);
}

async function moveOne(deps: CommandDeps, locks: CollectionLocks | undefined, ctx: CommandContext, request: MoveRequest): Promise<MoveOutcome> {
  try {
    return await moveItem({ state: deps.state, stores: deps.stores, ...(locks === undefined ? {} : { locks }) },
      deviceKey(ctx.user.username, ctx.deviceId), request);
  } catch (error) {
    ctx.log.error({ err: error, easStatus: MoveStatus.CannotMove, srcFldId: request.srcFldId, dstFldId: request.dstFldId }, 'MoveItems: move failed');
    return { status: MoveStatus.CannotMove };
  }
}

/** `locks` should be the SyncEngine the Sync command uses, so a move never overlaps a Sync of either collection. */
export function createMoveItemsCommand(deps: CommandDeps, locks?: CollectionLocks): CommandDefinition {
  return {
    name: 'MoveItems',
    minVersion: '2.5',
    needsProvisioning: true,
    async handle(ctx, request) {
      const moves = request.kind === 'wbxml' ? readMoveItemsRequest(request.root) : [];
      if (moves.length === 0) throw new EasStatusError(EAS_STATUS.InvalidXML, { message: 'MoveItems request without a Move' });
      const responses: WbxmlElement[] = [];
      // One at a time, in order: two Moves of one request may name the same collections.
      for (const move of moves) responses.push(responseFor(move, await moveOne(deps, locks, ctx, move)));
      return CommandResults.wbxml(element('Move:MoveItems', responses));
    },
  };
}
