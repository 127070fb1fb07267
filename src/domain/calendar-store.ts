// CalendarStore port: events, one VEVENT series per item (MS-ASCAL via the iCalendar converter).

import type { ItemStore } from './item-store.js';
import type { EventContent, ItemRef, StoredItem } from './item.js';

export interface CalendarStore extends ItemStore<EventContent, StoredItem<EventContent>, ItemRef> {
  readonly itemClass: 'Calendar';
}
