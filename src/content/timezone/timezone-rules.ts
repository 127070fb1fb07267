// EAS TimeZone rules ⇄ offsets. One direction reads a zone's actual transitions for a year (from
// Intl or a VTIMEZONE) and writes them as the Windows "day-in-month" rules a blob carries; the
// other evaluates a blob's rules at any instant. Rules are compared by the instants they produce
// in a year rather than field by field, so "4th Sunday" and "last Sunday" agree wherever they
// name the same day.
import { hasDaylightSaving, NO_TRANSITION, type EasTimeZone, type SystemTime } from './timezone-blob.js';
import { fixedZoneId, ianaZone, type ZoneOffsets } from './zone-offsets.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const WEEK = 7 * DAY;

interface Transition {
  readonly at: number;
  readonly from: number;
  readonly to: number;
}

/** -x without the -0 that would make a UTC zone's rules unequal to a decoded blob's. */
function negate(value: number): number {
  return value === 0 ? 0 : -value;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function findTransitions(zone: ZoneOffsets, year: number): Transition[] {
  const start = Date.UTC(year, 0, 1) - DAY;
  const end = Date.UTC(year + 1, 0, 1) + DAY;
  const found: Transition[] = [];
  let previous = start;
  let previousOffset = zone.offsetAt(start);
  // Weekly probes, then a binary search to the minute: zones change offset at most a few times a
  // year and never twice within a week (Morocco's Ramadan breaks are a month long).
  for (let probe = start + WEEK; previous < end; probe = Math.min(probe + WEEK, end)) {
    const offset = zone.offsetAt(probe);
    if (offset !== previousOffset) {
      let low = previous;
      let high = probe;
      while (high - low > MINUTE) {
        const mid = low + Math.floor((high - low) / 2 / MINUTE) * MINUTE;
        if (zone.offsetAt(mid) === previousOffset) low = mid;
        else high = mid;
      }
      found.push({ at: high, from: previousOffset, to: offset });
    }
    previous = probe;
    previousOffset = offset;
    if (probe === end) break;
  }
  return found.filter((t) => new Date(t.at + t.from * MINUTE).getUTCFullYear() === year);
}

function ruleFromWall(wallMs: number): SystemTime {
  const wall = new Date(wallMs);
  const day = wall.getUTCDate();
  const dim = daysInMonth(wall.getUTCFullYear(), wall.getUTCMonth() + 1);
  return {
    year: 0,
    month: wall.getUTCMonth() + 1,
    dayOfWeek: wall.getUTCDay(),
    // MS-ASDTYPE 2.7.6 / SYSTEMTIME: 5 is "the last such weekday of the month".
    day: day + 7 > dim ? 5 : Math.floor((day - 1) / 7) + 1,
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
    second: 0,
    milliseconds: 0,
  };
}

/**
 * The rules of `zone` as observed in `year`. A zone without exactly one change each way that year
 * is written as a fixed offset: the one in force at the end of the year (the latest rule).
 */
export function easTimeZoneFromZone(zone: ZoneOffsets, year: number, name: string = zone.id): EasTimeZone {
  const transitions = findTransitions(zone, year);
  const start = transitions.find((t) => t.to > t.from);
  const end = transitions.find((t) => t.to < t.from);
  if (start === undefined || end === undefined) {
    const offset = zone.offsetAt(Date.UTC(year, 11, 31, 12));
    return {
      bias: negate(offset), standardName: name, standardDate: NO_TRANSITION, standardBias: 0,
      daylightName: name, daylightDate: NO_TRANSITION, daylightBias: 0,
    };
  }
  const standard = start.from;
  return {
    bias: negate(standard),
    standardName: name,
    // The SYSTEMTIME holds the local time at which the change happens, read on the old clock.
    standardDate: ruleFromWall(end.at + end.from * MINUTE),
    standardBias: 0,
    daylightName: name,
    daylightDate: ruleFromWall(start.at + start.from * MINUTE),
    daylightBias: negate(start.to - standard),
  };
}

// Rules per zone and year come from ICU and never change while the process runs; the memo spares
// a Sync of a thousand events a thousand transition searches. Bounded like the formatter cache.
const RULES_CACHE_LIMIT = 4096;
const ianaRules = new Map<string, EasTimeZone>();

/** easTimeZoneFromZone for an IANA name, memoised. */
export function easTimeZoneForIana(name: string, year: number): EasTimeZone {
  const key = `${name}|${year}`;
  const cached = ianaRules.get(key);
  if (cached !== undefined) return cached;
  const rules = easTimeZoneFromZone(ianaZone(name), year);
  if (ianaRules.size >= RULES_CACHE_LIMIT) ianaRules.delete(ianaRules.keys().next().value as string);
  ianaRules.set(key, rules);
  return rules;
}

/** Wall time (ms, local fields as UTC) at which a rule fires in `year`. */
export function ruleWallTime(rule: SystemTime, year: number): number {
  const month = rule.month - 1;
  let day: number;
  if (rule.year !== 0) {
    day = Math.min(rule.day, daysInMonth(year, rule.month));
  } else {
    const first = new Date(Date.UTC(year, month, 1)).getUTCDay();
    day = 1 + ((rule.dayOfWeek - first + 7) % 7) + (Math.min(rule.day, 5) - 1) * 7;
    while (day > daysInMonth(year, rule.month)) day -= 7;
  }
  return Date.UTC(year, month, day, rule.hour, rule.minute, rule.second);
}

/** Standard and daylight offsets (minutes east of UTC) a blob describes. */
export function blobOffsets(tz: EasTimeZone): { readonly standard: number; readonly daylight: number } {
  return { standard: negate(tz.bias + tz.standardBias), daylight: negate(tz.bias + tz.daylightBias) };
}

/** The UTC instants at which daylight time starts and ends in `year`. */
export function blobTransitions(tz: EasTimeZone, year: number): { readonly start: number; readonly end: number } | undefined {
  if (!hasDaylightSaving(tz)) return undefined;
  const { standard, daylight } = blobOffsets(tz);
  return {
    start: ruleWallTime(tz.daylightDate, year) - standard * MINUTE,
    end: ruleWallTime(tz.standardDate, year) - daylight * MINUTE,
  };
}

/** A blob as a zone, so wall times can be converted under the client's own rules. */
export function zoneFromBlob(tz: EasTimeZone, id: string = blobZoneId(tz)): ZoneOffsets {
  const { standard, daylight } = blobOffsets(tz);
  return {
    id,
    offsetAt(utcMs: number): number {
      const year = new Date(utcMs + standard * MINUTE).getUTCFullYear();
      const rules = blobTransitions(tz, year);
      if (rules === undefined) return standard;
      // Northern zones have daylight time inside the year, southern ones across its turn.
      const inDaylight = rules.start < rules.end
        ? utcMs >= rules.start && utcMs < rules.end
        : utcMs >= rules.start || utcMs < rules.end;
      return inDaylight ? daylight : standard;
    },
  };
}

/** A name for a blob that matched no IANA zone. */
export function blobZoneId(tz: EasTimeZone): string {
  const { standard, daylight } = blobOffsets(tz);
  return hasDaylightSaving(tz) ? `${fixedZoneId(standard)}/${fixedZoneId(daylight)}` : fixedZoneId(standard);
}

/** True when two rule sets give the same offsets and the same transition instants in `year`. */
export function sameRules(a: EasTimeZone, b: EasTimeZone, year: number): boolean {
  const oa = blobOffsets(a);
  const ob = blobOffsets(b);
  const ta = blobTransitions(a, year);
  const tb = blobTransitions(b, year);
  if (ta === undefined || tb === undefined) return ta === tb && oa.standard === ob.standard;
  return oa.standard === ob.standard && oa.daylight === ob.daylight && ta.start === tb.start && ta.end === tb.end;
}

/**
 * True when `zone` keeps the blob's offsets around its transitions and between them in `year`:
 * a dozen offset lookups instead of a transition search, for the common question "does the
 * stored blob still describe this event's zone?".
 */
export function zoneFollowsBlob(zone: ZoneOffsets, tz: EasTimeZone, year: number): boolean {
  const own = zoneFromBlob(tz);
  const rules = blobTransitions(tz, year);
  const probes = [0, 3, 6, 9].map((month) => Date.UTC(year, month, 15));
  if (rules !== undefined) {
    probes.push(rules.start - MINUTE, rules.start, rules.end - MINUTE, rules.end, Math.floor((rules.start + rules.end) / 2));
  }
  return probes.every((at) => zone.offsetAt(at) === own.offsetAt(at));
}
