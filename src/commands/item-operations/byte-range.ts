// The Range of an ItemOperations Fetch (MS-ASCMD 2.2.3.143.2): "m-n", zero-based and inclusive,
// m not above n. A range that runs past the end is cut at the end; one that starts at or after it
// cannot be served (Status 8). The Range in the answer names the bytes actually sent.

export interface ByteRange {
  readonly start: number;
  readonly end: number;
}

export interface RangeSlice {
  readonly bytes: Uint8Array;
  /** "m-n" as sent back. */
  readonly range: string;
  readonly total: number;
}

export function parseByteRange(text: string): ByteRange | undefined {
  const match = /^(\d{1,15})-(\d{1,15})$/.exec(text.trim());
  if (match === null) return undefined;
  const start = Number(match[1]);
  const end = Number(match[2]);
  return start <= end ? { start, end } : undefined;
}

/** The requested slice of `bytes`; undefined when the range starts past the last byte. */
export function sliceRange(bytes: Uint8Array, range: ByteRange): RangeSlice | undefined {
  if (range.start >= bytes.length) return undefined;
  const end = Math.min(range.end, bytes.length - 1);
  return { bytes: bytes.subarray(range.start, end + 1), range: `${range.start}-${end}`, total: bytes.length };
}
