// Codecs of the embedded calendar, task, contact and note stores. Content is kept as UTF-8 text
// in the standard format; the checks are deliberately shallow (the right envelope and component),
// enough to keep a converter bug from storing mail in a calendar, not a full RFC 5545/6350 parse.

import { InvalidInputError } from '../../domain/errors.js';
import type { ContactContent, EventContent, ItemRef, NoteContent, StoredItem, TaskContent } from '../../domain/item.js';
import type { ItemCodec } from './embedded-item-store.js';
import { toItemRef, type ItemFields, type ItemRow } from './item-rows.js';

type PimCodec<TClass extends 'Calendar' | 'Tasks' | 'Contacts' | 'Notes', TContent> = ItemCodec<TClass, TContent, StoredItem<TContent>, ItemRef>;

function checkText(value: unknown, field: string): string {
  if (typeof value !== 'string') throw new InvalidInputError(`${field} must be a string`);
  return value;
}

/** The text must open with BEGIN:<envelope> and hold a BEGIN:<component> line (names are case-insensitive). */
function checkEnvelope(text: string, envelope: string, component: string): void {
  const opens = new RegExp(`^\\uFEFF?\\s*BEGIN:${envelope}\\r?\\n`, 'i').test(text);
  const holds = new RegExp(`^BEGIN:${component}\\r?$`, 'im').test(text);
  if (!opens || !holds) throw new InvalidInputError(`content is not a ${envelope} holding a ${component}`);
}

function textFields(text: string): ItemFields {
  return { content: Buffer.from(text, 'utf8'), receivedAt: null, flags: null, subject: null, categories: null };
}

function storedText<TContent>(row: ItemRow, content: TContent): StoredItem<TContent> {
  return { ...toItemRef(row), content };
}

export const EVENT_CODEC: PimCodec<'Calendar', EventContent> = {
  itemClass: 'Calendar',
  encode(input) {
    const text = checkText(input.icalendar, 'icalendar');
    checkEnvelope(text, 'VCALENDAR', 'VEVENT');
    return textFields(text);
  },
  summary: toItemRef,
  item: (row) => storedText(row, { icalendar: row.content.toString('utf8') }),
};

export const TASK_CODEC: PimCodec<'Tasks', TaskContent> = {
  itemClass: 'Tasks',
  encode(input) {
    const text = checkText(input.icalendar, 'icalendar');
    checkEnvelope(text, 'VCALENDAR', 'VTODO');
    return textFields(text);
  },
  summary: toItemRef,
  item: (row) => storedText(row, { icalendar: row.content.toString('utf8') }),
};

export const CONTACT_CODEC: PimCodec<'Contacts', ContactContent> = {
  itemClass: 'Contacts',
  encode(input) {
    const text = checkText(input.vcard, 'vcard');
    checkEnvelope(text, 'VCARD', 'VCARD');
    return textFields(text);
  },
  summary: toItemRef,
  item: (row) => storedText(row, { vcard: row.content.toString('utf8') }),
};

export const NOTE_CODEC: PimCodec<'Notes', NoteContent> = {
  itemClass: 'Notes',
  encode(input) {
    const subject = checkText(input.subject, 'subject');
    const body = checkText(input.body, 'body');
    if (!Array.isArray(input.categories) || !input.categories.every((category) => typeof category === 'string')) {
      throw new InvalidInputError('categories must be a list of strings');
    }
    return { ...textFields(body), subject, categories: JSON.stringify(input.categories) };
  },
  summary: toItemRef,
  item: (row) =>
    storedText(row, {
      subject: row.subject ?? '',
      body: row.content.toString('utf8'),
      categories: row.categories === null ? [] : (JSON.parse(row.categories) as string[]),
    }),
};
