// Birthday and Anniversary: a calendar date in vCard (BDAY, ANNIVERSARY, v3 X-ANNIVERSARY), a UTC
// dateTime in EAS (MS-ASDTYPE 2.3) whose time "might be 11:59 and SHOULD be ignored" (MS-ASCNTC
// 2.2.2.6). We send the date at 11:59 UTC, which keeps the same local date for every offset from
// -11:59 to +12:00 when a client shows it in its own zone. Clients send local midnight converted
// to UTC (Outlook, iOS: 22:00 the day before in Berlin, 04:00 in New York), so a received value
// is rounded to the nearest UTC midnight, the right date for every offset from -11:59 to +12:00.
// A date without a year (vCard 4 "--0517", Apple's X-APPLE-OMIT-YEAR) travels with year 1604, the
// placeholder Apple's clients use, and comes back without one.

import { EasDateError, formatExtendedDateTime, parseEasDateTime } from '../eas-dates.js';
import { ContactConversionError } from './contact-errors.js';
import { paramValues } from './vcard-text.js';
import type { VCardEntry, VCardVersion } from './vcard-document.js';

export interface CalendarDate {
  /** Absent for a date without a year. */
  readonly year?: number;
  readonly month: number;
  readonly day: number;
}

const NO_YEAR = 1604;
const DAY_MS = 86_400_000;
const DATE = /^(?:(\d{4})|--)-?(\d{2})-?(\d{2})(?:T[\d:.]*(?:Z|[+-]\d{2}:?\d{2})?)?$/;

function valid(month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

/** The date a BDAY/ANNIVERSARY line holds; undefined for free text ("circa 1800") or no date. */
export function readVCardDate(entry: VCardEntry): CalendarDate | undefined {
  if (entry.valueType === 'text') return undefined;
  const match = DATE.exec(entry.rawValue.trim());
  if (match === null) return undefined;
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (!valid(month, day)) return undefined;
  const omitted = paramValues(entry, 'x-apple-omit-year')[0];
  const year = match[1] === undefined || match[1] === omitted ? undefined : Number(match[1]);
  return year === undefined ? { month, day } : { year, month, day };
}

/** The EAS dateTime we send for a date. */
export function easDateTime(date: CalendarDate): string {
  return formatExtendedDateTime(new Date(Date.UTC(date.year ?? NO_YEAR, date.month - 1, date.day, 11, 59)));
}

/** The calendar date a client's dateTime stands for; a malformed value is a conversion error. */
export function dateFromEas(value: string): CalendarDate {
  let instant: Date;
  try {
    instant = parseEasDateTime(value);
  } catch (error) {
    if (error instanceof EasDateError) throw new ContactConversionError('malformed-value', error.message);
    throw error;
  }
  const nearest = new Date(Math.floor((instant.getTime() + DAY_MS / 2) / DAY_MS) * DAY_MS);
  const year = nearest.getUTCFullYear();
  const month = nearest.getUTCMonth() + 1;
  const day = nearest.getUTCDate();
  return year === NO_YEAR ? { month, day } : { year, month, day };
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** Parameters and value of a date line: v4 "19900517" or "--0517", v3 "1990-05-17". */
export function vcardDateParts(date: CalendarDate, version: VCardVersion): { params: string; value: string } {
  const md = `${pad(date.month, 2)}${pad(date.day, 2)}`;
  if (version === '4.0') return { params: '', value: date.year === undefined ? `--${md}` : `${pad(date.year, 4)}${md}` };
  if (date.year === undefined) {
    return { params: `;X-APPLE-OMIT-YEAR=${NO_YEAR}`, value: `${NO_YEAR}-${pad(date.month, 2)}-${pad(date.day, 2)}` };
  }
  return { params: '', value: `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}` };
}

export function sameDate(a: CalendarDate, b: CalendarDate): boolean {
  return a.year === b.year && a.month === b.month && a.day === b.day;
}
