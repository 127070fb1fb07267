// EAS date-time values the Email class reads and writes (MS-ASDTYPE 2.3), over the shared
// eas-dates module but forgiving: a date a client garbles is dropped from the flag rather than
// failing the whole Change, and a stored date EAS cannot carry is left out. Flag StartDate and
// DueDate carry the user's wall clock (MS-ASTASK 2.2.2.26) written in the same shape.

import { EasDateError, formatExtendedDateTime, parseEasDateTime as parseSharedEasDateTime } from '../eas-dates.js';

/** "YYYY-MM-DDTHH:MM:SS.mmmZ" in UTC; undefined for a date EAS cannot carry. */
export function formatEasDateTime(date: Date): string | undefined {
  try {
    return formatExtendedDateTime(date);
  } catch (error) {
    if (error instanceof EasDateError) return undefined;
    throw error;
  }
}

/** Either EAS form as UTC; undefined when the client sent something else (it is then ignored). */
export function parseEasDateTime(text: string): Date | undefined {
  try {
    return parseSharedEasDateTime(text);
  } catch (error) {
    if (error instanceof EasDateError) return undefined;
    throw error;
  }
}

/**
 * The wall-clock time of `date` in `timeZone`, written like a UTC value (the "local" Flag dates).
 * An unknown zone falls back to UTC rather than failing the whole item.
 */
export function formatEasLocalDateTime(date: Date, timeZone: string | undefined): string | undefined {
  const utc = formatEasDateTime(date);
  if (utc === undefined || timeZone === undefined) return utc;
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', second: '2-digit',
    }).formatToParts(date);
  } catch {
    return utc;
  }
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '00';
  const millis = String(date.getUTCMilliseconds()).padStart(3, '0');
  return `${get('year').padStart(4, '0')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}:${get('second')}.${millis}Z`;
}
