// One question every time-zone source has to answer: what is the UTC offset at this instant?
// IANA zones answer through Node's ICU (Intl), so no tz database is shipped or downloaded; an
// iCalendar VTIMEZONE through its observances (vtimezone.ts); an EAS TimeZone blob through its two rules
// (timezone-rules.ts). Converting wall-clock time to UTC and back is built on that one function.
//
// "Wall" times are carried as milliseconds of the local date-time read as if it were UTC
// (Date.UTC of the local fields), which keeps the arithmetic in plain numbers.

export interface ZoneOffsets {
  /** The TZID this zone is written under: an IANA name, a VTIMEZONE TZID or a synthetic name. */
  readonly id: string;
  /** Minutes east of UTC at the given instant (Europe/Berlin in summer: 120). */
  offsetAt(utcMs: number): number;
}

const MINUTE = 60_000;

// Building an Intl.DateTimeFormat costs ICU about 0.7 ms, a hundred times a format call, and
// every event and every blob match needs one per zone. The formatters are immutable facts about
// a zone name, not request state, so they are memoised process-wide; the bound keeps a client
// that sends arbitrary names from growing the map.
const FORMATTER_CACHE_LIMIT = 1024;
const formatters = new Map<string, Intl.DateTimeFormat | null>();

function offsetFormatter(name: string): Intl.DateTimeFormat | null {
  const cached = formatters.get(name);
  if (cached !== undefined) return cached;
  let format: Intl.DateTimeFormat | null = null;
  if (name !== '' && name.length <= 64) {
    try {
      format = new Intl.DateTimeFormat('en-US', { timeZone: name, timeZoneName: 'longOffset' });
    } catch {
      format = null;
    }
  }
  if (formatters.size >= FORMATTER_CACHE_LIMIT) formatters.delete(formatters.keys().next().value as string);
  formatters.set(name, format);
  return format;
}

const LONG_OFFSET = /GMT(?:([+-])(\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/** True when Node's ICU knows the name as a time zone. */
export function isIanaZone(name: string): boolean {
  return offsetFormatter(name) !== null;
}

/** An IANA zone through Intl; throws RangeError for a name ICU does not know. */
export function ianaZone(name: string): ZoneOffsets {
  const format = offsetFormatter(name);
  if (format === null) throw new RangeError(`unknown time zone '${name}'`);
  return {
    id: name,
    offsetAt(utcMs: number): number {
      const match = LONG_OFFSET.exec(format.format(new Date(utcMs)));
      if (match === null || match[1] === undefined) return 0;
      const minutes = Number(match[2]) * 60 + Number(match[3]) + Number(match[4] ?? 0) / 60;
      return (match[1] === '-' ? -1 : 1) * Math.round(minutes);
    },
  };
}

/** A zone that never changes offset, e.g. the fallback for a blob no IANA zone matches. */
export function fixedZone(offsetMinutes: number, id = fixedZoneId(offsetMinutes)): ZoneOffsets {
  return { id, offsetAt: () => offsetMinutes };
}

/** "UTC+05:30" style name for a fixed offset. */
export function fixedZoneId(offsetMinutes: number): string {
  if (offsetMinutes === 0) return 'UTC';
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `UTC${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

export const UTC_ZONE: ZoneOffsets = fixedZone(0, 'UTC');

/** Local wall time at an instant. */
export function utcToWall(zone: ZoneOffsets, utcMs: number): number {
  return utcMs + zone.offsetAt(utcMs) * MINUTE;
}

/**
 * The instant a wall time names. In the spring-forward gap the time does not exist; like RFC 5545
 * 3.3.5 it is read with the offset in force before the gap (02:30 in Berlin becomes 03:30 CEST).
 * In the autumn overlap the earlier instant wins.
 */
export function wallToUtc(zone: ZoneOffsets, wallMs: number): number {
  const before = zone.offsetAt(wallMs - 26 * 60 * MINUTE);
  const after = zone.offsetAt(wallMs + 26 * 60 * MINUTE);
  const candidates = [wallMs - before * MINUTE, wallMs - after * MINUTE].sort((a, b) => a - b);
  for (const utc of candidates) {
    if (utcToWall(zone, utc) === wallMs) return utc;
  }
  return wallMs - before * MINUTE;
}
