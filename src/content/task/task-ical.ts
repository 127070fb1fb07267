// VTODO (RFC 5545 3.6.2) ⇄ EasTask. A task date travels twice in EAS, as UTC (UtcStartDate) and as
// the user's wall time (StartDate). Outbound both come from DTSTART/DUE: a DATE is local midnight
// in the user's zone, a zoned time keeps its own wall time. Inbound the pair is written back as a
// DATE when it is a midnight in the user's zone, in the task's existing TZID when it agrees with
// it, and as UTC otherwise, so a client's pair comes back unchanged on the next Sync.
import { randomUUID } from 'node:crypto';
import ICAL from 'ical.js';
import { formatCompactDateTime } from '../eas-dates.js';
import type { CalendarContext } from '../calendar/event-frame.js';
import { parseCalendar } from '../calendar/ical-event-read.js';
import { openForEdit } from '../calendar/ical-event-write.js';
import {
  readBodySource,
  readCategories,
  readSensitivity,
  readXNumber,
  setText,
  text,
  writeCategories,
  writeClientBody,
  writeSensitivity,
  writeX,
} from '../calendar/ical-fields.js';
import { defaultZone, icalDate, icalDateTime, readTime, wallOfTime, writeTime, type PropertyTime } from '../calendar/ical-time.js';
import { recurrenceFromRrule, rruleFromRecurrence, type UntilConversion } from '../calendar/recurrence.js';
import { utcToWall, wallToUtc, type ZoneOffsets } from '../timezone/index.js';
import type { EasTask } from './task-model.js';

const DAY = 86_400_000;

interface TaskDate {
  readonly utc: Date;
  readonly local: Date;
}

function zoneOf(value: PropertyTime, fallback: ZoneOffsets): ZoneOffsets {
  return value.anchor.kind === 'zoned' ? value.anchor.zone : fallback;
}

function taskDate(value: PropertyTime | undefined, fallback: ZoneOffsets): TaskDate | undefined {
  if (value === undefined) return undefined;
  const zone = zoneOf(value, fallback);
  if (value.anchor.kind === 'utc') return { utc: new Date(value.wall), local: new Date(utcToWall(fallback, value.wall)) };
  return { utc: new Date(wallToUtc(zone, value.wall)), local: new Date(value.wall) };
}

function importanceOf(priority: unknown): number {
  const value = Number(priority ?? 0);
  if (value >= 1 && value <= 4) return 2;
  return value >= 6 && value <= 9 ? 0 : 1;
}

function untilConversion(allDay: boolean, zone: ZoneOffsets): UntilConversion {
  return {
    toEas: (until) => new Date(until.isDate ? wallToUtc(zone, wallOfTime(until)) : until.toUnixTime() * 1000),
    fromEas: (until) => (allDay ? icalDate(Math.round(utcToWall(zone, until.getTime()) / DAY) * DAY) : icalDateTime(until.getTime(), true)),
  };
}

function readReminder(master: ICAL.Component, start?: TaskDate, due?: TaskDate): Date | undefined {
  for (const alarm of master.getAllSubcomponents('valarm')) {
    const trigger = alarm.getFirstProperty('trigger');
    const value = trigger?.getFirstValue();
    if (value instanceof ICAL.Time) return new Date(value.toUnixTime() * 1000);
    if (value instanceof ICAL.Duration) {
      const related = String(trigger?.getFirstParameter('related') ?? 'START').toUpperCase();
      const base = related === 'END' ? due ?? start : start ?? due;
      if (base !== undefined) return new Date(base.utc.getTime() + value.toSeconds() * 1000);
    }
  }
  return undefined;
}

