// The content converters behind the Sync engine's ItemConverter seam, one per class: the stored
// item's standard-format content (note text, vCard, iCalendar, MIME) to ApplicationData and back,
// the FilterType checks that need the content (filter-checks.ts), and the "already applied" test
// that lets a Change retried after a lost state commit pass without a false conflict. Mail (flags
// and 16.x drafts) lives in mail-converter.ts.

import { isDeepStrictEqual } from 'node:util';
import { decodeCalendarApplicationData, encodeCalendarApplicationData } from '../../content/calendar/index.js';
import { decodeContactApplicationData, encodeContactApplicationData } from '../../content/contact/index.js';
import { decodeNoteApplicationData, encodeNoteApplicationData } from '../../content/note/index.js';
import { decodeTaskApplicationData, encodeTaskApplicationData } from '../../content/task/index.js';
import type { ConversionContext } from '../../content/conversion-context.js';
import type { ContactContent, EventContent, NoteContent, StoredItem, TaskContent } from '../../domain/item.js';
import type { ConverterCall, ItemConverter, ItemConverters } from '../../sync/item-converter.js';
import { contextOf } from './conversion-call.js';
import { eventEndsAfter, taskIncomplete } from './filter-checks.js';
import type { DraftSender } from '../compose/draft-send.js';
import { createMailConverter } from './mail-converter.js';

/** A class whose store returns StoredItem<T> and takes T as input. */
function contentConverter<T>(
  encode: (content: T, ctx: ConversionContext, item: StoredItem<T>) => ReturnType<ItemConverter['encode']>,
  decode: (appData: Parameters<ItemConverter['decode']>[0], existing: T | undefined, call: ConverterCall) => T,
  matchesFilter?: ItemConverter['matchesFilter'],
): ItemConverter {
  return {
    encode: (item, call) => encode((item as StoredItem<T>).content, contextOf(call), item as StoredItem<T>),
    decode: (appData, existing, call) => decode(appData, (existing as StoredItem<T> | undefined)?.content, call),
    alreadyApplied: (input, existing) => isDeepStrictEqual(input, (existing as StoredItem<T>).content),
    ...(matchesFilter === undefined ? {} : { matchesFilter }),
  };
}

const notes = contentConverter<NoteContent>(
  (content, ctx, item) => encodeNoteApplicationData(content, ctx, item.modifiedAt),
  (appData, existing, call) => decodeNoteApplicationData(appData, existing, contextOf(call)),
);

const contacts = contentConverter<ContactContent>(
  (content, ctx) => encodeContactApplicationData(content, ctx),
  (appData, existing, call) => decodeContactApplicationData(appData, existing, contextOf(call), call.supported),
);

const calendar = contentConverter<EventContent>(
  (content, ctx) => encodeCalendarApplicationData(content, ctx),
  (appData, existing, call) => decodeCalendarApplicationData(appData, existing, contextOf(call)),
  (item, filter, call) => filter.since === undefined
    || eventEndsAfter((item as StoredItem<EventContent>).content.icalendar, filter.since.getTime(), contextOf(call)),
);

const tasks = contentConverter<TaskContent>(
  (content, ctx) => encodeTaskApplicationData(content, ctx),
  (appData, existing, call) => decodeTaskApplicationData(appData, existing, contextOf(call)),
  (item, filter, call) => filter.incompleteOnly !== true || taskIncomplete((item as StoredItem<TaskContent>).content.icalendar, contextOf(call)),
);

/** `drafts` sends 16.x drafts that carry Email2:Send (mail-converter.ts). */
export function createSyncConverters(drafts?: DraftSender): ItemConverters {
  return { Notes: notes, Contacts: contacts, Calendar: calendar, Tasks: tasks, Email: createMailConverter(drafts) };
}
