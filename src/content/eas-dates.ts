// The two date-time spellings EAS uses (MS-ASDTYPE): the dateTime type of section 2.3
// ("2024-03-15T09:30:00.000Z", Email, Tasks, Contacts) and the Compact DateTime of section 2.7.2
// ("20240315T093000Z", Calendar StartTime, EndTime, DtStamp, Until, ExceptionStartTime and
// AirSyncBase:InstanceId). Both are UTC. Parsing is strict: a value that is not a real calendar
// date-time in one of the two forms is a typed error the caller turns into a Sync status, never
// an Invalid Date that travels on.

export type EasDateErrorCode = 'malformed' | 'out-of-range';

export class EasDateError extends Error {
  readonly code: EasDateErrorCode;
  readonly value: string;

  constructor(code: EasDateErrorCode, value: string, message: string) {
    super(message);
    this.name = 'EasDateError';
    this.code = code;
    this.value = value;
  }
}

const COMPACT = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;
// MS-ASDTYPE 2.3 writes milliseconds; clients also send the plain XML Schema form without them.
const EXTENDED = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?Z$/;

// Years EAS can carry with four digits; anything outside is refused on output as well.
const MIN_YEAR = 1;
const MAX_YEAR = 9999;

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

function checkedDate(date: Date, what: string): Date {
  if (Number.isNaN(date.getTime())) throw new EasDateError('malformed', String(date), `${what}: not a valid date`);
  const year = date.getUTCFullYear();
  if (year < MIN_YEAR || year > MAX_YEAR) {
    throw new EasDateError('out-of-range', date.toISOString(), `${what}: year ${year} does not fit four digits`);
  }
  return date;
}

function build(value: string, parts: readonly (string | undefined)[]): Date {
  const [year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0] = parts.slice(0, 6).map(Number);
  const millis = parts[6] === undefined ? 0 : Number(parts[6].padEnd(3, '0'));
  const date = new Date(Date.UTC(2000, month - 1, day, hour, minute, second, millis));
  // Date.UTC reads years 0-99 as 1900+, hence setUTCFullYear; it also rolls 31 February into
  // March, which the comparison below refuses.
  date.setUTCFullYear(year, month - 1, day);
  const real = date.getUTCFullYear() === year && date.getUTCMonth() + 1 === month && date.getUTCDate() === day
    && date.getUTCHours() === hour && date.getUTCMinutes() === minute && date.getUTCSeconds() === second;
  if (!real || year < MIN_YEAR) throw new EasDateError('out-of-range', value, `not a calendar date-time: '${value}'`);
  return date;
}

/** "20240315T093000Z" (MS-ASDTYPE 2.7.2). Milliseconds are dropped: the form has none. */
export function formatCompactDateTime(date: Date): string {
  checkedDate(date, 'formatCompactDateTime');
  return `${pad(date.getUTCFullYear(), 4)}${pad(date.getUTCMonth() + 1, 2)}${pad(date.getUTCDate(), 2)}`
    + `T${pad(date.getUTCHours(), 2)}${pad(date.getUTCMinutes(), 2)}${pad(date.getUTCSeconds(), 2)}Z`;
}

/** "2024-03-15T09:30:00.000Z" (MS-ASDTYPE 2.3). */
export function formatExtendedDateTime(date: Date): string {
  checkedDate(date, 'formatExtendedDateTime');
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1, 2)}-${pad(date.getUTCDate(), 2)}`
    + `T${pad(date.getUTCHours(), 2)}:${pad(date.getUTCMinutes(), 2)}:${pad(date.getUTCSeconds(), 2)}`
    + `.${pad(date.getUTCMilliseconds(), 3)}Z`;
}

export function parseCompactDateTime(value: string): Date {
  const match = COMPACT.exec(value);
  if (match === null) throw new EasDateError('malformed', value, `not a Compact DateTime (YYYYMMDDTHHMMSSZ): '${value}'`);
  return build(value, match.slice(1));
}

export function parseExtendedDateTime(value: string): Date {
  const match = EXTENDED.exec(value);
  if (match === null) throw new EasDateError('malformed', value, `not an EAS dateTime (YYYY-MM-DDTHH:MM:SS.MSSZ): '${value}'`);
  return build(value, match.slice(1));
}

/**
 * Either form, for elements where clients are known to mix them (the spec names one form per
 * element, but a value in the other form is still unambiguous UTC). Surrounding whitespace from
 * pretty-printed XML clients is ignored.
 */
export function parseEasDateTime(value: string): Date {
  const trimmed = value.trim();
  return trimmed.includes('-') ? parseExtendedDateTime(trimmed) : parseCompactDateTime(trimmed);
}
