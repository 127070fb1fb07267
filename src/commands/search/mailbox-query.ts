// The Query of a mailbox Search (MS-ASCMD 2.2.3.142.2): one And holding the folders
// (airsync:CollectionId, any number), the classes (airsync:Class), the keywords (FreeText) and a
// received-date window (GreaterThan / LessThan over email:DateReceived). That is all Exchange's
// mailbox search defines; the rest is refused with the status the spec names: a CollectionId or
// Class outside the And, Or, EqualTo, a nested And, ConversationId (a thread lookup no IMAP
// server can run) are Status 8 "too complex", malformed values Status 2.

import { EasDateError, parseEasDateTime } from '../../content/eas-dates.js';
import { isElement, qualifiedName, textContent, type WbxmlElement } from '../../eas/wbxml-body.js';
import { SearchStoreError, StoreStatus } from './search-status.js';

export interface MailboxQuery {
  /** Device collection ServerIds as sent; empty means every mail folder. */
  readonly collectionIds: readonly string[];
  /** airsync:Class values; empty means every class the server searches. */
  readonly classes: readonly string[];
  /** Every word must match. */
  readonly words: readonly string[];
  readonly receivedAfter?: Date;
  readonly receivedBefore?: Date;
}

/** Keywords per query: every one is a full-text term, and a sentence is not a search. */
export const MAX_SEARCH_WORDS = 16;
/** Characters of FreeText in all. */
export const MAX_FREE_TEXT_CHARS = 1024;
/** Folders named in one query. */
export const MAX_SEARCH_COLLECTIONS = 256;

const tooComplex = (message: string): SearchStoreError => new SearchStoreError(StoreStatus.TooComplex, message);
const invalid = (message: string): SearchStoreError => new SearchStoreError(StoreStatus.InvalidRequest, message);

const text = (el: WbxmlElement): string => textContent(el).trim();

/** MS-ASCMD 2.2.3.78 / 2.2.3.87: email:DateReceived, then the Value to compare it with. */
function dateBound(el: WbxmlElement): Date {
  const [property, value, ...rest] = el.children.filter(isElement);
  if (property === undefined || value === undefined || rest.length > 0 || qualifiedName(property) !== 'Email:DateReceived'
    || qualifiedName(value) !== 'Search:Value') {
    throw invalid(`${qualifiedName(el)} needs email:DateReceived followed by Value`);
  }
  try {
    return parseEasDateTime(textContent(value));
  } catch (error) {
    if (error instanceof EasDateError) throw invalid(`${qualifiedName(el)}: ${error.message}`);
    throw error;
  }
}

/** The terms of the FreeText elements; quotes are separators, as phrases are not supported. */
function keywords(freeTexts: readonly string[]): string[] {
  const all = freeTexts.join(' ');
  if (all.length > MAX_FREE_TEXT_CHARS) throw tooComplex(`FreeText of ${all.length} characters`);
  const words = all.split(/[\s"]+/u).filter((word) => word !== '');
  if (words.length > MAX_SEARCH_WORDS) throw tooComplex(`${words.length} search words`);
  return words;
}

interface Collected {
  collectionIds: string[];
  classes: string[];
  freeTexts: string[];
  after?: Date;
  before?: Date;
}

function collect(into: Collected, child: WbxmlElement): void {
  const name = qualifiedName(child);
  switch (name) {
    case 'AirSync:CollectionId':
      into.collectionIds.push(text(child));
      return;
    case 'AirSync:Class':
      into.classes.push(text(child));
      return;
    case 'Search:FreeText':
      into.freeTexts.push(textContent(child));
      return;
    case 'Search:GreaterThan':
      // MS-ASCMD 2.2.3.78: more than one is undefined; a second window is refused, not guessed at.
      if (into.after !== undefined) throw invalid('more than one GreaterThan');
      into.after = dateBound(child);
      return;
    case 'Search:LessThan':
      if (into.before !== undefined) throw invalid('more than one LessThan');
      into.before = dateBound(child);
      return;
    case 'Search:And':
    case 'Search:Or':
    case 'Search:EqualTo':
    case 'Search:ConversationId':
      throw tooComplex(`${name} inside And`);
    default:
      throw invalid(`${name} is not part of a mailbox query`);
  }
}

/** The query's single criterion element: an And, or a bare FreeText that some clients send. */
function criteria(query: WbxmlElement): WbxmlElement[] {
  const children = query.children.filter(isElement);
  const [only] = children;
  if (only === undefined) throw invalid('empty Query');
  if (children.length > 1) throw tooComplex('Query holds more than one criterion; combine them in one And');
  const name = qualifiedName(only);
  if (name === 'Search:And') {
    const inner = only.children.filter(isElement);
    if (inner.length === 0) throw invalid('empty And');
    return inner;
  }
  if (name === 'Search:FreeText') return [only];
  // MS-ASCMD 2.2.3.30.5, 2.2.3.27.5: CollectionId or Class outside an And is Status 8.
  throw tooComplex(`${name} directly under Query`);
}

export function readMailboxQuery(query: WbxmlElement): MailboxQuery {
  const found: Collected = { collectionIds: [], classes: [], freeTexts: [] };
  for (const child of criteria(query)) collect(found, child);
  if (found.collectionIds.length > MAX_SEARCH_COLLECTIONS) throw tooComplex(`${found.collectionIds.length} collections`);
  if (found.collectionIds.some((id) => id === '')) throw invalid('empty CollectionId');
  return {
    collectionIds: found.collectionIds,
    classes: found.classes,
    words: keywords(found.freeTexts),
    ...(found.after === undefined ? {} : { receivedAfter: found.after }),
    ...(found.before === undefined ? {} : { receivedBefore: found.before }),
  };
}
