// MailStore port: messages as RFC 5322 MIME plus the flags MIME cannot carry. createItem is the
// append used for drafts, SendMail's Sent copy and delivery to a local recipient's Inbox; search
// serves the mailbox Search command (MS-ASCMD 2.2.1.16) with what IMAP SEARCH can also answer.

import type { ItemStore } from './item-store.js';
import type { MailFlags, MailMessage, MailSummary, NewMailMessage, WriteOptions } from './item.js';

export interface EmptyFolderOptions {
  /** ItemOperations EmptyFolderContents DeleteSubFolders (MS-ASCMD 2.2.3.39). */
  readonly deleteSubfolders: boolean;
}

/**
 * A mailbox search, kept to what IMAP can run too (SEARCH TEXT per word, SINCE/BEFORE, then a sort
 * by arrival): no phrases, no OR, no field-specific terms.
 */
export interface MailSearchQuery {
  /** The mail folders to search; subfolders are not implied. An empty list finds nothing. */
  readonly folderIds: readonly string[];
  /**
   * Every word must occur, case-insensitively, in the subject, From, To, Cc or text body. A
   * backend may match more loosely (IMAP TEXT matches substrings, the embedded store word
   * prefixes), but a message holding each word as a whole word always matches. None: any message.
   */
  readonly words: readonly string[];
  /** Only messages received strictly after this instant. */
  readonly receivedAfter?: Date;
  /** Only messages received strictly before this instant. */
  readonly receivedBefore?: Date;
  /** Matches to skip, newest first (paging); default 0. */
  readonly offset?: number;
  /** Matches to return at most; 0 asks only for the total. */
  readonly limit: number;
}

export interface MailSearchHit {
  readonly folderId: string;
  readonly id: string;
  readonly receivedAt: Date;
}

export interface MailSearchResult {
  /** How many messages match in all, not only those returned. */
  readonly total: number;
  /** Newest first (receivedAt descending); equal dates in an order stable between calls. */
  readonly hits: readonly MailSearchHit[];
}

export interface MailStore extends ItemStore<NewMailMessage, MailMessage, MailSummary> {
  readonly itemClass: 'Email';

  /** Changes only the given flags; the MIME stays. Returns the new summary (new version). */
  setFlags(
    user: string,
    folderId: string,
    itemId: string,
    flags: Partial<MailFlags>,
    options?: WriteOptions,
  ): Promise<MailSummary>;

  /** Deletes every message of the folder and, if asked, its subfolders. Special subfolders stay. */
  emptyFolder(user: string, folderId: string, options: EmptyFolderOptions): Promise<void>;

  /**
   * Finds messages in the given folders. Throws FolderNotFoundError, FolderClassMismatchError (a
   * folder that holds no mail), InvalidInputError (a negative or fractional offset or limit, an
   * invalid date).
   */
  search(user: string, query: MailSearchQuery): Promise<MailSearchResult>;
}
