// RRULE (RFC 5545 3.3.10) ⇄ EAS Recurrence (MS-ASCAL 2.2.2.37, MS-ASTASK 2.2.2.20). EAS knows
// six patterns: 0 daily (with DayOfWeek: every weekday), 1 weekly, 2 monthly on a day, 3 monthly
// on the nth weekday (DayOfWeek 127 = nth day; WeekOfMonth 5 = last), 5 yearly on a date, 6
// yearly on the nth weekday. Rules outside them (hourly, BYWEEKNO, several month days...) have
// no EAS form: the caller sends the event without Recurrence rather than a wrong pattern.
import ICAL from 'ical.js';
import type { EasRecurrence, RecurrenceType } from './event-model.js';

const DAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'] as const;
const ALL_DAYS_MASK = 127;

/** Converts the UNTIL value to the instant EAS sends, and back; all-day rules need the zone. */
export interface UntilConversion {
  toEas(until: ICAL.Time): Date;
  fromEas(until: Date): ICAL.Time;
}

function maskOf(days: readonly string[]): number {
  return days.reduce((mask, day) => mask | (1 << DAYS.indexOf(day as (typeof DAYS)[number])), 0);
}

function daysOf(mask: number): string[] {
  return DAYS.filter((_, i) => (mask & (1 << i)) !== 0);
}

interface ByDay {
  readonly ordinal: number | undefined;
  readonly day: string;
}

function parseByDay(values: readonly string[]): ByDay[] | undefined {
  const parsed: ByDay[] = [];
  for (const value of values) {
    const match = /^([+-]?\d{1,2})?(SU|MO|TU|WE|TH|FR|SA)$/.exec(value);
    if (match === null || match[2] === undefined) return undefined;
    parsed.push({ ordinal: match[1] === undefined ? undefined : Number(match[1]), day: match[2] });
  }
  return parsed;
}

/** EAS WeekOfMonth for an RFC ordinal: 1-4 as is, -1 (last) as 5; anything else has no form. */
function weekOfOrdinal(ordinal: number): number | undefined {
  if (ordinal >= 1 && ordinal <= 4) return ordinal;
  return ordinal === -1 ? 5 : undefined;
}

const SUPPORTED_PARTS = new Set(['BYDAY', 'BYMONTHDAY', 'BYMONTH', 'BYSETPOS']);

function nthPattern(byDay: ByDay[], setPos: number[], monthDay: number[]): { week: number; mask: number } | undefined {
  if (monthDay.length === 1 && byDay.length === 0 && setPos.length === 0) {
    const day = monthDay[0] ?? 0;
    const week = weekOfOrdinal(day);
    return week === undefined || (day > 0 && day !== week) ? undefined : { week, mask: ALL_DAYS_MASK };
  }
  if (monthDay.length > 0) return undefined;
  if (byDay.length === 1 && setPos.length === 0 && byDay[0]?.ordinal !== undefined) {
    const week = weekOfOrdinal(byDay[0].ordinal);
    return week === undefined ? undefined : { week, mask: maskOf([byDay[0].day]) };
  }
  if (byDay.length > 0 && setPos.length === 1 && byDay.every((d) => d.ordinal === undefined)) {
    const week = weekOfOrdinal(setPos[0] ?? 0);
    return week === undefined ? undefined : { week, mask: maskOf(byDay.map((d) => d.day)) };
  }
  return undefined;
}

/**
 * The EAS form of an RRULE for a series starting at `startWall` (local fields as UTC ms), or
 * undefined when EAS cannot express it.
 */
