// The Search response (MS-ASCMD 2.2.1.16, SearchResponse.xsd) in schema order: Search Status, then
// Response > Store with its Status, the Results, Range and Total. For a mailbox search without
// matches the Store carries one empty Result (MS-ASCMD 2.2.3.155.3); Total is always sent with a
// successful search, because Android 4 shows results only when Range and Total are present
// (CLIENT-QUIRKS §2).

import { element, type WbxmlElement } from '../../eas/wbxml-body.js';
import type { SearchRange } from './search-options.js';
import { SearchStatus, StoreStatus, type StoreStatusCode } from './search-status.js';

export interface SearchResultEntry {
  readonly longId?: string;
  /** The device's ServerId of the folder, when the device has the folder in its hierarchy. */
  readonly collectionId?: string;
  readonly properties: readonly WbxmlElement[];
}

export interface StoreMatches {
  readonly results: readonly SearchResultEntry[];
  /** Where the returned results start among all matches. */
  readonly start: number;
  readonly total: number;
}

function resultElement(entry: SearchResultEntry): WbxmlElement {
  return element('Search:Result', [
    element('AirSync:Class', 'Email'),
    ...(entry.longId === undefined ? [] : [element('Search:LongId', entry.longId)]),
    ...(entry.collectionId === undefined ? [] : [element('AirSync:CollectionId', entry.collectionId)]),
    element('Search:Properties', [...entry.properties]),
  ]);
}

/** The Range of what is returned, "m-n" inclusive; undefined when nothing is. */
export function returnedRange(start: number, count: number): SearchRange | undefined {
  return count === 0 ? undefined : { start, end: start + count - 1 };
}

function matchesChildren(matches: StoreMatches): WbxmlElement[] {
  const range = returnedRange(matches.start, matches.results.length);
  return [
    ...(matches.results.length === 0 ? [element('Search:Result')] : matches.results.map(resultElement)),
    ...(range === undefined ? [] : [element('Search:Range', `${range.start}-${range.end}`)]),
    element('Search:Total', String(matches.total)),
  ];
}

/** A Search answered for its one store: the matches on success, or just the Store status. */
export function storeResponse(status: StoreStatusCode, matches?: StoreMatches): WbxmlElement {
  const store = element('Search:Store', [
    element('Search:Status', String(status)),
    ...(status === StoreStatus.Success && matches !== undefined ? matchesChildren(matches) : []),
  ]);
  return element('Search:Search', [element('Search:Status', String(SearchStatus.Success)), element('Search:Response', store)]);
}

/** The request as a whole failed on the server's side. */
export function serverErrorResponse(): WbxmlElement {
  return element('Search:Search', element('Search:Status', String(SearchStatus.ServerError)));
}