/** The EAS view of a stored task. */
export function easTaskFromIcal(icalendar: string, ctx: CalendarContext): EasTask {
  const { root, master } = parseCalendar(icalendar, 'vtodo');
  const fallback = defaultZone(ctx.defaultTimeZone);
  const startValue = readTime(master.getFirstProperty('dtstart'), root, fallback);
  const start = taskDate(startValue, fallback);
  let due = taskDate(readTime(master.getFirstProperty('due'), root, fallback), fallback);
  const duration = master.getFirstPropertyValue('duration');
  if (due === undefined && start !== undefined && duration instanceof ICAL.Duration) {
    const ms = duration.toSeconds() * 1000;
    due = { utc: new Date(start.utc.getTime() + ms), local: new Date(start.local.getTime() + ms) };
  }
  const completedAt = master.getFirstPropertyValue('completed');
  const complete = text(master, 'status')?.toUpperCase() === 'COMPLETED' || completedAt instanceof ICAL.Time;
  const reminder = readReminder(master, start, due);
  const sensitivity = readSensitivity(master);
  const body = readBodySource(master);
  const rrule = master.getFirstPropertyValue('rrule');
  const baseValue = startValue ?? readTime(master.getFirstProperty('due'), root, fallback);
  const base = baseValue === undefined ? undefined : zoneOf(baseValue, fallback);
  const recurrence = rrule instanceof ICAL.Recur && baseValue !== undefined && base !== undefined
    ? recurrenceFromRrule(rrule, baseValue.wall, untilConversion(baseValue.anchor.kind === 'date', base))
    : undefined;
  const storedStart = text(master, 'x-pushbridge-recurrencestart');
  const recurrenceStart = storedStart !== undefined ? parseStamp(storedStart) : (start ?? due)?.utc;
  const flags = recurrenceFlags(master);
  return {
    subject: text(master, 'summary') ?? '',
    ...(body === undefined ? {} : { body }),
    importance: importanceOf(master.getFirstPropertyValue('priority')),
    ...(start === undefined ? {} : { utcStartDate: start.utc, startDate: start.local }),
    ...(due === undefined ? {} : { utcDueDate: due.utc, dueDate: due.local }),
    categories: readCategories(master),
    ...(recurrence === undefined ? {} : {
      recurrence: {
        ...recurrence,
        ...(recurrenceStart === undefined ? {} : { start: recurrenceStart }),
        ...flags,
      },
    }),
    complete,
    ...(complete && completedAt instanceof ICAL.Time ? { dateCompleted: new Date(completedAt.toUnixTime() * 1000) } : {}),
    ...(sensitivity === undefined ? {} : { sensitivity }),
    reminderSet: reminder !== undefined,
    ...(reminder === undefined ? {} : { reminderTime: reminder }),
  };
}

/** Regenerate, DeadOccur, CalendarType and IsLeapMonth as the device last sent them. */
function recurrenceFlags(master: ICAL.Component): { regenerate?: boolean; deadOccur?: boolean; calendarType?: number; isLeapMonth?: boolean } {
  const flag = (name: string): boolean | undefined => {
    const value = text(master, name);
    return value === undefined ? undefined : value.toUpperCase() === 'TRUE';
  };
  const calendarType = readXNumber(master, 'x-pushbridge-calendartype');
  const out: { regenerate?: boolean; deadOccur?: boolean; calendarType?: number; isLeapMonth?: boolean } = {};
  const regenerate = flag('x-pushbridge-regenerate');
  const deadOccur = flag('x-pushbridge-deadoccur');
  const isLeapMonth = flag('x-pushbridge-isleapmonth');
  if (regenerate !== undefined) out.regenerate = regenerate;
  if (deadOccur !== undefined) out.deadOccur = deadOccur;
  if (calendarType !== undefined) out.calendarType = calendarType;
  if (isLeapMonth !== undefined) out.isLeapMonth = isLeapMonth;
  return out;
}

function parseStamp(value: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value.trim());
  return m === null ? undefined : new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!));
}

function utcTime(date: Date): ICAL.Time {
  return icalDateTime(Math.floor(date.getTime() / 1000) * 1000, true);
}

/** Writes a StartDate/DueDate pair as DATE, existing TZID, or UTC (see the header). */
function writeTaskDate(component: ICAL.Component, name: string, utc: Date | undefined, local: Date | undefined, existing: PropertyTime | undefined, fallback: ZoneOffsets): void {
  if (utc === undefined && local === undefined) {
    component.removeAllProperties(name);
    return;
  }
  const localMs = local?.getTime();
  const instant = utc?.getTime() ?? wallToUtc(fallback, localMs ?? 0);
  if (existing?.anchor.kind === 'zoned' && localMs !== undefined && wallToUtc(existing.anchor.zone, localMs) === instant) {
    writeTime(component, name, icalDateTime(localMs, false), { kind: 'zoned', tzid: existing.anchor.tzid, zone: existing.anchor.zone });
  } else if (localMs !== undefined && localMs % DAY === 0 && wallToUtc(fallback, localMs) === instant) {
    writeTime(component, name, icalDate(localMs), { kind: 'date' });
  } else {
    writeTime(component, name, utcTime(new Date(instant)), { kind: 'utc' });
  }
}

