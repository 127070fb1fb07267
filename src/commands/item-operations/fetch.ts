// ItemOperations Fetch (MS-ASCMD 2.2.3.67): which store and which kind of id, and the Fetch
// element of the answer. Only the Mailbox store exists here; a DocumentLibrary fetch (SharePoint
// or UNC, LinkId) gets Status 9, never an error page. The answer echoes the ids the client named,
// in the schema's order (Status, CollectionId, ServerId, LongId, FileReference, LinkId, Class,
// Properties), so the client can match it to its request.

import { element, type WbxmlElement } from '../../eas/wbxml-body.js';
import { fetchAttachment } from './fetch-attachment.js';
import { fetchMailboxItem } from './fetch-item.js';
import type { FetchOperation } from './item-operations-request.js';
import { ItemOperationsStatus } from './item-operations-status.js';
import type { FetchAnswer, OperationContext } from './operation-context.js';

const MAILBOX_STORE = 'mailbox';

export function fetchResponse(op: FetchOperation, answer: FetchAnswer): WbxmlElement {
  const children = [element('ItemOperations:Status', String(answer.status))];
  const echo = (name: string, value: string | undefined): void => {
    if (value !== undefined) children.push(element(name, value));
  };
  echo('AirSync:CollectionId', op.collectionId);
  echo('AirSync:ServerId', op.serverId);
  echo('Search:LongId', op.longId);
  echo('AirSyncBase:FileReference', op.fileReference);
  echo('DocumentLibrary:LinkId', op.linkId);
  if (answer.status === ItemOperationsStatus.Success) {
    echo('AirSync:Class', answer.className);
    if (answer.properties !== undefined) children.push(element('ItemOperations:Properties', [...answer.properties]));
  }
  return element('ItemOperations:Fetch', children);
}

async function answerFetch(ctx: OperationContext, op: FetchOperation): Promise<FetchAnswer> {
  if (op.store.toLowerCase() !== MAILBOX_STORE || op.linkId !== undefined) return { status: ItemOperationsStatus.StoreUnsupported };
  if (op.problem !== undefined) return { status: ItemOperationsStatus.ProtocolError };
  if (op.fileReference !== undefined) return fetchAttachment(ctx, op.fileReference, op.options);
  return fetchMailboxItem(ctx, op);
}

/** The Fetch element answering `op`; an unexpected failure is Status 3 with the cause in the log. */
export async function runFetch(ctx: OperationContext, op: FetchOperation): Promise<WbxmlElement> {
  try {
    return fetchResponse(op, await answerFetch(ctx, op));
  } catch (error) {
    ctx.log.error({ err: error, easStatus: ItemOperationsStatus.ServerError }, 'ItemOperations: Fetch failed');
    return fetchResponse(op, { status: ItemOperationsStatus.ServerError });
  }
}
