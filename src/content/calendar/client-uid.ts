// Calendar UIDs as clients send them. iOS puts a 33-character ClientUid on events it creates in
// 16.x: 32 hex digits without dashes and a trailing NUL (CLIENT-QUIRKS §1, after grommunio-sync's
// finding). Stored as is, the NUL breaks iCalendar and CalDAV peers; the digits are the GUID, so
// they are written back in the 8-4-4-4-12 form. Only that shape (hex plus NUL) is rewritten: a
// client's plain 32-hex UID stays as it is. Every UID loses control characters and surrounding
// whitespace.

const BARE_GUID = /^[0-9a-fA-F]{32}$/;

export function normalizeClientUid(raw: string): string {
  // eslint-disable-next-line no-control-regex -- the NUL and other C0 characters are what is being removed
  const cleaned = raw.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  if (!raw.includes('\u0000') || !BARE_GUID.test(cleaned)) return cleaned;
  const hex = cleaned.toUpperCase();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