export function recurrenceFromRrule(recur: ICAL.Recur, startWall: number, until: UntilConversion): EasRecurrence | undefined {
  if (Object.keys(recur.parts).some((part) => !SUPPORTED_PARTS.has(part))) return undefined;
  const byDay = parseByDay((recur.getComponent('byday') as string[]).map(String));
  const monthDay = (recur.getComponent('bymonthday') as number[]).map(Number);
  const months = (recur.getComponent('bymonth') as number[]).map(Number);
  const setPos = (recur.getComponent('bysetpos') as number[]).map(Number);
  if (byDay === undefined || months.length > 1) return undefined;
  const start = new Date(startWall);
  let type: RecurrenceType;
  let pattern: Omit<EasRecurrence, 'type'> = {};
  switch (recur.freq) {
    case 'DAILY':
      if (monthDay.length > 0 || months.length > 0 || setPos.length > 0 || byDay.some((d) => d.ordinal !== undefined)) return undefined;
      type = 0;
      if (byDay.length > 0) pattern = { dayOfWeek: maskOf(byDay.map((d) => d.day)) };
      break;
    case 'WEEKLY':
      if (monthDay.length > 0 || months.length > 0 || setPos.length > 0 || byDay.some((d) => d.ordinal !== undefined)) return undefined;
      type = 1;
      pattern = { dayOfWeek: byDay.length > 0 ? maskOf(byDay.map((d) => d.day)) : 1 << start.getUTCDay() };
      break;
    case 'MONTHLY':
    case 'YEARLY': {
      const yearly = recur.freq === 'YEARLY';
      if (!yearly && months.length > 0) return undefined;
      const monthOfYear = yearly ? { monthOfYear: months[0] ?? start.getUTCMonth() + 1 } : {};
      const simple = byDay.length === 0 && setPos.length === 0 && (monthDay.length === 0 || (monthDay.length === 1 && (monthDay[0] ?? 0) > 0));
      if (simple) {
        type = yearly ? 5 : 2;
        pattern = { dayOfMonth: monthDay[0] ?? start.getUTCDate(), ...monthOfYear };
        break;
      }
      const nth = nthPattern(byDay, setPos, monthDay);
      if (nth === undefined) return undefined;
      type = yearly ? 6 : 3;
      pattern = { weekOfMonth: nth.week, dayOfWeek: nth.mask, ...monthOfYear };
      break;
    }
    default:
      return undefined;
  }
  return {
    type,
    interval: recur.interval ?? 1,
    ...(recur.count !== null && recur.count !== undefined ? { occurrences: recur.count } : {}),
    ...(recur.until !== null && recur.until !== undefined ? { until: until.toEas(recur.until) } : {}),
    ...pattern,
    // ical.js keeps WKST as a number (Sunday 1) defaulting to Monday; weekly rules always state
    // it because MS-ASTASK/MS-ASCAL require FirstDayOfWeek for them in responses (14.1+).
    ...(type === 1 || recur.wkst !== ICAL.Time.MONDAY ? { firstDayOfWeek: Number(recur.wkst) - 1 } : {}),
  };
}

/** The RRULE for an EAS Recurrence; throws RangeError for a pattern the spec does not define. */
export function rruleFromRecurrence(rec: EasRecurrence, until: UntilConversion): ICAL.Recur {
  const data: Record<string, unknown> = {};
  const days = daysOf(rec.dayOfWeek ?? 0);
  const week = rec.weekOfMonth === 5 ? -1 : rec.weekOfMonth;
  switch (rec.type) {
    case 0:
      data.freq = 'DAILY';
      if (days.length > 0) data.byday = days;
      break;
    case 1:
      data.freq = 'WEEKLY';
      if (days.length > 0) data.byday = days;
      break;
    case 2:
    case 5:
      data.freq = rec.type === 2 ? 'MONTHLY' : 'YEARLY';
      if (rec.dayOfMonth !== undefined) data.bymonthday = [rec.dayOfMonth];
      break;
    case 3:
    case 6:
      data.freq = rec.type === 3 ? 'MONTHLY' : 'YEARLY';
      if (week === undefined || days.length === 0) throw new RangeError('Recurrence Type 3/6 needs WeekOfMonth and DayOfWeek');
      if ((rec.dayOfWeek ?? 0) === ALL_DAYS_MASK) data.bymonthday = [week];
      else if (days.length === 1) data.byday = [`${week}${days[0] ?? 'SU'}`];
      else Object.assign(data, { byday: days, bysetpos: [week] });
      break;
    default:
      throw new RangeError(`Recurrence Type ${String(rec.type)} is not defined`);
  }
  if ((rec.type === 5 || rec.type === 6) && rec.monthOfYear !== undefined) data.bymonth = [rec.monthOfYear];
  if (rec.interval !== undefined && rec.interval > 1) data.interval = rec.interval;
  if (rec.occurrences !== undefined) data.count = rec.occurrences;
  else if (rec.until !== undefined) data.until = until.fromEas(rec.until);
  if (rec.firstDayOfWeek !== undefined) data.wkst = rec.firstDayOfWeek + 1;
  return ICAL.Recur.fromData(data as Parameters<typeof ICAL.Recur.fromData>[0]);
}
