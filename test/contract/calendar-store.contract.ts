// CalendarStore contract: the shared item-store suites over iCalendar events. Content must come
// back byte for byte (line endings, non-ASCII, exceptions carrying RECURRENCE-ID).

import type { EventContent, ItemRef, StoredItem } from '../../src/domain/item.js';
import { itemStoreContract } from './item-store.contract.js';
import type { ItemStoreSpec } from './item-store-kit.js';
import type { StoreHarnessFactory } from './store-harness.js';

export function sampleEvent(n: number): EventContent {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Pushbridge//Contract//EN',
    'BEGIN:VEVENT',
    `UID:event-${n}@example.org`,
    'DTSTAMP:20240101T000000Z',
    `DTSTART;TZID=Europe/Berlin:202405${String((n % 28) + 1).padStart(2, '0')}T090000`,
    'DURATION:PT1H',
    'RRULE:FREQ=WEEKLY;COUNT=5',
    `SUMMARY:Réunion ${n}`,
    'END:VEVENT',
    'BEGIN:VEVENT',
    `UID:event-${n}@example.org`,
    'DTSTAMP:20240101T000000Z',
    'RECURRENCE-ID;TZID=Europe/Berlin:20240508T090000',
    'DTSTART;TZID=Europe/Berlin:20240508T110000',
    'DURATION:PT1H',
    `SUMMARY:Réunion ${n} (moved)`,
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  // Odd samples use bare LF: stores keep what they are given.
  return { icalendar: lines.join(n % 2 === 0 ? '\r\n' : '\n') + '\r\n' };
}

export const calendarSpec: ItemStoreSpec<EventContent, StoredItem<EventContent>, ItemRef> = {
  store: (stores) => stores.calendar,
  defaultFolderType: 8,
  userFolderType: 13,
  foreignFolderType: 9,
  sample: sampleEvent,
  written: (input) => input.icalendar,
  read: (item) => item.content.icalendar,
  invalidInputs: [
    { icalendar: '' },
    { icalendar: 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Not an event\r\nEND:VCARD\r\n' },
    { icalendar: 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VTODO\r\nUID:t\r\nEND:VTODO\r\nEND:VCALENDAR\r\n' },
  ],
};

export function calendarStoreContract(name: string, factory: StoreHarnessFactory): void {
  itemStoreContract(`CalendarStore contract: ${name}`, factory, calendarSpec);
}
