// NoteStore port: notes as plain text with subject and categories (MS-ASNOTE).

import type { ItemStore } from './item-store.js';
import type { NoteContent, ItemRef, StoredItem } from './item.js';

export interface NoteStore extends ItemStore<NoteContent, StoredItem<NoteContent>, ItemRef> {
  readonly itemClass: 'Notes';
}
