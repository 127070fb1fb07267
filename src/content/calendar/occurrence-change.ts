// 16.x edits of one occurrence (MS-ASCMD 2.2.3.24 Change and 2.2.3.42.2 Delete with
// AirSyncBase:InstanceId, MS-ASAIRS 2.2.2.25): the client names the occurrence by its original
// start and sends only that occurrence's fields, or deletes it. The command layer finds the item
// by ServerId and calls these with the InstanceId it read.
import ICAL from 'ical.js';
import type { WbxmlElement } from '../../eas/wbxml-body.js';
import type { EventContent } from '../../domain/item.js';
import { readFields } from './event-parse.js';
import type { CalendarContext, EventFrame } from './event-frame.js';
import { CalendarContentError } from './field-readers.js';
import { frameOf, parseCalendar, type ParsedCalendar } from './ical-event-read.js';
import { applyTzid, readTimes } from './ical-time.js';
import { copyOfSeries, originalStartOf, writeOverride } from './ical-exceptions-write.js';
import { pruneVtimezones } from './event-zone.js';

function openSeries(existing: EventContent): ParsedCalendar {
  const parsed = parseCalendar(existing.icalendar);
  if (!parsed.master.hasProperty('rrule') || parsed.root.name !== 'vcalendar') {
    throw new CalendarContentError('invalid-value', 'AirSyncBase:InstanceId', 'InstanceId names an occurrence of an event that does not recur');
  }
  return parsed;
}

/** Applies a client's change to the occurrence that originally started at `instanceId`. */
export function decodeCalendarOccurrenceChange(appData: WbxmlElement, instanceId: Date, existing: EventContent, ctx: CalendarContext): EventContent {
  const parsed = openSeries(existing);
  const frame = frameOf(parsed, ctx);
  // The occurrence's own fields; series-only elements (Recurrence, Timezone, UID) do not apply.
  const fields = readFields(appData);
  const current = parsed.overrides.find((o) => originalStartOf(o, parsed, frame) === instanceId.getTime());
  const component = current ?? copyOfSeries(parsed.master);
  writeOverride(component, { ...fields, deleted: false, originalStart: instanceId }, parsed, frame);
  if (current === undefined) parsed.root.addSubcomponent(component);
  removeExdate(parsed, frame, instanceId);
  pruneVtimezones(parsed.root);
  return { icalendar: parsed.root.toString() };
}

function removeExdate(parsed: ParsedCalendar, frame: EventFrame, instanceId: Date): void {
  for (const prop of parsed.master.getAllProperties('exdate')) {
    const times = readTimes(prop, parsed.root, frame.zone);
    const kept = times.filter((t) => frame.toEas(t).getTime() !== instanceId.getTime()).map((t) => t.time);
    if (kept.length === times.length) continue;
    if (kept.length === 0) parsed.master.removeProperty(prop);
    else prop.setValues(kept);
  }
}

/** Removes the occurrence that originally started at `instanceId` (an EXDATE; its override goes). */
export function deleteCalendarOccurrence(existing: EventContent, instanceId: Date, ctx: CalendarContext): EventContent {
  const parsed = openSeries(existing);
  const frame = frameOf(parsed, ctx);
  for (const override of parsed.overrides) {
    if (originalStartOf(override, parsed, frame) === instanceId.getTime()) parsed.root.removeSubcomponent(override);
  }
  const prop = new ICAL.Property('exdate', parsed.master);
  const time = frame.fromEas(instanceId);
  prop.setValue(time);
  applyTzid(prop, time, frame.targetFor());
  parsed.master.addProperty(prop);
  return { icalendar: parsed.root.toString() };
}
