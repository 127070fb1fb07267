// The Options of a mailbox Search (MS-ASCMD 2.2.3.125.5): the Range of results wanted, whether
// subfolders count (DeepTraversal), RebuildResults, and how bodies come back (BodyPreference,
// MIMESupport). Options that belong to other stores (UserName, Password, Picture) or to queries
// we refuse anyway (BodyPartPreference goes with ConversationId) are ignored, as is
// RightsManagementSupport: no message here is rights-protected.

import { childElements, firstChild, textContent, type WbxmlElement } from '../../eas/wbxml-body.js';
import type { SyncBodyPreference } from '../../sync/sync-request.js';
import { SearchStoreError, StoreStatus } from './search-status.js';

/** Zero-based and inclusive at both ends, as on the wire ("0-49"). */
export interface SearchRange {
  readonly start: number;
  readonly end: number;
}

export interface MailboxSearchOptions {
  readonly range: SearchRange;
  readonly deepTraversal: boolean;
  readonly rebuildResults: boolean;
  readonly bodyPreferences: readonly SyncBodyPreference[];
  readonly mimeSupport?: 0 | 1 | 2;
}

/** MS-ASCMD 2.2.3.143.3: a mailbox search returns at most 100 results; its default Range is 0-99. */
export const MAX_MAILBOX_RESULTS = 100;
export const DEFAULT_MAILBOX_RANGE: SearchRange = Object.freeze({ start: 0, end: MAX_MAILBOX_RESULTS - 1 });

const invalid = (message: string): SearchStoreError => new SearchStoreError(StoreStatus.InvalidRequest, message);

function only(parent: WbxmlElement, name: string): WbxmlElement | undefined {
  const found = childElements(parent, name);
  // MS-ASCMD 2.2.3.143.3: more than one Range is undefined; the server may call it a protocol error.
  if (found.length > 1) throw invalid(`more than one ${name}`);
  return found[0];
}

function integer(el: WbxmlElement | undefined, what: string, max: number): number | undefined {
  if (el === undefined) return undefined;
  const value = textContent(el).trim();
  if (!/^\d{1,9}$/.test(value) || Number(value) > max) throw invalid(`${what} is not a number up to ${max}: ${JSON.stringify(value)}`);
  return Number(value);
}

/**
 * "m-n". A span over 100 is answered with the first 100: the response's Range tells the client
 * how many came back and Total that more exist, which serves it better than no results at all.
 */
export function parseRange(value: string): SearchRange {
  const match = /^(\d{1,9})-(\d{1,9})$/.exec(value.trim());
  const start = Number(match?.[1]);
  const end = Number(match?.[2]);
  if (match === null || start > end) throw invalid(`Range ${JSON.stringify(value)} is not m-n with m <= n`);
  return { start, end: Math.min(end, start + MAX_MAILBOX_RESULTS - 1) };
}

/** MS-ASAIRS 2.2.2.12 BodyPreference. */
function bodyPreference(el: WbxmlElement): SyncBodyPreference {
  const type = integer(firstChild(el, 'AirSyncBase:Type'), 'BodyPreference Type', 4);
  if (type === undefined || type < 1) throw invalid('BodyPreference without a valid Type');
  const truncationSize = integer(firstChild(el, 'AirSyncBase:TruncationSize'), 'TruncationSize', 0xffffffff);
  const preview = integer(firstChild(el, 'AirSyncBase:Preview'), 'Preview', 255);
  const allOrNone = firstChild(el, 'AirSyncBase:AllOrNone');
  return {
    type: type as SyncBodyPreference['type'],
    ...(truncationSize === undefined ? {} : { truncationSize }),
    ...(preview === undefined ? {} : { preview }),
    ...(allOrNone === undefined ? {} : { allOrNone: textContent(allOrNone).trim() !== '0' }),
  };
}

export function readMailboxOptions(options: WbxmlElement | undefined): MailboxSearchOptions {
  if (options === undefined) return { range: DEFAULT_MAILBOX_RANGE, deepTraversal: false, rebuildResults: false, bodyPreferences: [] };
  const range = only(options, 'Search:Range');
  const mimeSupport = integer(only(options, 'AirSync:MIMESupport'), 'MIMESupport', 2);
  return {
    range: range === undefined ? DEFAULT_MAILBOX_RANGE : parseRange(textContent(range)),
    // Both are empty flag elements (MS-ASCMD 2.2.3.41.2, 2.2.3.144): present means yes.
    deepTraversal: firstChild(options, 'Search:DeepTraversal') !== undefined,
    rebuildResults: firstChild(options, 'Search:RebuildResults') !== undefined,
    bodyPreferences: childElements(options, 'AirSyncBase:BodyPreference').map(bodyPreference),
    ...(mimeSupport === undefined ? {} : { mimeSupport: mimeSupport as 0 | 1 | 2 }),
  };
}
