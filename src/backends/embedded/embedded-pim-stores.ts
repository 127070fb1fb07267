// CalendarStore, TaskStore, ContactStore and NoteStore of the embedded store: the shared item
// operations with each class's codec.

import type { CalendarStore } from '../../domain/calendar-store.js';
import type { ContactStore } from '../../domain/contact-store.js';
import type { ContactContent, EventContent, ItemRef, NoteContent, StoredItem, TaskContent } from '../../domain/item.js';
import type { NoteStore } from '../../domain/note-store.js';
import type { TaskStore } from '../../domain/task-store.js';
import { EmbeddedItemStore } from './embedded-item-store.js';
import type { MailboxAccess } from './mailbox-access.js';
import { CONTACT_CODEC, EVENT_CODEC, NOTE_CODEC, TASK_CODEC } from './pim-codecs.js';

export class EmbeddedCalendarStore extends EmbeddedItemStore<'Calendar', EventContent, StoredItem<EventContent>, ItemRef> implements CalendarStore {
  constructor(access: MailboxAccess) {
    super(access, EVENT_CODEC);
  }
}

export class EmbeddedTaskStore extends EmbeddedItemStore<'Tasks', TaskContent, StoredItem<TaskContent>, ItemRef> implements TaskStore {
  constructor(access: MailboxAccess) {
    super(access, TASK_CODEC);
  }
}

export class EmbeddedContactStore extends EmbeddedItemStore<'Contacts', ContactContent, StoredItem<ContactContent>, ItemRef> implements ContactStore {
  constructor(access: MailboxAccess) {
    super(access, CONTACT_CODEC);
  }
}

export class EmbeddedNoteStore extends EmbeddedItemStore<'Notes', NoteContent, StoredItem<NoteContent>, ItemRef> implements NoteStore {
  constructor(access: MailboxAccess) {
    super(access, NOTE_CODEC);
  }
}
