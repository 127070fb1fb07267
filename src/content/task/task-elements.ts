// EasTask ⇄ the children of AirSync:ApplicationData for the Tasks class. Order follows the
// MS-ASTASK schema (Appendix A): Subject, Body, Importance, UtcStartDate, StartDate, UtcDueDate,
// DueDate, Categories, Recurrence, Complete, DateCompleted, Sensitivity, ReminderTime,
// ReminderSet. Dates use the dateTime form of MS-ASDTYPE 2.3. 2.5 clients get Tasks:Body.
import { versionAtLeast } from '../../eas/protocol-version.js';
import { element, type WbxmlElement } from '../../eas/wbxml-body.js';
import { encodeBody, readBody } from '../body/index.js';
import type { ConversionContext } from '../conversion-context.js';
import { formatExtendedDateTime } from '../eas-dates.js';
import { optional, readBool, readCategories, readDate, readInt, readText } from '../calendar/field-readers.js';
import { encodeTaskRecurrence, readRecurrence } from '../calendar/recurrence-elements.js';
import type { EasTask } from './task-model.js';

function date(value: Date | undefined): string | undefined {
  return value === undefined ? undefined : formatExtendedDateTime(value);
}

const LEGACY_BODY_ORDER: Readonly<Record<string, number>> = { Body: 0, BodySize: 1, BodyTruncated: 2 };

function bodyElements(task: EasTask, ctx: ConversionContext): WbxmlElement[] {
  if (task.body === undefined) return [];
  const elements = encodeBody(task.body, ctx, 'Tasks');
  // The MS-ASTASK schema lists the 2.5 trio as Body, BodySize, BodyTruncated.
  return versionAtLeast(ctx.protocolVersion, '12.0')
    ? elements
    : [...elements].sort((a, b) => (LEGACY_BODY_ORDER[a.tag] ?? 0) - (LEGACY_BODY_ORDER[b.tag] ?? 0));
}

export function encodeTaskElements(task: EasTask, ctx: ConversionContext): WbxmlElement[] {
  const complete = task.complete ?? false;
  return [
    ...(task.subject === undefined ? [] : [element('Tasks:Subject', task.subject === '' ? [] : task.subject)]),
    ...bodyElements(task, ctx),
    ...optional('Tasks:Importance', task.importance ?? 1),
    ...optional('Tasks:UtcStartDate', date(task.utcStartDate)),
    ...optional('Tasks:StartDate', date(task.startDate)),
    ...optional('Tasks:UtcDueDate', date(task.utcDueDate)),
    ...optional('Tasks:DueDate', date(task.dueDate)),
    ...(task.categories === undefined || task.categories.length === 0
      ? []
      : [element('Tasks:Categories', task.categories.map((c) => element('Tasks:Category', c)))]),
    ...(task.recurrence === undefined ? [] : [encodeTaskRecurrence(task.recurrence, ctx.protocolVersion)]),
    element('Tasks:Complete', complete ? '1' : '0'),
    // MS-ASTASK 2.2.2.8: DateCompleted accompanies Complete = 1 and only then.
    ...(complete ? optional('Tasks:DateCompleted', date(task.dateCompleted)) : []),
    ...optional('Tasks:Sensitivity', task.sensitivity),
    ...(task.reminderSet === true ? optional('Tasks:ReminderTime', date(task.reminderTime)) : []),
    element('Tasks:ReminderSet', task.reminderSet === true ? '1' : '0'),
  ];
}

function pick<K extends string, T>(key: K, value: T | undefined): { [P in K]?: T } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: T };
}

/** A client's Tasks ApplicationData; bad values throw CalendarContentError. */
export function parseTaskElements(appData: WbxmlElement): EasTask {
  return {
    ...pick('subject', readText(appData, 'Tasks:Subject')),
    ...pick('importance', readInt(appData, 'Tasks:Importance', 0, 2)),
    ...pick('utcStartDate', readDate(appData, 'Tasks:UtcStartDate')),
    ...pick('startDate', readDate(appData, 'Tasks:StartDate')),
    ...pick('utcDueDate', readDate(appData, 'Tasks:UtcDueDate')),
    ...pick('dueDate', readDate(appData, 'Tasks:DueDate')),
    ...pick('complete', readBool(appData, 'Tasks:Complete')),
    ...pick('dateCompleted', readDate(appData, 'Tasks:DateCompleted')),
    ...pick('sensitivity', readInt(appData, 'Tasks:Sensitivity', 0, 3)),
    ...pick('reminderSet', readBool(appData, 'Tasks:ReminderSet')),
    ...pick('reminderTime', readDate(appData, 'Tasks:ReminderTime')),
    ...pick('categories', readCategories(appData, 'Tasks:Categories', 'Tasks:Category')),
    ...pick('recurrence', readRecurrence(appData, 'Tasks')),
    ...pick('clientBody', readBody(appData, 'Tasks')),
  };
}
