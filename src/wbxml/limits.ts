// Bounds the decoder enforces on untrusted bodies, in one place (ARCHITECTURE.md "limits in one
// place"). A WBXML body costs far more memory decoded than encoded (a one-byte empty tag becomes
// an object and an array), so each limit caps one way a small hostile body could blow up.

export interface WbxmlLimits {
  /** Largest whole body, header included. */
  readonly maxBytes: number;
  /** Deepest element nesting; the root is depth 1. */
  readonly maxDepth: number;
  /** Largest single inline string (STR_I), in UTF-8 bytes without its terminator. */
  readonly maxStringBytes: number;
  /** Largest single OPAQUE block. */
  readonly maxOpaqueBytes: number;
  /** Most elements in one document. */
  readonly maxElements: number;
}

/** 64 MiB: a SendMail or Sync draft carries the whole MIME message as opaque (CLIENT-QUIRKS §6.2);
 *  a 35 MB attachment limit (Exchange Online's default) grows to ~48 MB in base64 MIME. */
export const MAX_WBXML_BYTES = 64 * 1024 * 1024;

/** 64: the deepest EAS structure (Sync > Collections > Collection > Commands > Add >
 *  ApplicationData > Exceptions > Exception > Attendees > Attendee > Email, or a nested Search
 *  query) stays under 15 levels; 64 leaves room and keeps a hostile nesting cheap to reject. */
export const MAX_WBXML_DEPTH = 64;

/** 32 MiB: some clients send MIME or large bodies inline (STR_I) rather than opaque; a string
 *  becomes a JS string of up to twice its byte size, so it stays below the body limit. */
export const MAX_WBXML_STRING_BYTES = 32 * 1024 * 1024;

/** Same as the body limit: an opaque block is a zero-copy view of the input, costing no memory
 *  of its own, and a MIME upload may fill nearly the whole body. */
export const MAX_WBXML_OPAQUE_BYTES = MAX_WBXML_BYTES;

/** 500,000: a client Sync upload of a full window (512 items) of ~100 properties in a few
 *  collections stays well below; the cap bounds a body of tiny empty tags to roughly 50 MB of
 *  decoded objects instead of several GB. */
export const MAX_WBXML_ELEMENTS = 500_000;

export const DEFAULT_WBXML_LIMITS: WbxmlLimits = Object.freeze({
  maxBytes: MAX_WBXML_BYTES,
  maxDepth: MAX_WBXML_DEPTH,
  maxStringBytes: MAX_WBXML_STRING_BYTES,
  maxOpaqueBytes: MAX_WBXML_OPAQUE_BYTES,
  maxElements: MAX_WBXML_ELEMENTS,
});

/** Fills the missing limits from the defaults; a limit that is not a non-negative integer is a
 *  programming or configuration mistake, so it throws a RangeError rather than a WbxmlError. */
export function resolveWbxmlLimits(overrides?: Partial<WbxmlLimits>): WbxmlLimits {
  // The defaults are frozen and valid, so they need no copy; every decode without limits of its
  // own takes this path. Others get a fixed-shape literal (checked in the defaults' key order),
  // each limit read by its own name beside its own default: keyed reads (overrides[key],
  // DEFAULTS[key]) go megamorphic over five names and cost ~140 ns a call, against ~15 ns now,
  // on a Ping body that decodes in ~500 (BENCHMARKS.md, "Fourth round").
  if (overrides === undefined || overrides === DEFAULT_WBXML_LIMITS) return DEFAULT_WBXML_LIMITS;
  return {
    maxBytes: limitOrDefault('maxBytes', overrides.maxBytes, MAX_WBXML_BYTES),
    maxDepth: limitOrDefault('maxDepth', overrides.maxDepth, MAX_WBXML_DEPTH),
    maxStringBytes: limitOrDefault('maxStringBytes', overrides.maxStringBytes, MAX_WBXML_STRING_BYTES),
    maxOpaqueBytes: limitOrDefault('maxOpaqueBytes', overrides.maxOpaqueBytes, MAX_WBXML_OPAQUE_BYTES),
    maxElements: limitOrDefault('maxElements', overrides.maxElements, MAX_WBXML_ELEMENTS),
  };
}

function limitOrDefault(key: keyof WbxmlLimits, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`WBXML limit ${key} must be a non-negative integer, got ${String(value)}`);
  }
  return value;
}
