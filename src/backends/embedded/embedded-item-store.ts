// The item-store operations every class shares in the embedded store (list, get, create, update,
// delete, move, changes since a token), parameterised by a codec that turns the class's standard
// format into columns and back. Each write appends to the change log in the same transaction; the
// entry's sequence number becomes the item's version.

import type { ChangeSet, ChangesSinceOptions } from '../../domain/change.js';
import type { ItemClass } from '../../domain/folder.js';
import type { CreateOptions, ItemStore } from '../../domain/item-store.js';
import type { ItemListing, ItemRef, WriteOptions } from '../../domain/item.js';
import { currentToken, readChangesSince, recordChange } from './change-log.js';
import { requireFolderOfClass } from './folder-rows.js';
import {
  checkVersion,
  findItemRow,
  findItemRows,
  insertItemRow,
  listSummaryRows,
  requireItemRow,
  requireItemSummaryRow,
  updateItemRow,
  type ItemFields,
  type ItemRow,
  type ItemSummaryRow,
} from './item-rows.js';
import type { MailboxAccess } from './mailbox-access.js';
import { idForClientRef, newId } from './random-id.js';

export interface ItemCodec<TClass extends ItemClass, TInput, TItem extends ItemRef, TSummary extends ItemRef> {
  readonly itemClass: TClass;
  /** Checks the input (InvalidInputError) and produces the columns; `previous` is the row being replaced. */
  encode(input: TInput, previous: ItemSummaryRow | undefined, now: number): ItemFields;
  summary(row: ItemSummaryRow): TSummary;
  item(row: ItemRow): TItem;
}

export class EmbeddedItemStore<TClass extends ItemClass, TInput, TItem extends ItemRef, TSummary extends ItemRef>
  implements ItemStore<TInput, TItem, TSummary>
{
  readonly itemClass: TClass;

  constructor(
    protected readonly access: MailboxAccess,
    protected readonly codec: ItemCodec<TClass, TInput, TItem, TSummary>,
  ) {
    this.itemClass = codec.itemClass;
  }

  async listItems(user: string, folderId: string): Promise<ItemListing<TSummary>> {
    return this.access.read(user, (mailbox) => {
      requireFolderOfClass(mailbox, folderId, this.itemClass);
      return { token: currentToken(mailbox), items: listSummaryRows(mailbox, folderId).map((row) => this.codec.summary(row)) };
    });
  }

  async getItem(user: string, folderId: string, itemId: string): Promise<TItem> {
    return this.access.read(user, (mailbox) => {
      requireFolderOfClass(mailbox, folderId, this.itemClass);
      return this.codec.item(requireItemRow(mailbox, folderId, itemId));
    });
  }

  async getItems(user: string, folderId: string, itemIds: readonly string[]): Promise<TItem[]> {
    return this.access.read(user, (mailbox) => {
      requireFolderOfClass(mailbox, folderId, this.itemClass);
      const rows = findItemRows(mailbox, folderId, itemIds);
      const items: TItem[] = [];
      // The port's order is the caller's, and an id asked twice comes back twice.
      for (const itemId of itemIds) {
        const row = rows.get(itemId);
        if (row !== undefined) items.push(this.codec.item(row));
      }
      return items;
    });
  }

  async createItem(user: string, folderId: string, input: TInput, options?: CreateOptions): Promise<TSummary> {
    return this.access.write(user, (mailbox, effects, now) => {
      requireFolderOfClass(mailbox, folderId, this.itemClass);
      const fields = this.codec.encode(input, undefined, now);
      // A clientRef names the id: the retry of a create finds the first one instead of adding a twin.
      const refId = options?.clientRef === undefined ? undefined : idForClientRef(options.clientRef);
      const earlier = refId === undefined ? undefined : findItemRow(mailbox, folderId, refId);
      if (earlier !== undefined) return this.codec.summary(earlier);
      const taken = refId !== undefined && mailbox.statement('SELECT 1 FROM items WHERE id = ?').get(refId) !== undefined;
      const itemId = refId === undefined || taken ? newId() : refId;
      const version = recordChange(mailbox, folderId, itemId, 'added', now);
      effects.touch(folderId);
      return this.codec.summary(insertItemRow(mailbox, folderId, itemId, version, now, fields));
    });
  }

  async updateItem(user: string, folderId: string, itemId: string, input: TInput, options?: WriteOptions): Promise<TSummary> {
    return this.access.write(user, (mailbox, effects, now) => {
      requireFolderOfClass(mailbox, folderId, this.itemClass);
      const row = requireItemSummaryRow(mailbox, folderId, itemId);
      checkVersion(row, options);
      const fields = this.codec.encode(input, row, now);
      const version = recordChange(mailbox, folderId, itemId, 'changed', now);
      effects.touch(folderId);
      return this.codec.summary(updateItemRow(mailbox, row, version, now, fields));
    });
  }

  async deleteItem(user: string, folderId: string, itemId: string, options?: WriteOptions): Promise<void> {
    this.access.write(user, (mailbox, effects, now) => {
      requireFolderOfClass(mailbox, folderId, this.itemClass);
      const row = requireItemSummaryRow(mailbox, folderId, itemId);
      checkVersion(row, options);
      recordChange(mailbox, folderId, itemId, 'deleted', now);
      mailbox.statement('DELETE FROM items WHERE position = ?').run(row.position);
      effects.touch(folderId);
    });
  }

  async moveItem(user: string, folderId: string, itemId: string, toFolderId: string): Promise<TSummary> {
    return this.access.write(user, (mailbox, effects, now) => {
      requireFolderOfClass(mailbox, folderId, this.itemClass);
      const row = requireItemSummaryRow(mailbox, folderId, itemId);
      if (toFolderId === folderId) return this.codec.summary(row);
      requireFolderOfClass(mailbox, toFolderId, this.itemClass);
      // The id stays: the embedded store can keep it, and callers use the returned ref anyway.
      recordChange(mailbox, folderId, itemId, 'deleted', now);
      const version = recordChange(mailbox, toFolderId, itemId, 'added', now);
      mailbox.statement('UPDATE items SET folder_id = ?, version = ? WHERE position = ?').run(toFolderId, version, row.position);
      effects.touch(folderId);
      effects.touch(toFolderId);
      return this.codec.summary({ ...row, folder_id: toFolderId, version });
    });
  }

  async changesSince(user: string, folderId: string, token: string, options?: ChangesSinceOptions): Promise<ChangeSet> {
    return this.access.read(user, (mailbox) => {
      const folder = requireFolderOfClass(mailbox, folderId, this.itemClass);
      return readChangesSince(mailbox, folder, token, options?.limit);
    });
  }
}
