// Task ⇄ VTODO, the encode/decode pair the sync engine and commands call, shaped like every
// other content converter. Outbound: a stored VTODO → Tasks ApplicationData children for the client's
// protocol version. Inbound: a client's Add/Change merged into the stored VTODO, keeping the
// properties EAS does not map. Bad content throws CalendarContentError (Sync Status 6).
import type { WbxmlElement } from '../../eas/wbxml-body.js';
import type { TaskContent } from '../../domain/item.js';
import type { CalendarContext } from '../calendar/event-frame.js';
import { encodeTaskElements, parseTaskElements } from './task-elements.js';
import { easTaskFromIcal, icalFromEasTask } from './task-ical.js';

export function encodeTaskApplicationData(task: TaskContent, ctx: CalendarContext): WbxmlElement[] {
  return encodeTaskElements(easTaskFromIcal(task.icalendar, ctx), ctx);
}

export function decodeTaskApplicationData(appData: WbxmlElement, existing: TaskContent | undefined, ctx: CalendarContext): TaskContent {
  return { icalendar: icalFromEasTask(parseTaskElements(appData), existing?.icalendar, ctx) };
}
