// MailStore port: messages as RFC 5322 MIME plus the flags MIME cannot carry. createItem is the
// append used for drafts, SendMail's Sent copy and delivery to a local recipient's Inbox.

import type { ItemStore } from './item-store.js';
import type { MailFlags, MailMessage, MailSummary, NewMailMessage, WriteOptions } from './item.js';

export interface EmptyFolderOptions {
  /** ItemOperations EmptyFolderContents DeleteSubFolders (MS-ASCMD 2.2.3.39). */
  readonly deleteSubfolders: boolean;
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
}
