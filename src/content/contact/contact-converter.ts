// Contact ⇄ vCard: the Contacts/Contacts2 children of AirSync:ApplicationData (also used inside
// ItemOperations and Search Properties) built from a stored vCard, and a client's Add or Change
// merged back into it. The merge changes only what the client said: lines EAS has no element
// for, lines that found no EAS slot, and photos too large to send stay exactly as they were.
//
// Deletion follows MS-ASCMD 2.2.3.179 (Supported, "ghosted" properties): an element missing from
// a Change removes its property only when the client manages that element, that is when it sent
// no Supported list at all (nothing is ghosted) or listed the element in it; an element missing
// and not listed is ghosted and the server keeps its value. Never removed by absence: what we
// never sent (the client cannot know it), the body (a client leaves out a body it did not change
// or got truncated, MS-ASAIRS 2.2.2.9), and FN, which vCard requires: it follows the name when
// the client changed the name and otherwise stays.

import { randomUUID } from 'node:crypto';
import type { ContactContent } from '../../domain/item.js';
import { childElements, element, firstChild, textContent, type WbxmlElement } from '../../eas/wbxml-body.js';
import { encodeBody, htmlToText, readBody } from '../body/index.js';
import type { ConversionContext } from '../conversion-context.js';
import { ContactCard } from './contact-card.js';
import { CONTACT_FIELDS } from './contact-fields.js';
import type { ListField, ScalarField } from './field-kinds.js';
import { emptyVCard, makeEntry, parseVCard, serializeVCard, type VCardDocument } from './vcard-document.js';
import { isTruncatedEcho } from './truncated-echo.js';
import { escapeText, unescapeText } from './vcard-text.js';

/** MS-ASCNTC 2.2.2.20 and 2.2.2.22: at most 300 Category / Child elements. */
const MAX_LIST_ITEMS = 300;

const stripNul = (text: string): string => text.replaceAll('\u0000', '');

/** The children of ApplicationData for a stored contact, in MS-ASCNTC element order. */
export function encodeContactApplicationData(contact: ContactContent, ctx: ConversionContext): WbxmlElement[] {
  const card = new ContactCard(parseVCard(contact.vcard));
  const out: WbxmlElement[] = [];
  for (const field of CONTACT_FIELDS) {
    if (field.kind === 'body') {
      const note = noteText(card);
      if (note.length > 0) out.push(...encodeBody({ plain: note }, ctx, 'Contacts'));
    } else if (field.kind === 'list') {
      const values = field.read(card).map(stripNul).filter((v) => v.length > 0).slice(0, MAX_LIST_ITEMS);
      if (values.length > 0) out.push(element(field.element, values.map((v) => element(field.item, v))));
    } else {
      const value = field.read(card);
      if (value !== undefined) out.push(element(field.element, stripNul(value)));
    }
  }
  return out;
}

/**
 * A client's Add (`existing` undefined) or Change merged into the stored vCard. `supported` is the
 * collection's Supported list from the client's initial Sync (qualified names such as
 * "Contacts:Picture", or bare local names), undefined when the client sent none. An unchanged
 * card comes back as the very `existing` object. Throws ContactConversionError (Sync Status 6)
 * for a value we cannot take, such as a Picture over 48 KB.
 */
export function decodeContactApplicationData(
  appData: WbxmlElement,
  existing: ContactContent | undefined,
  ctx: ConversionContext,
  supported?: readonly string[],
): ContactContent {
  const card = new ContactCard(existing === undefined ? newCard() : parseVCard(existing.vcard));
  const ghosted = ghostRule(supported);
  const nameBefore = derivedName(card);
  for (const field of CONTACT_FIELDS) {
    if (field.kind === 'body') applyBody(card, appData, ctx);
    else if (field.kind === 'list') applyList(card, field, appData, ghosted);
    else if (field.element !== 'Contacts:FileAs') applyScalar(card, field, appData, ghosted);
  }
  applyFileAs(card, appData, derivedName(card) !== nameBefore);
  if (existing !== undefined && !card.changed) return existing;
  return { vcard: serializeVCard(card.doc) };
}

