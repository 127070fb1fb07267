// MailStore of the embedded store: the shared item operations over MIME messages, plus flag
// updates that leave the MIME alone and ItemOperations EmptyFolderContents (MS-ASCMD 2.2.3.39).

import type { EmptyFolderOptions, MailStore } from '../../domain/mail-store.js';
import { mergeMailFlags, type MailFlags, type MailMessage, type MailSummary, type NewMailMessage, type WriteOptions } from '../../domain/item.js';
import { recordChange } from './change-log.js';
import { EmbeddedItemStore } from './embedded-item-store.js';
import { deleteFolderTree } from './embedded-hierarchy-store.js';
import { requireFolderOfClass } from './folder-rows.js';
import { checkVersion, listSummaryRows, requireItemSummaryRow } from './item-rows.js';
import { MAIL_CODEC, mailSummary } from './mail-codec.js';
import { decodeMailFlags, encodeMailFlags } from './mail-flags-json.js';
import type { MailboxAccess } from './mailbox-access.js';

export class EmbeddedMailStore extends EmbeddedItemStore<'Email', NewMailMessage, MailMessage, MailSummary> implements MailStore {
  constructor(access: MailboxAccess) {
    super(access, MAIL_CODEC);
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
}
