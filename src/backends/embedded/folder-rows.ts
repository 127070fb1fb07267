// Folder rows of a mailbox database: reading them, mapping them to domain Folders, and the checks
// every store makes before touching a folder (exists, holds the right class of item).

import { FolderClassMismatchError, FolderNotFoundError } from '../../domain/errors.js';
import type { Folder, FolderType, ItemClass } from '../../domain/folder.js';
import type { MailboxDatabase } from './mailbox-database.js';

export interface FolderRow {
  id: string;
  parent_id: string | null;
  display_name: string;
  name_key: string;
  type: number;
  item_class: string;
  log_floor: number;
  position: number;
}

export function toFolder(row: FolderRow): Folder {
  return {
    id: row.id,
    parentId: row.parent_id,
    displayName: row.display_name,
    type: row.type as FolderType,
    itemClass: row.item_class as ItemClass,
  };
}

export function findFolderRow(mailbox: MailboxDatabase, folderId: string): FolderRow | undefined {
  return mailbox.statement('SELECT * FROM folders WHERE id = ?').get(folderId) as FolderRow | undefined;
}

export function requireFolderRow(mailbox: MailboxDatabase, folderId: string): FolderRow {
  const row = findFolderRow(mailbox, folderId);
  if (row === undefined) throw new FolderNotFoundError(folderId);
  return row;
}

/** The folder, which must exist and hold items of `itemClass`. */
export function requireFolderOfClass(mailbox: MailboxDatabase, folderId: string, itemClass: ItemClass): FolderRow {
  const row = requireFolderRow(mailbox, folderId);
  if (row.item_class !== itemClass) throw new FolderClassMismatchError(folderId, itemClass, row.item_class as ItemClass);
  return row;
}

/** Every folder, parents before children, siblings in creation order. */
export function listFolderRows(mailbox: MailboxDatabase): FolderRow[] {
  const rows = mailbox.statement('SELECT * FROM folders ORDER BY position').all() as FolderRow[];
  const children = new Map<string | null, FolderRow[]>();
  for (const row of rows) {
    const siblings = children.get(row.parent_id) ?? [];
    siblings.push(row);
    children.set(row.parent_id, siblings);
  }
  const ordered: FolderRow[] = [];
  const visit = (parentId: string | null): void => {
    for (const row of children.get(parentId) ?? []) {
      ordered.push(row);
      visit(row.id);
    }
  };
  visit(null);
  return ordered;
}

/** The folder and all folders below it, deepest first so they can be deleted in order. */
export function subtreeIds(mailbox: MailboxDatabase, folderId: string): string[] {
  const rows = mailbox
    .statement(
      `WITH RECURSIVE subtree(id, depth) AS (
         SELECT id, 0 FROM folders WHERE id = ?
         UNION ALL
         SELECT folders.id, subtree.depth + 1 FROM folders JOIN subtree ON folders.parent_id = subtree.id
       )
       SELECT id FROM subtree ORDER BY depth DESC`,
    )
    .all(folderId) as Array<{ id: string }>;
  return rows.map((row) => row.id);
}
