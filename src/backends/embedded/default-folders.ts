// The default folders every embedded mailbox starts with (MS-ASCMD 2.2.3.186.3 types 2-11), all at
// the top of the hierarchy. They cannot be renamed, moved or deleted, so they exist for the
// mailbox's whole life.

import type Database from 'better-sqlite3';
import { FolderType, itemClassOfFolderType, type DefaultFolderType } from '../../domain/folder.js';
import { newId } from './random-id.js';
import { folderNameKey } from './folder-name.js';

export const DEFAULT_FOLDERS: ReadonlyArray<{ readonly type: DefaultFolderType; readonly displayName: string }> = [
  { type: FolderType.Inbox, displayName: 'Inbox' },
  { type: FolderType.Drafts, displayName: 'Drafts' },
  { type: FolderType.DeletedItems, displayName: 'Deleted Items' },
  { type: FolderType.SentItems, displayName: 'Sent Items' },
  { type: FolderType.Outbox, displayName: 'Outbox' },
  { type: FolderType.Tasks, displayName: 'Tasks' },
  { type: FolderType.Calendar, displayName: 'Calendar' },
  { type: FolderType.Contacts, displayName: 'Contacts' },
  { type: FolderType.Notes, displayName: 'Notes' },
  { type: FolderType.Journal, displayName: 'Journal' },
];

export function seedDefaultFolders(db: Database.Database): void {
  const insert = db.prepare(
    'INSERT INTO folders (id, parent_id, display_name, name_key, type, item_class, position) VALUES (?, NULL, ?, ?, ?, ?, ?)',
  );
  DEFAULT_FOLDERS.forEach((folder, index) => {
    insert.run(newId(), folder.displayName, folderNameKey(folder.displayName), folder.type, itemClassOfFolderType(folder.type), index + 1);
  });
}
