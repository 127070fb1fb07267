// Which zone a client's event is written in. A TimeZone blob is matched to an IANA zone (the
// event's current zone and the user's default are tried first) and written with a VTIMEZONE for
// that zone; a blob no zone reproduces keeps its own rules under a synthetic TZID. An existing
// VTIMEZONE that already states the blob's rules is kept as it is (an Outlook-named zone stays
// Outlook-named). Without a blob the event keeps its zone, or gets the user's default zone.
import type ICAL from 'ical.js';
import {
  easTimeZoneForIana,
  ianaZone,
  isIanaZone,
  matchTimeZone,
  UTC_ZONE,
  vtimezoneFromEasTimeZone,
  zoneFollowsBlob,
  zoneFromBlob,
  zoneFromVtimezone,
  type EasTimeZone,
  type ZoneOffsets,
} from '../timezone/index.js';
import type { CalendarContext } from './event-frame.js';
import { findVtimezone, readTime } from './ical-time.js';

export interface ChosenZone {
  /** The TZID to write timed values under, or undefined to write them in UTC. */
  readonly tzid: string | undefined;
  readonly zone: ZoneOffsets;
}

function currentTzid(root: ICAL.Component, master: ICAL.Component | undefined): string | undefined {
  if (master === undefined) return undefined;
  const start = readTime(master.getFirstProperty('dtstart'), root, UTC_ZONE);
  return start?.anchor.kind === 'zoned' ? start.anchor.tzid : undefined;
}

/** Puts `vtimezone` into the calendar, replacing any definition of the same TZID. Component
 *  order inside VCALENDAR carries no meaning (RFC 5545 3.6), so it simply goes last. */
function installVtimezone(root: ICAL.Component, vtimezone: ICAL.Component, tzid: string): void {
  const old = findVtimezone(root, tzid);
  if (old !== undefined) root.removeSubcomponent(old);
  root.addSubcomponent(vtimezone);
}

function ianaWithDefinition(root: ICAL.Component, tzid: string, year: number): ChosenZone {
  const vtimezone = vtimezoneFromEasTimeZone(easTimeZoneForIana(tzid, year), tzid);
  installVtimezone(root, vtimezone, tzid);
  return { tzid, zone: zoneFromVtimezone(vtimezone) };
}

/** The zone for a client's timed event whose Timezone blob is `blob`. */
export function zoneForBlob(root: ICAL.Component, master: ICAL.Component | undefined, blob: EasTimeZone, year: number, ctx: CalendarContext): ChosenZone {
  const current = currentTzid(root, master);
  // An event stored in UTC stays in UTC while the device keeps sending a UTC blob.
  if (current === undefined && master !== undefined && readTime(master.getFirstProperty('dtstart'), root, UTC_ZONE)?.anchor.kind === 'utc'
    && zoneFollowsBlob(UTC_ZONE, blob, year)) {
    return { tzid: undefined, zone: UTC_ZONE };
  }
  if (current !== undefined) {
    const definition = findVtimezone(root, current);
    const zone = definition === undefined ? undefined : zoneFromVtimezone(definition);
    if (zone !== undefined && zoneFollowsBlob(zone, blob, year)) return { tzid: current, zone };
  }
  const preferred = [current, ctx.defaultTimeZone].filter((z): z is string => z !== undefined && isIanaZone(z));
  const match = matchTimeZone(blob, year, preferred);
  if (match.iana) return ianaWithDefinition(root, match.tzid, year);
  const vtimezone = vtimezoneFromEasTimeZone(blob, match.tzid);
  installVtimezone(root, vtimezone, match.tzid);
  return { tzid: match.tzid, zone: zoneFromVtimezone(vtimezone) };
}

/** The zone for a client's timed event that came without a blob. */
export function zoneWithoutBlob(root: ICAL.Component, master: ICAL.Component | undefined, year: number, ctx: CalendarContext): ChosenZone {
  const current = currentTzid(root, master);
  if (current !== undefined) {
    const definition = findVtimezone(root, current);
    if (definition !== undefined) return { tzid: current, zone: zoneFromVtimezone(definition) };
    if (isIanaZone(current)) return ianaWithDefinition(root, current, year);
  }
  const fallback = ctx.defaultTimeZone;
  if (fallback !== undefined && isIanaZone(fallback)) return ianaWithDefinition(root, fallback, year);
  return { tzid: undefined, zone: UTC_ZONE };
}

/** The zone whose midnights bound a client's all-day event before 16.0: its own blob's rules. */
export function allDayZone(blob: EasTimeZone | undefined, ctx: CalendarContext): ZoneOffsets {
  if (blob !== undefined) return zoneFromBlob(blob);
  const fallback = ctx.defaultTimeZone;
  return fallback !== undefined && isIanaZone(fallback) ? ianaZone(fallback) : UTC_ZONE;
}

/** Drops VTIMEZONEs no property refers to any more. */
export function pruneVtimezones(root: ICAL.Component): void {
  const used = new Set<string>();
  const visit = (component: ICAL.Component): void => {
    for (const prop of component.getAllProperties()) {
      const tzid = prop.getFirstParameter('tzid');
      if (typeof tzid === 'string') used.add(tzid);
    }
    for (const sub of component.getAllSubcomponents()) if (sub.name !== 'vtimezone') visit(sub);
  };
  visit(root);
  for (const vt of root.getAllSubcomponents('vtimezone')) {
    if (!used.has(String(vt.getFirstPropertyValue('tzid') ?? ''))) root.removeSubcomponent(vt);
  }
}
