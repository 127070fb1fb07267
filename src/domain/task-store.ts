// TaskStore port: tasks as VTODO inside iCalendar text (MS-ASTASK via the iCalendar converter).

import type { ItemStore } from './item-store.js';
import type { TaskContent, ItemRef, StoredItem } from './item.js';

export interface TaskStore extends ItemStore<TaskContent, StoredItem<TaskContent>, ItemRef> {
  readonly itemClass: 'Tasks';
}
