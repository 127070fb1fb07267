// Note ⇄ Notes class (MS-ASNOTE, EAS 14.0 and later): a subject, a plain-text body in
// AirSyncBase:Body, categories, the fixed message class IPM.StickyNote and the time of the last
// change. A client's Change merges into the stored note: Subject, Body and Categories it leaves
// out keep their values (MS-ASNOTE has no ghosting rules, and MS-ASEMAIL 2.2.2.16 reads a
// missing Categories as "unchanged", which we follow for notes).

import type { NoteContent } from '../../domain/item.js';
import { versionAtLeast } from '../../eas/protocol-version.js';
import { childElements, element, firstChild, textContent, type WbxmlElement } from '../../eas/wbxml-body.js';
import { encodeBody, htmlToText, readBody } from '../body/index.js';
import { isTruncatedEcho } from '../contact/truncated-echo.js';
import type { ConversionContext } from '../conversion-context.js';
import { formatCompactDateTime } from '../eas-dates.js';

/** MS-ASNOTE 2.2.2.5: "IPM.StickyNote" or a subclass of it. */
export const NOTE_MESSAGE_CLASS = 'IPM.StickyNote';

/** MS-ASNOTE 2.2.2.3: at most 300 Category elements. */
const MAX_CATEGORIES = 300;

const stripNul = (text: string): string => text.replaceAll('\u0000', '');

/**
 * The children of ApplicationData for a note, in MS-ASNOTE section order (Body, Categories,
 * LastModifiedDate, MessageClass, Subject). `modifiedAt` is the stored item's last write
 * (ItemRef.modifiedAt); LastModifiedDate is left out without it. The Notes class does not exist
 * before 14.0, so asking for an older version is a caller error.
 */
export function encodeNoteApplicationData(note: NoteContent, ctx: ConversionContext, modifiedAt?: Date): WbxmlElement[] {
  if (!versionAtLeast(ctx.protocolVersion, '14.0')) {
    throw new RangeError(`the Notes class needs EAS 14.0 or later, not ${ctx.protocolVersion} (MS-ASNOTE 2.2.2 version tables)`);
  }
  const categories = note.categories.map(stripNul).filter((c) => c.length > 0).slice(0, MAX_CATEGORIES);
  const out: WbxmlElement[] = [
    ...encodeBody({ plain: note.body }, ctx),
    element('Notes:Categories', categories.map((c) => element('Notes:Category', c))),
  ];
  if (modifiedAt !== undefined) out.push(element('Notes:LastModifiedDate', formatCompactDateTime(modifiedAt)));
  out.push(element('Notes:MessageClass', NOTE_MESSAGE_CLASS));
  const subject = stripNul(note.subject);
  out.push(element('Notes:Subject', subject.length > 0 ? subject : []));
  return out;
}

/**
 * A client's Add (`existing` undefined) or Change as a note. MessageClass and LastModifiedDate
 * are not kept: the class is fixed and the store records its own write time.
 */
export function decodeNoteApplicationData(
  appData: WbxmlElement,
  existing: NoteContent | undefined,
  ctx: ConversionContext,
): NoteContent {
  const subjectEl = firstChild(appData, 'Notes:Subject');
  const categoriesEl = firstChild(appData, 'Notes:Categories');
  const subject = subjectEl === undefined ? existing?.subject ?? '' : textContent(subjectEl);
  const categories = categoriesEl === undefined
    ? existing?.categories ?? []
    : [...new Set(childElements(categoriesEl, 'Notes:Category').map((c) => textContent(c).trim()).filter((c) => c.length > 0))];
  return { subject, body: clientBody(appData, existing?.body ?? '', ctx), categories };
}

function clientBody(appData: WbxmlElement, stored: string, ctx: ConversionContext): string {
  const body = readBody(appData);
  // No body, or RTF/MIME we cannot turn back into text: the stored body stays.
  if (body === undefined || body.type === 3 || body.type === 4) return stored;
  const text = body.type === 2 ? htmlToText(body.data) : body.data;
  return isTruncatedEcho(text, stored, ctx) ? stored : text;
}
