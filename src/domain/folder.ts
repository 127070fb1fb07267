// Backend-neutral folder model: the EAS folder types (MS-ASCMD 2.2.3.186.3), the class of items a
// folder holds, and the rules that follow from the type (which folders are special, which types a
// client may create). FolderSync, FolderCreate/Update/Delete and every backend share these.

/** EAS FolderHierarchy Type values, MS-ASCMD 2.2.3.186.3. */
export const FolderType = {
  Generic: 1,
  Inbox: 2,
  Drafts: 3,
  DeletedItems: 4,
  SentItems: 5,
  Outbox: 6,
  Tasks: 7,
  Calendar: 8,
  Contacts: 9,
  Notes: 10,
  Journal: 11,
  UserMail: 12,
  UserCalendar: 13,
  UserContacts: 14,
  UserTasks: 15,
  UserJournal: 16,
  UserNotes: 17,
  Unknown: 18,
  RecipientInformationCache: 19,
} as const;
export type FolderType = (typeof FolderType)[keyof typeof FolderType];

/** The kind of item a folder holds. Journal folders exist in the hierarchy but no EAS class syncs them. */
export type ItemClass = 'Email' | 'Calendar' | 'Contacts' | 'Tasks' | 'Notes' | 'Journal';

export const ITEM_CLASSES: readonly ItemClass[] = ['Email', 'Calendar', 'Contacts', 'Tasks', 'Notes', 'Journal'];

export interface Folder {
  /** Opaque backend id, stable for the folder's life and never reused for another folder. */
  readonly id: string;
  /** Parent folder id; null for a folder at the top of the hierarchy (EAS ParentId "0"). */
  readonly parentId: string | null;
  readonly displayName: string;
  readonly type: FolderType;
  readonly itemClass: ItemClass;
}

/** Types 2-11 and 19 are the server's own folders (MS-ASCMD 2.2.3.186.2): never renamed, moved or deleted. */
export type DefaultFolderType = 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 19;

/** Types a client may ask for in FolderCreate (MS-ASCMD 2.2.3.186.2). */
export type CreatableFolderType = 1 | 12 | 13 | 14 | 15 | 16 | 17;

export const CREATABLE_FOLDER_TYPES: readonly CreatableFolderType[] = [1, 12, 13, 14, 15, 16, 17];

const ITEM_CLASS_BY_TYPE: Readonly<Record<FolderType, ItemClass>> = {
  // A generic user folder holds mail: Exchange creates IPF.Note folders for Type 1, and the mail
  // clients that send it (older Android, BlackBerry) show it among the mail folders.
  1: 'Email',
  2: 'Email',
  3: 'Email',
  4: 'Email',
  5: 'Email',
  6: 'Email',
  7: 'Tasks',
  8: 'Calendar',
  9: 'Contacts',
  10: 'Notes',
  11: 'Journal',
  12: 'Email',
  13: 'Calendar',
  14: 'Contacts',
  15: 'Tasks',
  16: 'Journal',
  17: 'Notes',
  // Only a default for the two types no store creates: a backend that reports Unknown (18) sets
  // the folder's real class itself, and the Recipient Information Cache (19) holds contacts.
  18: 'Email',
  19: 'Contacts',
};

export function isFolderType(value: number): value is FolderType {
  return Number.isInteger(value) && value >= 1 && value <= 19;
}

export function itemClassOfFolderType(type: FolderType): ItemClass {
  return ITEM_CLASS_BY_TYPE[type];
}

export function isDefaultFolderType(type: FolderType): type is DefaultFolderType {
  return (type >= 2 && type <= 11) || type === FolderType.RecipientInformationCache;
}

export function isCreatableFolderType(type: number): type is CreatableFolderType {
  return (CREATABLE_FOLDER_TYPES as readonly number[]).includes(type);
}

/** The user-created folder type that holds items of a class (what a backend reports for non-default folders). */
export function userFolderTypeFor(itemClass: ItemClass): CreatableFolderType {
  switch (itemClass) {
    case 'Email':
      return FolderType.UserMail;
    case 'Calendar':
      return FolderType.UserCalendar;
    case 'Contacts':
      return FolderType.UserContacts;
    case 'Tasks':
      return FolderType.UserTasks;
    case 'Notes':
      return FolderType.UserNotes;
    case 'Journal':
      return FolderType.UserJournal;
  }
}

/** The user's default folder of a type (Inbox, Sent Items, Deleted Items...), if the hierarchy has one. */
export function findDefaultFolder(folders: readonly Folder[], type: DefaultFolderType): Folder | undefined {
  return folders.find((folder) => folder.type === type);
}
