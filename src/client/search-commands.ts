// Search (MS-ASCMD 2.2.1.16) as a device sends it: a mailbox search by keywords, optionally in
// given folders (and their subfolders), within received dates, for a Range of results with a
// BodyPreference; and a reader for any Search reply (GAL or Mailbox) that yields the statuses,
// each result's LongId, CollectionId and Properties, the returned Range and the Total.

import { childElements, element, firstChild, isElement, textContent, type WbxmlElement } from '../wbxml/index.js';
import { EasClientError } from './client-errors.js';
import type { CommandChannel, EasResponse } from './client-types.js';
import { expectRoot, readCommandStatus } from './response-readers.js';

export interface MailboxSearchRequest {
  readonly freeText: string;
  /** Collection ServerIds to search; none searches every mail folder. */
  readonly collectionId?: string | readonly string[];
  /** "m-n", e.g. "0-49". */
  readonly range?: string;
  readonly deepTraversal?: boolean;
  readonly rebuildResults?: boolean;
  /** Messages received after (GreaterThan) and before (LessThan) these instants. */
  readonly since?: Date;
  readonly until?: Date;
  readonly bodyPreference?: { readonly type: 1 | 2 | 3 | 4; readonly truncationSize?: number };
  readonly mimeSupport?: 0 | 1 | 2;
}

export interface SearchResultEntry {
  readonly longId?: string;
  readonly collectionId?: string;
  readonly className?: string;
  readonly properties?: WbxmlElement;
}

export interface SearchReply {
  /** The Search element's Status. */
  readonly status: number | undefined;
  /** The Store element's Status, when the reply has a Store. */
  readonly storeStatus?: number;
  /** Results with content; the empty Result of a search without matches is not listed. */
  readonly results: readonly SearchResultEntry[];
  readonly range?: string;
  readonly total?: number;
}

export interface SearchResult extends SearchReply {
  readonly response: EasResponse;
}

/** MS-ASDTYPE dateTime ("2026-11-20T08:00:00.000Z"). */
const dateValue = (date: Date): string => date.toISOString();

function dateBound(name: 'GreaterThan' | 'LessThan', date: Date): WbxmlElement {
  return element(`Search:${name}`, [element('Email:DateReceived'), element('Search:Value', dateValue(date))]);
}

function searchOptions(request: MailboxSearchRequest): WbxmlElement[] {
  const options: WbxmlElement[] = [];
  if (request.rebuildResults === true) options.push(element('Search:RebuildResults'));
  if (request.range !== undefined) options.push(element('Search:Range', request.range));
  if (request.deepTraversal === true) options.push(element('Search:DeepTraversal'));
  if (request.mimeSupport !== undefined) options.push(element('AirSync:MIMESupport', String(request.mimeSupport)));
  const pref = request.bodyPreference;
  if (pref !== undefined) {
    options.push(element('AirSyncBase:BodyPreference', [
      element('AirSyncBase:Type', String(pref.type)),
      ...(pref.truncationSize === undefined ? [] : [element('AirSyncBase:TruncationSize', String(pref.truncationSize))]),
    ]));
  }
  return options;
}

export function buildMailboxSearch(request: MailboxSearchRequest): WbxmlElement {
  const collections = request.collectionId === undefined ? [] : [request.collectionId].flat();
  const criteria = [
    ...collections.map((id) => element('AirSync:CollectionId', id)),
    element('Search:FreeText', request.freeText),
    ...(request.since === undefined ? [] : [dateBound('GreaterThan', request.since)]),
    ...(request.until === undefined ? [] : [dateBound('LessThan', request.until)]),
  ];
  const options = searchOptions(request);
  return element('Search:Search', element('Search:Store', [
    element('Search:Name', 'Mailbox'),
    element('Search:Query', element('Search:And', criteria)),
    ...(options.length === 0 ? [] : [element('Search:Options', options)]),
  ]));
}

const text = (el: WbxmlElement | undefined): string | undefined => (el === undefined ? undefined : textContent(el).trim());

function readResult(result: WbxmlElement): SearchResultEntry | undefined {
  if (!result.children.some(isElement)) return undefined;
  const longId = text(firstChild(result, 'Search:LongId'));
  const collectionId = text(firstChild(result, 'AirSync:CollectionId'));
  const className = text(firstChild(result, 'AirSync:Class'));
  const properties = firstChild(result, 'Search:Properties');
  return {
    ...(longId === undefined ? {} : { longId }),
    ...(collectionId === undefined ? {} : { collectionId }),
    ...(className === undefined ? {} : { className }),
    ...(properties === undefined ? {} : { properties }),
  };
}

export function readSearchReply(root: WbxmlElement): SearchReply {
  expectRoot(root, 'Search:Search');
  const status = readCommandStatus(root);
  const response = firstChild(root, 'Search:Response');
  const store = response === undefined ? undefined : firstChild(response, 'Search:Store');
  if (store === undefined) return { status, results: [] };
  const storeStatus = Number(text(firstChild(store, 'Search:Status')));
  const range = text(firstChild(store, 'Search:Range'));
  const total = text(firstChild(store, 'Search:Total'));
  return {
    status,
    ...(Number.isInteger(storeStatus) ? { storeStatus } : {}),
    results: childElements(store, 'Search:Result').flatMap((result) => readResult(result) ?? []),
    ...(range === undefined ? {} : { range }),
    ...(total === undefined ? {} : { total: Number(total) }),
  };
}

/** Sends any Search request tree (Mailbox or GAL) and reads the reply. */
export async function sendSearch(channel: CommandChannel, body: WbxmlElement): Promise<SearchResult> {
  const response = await channel.send('Search', body);
  if (response.status !== 200 || response.body === undefined) {
    throw new EasClientError('http', `Search answered HTTP ${response.status}${response.body === undefined ? ' without a WBXML body' : ''}`, {
      httpStatus: response.status,
    });
  }
  return { ...readSearchReply(response.body), response };
}

export function searchMailbox(channel: CommandChannel, request: MailboxSearchRequest): Promise<SearchResult> {
  return sendSearch(channel, buildMailboxSearch(request));
}
