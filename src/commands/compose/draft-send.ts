// Sending a 16.x draft: a Sync Change or Add in the Drafts folder that carries Email2:Send
// (MS-ASEMAIL 2.2.2.69; Samsung Email sends saved drafts this way, CLIENT-QUIRKS §2.2). The
// finished draft goes to the MailSubmitter first, so a refusal leaves the draft as it was and
// nothing to undo; only then is the copy with Bcc filed in Sent Items and a stored draft taken out
// of Drafts, which the device learns as a Delete in the same Sync reply or its next one, as it
// does from Exchange. A draft that comes with its Add is never stored in Drafts at all: the Sync
// engine answers its ClientId and has the device delete it (src/sync/client-commands.ts).
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

/** A draft that arrives with Email2:Send in its Sync Add: nothing of it is in Drafts. */
export interface NewDraftSendRequest {
  readonly user: string;
  readonly sender: string;
  readonly mime: Uint8Array;
  /** The Add's CreateOptions.clientRef: the Sent Items copy is filed under it, so a retried Add files it once. */
  readonly clientRef: string;
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
  /**
   * Sends a draft never stored and files it in Sent Items. Resolves to the Sent Items copy, or
   * undefined when it could not be filed (the message went out all the same). Throws as sendDraft.
   */
  sendNewDraft(store: MailStore, request: NewDraftSendRequest): Promise<ItemRef | undefined>;
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

/** The Sent Items folder, or undefined when the mailbox has none. */
async function sentItemsOf(deps: SubmissionDeps, user: string): Promise<string | undefined> {
  return findDefaultFolder((await deps.stores.hierarchy.listFolders(user)).folders, FolderType.SentItems)?.id;
}

/** Completes the draft and hands it to the MailSubmitter; resolves to the copy with Bcc to file. */
async function submitDraft(deps: SubmissionDeps, mime: Uint8Array, sender: string, now: Date): Promise<Uint8Array> {
  const prepared = prepare(mime, sender, now);
  try {
    await deps.submitter.submit({ sender, recipients: prepared.recipients, mime: prepared.mime });
  } catch (error) {
    throw draftSendFailure(error);
  }
  return prepared.sentCopy;
}

/** Files a message that went out; failures are logged, never thrown: failing the Sync now would make the device send it again. */
async function fileSent(deps: DraftSenderDeps, filing: (sentId: string) => Promise<ItemRef>, user: string): Promise<ItemRef | undefined> {
  try {
    const sent = await sentItemsOf(deps, user);
    if (sent !== undefined) return await filing(sent);
    deps.log?.error('a draft was sent, but the mailbox has no Sent Items folder to file it in');
  } catch (error) {
    deps.log?.error({ err: error }, 'a draft was sent, but could not be filed in Sent Items');
  }
  return undefined;
}

export function createDraftSender(deps: DraftSenderDeps): DraftSender {
  return {
    async sendDraft(store, request) {
      const now = new Date(deps.clock());
      const copy = await submitDraft(deps, request.mime, request.sender, now);
      // Without a Sent Items copy the draft stays where it is rather than vanish.
      const filed = await fileSent(deps, async (sentId) => {
        const item = await store.createItem(request.user, sentId, { mime: copy, receivedAt: now, flags: { read: true } });
        await store.deleteItem(request.user, request.folderId, request.itemId);
        return item;
      }, request.user);
      return filed ?? request.current;
    },
    async sendNewDraft(store, request) {
      const now = new Date(deps.clock());
      const copy = await submitDraft(deps, request.mime, request.sender, now);
      return fileSent(deps, (sentId) => store.createItem(
        request.user, sentId, { mime: copy, receivedAt: now, flags: { read: true } }, { clientRef: request.clientRef },
      ), request.user);
    },
  };
}
