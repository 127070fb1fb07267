// Email:GlobalObjId (MS-ASEMAIL 2.2.2.37, conversion rules 3.1.4.7): the meeting's iCalendar UID
// inside Outlook's global object id structure, base64 on the wire. The structure is a fixed
// 40-byte header (class id, instance date, creation time, reserved, data length) and the data:
// either Outlook's own id bytes, or "vCal-Uid" + version 1 + the UID + NUL for any other UID.
// A UID that is itself a hex-encoded Outlook id (what Outlook writes into iCalendar, MS-OXCICAL
// 2.1.3.1.1.20.26) is decoded back to its bytes, so Outlook and Exchange see their own id again.
import { Buffer } from 'node:buffer';

const CLASS_ID = Buffer.from('040000008200E00074C5B7101A82E008', 'hex');
const HEADER_BYTES = 40;
const INSTANCE_DATE_OFFSET = 16;
const LENGTH_OFFSET = 36;
const VCAL_MARKER = Buffer.from('vCal-Uid', 'latin1');
const VCAL_VERSION = Buffer.from([1, 0, 0, 0]);

/** The date of one occurrence (its original start), for the id of a single-instance message. */
export interface InstanceDate {
  readonly year: number;
  /** 1-12. */
  readonly month: number;
  /** 1-31. */
  readonly day: number;
}

function writeInstanceDate(bytes: Buffer, instance: InstanceDate | undefined): void {
  if (instance === undefined) {
    bytes.fill(0, INSTANCE_DATE_OFFSET, INSTANCE_DATE_OFFSET + 4);
    return;
  }
  // YEARHIGH YEARLOW MONTH DATE: the year big-endian, unlike the little-endian length.
  bytes.writeUInt16BE(instance.year, INSTANCE_DATE_OFFSET);
  bytes.writeUInt8(instance.month, INSTANCE_DATE_OFFSET + 2);
  bytes.writeUInt8(instance.day, INSTANCE_DATE_OFFSET + 3);
}

/** The Outlook id bytes a hex UID spells, when it is one (header present, length consistent). */
function outlookIdBytes(uid: string): Buffer | undefined {
  if (uid.length < HEADER_BYTES * 2 || uid.length % 2 !== 0 || !/^[0-9a-f]+$/i.test(uid)) return undefined;
  const bytes = Buffer.from(uid, 'hex');
  if (!bytes.subarray(0, CLASS_ID.length).equals(CLASS_ID)) return undefined;
  return bytes.readUInt32LE(LENGTH_OFFSET) === bytes.length - HEADER_BYTES ? bytes : undefined;
}

/** The base64 GlobalObjId for an iCalendar UID, optionally naming one occurrence. */
export function globalObjIdForUid(uid: string, instance?: InstanceDate): string {
  const own = outlookIdBytes(uid);
  if (own !== undefined) {
    writeInstanceDate(own, instance);
    return own.toString('base64');
  }
  const data = Buffer.concat([VCAL_MARKER, VCAL_VERSION, Buffer.from(uid, 'utf8'), Buffer.from([0])]);
  const header = Buffer.alloc(HEADER_BYTES);
  CLASS_ID.copy(header, 0);
  writeInstanceDate(header, instance);
  // Creation time and reserved bytes stay zero: the id must be the same every time it is derived.
  header.writeUInt32LE(data.length, LENGTH_OFFSET);
  return Buffer.concat([header, data]).toString('base64');
}

/** The UID a GlobalObjId carries (MS-ASEMAIL 3.1.4.7); undefined when it is not one. */
export function uidFromGlobalObjId(base64: string): string | undefined {
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length < HEADER_BYTES || !bytes.subarray(0, CLASS_ID.length).equals(CLASS_ID)) return undefined;
  const length = bytes.readUInt32LE(LENGTH_OFFSET);
  if (length !== bytes.length - HEADER_BYTES) return undefined;
  const data = bytes.subarray(HEADER_BYTES);
  const prefix = VCAL_MARKER.length + VCAL_VERSION.length;
  if (data.length > prefix && data.subarray(0, VCAL_MARKER.length).equals(VCAL_MARKER)) {
    const end = data[data.length - 1] === 0 ? data.length - 1 : data.length;
    return data.subarray(prefix, end).toString('utf8');
  }
  // An Outlook id: the series' UID is the whole structure in hex with the instance date zeroed.
  const series = Buffer.from(bytes);
  writeInstanceDate(series, undefined);
  return series.toString('hex').toUpperCase();
}
