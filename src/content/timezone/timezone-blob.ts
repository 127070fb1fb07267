// The EAS TimeZone value (MS-ASDTYPE 2.7.6): base64 of the Windows TIME_ZONE_INFORMATION layout,
// 172 little-endian bytes: Bias (LONG), StandardName (32 WCHAR), StandardDate (SYSTEMTIME),
// StandardBias (LONG), DaylightName (32 WCHAR), DaylightDate (SYSTEMTIME), DaylightBias (LONG).
// Biases are minutes to add to local time to get UTC (Berlin: -60, DaylightBias -60).
// A SYSTEMTIME with wYear 0 is the recurring "day-in-month" rule: wDay is the occurrence 1-5 of
// wDayOfWeek in wMonth (5 = the last one), at wHour:wMinute local time before the change.
import { Buffer } from 'node:buffer';

export interface SystemTime {
  readonly year: number;
  /** 1-12; 0 means "no transition" (a zone without daylight saving time). */
  readonly month: number;
  /** 0 = Sunday ... 6 = Saturday. */
  readonly dayOfWeek: number;
  /** Occurrence 1-5 in the rule form (year 0), day of month in the absolute form. */
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly milliseconds: number;
}

export interface EasTimeZone {
  readonly bias: number;
  readonly standardName: string;
  readonly standardDate: SystemTime;
  readonly standardBias: number;
  readonly daylightName: string;
  readonly daylightDate: SystemTime;
  readonly daylightBias: number;
}

export type TimeZoneBlobErrorCode = 'malformed' | 'wrong-size' | 'invalid-rule';

export class TimeZoneBlobError extends Error {
  readonly code: TimeZoneBlobErrorCode;

  constructor(code: TimeZoneBlobErrorCode, message: string) {
    super(message);
    this.name = 'TimeZoneBlobError';
    this.code = code;
  }
}

export const TIMEZONE_BLOB_BYTES = 172;
const NAME_CHARS = 32;

export const NO_TRANSITION: SystemTime = Object.freeze({
  year: 0, month: 0, dayOfWeek: 0, day: 0, hour: 0, minute: 0, second: 0, milliseconds: 0,
});

/** True when the zone has daylight saving time (both transition dates present). */
export function hasDaylightSaving(tz: EasTimeZone): boolean {
  return tz.standardDate.month !== 0 && tz.daylightDate.month !== 0 && tz.daylightBias !== tz.standardBias;
}

function writeSystemTime(buf: Buffer, offset: number, st: SystemTime): void {
  const fields = [st.year, st.month, st.dayOfWeek, st.day, st.hour, st.minute, st.second, st.milliseconds];
  fields.forEach((value, i) => buf.writeUInt16LE(value & 0xffff, offset + i * 2));
}

function readSystemTime(buf: Buffer, offset: number): SystemTime {
  const at = (i: number): number => buf.readUInt16LE(offset + i * 2);
  return {
    year: at(0), month: at(1), dayOfWeek: at(2), day: at(3),
    hour: at(4), minute: at(5), second: at(6), milliseconds: at(7),
  };
}

function writeName(buf: Buffer, offset: number, name: string): void {
  // 31 characters and a terminating NUL; a longer name is cut, never allowed to overrun.
  buf.write(name.slice(0, NAME_CHARS - 1), offset, (NAME_CHARS - 1) * 2, 'utf16le');
}

function readName(buf: Buffer, offset: number): string {
  const text = buf.toString('utf16le', offset, offset + NAME_CHARS * 2);
  const nul = text.indexOf('\u0000');
  return (nul === -1 ? text : text.slice(0, nul)).trim();
}

function checkRule(st: SystemTime, which: string): void {
  if (st.month === 0) return;
  const bad = st.month > 12 || st.dayOfWeek > 6 || st.hour > 23 || st.minute > 59 || st.second > 59
    || (st.year === 0 ? st.day < 1 || st.day > 5 : st.day < 1 || st.day > 31);
  if (bad) throw new TimeZoneBlobError('invalid-rule', `${which} is not a valid transition rule`);
}

export function encodeTimeZoneBlob(tz: EasTimeZone): string {
  const buf = Buffer.alloc(TIMEZONE_BLOB_BYTES);
  buf.writeInt32LE(tz.bias, 0);
  writeName(buf, 4, tz.standardName);
  writeSystemTime(buf, 68, tz.standardDate);
  buf.writeInt32LE(tz.standardBias, 84);
  writeName(buf, 88, tz.daylightName);
  writeSystemTime(buf, 152, tz.daylightDate);
  buf.writeInt32LE(tz.daylightBias, 168);
  return buf.toString('base64');
}

/** Decodes a client's Timezone value; throws TimeZoneBlobError for anything but 172 valid bytes. */
export function decodeTimeZoneBlob(base64: string): EasTimeZone {
  const text = base64.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) {
    throw new TimeZoneBlobError('malformed', 'Timezone is not base64');
  }
  const buf = Buffer.from(text, 'base64');
  if (buf.length !== TIMEZONE_BLOB_BYTES) {
    throw new TimeZoneBlobError('wrong-size', `Timezone holds ${buf.length} bytes, expected ${TIMEZONE_BLOB_BYTES}`);
  }
  const tz: EasTimeZone = {
    bias: buf.readInt32LE(0),
    standardName: readName(buf, 4),
    standardDate: readSystemTime(buf, 68),
    standardBias: buf.readInt32LE(84),
    daylightName: readName(buf, 88),
    daylightDate: readSystemTime(buf, 152),
    daylightBias: buf.readInt32LE(168),
  };
  checkRule(tz.standardDate, 'StandardDate');
  checkRule(tz.daylightDate, 'DaylightDate');
  if (Math.abs(tz.bias) > 24 * 60 || Math.abs(tz.daylightBias) > 24 * 60 || Math.abs(tz.standardBias) > 24 * 60) {
    throw new TimeZoneBlobError('invalid-rule', 'Timezone bias beyond a day');
  }
  return tz;
}
