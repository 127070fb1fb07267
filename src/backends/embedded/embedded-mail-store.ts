// MailStore of the embedded store: the shared item operations over MIME messages, plus flag
// updates that leave the MIME alone, ItemOperations EmptyFolderContents (MS-ASCMD 2.2.3.39) and
// the mailbox search over the full-text index (mail-search-index.ts, mail-search-query.ts), which
// writes bring up to date in the background (mail-index-scheduler.ts) and a search before it runs.

import type { EmptyFolderOptions, MailSearchQuery, MailSearchResult, MailStore } from '../../domain/mail-store.js';
import type { CreateOptions } from '../../domain/item-store.js';
import { mergeMailFlags, type MailFlags, type MailMessage, type MailSummary, type NewMailMessage, type WriteOptions } from '../../domain/item.js';
import { recordChange } from './change-log.js';
import { EmbeddedItemStore } from './embedded-item-store.js';
import { deleteFolderTree } from './embedded-hierarchy-store.js';
import { requireFolderOfClass } from './folder-rows.js';
import { checkVersion, listSummaryRows, requireItemSummaryRow } from './item-rows.js';
import { MAIL_CODEC, mailSummary } from './mail-codec.js';
import { decodeMailFlags, encodeMailFlags } from './mail-flags-json.js';
import { MailIndexScheduler } from './mail-index-scheduler.js';
import { MailSearchIndex } from './mail-search-index.js';
import { runMailSearch } from './mail-search-query.js';
import type { MailboxAccess } from './mailbox-access.js';

export class EmbeddedMailStore extends EmbeddedItemStore<'Email', NewMailMessage, MailMessage, MailSummary> implements MailStore {
  private readonly searchIndex: MailSearchIndex;
  private readonly indexing: MailIndexScheduler;

  constructor(access: MailboxAccess) {
    super(access, MAIL_CODEC);
    this.searchIndex = new MailSearchIndex(access);
    this.indexing = new MailIndexScheduler(this.searchIndex);
  }

  override async createItem(user: string, folderId: string, input: NewMailMessage, options?: CreateOptions): Promise<MailSummary> {
    const summary = await super.createItem(user, folderId, input, options);
    this.indexing.schedule(user);
    return summary;
  }

  override async updateItem(user: string, folderId: string, itemId: string, input: NewMailMessage, options?: WriteOptions): Promise<MailSummary> {
    const summary = await super.updateItem(user, folderId, itemId, input, options);
    this.indexing.schedule(user);
    return summary;
  }

  async setFlags(user: string, folderId: string, itemId: string, flags: Partial<MailFlags>, options?: WriteOptions): Promise<MailSummary> {
    return this.access.write(user, (mailbox, effects, now) => {
      requireFolderOfClass(mailbox, folderId, this.itemClass);
      const row = requireItemSummaryRow(mailbox, folderId, itemId);
      checkVersion(row, options);
      const encoded = encodeMailFlags(mergeMailFlags(decodeMailFlags(row.flags), flags));
      const version = recordChange(mailbox, folderId, itemId, 'changed', now);
      mailbox.statement('UPDATE items SET flags = ?, version = ?, modified_at = ? WHERE position = ?').run(encoded, version, now, row.position);
      effects.touch(folderId);
      return mailSummary({ ...row, flags: encoded, version, modified_at: now });
    });
  }

  async emptyFolder(user: string, folderId: string, options: EmptyFolderOptions): Promise<void> {
    this.access.write(user, (mailbox, effects, now) => {
      requireFolderOfClass(mailbox, folderId, this.itemClass);
      for (const row of listSummaryRows(mailbox, folderId)) recordChange(mailbox, folderId, row.id, 'deleted', now);
      mailbox.statement('DELETE FROM items WHERE folder_id = ?').run(folderId);
      effects.touch(folderId);
      if (!options.deleteSubfolders) return;
      const children = mailbox.statement('SELECT id FROM folders WHERE parent_id = ?').all(folderId) as Array<{ id: string }>;
      // Default folders all sit at the top of the hierarchy, so no child here is special.
      for (const child of children) deleteFolderTree(mailbox, child.id, effects);
    });
  }

  async search(user: string, query: MailSearchQuery): Promise<MailSearchResult> {
    // Everything queued, so no message written before the search is missed. Normally that is what
    // arrived since the last background pass (about a second's worth); only the first search of a
    // large mailbox just upgraded to the search schema takes longer, and its progress is kept batch
    // by batch, so a client that gives up and retries finds the rest done.
    await this.searchIndex.catchUp(user);
    return this.access.read(user, (mailbox) => runMailSearch(mailbox, query));
  }

  /** Resolves once the background index passes due so far have run (tests, and before closing). */
  async indexingSettled(): Promise<void> {
    await this.indexing.settled();
  }

  /**
   * Runs the passes due (a `mail import` in the CLI leaves its messages indexed, as it did when
   * each write indexed its own) and then stops background indexing.
   */
  async closeIndexing(): Promise<void> {
    await this.indexing.settled();
    await this.indexing.close();
  }
}
