// Calendar ⇄ iCalendar converters (MS-ASCAL) and the pieces commands reuse: the EasEvent model,
// the iOS ClientUid normalisation, the recurrence mapping shared with tasks, and the error type.
export { decodeCalendarApplicationData, encodeCalendarApplicationData } from './calendar-converter.js';
export { normalizeClientUid } from './client-uid.js';
export type { CalendarContext } from './event-frame.js';
export { encodeEventElements } from './event-elements.js';
export type { EasAttendee, EasEvent, EasEventFields, EasException, EasLocation, EasRecurrence, RecurrenceType } from './event-model.js';
export { parseEventElements } from './event-parse.js';
export { CalendarContentError, type CalendarContentErrorCode } from './field-readers.js';
export { easEventFromIcal, MAX_EXCEPTIONS } from './ical-event-read.js';
export { icalFromEasEvent } from './ical-event-write.js';
export { recurrenceFromRrule, rruleFromRecurrence, type UntilConversion } from './recurrence.js';
export { decodeRecurrence, encodeCalendarRecurrence, encodeTaskRecurrence, type TaskRecurrence } from './recurrence-elements.js';
export { eventOccurrences, type Occurrence } from './occurrences.js';
export { decodeCalendarOccurrenceChange, deleteCalendarOccurrence } from './occurrence-change.js';
