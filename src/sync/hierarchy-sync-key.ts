// The folder hierarchy SyncKey on the wire. The state store numbers committed states with one
// counter per device; the wire form is that number in plain decimal ("1", "42"). Clients keep the
// key as an opaque string of up to 64 characters (MS-ASCMD 2.2.3.181.2), so the form only has to
// be short and round-trip exactly. "0" asks for the whole hierarchy.

/** 15 digits stay below Number.MAX_SAFE_INTEGER; no counter gets near it. */
const KEY_PATTERN = /^(?:0|[1-9]\d{0,14})$/;

export type HierarchySyncKey =
  /** "0": the client starts over and wants the whole hierarchy. */
  | { readonly kind: 'initial' }
  | { readonly kind: 'key'; readonly value: number }
  /** Empty, not a number, or out of range: never issued by us (MS-ASCMD 2.2.3.177.5 Status 9). */
  | { readonly kind: 'invalid' };

export function parseHierarchySyncKey(text: string): HierarchySyncKey {
  const trimmed = text.trim();
  if (!KEY_PATTERN.test(trimmed)) return { kind: 'invalid' };
  const value = Number(trimmed);
  return value === 0 ? { kind: 'initial' } : { kind: 'key', value };
}

export function formatHierarchySyncKey(value: number): string {
  if (!Number.isSafeInteger(value) || value <= 0) throw new RangeError(`not a committed hierarchy SyncKey: ${value}`);
  return String(value);
}
