// EAS protocol versions: the strings clients send in MS-ASProtocolVersion and the server lists in
// MS-ASProtocolVersions (MS-ASHTTP 2.2.1.1.2.6, 2.2.4.1.2.2), their order, and the one-byte form
// the base64 request line carries (MS-ASHTTP 2.2.1.1.1.1: version × 10, e.g. 141 for 14.1).

export const PROTOCOL_VERSIONS = ['2.5', '12.0', '12.1', '14.0', '14.1', '16.0', '16.1'] as const;

export type ProtocolVersion = (typeof PROTOCOL_VERSIONS)[number];

export const LATEST_PROTOCOL_VERSION: ProtocolVersion = '16.1';

const RANK: ReadonlyMap<string, number> = new Map(PROTOCOL_VERSIONS.map((v, i) => [v, i]));

const BY_BYTE: ReadonlyMap<number, ProtocolVersion> = new Map(
  PROTOCOL_VERSIONS.map((v) => [Math.round(Number(v) * 10), v]),
);

export function isProtocolVersion(value: string): value is ProtocolVersion {
  return RANK.has(value);
}

/**
 * The version named by a header value, or undefined when it is not one of the seven versions.
 * Surrounding whitespace is tolerated; anything else ("14", "14.00", "1.0") is not a version we speak.
 */
export function parseProtocolVersion(value: string): ProtocolVersion | undefined {
  const trimmed = value.trim();
  return isProtocolVersion(trimmed) ? trimmed : undefined;
}

/** Negative when a is older than b, zero when equal, positive when newer. */
export function compareVersions(a: ProtocolVersion, b: ProtocolVersion): number {
  return (RANK.get(a) ?? 0) - (RANK.get(b) ?? 0);
}

export function versionAtLeast(version: ProtocolVersion, minimum: ProtocolVersion): boolean {
  return compareVersions(version, minimum) >= 0;
}

/** The base64 request line's Protocol version byte (MS-ASHTTP 2.2.1.1.1.1). */
export function versionToByte(version: ProtocolVersion): number {
  return Math.round(Number(version) * 10);
}

export function versionFromByte(byte: number): ProtocolVersion | undefined {
  return BY_BYTE.get(byte);
}

/** Sorted oldest first, without duplicates: the order MS-ASProtocolVersions lists them in. */
export function sortVersions(versions: readonly ProtocolVersion[]): ProtocolVersion[] {
  return [...new Set(versions)].sort(compareVersions);
}
