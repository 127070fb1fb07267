// The 26 ActiveSync code pages (MS-ASWBXML 2.1.2.1) and O(1) lookups between
// (page, token), tag names and namespaces; the codec calls these for every tag.

import type { CodePage } from '../code-page.js';
import { AIRSYNC_PAGE } from './airsync.js';
import { CONTACTS_PAGE } from './contacts.js';
import { EMAIL_PAGE } from './email.js';
import { AIR_NOTIFY_PAGE } from './air-notify.js';
import { CALENDAR_PAGE } from './calendar.js';
import { MOVE_PAGE } from './move.js';
import { GET_ITEM_ESTIMATE_PAGE } from './get-item-estimate.js';
import { FOLDER_HIERARCHY_PAGE } from './folder-hierarchy.js';
import { MEETING_RESPONSE_PAGE } from './meeting-response.js';
import { TASKS_PAGE } from './tasks.js';
import { RESOLVE_RECIPIENTS_PAGE } from './resolve-recipients.js';
import { VALIDATE_CERT_PAGE } from './validate-cert.js';
import { CONTACTS2_PAGE } from './contacts2.js';
import { PING_PAGE } from './ping.js';
import { PROVISION_PAGE } from './provision.js';
import { SEARCH_PAGE } from './search.js';
import { GAL_PAGE } from './gal.js';
import { AIR_SYNC_BASE_PAGE } from './air-sync-base.js';
import { SETTINGS_PAGE } from './settings.js';
import { DOCUMENT_LIBRARY_PAGE } from './document-library.js';
import { ITEM_OPERATIONS_PAGE } from './item-operations.js';
import { COMPOSE_MAIL_PAGE } from './compose-mail.js';
import { EMAIL2_PAGE } from './email2.js';
import { NOTES_PAGE } from './notes.js';
import { RIGHTS_MANAGEMENT_PAGE } from './rights-management.js';
import { FIND_PAGE } from './find.js';

/** Index = page number as sent with SWITCH_PAGE. */
export const CODE_PAGES: readonly CodePage[] = Object.freeze([
  AIRSYNC_PAGE,
  CONTACTS_PAGE,
  EMAIL_PAGE,
  AIR_NOTIFY_PAGE,
  CALENDAR_PAGE,
  MOVE_PAGE,
  GET_ITEM_ESTIMATE_PAGE,
  FOLDER_HIERARCHY_PAGE,
  MEETING_RESPONSE_PAGE,
  TASKS_PAGE,
  RESOLVE_RECIPIENTS_PAGE,
  VALIDATE_CERT_PAGE,
  CONTACTS2_PAGE,
  PING_PAGE,
  PROVISION_PAGE,
  SEARCH_PAGE,
  GAL_PAGE,
  AIR_SYNC_BASE_PAGE,
  SETTINGS_PAGE,
  DOCUMENT_LIBRARY_PAGE,
  ITEM_OPERATIONS_PAGE,
  COMPOSE_MAIL_PAGE,
  EMAIL2_PAGE,
  NOTES_PAGE,
  RIGHTS_MANAGEMENT_PAGE,
  FIND_PAGE,
]);

// A tag token is 6 bits (the 0x40 and 0x80 bits carry content and attribute flags), so
// page * 64 + token indexes one flat array.
const TOKENS_PER_PAGE = 64;

/** Tag names by page * TOKENS_PER_PAGE + token, for the decoder's per-element lookup: callers
 *  that have checked the page and token index it directly, without tagName's argument checks. */
export const TAG_NAME_TABLE: readonly (string | undefined)[] = buildNameTable();
const tokensByPageName: readonly ReadonlyMap<string, number>[] = CODE_PAGES.map(buildTokenMap);
const pagesByNamespace: ReadonlyMap<string, number> = new Map(
  CODE_PAGES.map((page) => [page.namespace, page.number]),
);

// Built packed (every slot holds a value, undefined or a name), not holey as new Array(n) would be.
function buildNameTable(): (string | undefined)[] {
  const table = Array.from<string | undefined>({ length: CODE_PAGES.length * TOKENS_PER_PAGE });
  for (const page of CODE_PAGES) {
    for (const [token, name] of Object.entries(page.tags)) {
      table[page.number * TOKENS_PER_PAGE + Number(token)] = name;
    }
  }
  return table;
}

function buildTokenMap(page: CodePage): ReadonlyMap<string, number> {
  return new Map(Object.entries(page.tags).map(([token, name]) => [name, Number(token)]));
}

/** Tag name for a token (without the 0x40 content bit), or undefined if the page has none. */
export function tagName(page: number, token: number): string | undefined {
  if (!Number.isInteger(page) || !Number.isInteger(token)) return undefined;
  if (token < 0 || token >= TOKENS_PER_PAGE || page < 0 || page >= CODE_PAGES.length) return undefined;
  return TAG_NAME_TABLE[page * TOKENS_PER_PAGE + token];
}

/** Token for a tag name on a page, or undefined if the page has no such tag. */
export function tagToken(page: number, tag: string): number | undefined {
  return Number.isInteger(page) ? tokensByPageName[page]?.get(tag) : undefined;
}

/** Page number for a namespace as MS-ASWBXML spells it ("AirSync" -> 0). */
export function pageNumber(namespace: string): number | undefined {
  return pagesByNamespace.get(namespace);
}
