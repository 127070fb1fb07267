// Which vCard line stands behind which EAS element. EAS has fixed slots (two business phones, one
// mobile, three e-mail addresses, one home address...), a vCard has any number of typed lines, so
// the lines are dealt into slots once, in preference order; a line that finds no free slot (a
// fourth e-mail address, a second mobile) belongs to no element and is never touched by a client
// Change. Writes go through the card so a slot keeps pointing at its line's replacement.

import { typesOf, byPreference } from './vcard-text.js';
import type { VCardDocument, VCardEntry, VCardVersion } from './vcard-document.js';

export type PhoneKind =
  | 'assistant' | 'business' | 'businessFax' | 'car' | 'companyMain' | 'home' | 'homeFax' | 'mms' | 'mobile'
  | 'pager' | 'radio';

/** Lines per phone kind EAS can carry (Business/Business2, Home/Home2, one of the others). */
const PHONE_CAPACITY: Readonly<Record<PhoneKind, number>> = {
  assistant: 1, business: 2, businessFax: 1, car: 1, companyMain: 1, home: 2, homeFax: 1, mms: 1, mobile: 1,
  pager: 1, radio: 1,
};

/** The EAS phone element a TEL line fills, by its TYPE parameters; untyped numbers count as home. */
export function phoneKind(entry: VCardEntry): PhoneKind {
  const t = typesOf(entry);
  if (t.has('fax')) return t.has('home') ? 'homeFax' : 'businessFax';
  if (t.has('pager')) return 'pager';
  if (t.has('cell') || t.has('mobile') || t.has('iphone')) return 'mobile';
  if (t.has('car')) return 'car';
  if (t.has('radio')) return 'radio';
  if (t.has('assistant')) return 'assistant';
  if (t.has('mms')) return 'mms';
  if (t.has('main') || t.has('company-main') || t.has('companymain')) return 'companyMain';
  if (t.has('work')) return 'business';
  return 'home';
}

export type AddressKind = 'business' | 'home' | 'other';

export function addressKind(entry: VCardEntry): AddressKind {
  const t = typesOf(entry);
  if (t.has('work')) return 'business';
  if (t.has('home')) return 'home';
  return 'other';
}

/** A RELATED line of `type` with a name as its value (a URI reference is not a name EAS can show). */
function related(entry: VCardEntry, type: string): boolean {
  return entry.name === 'related' && entry.valueType === 'text' && typesOf(entry).has(type);
}

const named = (...names: string[]) => (e: VCardEntry): boolean => names.includes(e.name);

/** Single-line slots, each filled by the first line it matches. */
const SINGLE_SLOTS: readonly (readonly [string, (e: VCardEntry) => boolean])[] = [
  ['fn', named('fn')], ['n', named('n')], ['org', named('org')], ['title', named('title')], ['url', named('url')],
  ['nickname', named('nickname')], ['note', named('note')], ['photo', named('photo')], ['bday', named('bday')],
  ['anniversary', named('anniversary', 'x-anniversary', 'x-evolution-anniversary')],
  ['phoneticFirst', named('x-phonetic-first-name')], ['phoneticLast', named('x-phonetic-last-name')],
  ['phoneticOrg', named('x-phonetic-org')], ['office', named('x-office-location', 'x-kaddressbook-x-office')],
  ['spouse', (e) => named('x-spouse', 'x-evolution-spouse', 'x-kaddressbook-x-spousesname')(e) || related(e, 'spouse')],
  ['assistant', (e) => named('x-assistant', 'x-evolution-assistant', 'x-kaddressbook-x-assistantsname')(e) || related(e, 'agent')],
  ['manager', named('x-manager', 'x-evolution-manager', 'x-kaddressbook-x-managersname')],
  ['customerId', named('x-customer-id')], ['governmentId', named('x-government-id')],
  ['accountName', named('x-account-name')],
];

export type ListKey = 'categories' | 'children';

const LIST_SLOTS: Readonly<Record<ListKey, (e: VCardEntry) => boolean>> = {
  categories: named('categories'),
  children: (e) => e.name === 'x-child' || related(e, 'child'),
};

export class ContactCard {
  private readonly slots = new Map<string, VCardEntry>();
  private readonly lists = new Map<ListKey, VCardEntry[]>();
  /** Whether any write happened: an untouched card is handed back as the text it came from. */
  changed = false;

