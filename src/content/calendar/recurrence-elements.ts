// The Recurrence container in the two namespaces that have one. Calendar (MS-ASCAL 2.2.2.37):
// Type, Occurrences, Interval, WeekOfMonth, DayOfWeek, MonthOfYear, Until (Compact DateTime),
// DayOfMonth, CalendarType, IsLeapMonth, FirstDayOfWeek. Tasks (MS-ASTASK 2.2.2.20): Type, Start,
// Until, Occurrences, Interval, DayOfWeek, DayOfMonth, WeekOfMonth, MonthOfYear, Regenerate,
// DeadOccur, CalendarType, IsLeapMonth, FirstDayOfWeek, dates in the dateTime form. CalendarType
// and IsLeapMonth arrived in 14.0, FirstDayOfWeek in 14.1.
import { versionAtLeast, type ProtocolVersion } from '../../eas/protocol-version.js';
import { element, firstChild, type WbxmlElement } from '../../eas/wbxml-body.js';
import { formatCompactDateTime, formatExtendedDateTime } from '../eas-dates.js';
import type { EasRecurrence, RecurrenceType } from './event-model.js';
import { CalendarContentError, optional, readBool, readDate, readInt } from './field-readers.js';

/** Task-only parts of a recurrence (MS-ASTASK 2.2.2.25, 2.2.2.21, 2.2.2.11). */
export interface TaskRecurrenceExtras {
  readonly start?: Date;
  readonly regenerate?: boolean;
  readonly deadOccur?: boolean;
}

export type TaskRecurrence = EasRecurrence & TaskRecurrenceExtras;

const TYPES: readonly RecurrenceType[] = [0, 1, 2, 3, 5, 6];

function flag(value: boolean | undefined): string | undefined {
  return value === undefined ? undefined : value ? '1' : '0';
}

function versionExtras(rec: EasRecurrence, ns: string, version: ProtocolVersion): WbxmlElement[] {
  const out: WbxmlElement[] = [];
  if (versionAtLeast(version, '14.0')) {
    // MS-ASCAL 2.2.2.10: CalendarType is required in responses for types 2, 3, 5 and 6.
    const needsType = rec.type === 2 || rec.type === 3 || rec.type === 5 || rec.type === 6;
    out.push(...optional(`${ns}:CalendarType`, rec.calendarType ?? (needsType ? 0 : undefined)));
    out.push(...optional(`${ns}:IsLeapMonth`, flag(rec.isLeapMonth)));
  }
  if (versionAtLeast(version, '14.1')) out.push(...optional(`${ns}:FirstDayOfWeek`, rec.firstDayOfWeek));
  return out;
}

export function encodeCalendarRecurrence(rec: EasRecurrence, version: ProtocolVersion): WbxmlElement {
  return element('Calendar:Recurrence', [
    element('Calendar:Type', String(rec.type)),
    ...optional('Calendar:Occurrences', rec.occurrences),
    ...optional('Calendar:Interval', rec.interval),
    ...optional('Calendar:WeekOfMonth', rec.weekOfMonth),
    ...optional('Calendar:DayOfWeek', rec.dayOfWeek),
    ...optional('Calendar:MonthOfYear', rec.monthOfYear),
    ...optional('Calendar:Until', rec.until === undefined ? undefined : formatCompactDateTime(rec.until)),
    ...optional('Calendar:DayOfMonth', rec.dayOfMonth),
    ...versionExtras(rec, 'Calendar', version),
  ]);
}

export function encodeTaskRecurrence(rec: TaskRecurrence, version: ProtocolVersion): WbxmlElement {
  return element('Tasks:Recurrence', [
    element('Tasks:Type', String(rec.type)),
    ...optional('Tasks:Start', rec.start === undefined ? undefined : formatExtendedDateTime(rec.start)),
    ...optional('Tasks:Until', rec.until === undefined ? undefined : formatExtendedDateTime(rec.until)),
    ...optional('Tasks:Occurrences', rec.occurrences),
    ...optional('Tasks:Interval', rec.interval),
    ...optional('Tasks:DayOfWeek', rec.dayOfWeek),
    ...optional('Tasks:DayOfMonth', rec.dayOfMonth),
    ...optional('Tasks:WeekOfMonth', rec.weekOfMonth),
    ...optional('Tasks:MonthOfYear', rec.monthOfYear),
    ...optional('Tasks:Regenerate', flag(rec.regenerate)),
    ...optional('Tasks:DeadOccur', flag(rec.deadOccur)),
    ...versionExtras(rec, 'Tasks', version),
  ]);
}

/** Reads a Recurrence container of either namespace; `ns` is "Calendar" or "Tasks". */
export function decodeRecurrence(container: WbxmlElement, ns: 'Calendar' | 'Tasks'): TaskRecurrence {
  const type = readInt(container, `${ns}:Type`, 0, 6);
  if (type === undefined || !TYPES.includes(type as RecurrenceType)) {
    throw new CalendarContentError('invalid-value', `${ns}:Type`, `${ns}:Recurrence needs a Type of 0, 1, 2, 3, 5 or 6`);
  }
  const interval = readInt(container, `${ns}:Interval`, 0, 999);
  const pick = <T>(key: string, value: T | undefined): Record<string, T> => (value === undefined ? {} : { [key]: value });
  return {
    type: type as RecurrenceType,
    // An Interval of 0 from a sloppy client means 1, as it does on Exchange.
    ...pick('interval', interval === 0 ? 1 : interval),
    ...pick('occurrences', readInt(container, `${ns}:Occurrences`, 1, 999)),
    ...pick('until', readDate(container, `${ns}:Until`)),
    ...pick('dayOfWeek', readInt(container, `${ns}:DayOfWeek`, 0, 127)),
    ...pick('dayOfMonth', readInt(container, `${ns}:DayOfMonth`, 1, 31)),
    ...pick('weekOfMonth', readInt(container, `${ns}:WeekOfMonth`, 1, 5)),
    ...pick('monthOfYear', readInt(container, `${ns}:MonthOfYear`, 1, 12)),
    ...pick('firstDayOfWeek', readInt(container, `${ns}:FirstDayOfWeek`, 0, 6)),
    ...pick('calendarType', readInt(container, `${ns}:CalendarType`, 0, 23)),
    ...pick('isLeapMonth', readBool(container, `${ns}:IsLeapMonth`)),
    ...(ns === 'Tasks'
      ? {
        ...pick('start', readDate(container, 'Tasks:Start')),
        ...pick('regenerate', readBool(container, 'Tasks:Regenerate')),
        ...pick('deadOccur', readBool(container, 'Tasks:DeadOccur')),
      }
      : {}),
  } as TaskRecurrence;
}

/** The Recurrence child of `appData`, decoded, or undefined. */
export function readRecurrence(appData: WbxmlElement, ns: 'Calendar' | 'Tasks'): TaskRecurrence | undefined {
  const container = firstChild(appData, `${ns}:Recurrence`);
  return container === undefined ? undefined : decodeRecurrence(container, ns);
}