/** Whether an element the client left out keeps its server value (MS-ASCMD 2.2.3.179). */
function ghostRule(supported: readonly string[] | undefined): (qualified: string) => boolean {
  if (supported === undefined) return () => false;
  const listed = new Set(supported.map((s) => s.trim()));
  return (qualified) => !listed.has(qualified) && !listed.has(qualified.slice(qualified.indexOf(':') + 1));
}

function applyScalar(card: ContactCard, field: ScalarField, appData: WbxmlElement, ghosted: (q: string) => boolean): void {
  const el = firstChild(appData, field.element);
  const stored = field.read(card);
  if (el === undefined) {
    if (stored !== undefined && !ghosted(field.element)) field.write(card, undefined);
    return;
  }
  const sent = textContent(el);
  if (sent.trim().length === 0) {
    // iOS 8.2+ sends an empty Picture on every edit of a contact whose photo came from the
    // server; it means "unchanged", never "delete" (CLIENT-QUIRKS §1, Mail details).
    if (field.element !== 'Contacts:Picture' && stored !== undefined) field.write(card, undefined);
    return;
  }
  if (stored !== undefined && field.same(sent, stored)) return;
  field.write(card, sent);
}

function applyList(card: ContactCard, field: ListField, appData: WbxmlElement, ghosted: (q: string) => boolean): void {
  const el = firstChild(appData, field.element);
  const stored = field.read(card);
  if (el === undefined) {
    if (stored.length > 0 && !ghosted(field.element)) field.write(card, []);
    return;
  }
  const sent = [...new Set(childElements(el, field.item).map((c) => textContent(c).trim()).filter((v) => v.length > 0))];
  if (sent.length === stored.length && sent.every((v, i) => v === stored[i])) return;
  field.write(card, sent);
}

function noteText(card: ContactCard): string {
  const entry = card.entry('note');
  return entry === undefined ? '' : unescapeText(entry.rawValue);
}

function applyBody(card: ContactCard, appData: WbxmlElement, ctx: ConversionContext): void {
  const body = readBody(appData, 'Contacts');
  // No body, or RTF/MIME we cannot read back into text: the stored note stays.
  if (body === undefined || body.type === 3 || body.type === 4) return;
  const text = (body.type === 2 ? htmlToText(body.data) : body.data).replace(/\r\n?/g, '\n');
  const stored = noteText(card);
  if (text === stored || isTruncatedEcho(text, stored, ctx, 'Contacts')) return;
  const old = card.entry('note');
  card.set('note', text.length === 0 ? undefined : makeEntry(card.version, old?.rawPrefix ?? 'NOTE', escapeText(text)));
}

/** FN, which vCard requires, from FileAs; derived from the name when there is none to take. */
function applyFileAs(card: ContactCard, appData: WbxmlElement, nameChanged: boolean): void {
  const el = firstChild(appData, 'Contacts:FileAs');
  const sent = el === undefined ? '' : textContent(el).trim();
  const fn = card.entry('fn');
  const current = fn === undefined ? '' : unescapeText(fn.rawValue).trim();
  let next = current;
  if (sent.length > 0) next = sent;
  else if (current.length === 0 || nameChanged) next = derivedName(card);
  if (fn !== undefined && next === current) return;
  card.set('fn', makeEntry(card.version, fn?.rawPrefix ?? 'FN', escapeText(next)));
}

function derivedName(card: ContactCard): string {
  const read = (element: string): string => {
    const field = CONTACT_FIELDS.find((f) => f.element === element);
    return field?.kind === 'scalar' ? field.read(card) ?? '' : '';
  };
  const person = ['Contacts:FirstName', 'Contacts:MiddleName', 'Contacts:LastName'].map(read).filter((p) => p.length > 0);
  if (person.length > 0) return person.join(' ');
  return [read('Contacts:CompanyName'), read('Contacts2:NickName'), read('Contacts:Email1Address')].find((v) => v.length > 0) ?? '';
}

/** A new card: vCard 3.0, which every CardDAV server and client reads (vCard 4 is not universal). */
function newCard(): VCardDocument {
  const doc = emptyVCard('3.0');
  doc.entries.push(
    makeEntry('3.0', 'PRODID', '-//Pushbridge//Exchange ActiveSync//EN'),
    makeEntry('3.0', 'UID', randomUUID()),
    makeEntry('3.0', 'FN', ''),
    makeEntry('3.0', 'N', ';;;;'),
  );
  return doc;
}
