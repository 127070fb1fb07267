// The outer shape of a Search request (MS-ASCMD 2.2.1.16, SearchRequest.xsd): exactly one Store
// with its Name, Query and Options. What the Query and Options mean depends on the store, so they
// are handed on as trees; anything that is not this shape is Store Status 2.

import { childElements, firstChild, isElement, qualifiedName, textContent, type WbxmlElement } from '../../eas/wbxml-body.js';
import type { CommandRequest } from '../registry.js';
import { SearchStoreError, StoreStatus } from './search-status.js';

export type SearchStoreName = 'Mailbox' | 'GAL' | 'DocumentLibrary';

export interface SearchStoreRequest {
  readonly name: SearchStoreName;
  readonly query: WbxmlElement;
  readonly options?: WbxmlElement;
}

const STORE_NAMES: readonly SearchStoreName[] = ['Mailbox', 'GAL', 'DocumentLibrary'];

/** MS-ASCMD 2.2.3.120.2: at most 256 characters. */
const MAX_NAME_LENGTH = 256;

function invalid(message: string): SearchStoreError {
  return new SearchStoreError(StoreStatus.InvalidRequest, message);
}

function single(parent: WbxmlElement, name: string): WbxmlElement | undefined {
  const found = childElements(parent, name);
  if (found.length > 1) throw invalid(`${qualifiedName(parent)} has ${found.length} ${name} elements`);
  return found[0];
}

/** Store names compare without regard to case: the value is a keyword, not an identifier. */
function storeName(store: WbxmlElement): SearchStoreName {
  const el = firstChild(store, 'Search:Name');
  const text = el === undefined ? '' : textContent(el).trim();
  if (text === '' || text.length > MAX_NAME_LENGTH) throw invalid('Store has no valid Name');
  const name = STORE_NAMES.find((known) => known.toLowerCase() === text.toLowerCase());
  if (name === undefined) throw invalid(`unknown store ${JSON.stringify(text)}`);
  return name;
}

/** The one Store of the request; a SearchStoreError (Status 2) for any other shape. */
export function readSearchRequest(request: CommandRequest): SearchStoreRequest {
  if (request.kind !== 'wbxml' || qualifiedName(request.root) !== 'Search:Search') throw invalid('the body is not a Search request');
  const stores = request.root.children.filter(isElement);
  const [store] = stores;
  if (store === undefined || stores.length !== 1 || qualifiedName(store) !== 'Search:Store') {
    throw invalid('a Search request holds exactly one Store');
  }
  const name = storeName(store);
  const query = single(store, 'Search:Query');
  if (query === undefined) throw invalid('Store has no Query');
  const options = single(store, 'Search:Options');
  return { name, query, ...(options === undefined ? {} : { options }) };
}
