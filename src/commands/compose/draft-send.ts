// Sending a 16.x draft: a Sync Change in the Drafts folder that carries Email2:Send (MS-ASEMAIL
// 2.2.2.69; Samsung Email sends saved drafts this way, CLIENT-QUIRKS §2.2). The finished draft
// goes to the MailSubmitter first, so a refusal leaves the draft as it was and nothing to undo;
// only then is the copy with Bcc filed in Sent Items and the draft taken out of Drafts, which the
// device learns as a Delete in the same Sync reply or its next one, as it does from Exchange.
//
// Sync has no send statuses of its own (MS-ASCMD 2.2.3.177.17), so failures map onto its
// catalogue: a draft that cannot go out as it is (no recipient, a refused recipient, unreadable
// MIME, too many recipients, no relay for a remote address) is the item's Status 6, which stops
// the device from resending it unchanged; a relay that is down is the collection's Status 16
// (retry), with nothing written.

import type { Logger } from 'pino';
import { InvalidInputError, StoreUnavailableError } from '../../domain/errors.js';
import { findDefaultFolder, FolderType } from '../../domain/folder.js';
import type { ItemRef } from '../../domain/item.js';
import type { MailStore } from '../../domain/mail-store.js';
import { SubmissionError } from '../../domain/mail-submission.js';
import type { SubmissionDeps } from './compose-submission.js';
import { MalformedMimeError } from './mime-header-block.js';
import { prepareOutgoing, type PreparedMessage } from './outgoing-message.js';

export interface DraftSendRequest {
  /** The mailbox owner (store key). */
  readonly user: string;
  /** The authenticated user's address: envelope sender and From when the draft has none. */
  readonly sender: string;
  readonly folderId: string;
  readonly itemId: string;
  /** The draft as the Change leaves it (the stored draft with the client's fields merged in). */
  readonly mime: Uint8Array;
  /** The stored draft, answered when the message went out but could not be filed. */
  readonly current: ItemRef;
}

export interface DraftSenderDeps extends SubmissionDeps {
  /** Where a failure to file an already sent message is reported. */
  readonly log?: Pick<Logger, 'error'>;
}

export interface DraftSender {
  /**
   * Sends the draft, files it in Sent Items and removes it from Drafts. Resolves to the Sent
   * Items copy, or to the draft left where it was when it cannot be filed. Throws
   * InvalidInputError (Sync Status 6) or StoreUnavailableError (Status 16) before anything is sent.
   */
  sendDraft(store: MailStore, request: DraftSendRequest): Promise<ItemRef>;
}

function prepare(mime: Uint8Array, sender: string, now: Date): PreparedMessage {
  try {
    return prepareOutgoing(mime, { address: sender }, now);
  } catch (error) {
    if (error instanceof MalformedMimeError) throw new InvalidInputError(`the draft cannot be sent: ${error.message}`, { cause: error });
    throw error;
  }
}

/** A SubmissionError as the Sync status catalogue can say it. */
export function draftSendFailure(error: unknown): Error {
  if (!(error instanceof SubmissionError)) return error instanceof Error ? error : new Error(String(error));
  if (error.code === 'relay-unavailable') return new StoreUnavailableError(`the draft was not sent: ${error.message}`, { cause: error });
  return new InvalidInputError(`the draft cannot be sent (${error.code}): ${error.message}`, { cause: error });
}

/** Moves a sent draft to Sent Items; undefined when the mailbox has no Sent Items folder. */
async function fileSent(deps: SubmissionDeps, store: MailStore, request: DraftSendRequest, mime: Uint8Array, at: Date): Promise<ItemRef | undefined> {
  const { folders } = await deps.stores.hierarchy.listFolders(request.user);
  const sent = findDefaultFolder(folders, FolderType.SentItems);
  if (sent === undefined) return undefined;
  const copy = await store.createItem(request.user, sent.id, { mime, receivedAt: at, flags: { read: true } });
  await store.deleteItem(request.user, request.folderId, request.itemId);
  return copy;
}

export function createDraftSender(deps: DraftSenderDeps): DraftSender {
  return {
    async sendDraft(store, request) {
      const now = new Date(deps.clock());
      const prepared = prepare(request.mime, request.sender, now);
      try {
        await deps.submitter.submit({ sender: request.sender, recipients: prepared.recipients, mime: prepared.mime });
      } catch (error) {
        throw draftSendFailure(error);
      }
      try {
        const filed = await fileSent(deps, store, request, prepared.sentCopy, now);
        if (filed === undefined) deps.log?.error({ folderId: request.folderId }, 'a draft was sent, but the mailbox has no Sent Items folder; it stays in Drafts');
        return filed ?? request.current;
      } catch (error) {
        // The message is out: failing the Sync now would make the device send it again.
        deps.log?.error({ err: error }, 'a draft was sent, but could not be moved to Sent Items');
        return request.current;
      }
    },
  };
}
