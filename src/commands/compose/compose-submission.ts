// Sending a finished message for the authenticated user: complete it (From, Date, Message-ID),
// hand it to the MailSubmitter without Bcc, then keep the copy with Bcc in Sent Items marked read
// when asked (MS-ASCMD 2.2.3.157 SaveInSentItems). SendMail, SmartReply and SmartForward use it,
// and so can MeetingResponse for the iCalendar reply it mails to the organiser.

import type { Logger } from 'pino';
import type { AuthenticatedUser } from '../../domain/authenticator.js';
import { findDefaultFolder, FolderType } from '../../domain/folder.js';
import type { MailSubmitter, SubmissionReceipt } from '../../domain/mail-submission.js';
import { SubmissionError } from '../../domain/mail-submission.js';
import type { MailboxStores } from '../../domain/stores.js';
import { MalformedMimeError } from './mime-header-block.js';
import { prepareOutgoing, type ComposeSender } from './outgoing-message.js';

export interface SubmissionDeps {
  readonly submitter: MailSubmitter;
  readonly stores: MailboxStores;
  readonly clock: () => number;
}

export interface SendOptions {
  readonly saveInSent: boolean;
  readonly log: Logger;
}

export interface SendOutcome {
  readonly receipt: SubmissionReceipt;
  /** The envelope recipients read from To, Cc and Bcc. */
  readonly recipients: readonly string[];
}

/** The sender of everything a user sends: their own address, never what a client wrote. */
export function senderOf(user: AuthenticatedUser): ComposeSender {
  return { address: (user.email ?? user.username).toLowerCase(), ...(user.displayName === undefined ? {} : { displayName: user.displayName }) };
}

/**
 * The EAS status for a failed send (MS-ASCMD 2.2.2): undefined for an error that is not about the
 * message, which the caller treats as a server error.
 */
export function composeStatusOf(error: unknown): number | undefined {
  if (error instanceof MalformedMimeError) return 107;
  if (!(error instanceof SubmissionError)) return undefined;
  switch (error.code) {
    case 'no-recipient':
      return 119;
    case 'recipient-refused':
      return 116;
    case 'no-relay':
    case 'relay-unavailable':
    case 'too-many-recipients':
      return 120;
  }
}

async function saveInSentItems(deps: SubmissionDeps, user: string, mime: Uint8Array, at: Date, log: Logger): Promise<void> {
  try {
    const { folders } = await deps.stores.hierarchy.listFolders(user);
    const sent = findDefaultFolder(folders, FolderType.SentItems);
    if (sent === undefined) {
      log.warn('the message was sent, but the mailbox has no Sent Items folder to keep a copy in');
      return;
    }
    await deps.stores.mail.createItem(user, sent.id, { mime, receivedAt: at, flags: { read: true } });
  } catch (error) {
    // The message is out: failing the command now would make the device send it again.
    log.error({ err: error }, 'the message was sent, but its copy could not be saved in Sent Items');
  }
}

/**
 * Completes and sends a message as `user`. Throws MalformedMimeError (Status 107) and
 * SubmissionError (see composeStatusOf); anything else is unexpected.
 */
export async function sendComposedMessage(deps: SubmissionDeps, user: AuthenticatedUser, mime: Uint8Array, options: SendOptions): Promise<SendOutcome> {
  const sender = senderOf(user);
  const now = new Date(deps.clock());
  const prepared = prepareOutgoing(mime, sender, now);
  const receipt = await deps.submitter.submit({ sender: sender.address, recipients: prepared.recipients, mime: prepared.mime });
  options.log.info({ recipients: prepared.recipients.length, delivered: receipt.delivered.length, relayed: receipt.relayed.length }, 'message sent');
  if (options.saveInSent) await saveInSentItems(deps, user.username, prepared.sentCopy, now, options.log);
  return { receipt, recipients: prepared.recipients };
}
