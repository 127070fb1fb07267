// AirSyncBase:Preview (MS-ASAIRS 2.2.2.35, 14.0+): up to 255 characters of plain text the
// client shows in its message list. Link targets and image placeholders that text versions of
// HTML mail are full of ("Click <https://...>", "[image: logo]", "[cid:...]") are noise there, so
// they are removed, as grommunio-sync does for iOS (CLIENT-QUIRKS §1 "Mail details").

/** MS-ASAIRS 2.2.2.18.1: the client may ask for at most 255 characters. */
export const MAX_PREVIEW_CHARS = 255;

/** Only the start of a long body can reach the preview; cleaning stops looking after this. */
const PREVIEW_SCAN_CHARS = 32 * 1024;

const NOISE = [
  /<(?:https?|mailto|ftp|cid):[^>\s]{0,4096}>/gi,
  /\[(?:image|cid|https?|mailto)[^\]\n]{0,4096}\]/gi,
  /\b(?:https?|ftp):\/\/[^\s<>"')\]]{1,4096}/gi,
];

/** The preview text for a plain body, at most `maxChars` code points (and never over 255). */
export function buildPreview(plain: string, maxChars: number): string {
  const limit = Math.max(0, Math.min(maxChars, MAX_PREVIEW_CHARS));
  if (limit === 0) return '';
  let text = plain.length > PREVIEW_SCAN_CHARS ? plain.slice(0, PREVIEW_SCAN_CHARS) : plain;
  for (const pattern of NOISE) text = text.replace(pattern, ' ');
  text = text.replace(/\s+/g, ' ').trim();
  const points = Array.from(text);
  return points.length <= limit ? text : points.slice(0, limit).join('');
}
