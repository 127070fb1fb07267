// ContactStore port: contacts as vCard text (MS-ASCNTC via the vCard converter).

import type { ItemStore } from './item-store.js';
import type { ContactContent, ItemRef, StoredItem } from './item.js';

export interface ContactStore extends ItemStore<ContactContent, StoredItem<ContactContent>, ItemRef> {
  readonly itemClass: 'Contacts';
}
