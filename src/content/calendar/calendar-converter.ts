// Calendar ⇄ iCalendar, the pair the sync engine and commands call (shaped like every other content
// converter). Outbound: a stored VEVENT series → ApplicationData children for the client's
// protocol version. Inbound: a client's Add/Change merged into the stored object, so iCalendar
// properties EAS does not map survive. Both throw CalendarContentError for content that cannot be
// converted (the Sync command answers Status 6 for it).
import type { WbxmlElement } from '../../eas/wbxml-body.js';
import type { EventContent } from '../../domain/item.js';
import type { CalendarContext } from './event-frame.js';
import { encodeEventElements } from './event-elements.js';
import { parseEventElements } from './event-parse.js';
import { easEventFromIcal } from './ical-event-read.js';
import { icalFromEasEvent } from './ical-event-write.js';

export function encodeCalendarApplicationData(event: EventContent, ctx: CalendarContext): WbxmlElement[] {
  return encodeEventElements(easEventFromIcal(event.icalendar, ctx), ctx);
}

export function decodeCalendarApplicationData(appData: WbxmlElement, existing: EventContent | undefined, ctx: CalendarContext): EventContent {
  return { icalendar: icalFromEasEvent(parseEventElements(appData), existing?.icalendar, ctx) };
}
