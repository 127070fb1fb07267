// The kinds of mapping between one EAS contact element and the card: a whole text line (TITLE,
// X-SPOUSE...), one component of a structured line (N, ORG, ADR), a date line, the photo, and the
// two lists (Categories, Children). Each kind reads the value we send and writes a client value
// back, replacing only the line (or the component) it owns; a write of undefined removes it.

import type { ContactCard } from './contact-card.js';
import { dateFromEas, easDateTime, readVCardDate, sameDate, vcardDateParts } from './contact-dates.js';
import { clientPicture, photoBase64, photoParts, PICTURE_MAX_BASE64_CHARS } from './contact-photo.js';
import { makeEntry, type VCardEntry, type VCardVersion } from './vcard-document.js';
import { escapeText, readComponent, splitUnescaped, unescapeText } from './vcard-text.js';

export interface ScalarField {
  readonly kind: 'scalar';
  /** Qualified element name, "Contacts:FirstName". */
  readonly element: string;
  /** The value we send; undefined when the card has none the client can see. */
  read(card: ContactCard): string | undefined;
  /** Stores a client value; undefined removes what the element maps to. */
  write(card: ContactCard, value: string | undefined): void;
  /** Whether a client value says what we sent (dates compare by day, mail by address). */
  same(sent: string, stored: string): boolean;
}

export interface ListField {
  readonly kind: 'list';
  readonly element: string;
  readonly item: string;
  read(card: ContactCard): string[];
  write(card: ContactCard, values: readonly string[]): void;
}

/** Prefix of a new line, per card version when the two differ. */
export type NewLine = string | { readonly v3: string; readonly v4: string };

function prefixFor(create: NewLine, version: VCardVersion): string {
  return typeof create === 'string' ? create : version === '4.0' ? create.v4 : create.v3;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.length === 0 ? undefined : value;
}

/** How a single-line value is read from and written to the raw value text. */
export interface ValueCodec {
  read(entry: VCardEntry): string | undefined;
  write(value: string, old: VCardEntry | undefined): string;
  same?(sent: string, stored: string): boolean;
}

export const TEXT: ValueCodec = {
  read: (e) => unescapeText(e.rawValue),
  write: (value) => escapeText(value),
};

/** A line that is the whole value of one element. */
export function lineField(element: string, slot: string, create: NewLine, codec: ValueCodec = TEXT): ScalarField {
  return {
    kind: 'scalar',
    element,
    read: (card) => {
      const entry = card.entry(slot);
      return entry === undefined ? undefined : nonEmpty(codec.read(entry)?.trim());
    },
    write: (card, value) => {
      const old = card.entry(slot);
      if (value === undefined) return card.set(slot, undefined);
      card.set(slot, makeEntry(card.version, old?.rawPrefix ?? prefixFor(create, card.version), codec.write(value, old)));
    },
    same: codec.same ?? ((sent, stored) => sent.trim() === stored),
  };
}

/** Component `index` of a structured line (N has 5, ADR 7, ORG 1 or more); other components keep their bytes. */
export function componentField(
  element: string,
  slot: string,
  index: number,
  size: number,
  create: string,
  joiner: string,
): ScalarField {
  return {
    kind: 'scalar',
    element,
    read: (card) => {
      const entry = card.entry(slot);
      if (entry === undefined) return undefined;
      return nonEmpty(readComponent(splitUnescaped(entry.rawValue, ';')[index] ?? '', joiner).trim());
    },
    write: (card, value) => {
      const old = card.entry(slot);
      if (old === undefined && value === undefined) return;
      const parts = old === undefined ? [] : splitUnescaped(old.rawValue, ';');
      while (parts.length < Math.max(size, index + 1)) parts.push('');
      parts[index] = value === undefined ? '' : escapeText(value);
      // vCard 3 requires N (RFC 2426 3.1.2), so an emptied N stays as ";;;;".
      if (slot !== 'n' && parts.every((p) => p.length === 0)) return card.set(slot, undefined);
      card.set(slot, makeEntry(card.version, old?.rawPrefix ?? create, parts.join(';')));
    },
    same: (sent, stored) => sent.trim() === stored,
  };
}

/** "item1." when the line has a group, for lines whose prefix is rebuilt. */
function groupPrefix(entry: VCardEntry | undefined): string {
  return entry?.group === undefined ? '' : `${entry.group}.`;
}

/** BDAY or ANNIVERSARY (v3: X-ANNIVERSARY); see contact-dates.ts for the date rules. */
export function dateField(element: string, slot: string, create: NewLine): ScalarField {
  return {
    kind: 'scalar',
    element,
    read: (card) => {
      const entry = card.entry(slot);
      const date = entry === undefined ? undefined : readVCardDate(entry);
      return date === undefined ? undefined : easDateTime(date);
    },
    write: (card, value) => {
      const old = card.entry(slot);
      if (value === undefined) return card.set(slot, undefined);
      const parts = vcardDateParts(dateFromEas(value), card.version);
      const name = old === undefined ? prefixFor(create, card.version) : `${groupPrefix(old)}${old.name.toUpperCase()}`;
      card.set(slot, makeEntry(card.version, name + parts.params, parts.value));
    },
    same: (sent, stored) => sameDate(dateFromEas(sent), dateFromEas(stored)),
  };
}

export const PICTURE: ScalarField = {
  kind: 'scalar',
  element: 'Contacts:Picture',
  read: (card) => {
    const entry = card.entry('photo');
    const base64 = entry === undefined ? undefined : photoBase64(entry);
    return base64 === undefined || base64.length === 0 || base64.length > PICTURE_MAX_BASE64_CHARS ? undefined : base64;
  },
  write: (card, value) => {
    if (value === undefined) return card.set('photo', undefined);
    const { prefix, value: raw } = photoParts(clientPicture(value), card.version, card.entry('photo')?.group);
    card.set('photo', makeEntry(card.version, prefix, raw));
  },
  same: (sent, stored) => clientPicture(sent) === stored,
};

function listItems(entry: VCardEntry): string[] {
  return splitUnescaped(entry.rawValue, ',').map((v) => unescapeText(v).trim()).filter((v) => v.length > 0);
}

export const CATEGORIES: ListField = {
  kind: 'list',
  element: 'Contacts:Categories',
  item: 'Contacts:Category',
  read: (card) => [...new Set(card.list('categories').flatMap(listItems))],
  write: (card, values) => {
    const prefix = card.list('categories')[0]?.rawPrefix ?? 'CATEGORIES';
    const next = values.length === 0 ? [] : [makeEntry(card.version, prefix, values.map(escapeText).join(','))];
    card.setList('categories', next);
  },
};

/** Children: v4 RELATED;TYPE=child lines holding names, v3 X-CHILD lines. */
export const CHILDREN: ListField = {
  kind: 'list',
  element: 'Contacts:Children',
  item: 'Contacts:Child',
  read: (card) => card.list('children').map((e) => unescapeText(e.rawValue).trim()).filter((v) => v.length > 0),
  write: (card, values) => {
    const prefix = card.version === '4.0' ? 'RELATED;TYPE=child;VALUE=text' : 'X-CHILD';
    card.setList('children', values.map((v) => makeEntry(card.version, prefix, escapeText(v))));
  },
};
