// The EAS TimeZone blob and the zones behind it: blob bytes (MS-ASDTYPE 2.7.6), rules computed
// from IANA zones through Node's ICU or from a VTIMEZONE, blob → IANA matching, and VTIMEZONE
// output. Calendar and task converters use these; commands may too (MeetingRequest bodies).
import { decodeTimeZoneBlob, encodeTimeZoneBlob } from './timezone-blob.js';
import { easTimeZoneForIana } from './timezone-rules.js';
import { matchTimeZone, type ZoneMatch } from './zone-match.js';

export {
  decodeTimeZoneBlob,
  encodeTimeZoneBlob,
  hasDaylightSaving,
  NO_TRANSITION,
  TIMEZONE_BLOB_BYTES,
  TimeZoneBlobError,
  type EasTimeZone,
  type SystemTime,
  type TimeZoneBlobErrorCode,
} from './timezone-blob.js';
export {
  blobOffsets,
  blobTransitions,
  blobZoneId,
  easTimeZoneForIana,
  easTimeZoneFromZone,
  ruleWallTime,
  sameRules,
  zoneFollowsBlob,
  zoneFromBlob,
} from './timezone-rules.js';
export { matchTimeZone, type ZoneMatch } from './zone-match.js';
export { easTimeZoneFromVtimezone, vtimezoneFromEasTimeZone, zoneFromVtimezone } from './vtimezone.js';
export {
  fixedZone,
  fixedZoneId,
  ianaZone,
  isIanaZone,
  UTC_ZONE,
  utcToWall,
  wallToUtc,
  type ZoneOffsets,
} from './zone-offsets.js';

/** The base64 Timezone value for an IANA zone's rules in `year`, named after the zone. */
export function timeZoneBlobForIana(zone: string, year: number): string {
  return encodeTimeZoneBlob(easTimeZoneForIana(zone, year));
}

/** The zone a client's base64 Timezone value means in `year` (throws TimeZoneBlobError). */
export function zoneForTimeZoneBlob(base64: string, year: number, preferred: readonly string[] = []): ZoneMatch {
  return matchTimeZone(decodeTimeZoneBlob(base64), year, preferred);
}