  constructor(readonly doc: VCardDocument) {
    const taken = new Set<VCardEntry>();
    for (const [slot, matches] of SINGLE_SLOTS) {
      const entry = doc.entries.find((e) => !taken.has(e) && matches(e));
      if (entry !== undefined) this.claim(slot, entry, taken);
    }
    const phones = new Map<PhoneKind, number>();
    for (const tel of byPreference(doc.entries.filter((e) => e.name === 'tel'))) {
      const kind = phoneKind(tel);
      const index = phones.get(kind) ?? 0;
      if (index < PHONE_CAPACITY[kind]) this.claim(`tel:${kind}:${index}`, tel, taken);
      phones.set(kind, index + 1);
    }
    byPreference(doc.entries.filter((e) => e.name === 'email')).slice(0, 3).forEach((e, i) => this.claim(`email:${i}`, e, taken));
    byPreference(doc.entries.filter((e) => e.name === 'impp')).slice(0, 3).forEach((e, i) => this.claim(`impp:${i}`, e, taken));
    for (const adr of byPreference(doc.entries.filter((e) => e.name === 'adr'))) {
      const slot = `adr:${addressKind(adr)}`;
      if (!this.slots.has(slot)) this.claim(slot, adr, taken);
    }
    for (const key of Object.keys(LIST_SLOTS) as ListKey[]) {
      this.lists.set(key, doc.entries.filter((e) => !taken.has(e) && LIST_SLOTS[key](e)));
    }
  }

  get version(): VCardVersion {
    return this.doc.version;
  }

  entry(slot: string): VCardEntry | undefined {
    return this.slots.get(slot);
  }

  list(key: ListKey): readonly VCardEntry[] {
    return this.lists.get(key) ?? [];
  }

  /** Replaces the slot's line in place, removes it (undefined) or adds a line next to its kin. */
  set(slot: string, next: VCardEntry | undefined): void {
    const old = this.slots.get(slot);
    if (old === next) return;
    this.changed = true;
    const entries = this.doc.entries;
    const at = old === undefined ? -1 : entries.indexOf(old);
    if (next === undefined) {
      if (at >= 0) entries.splice(at, 1);
      this.slots.delete(slot);
      if (old?.group !== undefined) this.dropOrphanLabels(old.group);
      return;
    }
    if (at >= 0) entries[at] = next;
    else entries.splice(this.slotInsertionPoint(slot, next.name), 0, next);
    this.slots.set(slot, next);
  }

  /** Replaces all lines of a list slot; new lines take the place of the first old one. */
  setList(key: ListKey, next: readonly VCardEntry[]): void {
    const old = this.list(key);
    this.changed = true;
    const entries = this.doc.entries;
    const first = old[0] === undefined ? -1 : entries.indexOf(old[0]);
    const at = first >= 0 ? first : this.insertionPoint(next[0]?.name ?? '');
    for (const e of old) entries.splice(entries.indexOf(e), 1);
    entries.splice(Math.min(at, entries.length), 0, ...next);
    this.lists.set(key, [...next]);
  }

  /**
   * Apple groups a property with its label lines (item1.TEL + item1.X-ABLabel); once the property
   * is gone, labels left alone in the group describe nothing and go too.
   */
  private dropOrphanLabels(group: string): void {
    const entries = this.doc.entries;
    const members = entries.filter((e) => e.group?.toLowerCase() === group.toLowerCase());
    if (!members.every((e) => e.name.startsWith('x-ab'))) return;
    for (const member of members) entries.splice(entries.indexOf(member), 1);
  }

  private claim(slot: string, entry: VCardEntry, taken: Set<VCardEntry>): void {
    this.slots.set(slot, entry);
    taken.add(entry);
  }

  /**
   * Where a new line for a numbered slot ("tel:business:1", "email:0") goes: after the line of
   * the slot before it, or before the line of the slot after it, so that dealing the card into
   * slots again gives every line the slot it was written for.
   */
  private slotInsertionPoint(slot: string, name: string): number {
    const match = /^(.*):(\d+)$/.exec(slot);
    if (match !== null) {
      const base = match[1] as string;
      const index = Number(match[2]);
      for (let i = index - 1; i >= 0; i--) {
        const before = this.slots.get(`${base}:${i}`);
        if (before !== undefined) return this.doc.entries.indexOf(before) + 1;
      }
      for (let i = index + 1; i < 4; i++) {
        const after = this.slots.get(`${base}:${i}`);
        if (after !== undefined) return this.doc.entries.indexOf(after);
      }
    }
    return this.insertionPoint(name);
  }

  /** After the last line of the same property, else at the end. */
  private insertionPoint(name: string): number {
    const entries = this.doc.entries;
    for (let i = entries.length - 1; i >= 0; i--) if (entries[i]?.name === name) return i + 1;
    return entries.length;
  }
}