function writeCompletion(master: ICAL.Component, task: EasTask): void {
  if (task.complete === undefined) return;
  if (task.complete) {
    master.updatePropertyWithValue('status', 'COMPLETED');
    if (task.dateCompleted !== undefined) master.updatePropertyWithValue('completed', utcTime(task.dateCompleted));
    if (master.hasProperty('percent-complete')) master.updatePropertyWithValue('percent-complete', 100);
    return;
  }
  master.removeAllProperties('completed');
  if (text(master, 'status')?.toUpperCase() === 'COMPLETED') master.updatePropertyWithValue('status', 'NEEDS-ACTION');
  if (Number(master.getFirstPropertyValue('percent-complete') ?? 0) >= 100) master.removeAllProperties('percent-complete');
}

function writeReminder(master: ICAL.Component, task: EasTask): void {
  if (task.reminderSet === undefined) return;
  const current = readReminder(master);
  if (task.reminderSet && task.reminderTime !== undefined && current?.getTime() === task.reminderTime.getTime()) return;
  master.removeAllSubcomponents('valarm');
  if (!task.reminderSet || task.reminderTime === undefined) return;
  const alarm = new ICAL.Component('valarm');
  alarm.addPropertyWithValue('action', 'DISPLAY');
  alarm.addPropertyWithValue('description', 'Reminder');
  alarm.addPropertyWithValue('trigger', utcTime(task.reminderTime)).setParameter('value', 'DATE-TIME');
  master.addSubcomponent(alarm);
}

function writeRecurrence(master: ICAL.Component, task: EasTask, root: ICAL.Component, fallback: ZoneOffsets): void {
  const names = ['rrule', 'x-pushbridge-recurrencestart', 'x-pushbridge-regenerate', 'x-pushbridge-deadoccur', 'x-pushbridge-calendartype', 'x-pushbridge-isleapmonth'];
  const rec = task.recurrence;
  if (rec === undefined) {
    for (const name of names) master.removeAllProperties(name);
    return;
  }
  const base = readTime(master.getFirstProperty('dtstart'), root, fallback) ?? readTime(master.getFirstProperty('due'), root, fallback);
  const zone = base === undefined ? fallback : zoneOf(base, fallback);
  master.updatePropertyWithValue('rrule', rruleFromRecurrence(rec, untilConversion(base?.anchor.kind === 'date', zone)));
  const baseUtc = base === undefined ? undefined : wallToUtc(zone, base.wall);
  const ownStart = rec.start !== undefined && (base?.anchor.kind === 'utc' ? base.wall : baseUtc) !== rec.start.getTime();
  writeX(master, 'x-pushbridge-recurrencestart', ownStart && rec.start !== undefined ? formatCompactDateTime(rec.start) : undefined);
  writeX(master, 'x-pushbridge-regenerate', rec.regenerate);
  writeX(master, 'x-pushbridge-deadoccur', rec.deadOccur);
  writeX(master, 'x-pushbridge-calendartype', rec.calendarType);
  writeX(master, 'x-pushbridge-isleapmonth', rec.isLeapMonth);
}

/** Applies a client's task to the stored VTODO (or a new one) and returns the iCalendar text. */
export function icalFromEasTask(task: EasTask, existing: string | undefined, ctx: CalendarContext): string {
  const { root, master } = openForEdit(existing, 'vtodo');
  const fallback = defaultZone(ctx.defaultTimeZone);
  const oldStart = readTime(master.getFirstProperty('dtstart'), root, fallback);
  const oldDue = readTime(master.getFirstProperty('due'), root, fallback);
  writeTaskDate(master, 'dtstart', task.utcStartDate, task.startDate, oldStart, fallback);
  writeTaskDate(master, 'due', task.utcDueDate, task.dueDate, oldDue, fallback);
  master.removeAllProperties('duration');
  setText(master, 'summary', task.subject);
  if (task.importance !== undefined) master.updatePropertyWithValue('priority', [9, 5, 1][task.importance] ?? 5);
  writeSensitivity(master, task.sensitivity);
  writeCategories(master, task.categories ?? []);
  writeClientBody(master, task.clientBody);
  writeCompletion(master, task);
  writeReminder(master, task);
  writeRecurrence(master, task, root, fallback);
  if (!master.hasProperty('uid')) master.updatePropertyWithValue('uid', randomUUID());
  if (!master.hasProperty('dtstamp')) master.updatePropertyWithValue('dtstamp', utcTime(new Date()));
  return root.toString();
}
