// What a client may change on a received message through Sync Change:
// Read, Flag and (14.0+) Categories. Everything else in a mail Change is ignored, as Exchange
// does. Only the properties the client sent appear in the result, so a Change that carries only
// Read leaves the flag and categories alone; an empty Categories element clears them
// (MS-ASEMAIL 2.2.2.16).

import type { MailFlags } from '../../domain/item.js';
import { childElements, firstChild, textContent, type WbxmlElement } from '../../eas/wbxml-body.js';
import { decodeFlag } from './flag.js';

/** Email.xsd allows at most 300 Category elements. */
const MAX_CATEGORIES = 300;

export function decodeEmailChange(appData: WbxmlElement, existing: MailFlags): Partial<MailFlags> {
  const patch: { -readonly [K in keyof MailFlags]?: MailFlags[K] } = {};
  const read = firstChild(appData, 'Email:Read');
  if (read !== undefined) {
    const value = textContent(read).trim();
    if (value === '1' || value === '0') patch.read = value === '1';
  }
  const flag = firstChild(appData, 'Email:Flag');
  if (flag !== undefined) patch.flag = decodeFlag(flag, existing.flag);
  const categories = firstChild(appData, 'Email:Categories');
  if (categories !== undefined) {
    const names = childElements(categories, 'Email:Category')
      .map((c) => textContent(c).trim())
      .filter((name) => name !== '');
    patch.categories = [...new Set(names)].slice(0, MAX_CATEGORIES);
  }
  return patch;
}
