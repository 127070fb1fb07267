// A client's Exceptions (MS-ASCAL 2.2.2.21-22) onto the stored series: deleted occurrences become
// the master's EXDATEs, modified ones RECURRENCE-ID VEVENTs (RFC 5545 3.8.4.4). The client's list
// is complete, so overrides it no longer names are dropped. An override the client changes is
// edited in place (its unknown properties stay); a new one starts as a copy of the series.
import ICAL from 'ical.js';
import type { EventFrame } from './event-frame.js';
import type { EasException } from './event-model.js';
import { applyFields, writeBounds } from './ical-event-fields-write.js';
import type { ParsedCalendar } from './ical-event-read.js';
import { applyTzid, readTime } from './ical-time.js';

/** Series-only properties a new override must not copy from the master. */
const SERIES_ONLY = ['rrule', 'rdate', 'exdate', 'recurrence-id', 'dtstart', 'dtend', 'duration',
  'x-pushbridge-calendartype', 'x-pushbridge-isleapmonth', 'x-pushbridge-timezone'];

export function originalStartOf(component: ICAL.Component, parsed: ParsedCalendar, frame: EventFrame): number | undefined {
  const id = readTime(component.getFirstProperty('recurrence-id'), parsed.root, frame.zone);
  return id === undefined ? undefined : frame.toEas(id).getTime();
}

function seriesDuration(parsed: ParsedCalendar, frame: EventFrame): number {
  const start = readTime(parsed.master.getFirstProperty('dtstart'), parsed.root, frame.zone);
  const end = readTime(parsed.master.getFirstProperty('dtend'), parsed.root, frame.zone);
  return start === undefined || end === undefined ? 0 : frame.toEas(end).getTime() - frame.toEas(start).getTime();
}

export function copyOfSeries(master: ICAL.Component): ICAL.Component {
  const copy = new ICAL.Component(structuredClone(master.toJSON()) as unknown[]);
  for (const name of SERIES_ONLY) copy.removeAllProperties(name);
  return copy;
}

function writeExdates(parsed: ParsedCalendar, deleted: readonly EasException[], frame: EventFrame): void {
  const master = parsed.master;
  master.removeAllProperties('exdate');
  const target = frame.targetFor();
  for (const ex of deleted) {
    const prop = new ICAL.Property('exdate', master);
    const time = frame.fromEas(ex.originalStart);
    prop.setValue(time);
    applyTzid(prop, time, target);
    master.addProperty(prop);
  }
}

export function writeOverride(component: ICAL.Component, ex: EasException, parsed: ParsedCalendar, frame: EventFrame, duration: number = seriesDuration(parsed, frame)): void {
  const target = frame.targetFor();
  const time = frame.fromEas(ex.originalStart);
  applyTzid(component.updatePropertyWithValue('recurrence-id', time), time, target);
  const allDay = ex.allDay ?? frame.allDay;
  const start = ex.start ?? ex.originalStart;
  const end = ex.end ?? new Date(start.getTime() + duration);
  writeBounds(component, start, end, allDay, frame);
  applyFields(component, ex, frame, parsed.master);
}

/** Replaces the series' exceptions with the client's list. */
export function writeExceptions(parsed: ParsedCalendar, exceptions: readonly EasException[], frame: EventFrame): void {
  const deleted = exceptions.filter((ex) => ex.deleted);
  // Overrides are written in occurrence order, which keeps the stored text stable between writes.
  const modified = exceptions.filter((ex) => !ex.deleted).sort((a, b) => a.originalStart.getTime() - b.originalStart.getTime());
  writeExdates(parsed, deleted, frame);
  const existing = new Map<number, ICAL.Component>();
  for (const override of parsed.overrides) {
    const key = originalStartOf(override, parsed, frame);
    if (key !== undefined) existing.set(key, override);
    parsed.root.removeSubcomponent(override);
  }
  const duration = seriesDuration(parsed, frame);
  for (const ex of modified) {
    const component = existing.get(ex.originalStart.getTime()) ?? copyOfSeries(parsed.master);
    writeOverride(component, ex, parsed, frame, duration);
    parsed.root.addSubcomponent(component);
  }
}
