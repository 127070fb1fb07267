// TimeZone blob → IANA zone. A blob carries offsets and two transition rules but no reliable
// name, so the zone is found the way TbSync does it (CLIENT-QUIRKS §4): compare bias and the DST
// transitions with each candidate zone's rules for the event's year. Candidates the request
// suggests come first, then one representative zone per rule set, then everything ICU knows.
// A blob no zone reproduces keeps its own rules under a synthetic name (a fixed offset when it
// has no DST), so no event ever shifts.
import { hasDaylightSaving, type EasTimeZone } from './timezone-blob.js';
import { blobOffsets, blobTransitions, easTimeZoneForIana, sameRules, zoneFromBlob } from './timezone-rules.js';
import { ianaZone, isIanaZone, type ZoneOffsets } from './zone-offsets.js';
import { PRIMARY_ZONES } from './primary-zones.js';

export interface ZoneMatch {
  /** The TZID to write: an IANA name, or a synthetic one when `exact` and `iana` are both false. */
  readonly tzid: string;
  /** True when tzid names an IANA zone. */
  readonly iana: boolean;
  /** True when the zone reproduces the blob's offsets and transitions in the year asked about. */
  readonly exact: boolean;
  /** Offsets to read the client's times with: the matched zone's, or the blob's own rules. */
  readonly zone: ZoneOffsets;
}

function* candidates(tz: EasTimeZone, preferred: readonly string[]): Generator<string> {
  const seen = new Set<string>();
  const all = [...preferred, tz.standardName, tz.daylightName, ...PRIMARY_ZONES];
  for (const name of all) {
    if (seen.has(name)) continue;
    seen.add(name);
    if (isIanaZone(name)) yield name;
  }
  for (const name of Intl.supportedValuesOf('timeZone')) {
    if (!seen.has(name)) {
      seen.add(name);
      yield name;
    }
  }
}

/** Cheap filter before a transition search: the zone's offsets at the blob's own key instants. */
function offsetsAgree(name: string, tz: EasTimeZone, year: number): boolean {
  const zone = ianaZone(name);
  const { standard, daylight } = blobOffsets(tz);
  const transitions = blobTransitions(tz, year);
  if (transitions === undefined) {
    return zone.offsetAt(Date.UTC(year, 0, 15)) === standard && zone.offsetAt(Date.UTC(year, 6, 15)) === standard;
  }
  const inDaylight = Math.floor((transitions.start + transitions.end) / 2);
  const northern = transitions.start < transitions.end;
  const daylightProbe = northern ? inDaylight : transitions.start + 7 * 86_400_000;
  const standardProbe = northern ? transitions.end + 7 * 86_400_000 : inDaylight;
  return zone.offsetAt(daylightProbe) === daylight && zone.offsetAt(standardProbe) === standard;
}

/** Same offsets, DST or not, transitions in the same months: what TbSync accepts as a near match. */
function nearMatch(name: string, tz: EasTimeZone, year: number): boolean {
  const rules = easTimeZoneForIana(name, year);
  const a = blobOffsets(rules);
  const b = blobOffsets(tz);
  if (a.standard !== b.standard || hasDaylightSaving(rules) !== hasDaylightSaving(tz)) return false;
  if (!hasDaylightSaving(tz)) return true;
  return a.daylight === b.daylight && rules.daylightDate.month === tz.daylightDate.month
    && rules.standardDate.month === tz.standardDate.month;
}

/**
 * The zone a client's blob means for an event in `year`. `preferred` lists zones to try first:
 * the event's previous TZID, the user's default zone.
 */
export function matchTimeZone(tz: EasTimeZone, year: number, preferred: readonly string[] = []): ZoneMatch {
  let near: string | undefined;
  for (const name of candidates(tz, preferred)) {
    if (!offsetsAgree(name, tz, year)) continue;
    if (sameRules(easTimeZoneForIana(name, year), tz, year)) {
      return { tzid: name, iana: true, exact: true, zone: ianaZone(name) };
    }
    if (near === undefined && nearMatch(name, tz, year)) near = name;
  }
  if (near !== undefined) return { tzid: near, iana: true, exact: false, zone: ianaZone(near) };
  const own = zoneFromBlob(tz);
  return { tzid: own.id, iana: false, exact: false, zone: own };
}
