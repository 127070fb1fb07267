// TaskStore contract: the shared item-store suites over VTODO in iCalendar text.

import type { ItemRef, StoredItem, TaskContent } from '../../src/domain/item.js';
import { itemStoreContract } from './item-store.contract.js';
import type { ItemStoreSpec } from './item-store-kit.js';
import type { StoreHarnessFactory } from './store-harness.js';

export function sampleTask(n: number): TaskContent {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Pushbridge//Contract//EN',
    'BEGIN:VTODO',
    `UID:task-${n}@example.org`,
    'DTSTAMP:20240101T000000Z',
    `DUE;VALUE=DATE:202406${String((n % 28) + 1).padStart(2, '0')}`,
    `SUMMARY:Aufgabe ${n} – erledigen`,
    n % 2 === 0 ? 'STATUS:COMPLETED' : 'STATUS:NEEDS-ACTION',
    'END:VTODO',
    'END:VCALENDAR',
  ];
  return { icalendar: lines.join('\r\n') + '\r\n' };
}

export const taskSpec: ItemStoreSpec<TaskContent, StoredItem<TaskContent>, ItemRef> = {
  store: (stores) => stores.tasks,
  defaultFolderType: 7,
  userFolderType: 15,
  foreignFolderType: 10,
  sample: sampleTask,
  written: (input) => input.icalendar,
  read: (item) => item.content.icalendar,
  invalidInputs: [
    { icalendar: 'SUMMARY:loose line\r\n' },
    { icalendar: 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:e\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n' },
  ],
};

export function taskStoreContract(name: string, factory: StoreHarnessFactory): void {
  itemStoreContract(`TaskStore contract: ${name}`, factory, taskSpec);
}
