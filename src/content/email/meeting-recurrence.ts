// Email:Recurrences inside a meeting request (MS-ASEMAIL 2.2.2.62, Recurrence 2.2.2.60): the same
// recurrence the calendar converter derives from the RRULE, in the Email namespace's own element
// order (Type, Interval, Until, Occurrences, WeekOfMonth, DayOfMonth, DayOfWeek, MonthOfYear, then
// the Email2 CalendarType and IsLeapMonth from 14.0 and FirstDayOfWeek from 14.1). Interval is
// required here, unlike in the Calendar class, so a missing one is written as 1.
import { versionAtLeast, type ProtocolVersion } from '../../eas/protocol-version.js';
import { element, type WbxmlElement } from '../../eas/wbxml-body.js';
import type { EasRecurrence } from '../calendar/index.js';
import { formatCompactDateTime } from '../eas-dates.js';

function optional(name: string, value: string | number | undefined): WbxmlElement[] {
  return value === undefined ? [] : [element(name, String(value))];
}

function email2Extras(rec: EasRecurrence, version: ProtocolVersion): WbxmlElement[] {
  const out: WbxmlElement[] = [];
  if (versionAtLeast(version, '14.0')) {
    // As in the Calendar class (MS-ASCAL 2.2.2.10): the monthly and yearly types name their calendar.
    const needsType = rec.type === 2 || rec.type === 3 || rec.type === 5 || rec.type === 6;
    out.push(...optional('Email2:CalendarType', rec.calendarType ?? (needsType ? 0 : undefined)));
    out.push(...optional('Email2:IsLeapMonth', rec.isLeapMonth === undefined ? undefined : rec.isLeapMonth ? '1' : '0'));
  }
  if (versionAtLeast(version, '14.1')) out.push(...optional('Email2:FirstDayOfWeek', rec.firstDayOfWeek));
  return out;
}

/** The Email:Recurrences container for a recurring meeting. */
export function encodeMeetingRecurrences(rec: EasRecurrence, version: ProtocolVersion): WbxmlElement {
  return element('Email:Recurrences', element('Email:Recurrence', [
    element('Email:Type', String(rec.type)),
    element('Email:Interval', String(rec.interval ?? 1)),
    ...optional('Email:Until', rec.until === undefined ? undefined : formatCompactDateTime(rec.until)),
    ...optional('Email:Occurrences', rec.occurrences),
    ...optional('Email:WeekOfMonth', rec.weekOfMonth),
    ...optional('Email:DayOfMonth', rec.dayOfMonth),
    ...optional('Email:DayOfWeek', rec.dayOfWeek),
    ...optional('Email:MonthOfYear', rec.monthOfYear),
    ...email2Extras(rec, version),
  ]));
}
