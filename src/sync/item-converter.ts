// The seam between the sync engine and the content converters: one ItemConverter per item class,
// supplied by the command layer (the engine may not import src/content). The engine hands over
// stored items exactly as the class's store returns them and gets back the ApplicationData
// children, and the reverse for a client Add or Change; FilterType windows that need the
// content (calendar occurrences, task completion) are judged here too.

import type { FolderType, ItemClass } from '../domain/folder.js';
import type { ItemRef } from '../domain/item.js';
import type { ProtocolVersion } from '../eas/protocol-version.js';
import type { WbxmlElement } from '../eas/wbxml-body.js';
import type { ItemFilter } from './filter-type.js';
import type { SyncItemOptions } from './sync-request.js';

export interface ConverterCall {
  readonly protocolVersion: ProtocolVersion;
  readonly options: SyncItemOptions;
  /** The collection's Supported list from its SyncKey 0 request (MS-ASCMD 2.2.3.179), if any. */
  readonly supported?: readonly string[];
  /** The collection's folder type: 16.x clients add mail only in Drafts (MS-ASEMAIL 2.2.2.42). */
  readonly folderType?: FolderType;
  /** The authenticated user's address, the From of a draft a client writes. */
  readonly userAddress?: string;
}

export interface ItemConverter {
  /** AirSync:ApplicationData children for an item as the store's getItems returned it. */
  encode(item: ItemRef, call: ConverterCall): WbxmlElement[] | Promise<WbxmlElement[]>;
  /**
   * The store input for a client Add (`existing` undefined) or Change merged into `existing`, or a
   * promise of it. Throws (or rejects) for data that cannot be converted: Status 6 for that item.
   */
  decode(appData: WbxmlElement, existing: ItemRef | undefined, call: ConverterCall): unknown;
  /**
   * Writes a decoded client Add when the class may do more than store it; without it the engine
   * calls the store's createItem. Resolves to the item stored in the folder, or to undefined when
   * the Add was carried out without leaving one there (a 16.x draft added with Email2:Send is
   * sent and filed in Sent Items, MS-ASEMAIL 2.2.2.69): the engine still answers the ClientId
   * with a ServerId and deletes that on the device in its next reply. Same errors as createItem;
   * a client retry after a lost state commit reaches it again with the same `clientRef`.
   */
  create?(target: CreateTarget, input: unknown): Promise<ItemRef | undefined>;
  /**
   * Writes a decoded client Change when the class does not replace whole items (mail changes only
   * flags); without it the engine calls the store's updateItem. Same errors as updateItem.
   */
  update?(target: UpdateTarget, input: unknown, ifVersion: string): Promise<ItemRef>;
  /**
   * Whether a decoded Change would leave `existing` as it is: the Change was applied already (its
   * Sync reached the store but the state commit was lost), so a version mismatch is no conflict.
   */
  alreadyApplied?(input: unknown, existing: ItemRef): boolean;
  /**
   * Whether a stored item is inside the device's FilterType window. Without it only `since` is
   * applied, to items that carry a receivedAt (mail).
   */
  matchesFilter?(item: ItemRef, filter: ItemFilter, call: ConverterCall): boolean;
}

export interface UpdateTarget {
  readonly store: unknown;
  readonly user: string;
  readonly folderId: string;
  readonly itemId: string;
}

export interface CreateTarget {
  readonly store: unknown;
  readonly user: string;
  readonly folderId: string;
  /** CreateOptions.clientRef of the Add (device, collection, SyncKey, ClientId). */
  readonly clientRef: string;
}

/** The converters the engine has; a class without one is not synced (its collections get Status 5). */
export type ItemConverters = Partial<Readonly<Record<ItemClass, ItemConverter>>>;
