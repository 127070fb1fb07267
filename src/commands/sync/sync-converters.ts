// The content converters behind the Sync engine's ItemConverter seam, one per class: the stored
// item's standard-format content (note text, vCard, iCalendar, MIME) to ApplicationData and back.
// Mail changes from a client are flag changes only (MS-ASEMAIL 2.2.2: Read, Flag, Categories), so
// its update writes flags and leaves the MIME alone; a client mail Add (16.x drafts) is not
// accepted yet and gets Status 6.

import type { ConversionContext } from '../../content/conversion-context.js';
import { decodeCalendarApplicationData, encodeCalendarApplicationData } from '../../content/calendar/index.js';
import { decodeContactApplicationData, encodeContactApplicationData } from '../../content/contact/index.js';
import { decodeEmailChange, encodeEmailApplicationData } from '../../content/email/index.js';
import { decodeNoteApplicationData, encodeNoteApplicationData } from '../../content/note/index.js';
import { decodeTaskApplicationData, encodeTaskApplicationData } from '../../content/task/index.js';
import { InvalidInputError } from '../../domain/errors.js';
import type {
  ContactContent, EventContent, ItemRef, MailFlags, MailMessage, NoteContent, StoredItem, TaskContent,
} from '../../domain/item.js';
import type { MailStore } from '../../domain/mail-store.js';
import type { ConverterCall, ItemConverter, ItemConverters } from '../../sync/item-converter.js';

function contextOf(call: ConverterCall): ConversionContext {
  const { options } = call;
  return {
    protocolVersion: call.protocolVersion,
    bodyPreferences: options.bodyPreferences,
    ...(options.mimeSupport === undefined ? {} : { mimeSupport: options.mimeSupport }),
  };
}

/** A class whose store returns StoredItem<T> and takes T as input. */
function contentConverter<T>(
  encode: (content: T, ctx: ConversionContext, item: StoredItem<T>) => ReturnType<ItemConverter['encode']>,
  decode: (appData: Parameters<ItemConverter['decode']>[0], existing: T | undefined, call: ConverterCall) => T,
): ItemConverter {
  return {
    encode: (item, call) => encode((item as StoredItem<T>).content, contextOf(call), item as StoredItem<T>),
    decode: (appData, existing, call) => decode(appData, (existing as StoredItem<T> | undefined)?.content, call),
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
);

const tasks = contentConverter<TaskContent>(
  (content, ctx) => encodeTaskApplicationData(content, ctx),
  (appData, existing, call) => decodeTaskApplicationData(appData, existing, contextOf(call)),
);

const mail: ItemConverter = {
  encode: (item, call) => encodeEmailApplicationData(item as MailMessage, contextOf(call)),
  decode: (appData, existing) => {
    if (existing === undefined) throw new InvalidInputError('adding mail through Sync is not supported');
    return decodeEmailChange(appData, (existing as MailMessage).flags);
  },
  update: (target, input, ifVersion): Promise<ItemRef> =>
    (target.store as MailStore).setFlags(target.user, target.folderId, target.itemId, input as Partial<MailFlags>, { ifVersion }),
};

export function createSyncConverters(): ItemConverters {
  return { Notes: notes, Contacts: contacts, Calendar: calendar, Tasks: tasks, Email: mail };
}
