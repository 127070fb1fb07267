// The set of storage ports one user's data is reached through, as the composition root hands it to
// the sync engine and the commands. A combined backend fills each slot from the adapter configured
// for that class; the sync engine picks the item store by a folder's class.

import type { CalendarStore } from './calendar-store.js';
import type { ChangeFeed } from './change-feed.js';
import type { ContactStore } from './contact-store.js';
import type { ItemClass } from './folder.js';
import type { HierarchyStore } from './hierarchy-store.js';
import type { MailStore } from './mail-store.js';
import type { NoteStore } from './note-store.js';
import type { TaskStore } from './task-store.js';

export interface MailboxStores {
  readonly hierarchy: HierarchyStore;
  readonly mail: MailStore;
  readonly calendar: CalendarStore;
  readonly contacts: ContactStore;
  readonly tasks: TaskStore;
  readonly notes: NoteStore;
  readonly changes: ChangeFeed;
}

export type AnyItemStore = MailStore | CalendarStore | ContactStore | TaskStore | NoteStore;

/** The store that serves folders of `itemClass`; undefined for Journal, which no EAS class syncs. */
export function itemStoreFor(stores: MailboxStores, itemClass: ItemClass): AnyItemStore | undefined {
  switch (itemClass) {
    case 'Email':
      return stores.mail;
    case 'Calendar':
      return stores.calendar;
    case 'Contacts':
      return stores.contacts;
    case 'Tasks':
      return stores.tasks;
    case 'Notes':
      return stores.notes;
    case 'Journal':
      return undefined;
  }
}
