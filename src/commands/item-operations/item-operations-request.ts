// Reading an ItemOperations request (MS-ASCMD 2.2.1.10) into its operations, in request order:
// Fetch (2.2.3.67.2), EmptyFolderContents (2.2.3.58) and the 14.0+ conversation Move
// (2.2.3.117.1). Each operation is read on its own: one that cannot be served as written keeps a
// `problem` and gets its own Status 2, the others still run.

import type { BodyPreference, BodyType } from '../../content/conversion-context.js';
import { childElements, firstChild, qualifiedName, textContent, type WbxmlElement } from '../../eas/wbxml-body.js';
import { parseByteRange, type ByteRange } from './byte-range.js';

export interface FetchOptions {
  readonly bodyPreferences: readonly BodyPreference[];
  readonly mimeSupport?: 0 | 1 | 2;
  /** Qualified names of the properties the client wants (Schema); undefined means all. */
  readonly schema?: readonly string[];
  /** Absent: the whole attachment; 'invalid': the client's Range could not be read (Status 8). */
  readonly range?: ByteRange | 'invalid';
}

export interface FetchOperation {
  readonly kind: 'fetch';
  readonly store: string;
  readonly collectionId?: string;
  readonly serverId?: string;
  readonly longId?: string;
  readonly fileReference?: string;
  readonly linkId?: string;
  readonly options: FetchOptions;
  readonly problem?: string;
}

export interface EmptyFolderOperation {
  readonly kind: 'empty-folder';
  readonly collectionId: string;
  readonly deleteSubfolders: boolean;
}

export interface ConversationMoveOperation {
  readonly kind: 'move';
  readonly conversationId: Uint8Array;
  readonly dstFldId: string;
  readonly moveAlways: boolean;
}

export type ItemOperation = FetchOperation | EmptyFolderOperation | ConversationMoveOperation;

const text = (parent: WbxmlElement, name: string): string | undefined => {
  const el = firstChild(parent, name);
  return el === undefined ? undefined : textContent(el).trim();
};

/** Opaque values (ConversationId) as the bytes the client sent; inline text as its UTF-8. */
function bytesOf(el: WbxmlElement | undefined): Uint8Array {
  if (el === undefined) return Buffer.alloc(0);
  return Buffer.concat(el.children.map((c) => (typeof c === 'string' ? Buffer.from(c, 'utf8') : c instanceof Uint8Array ? c : new Uint8Array(0))));
}

function integer(value: string | undefined): number | undefined {
  return value !== undefined && /^\d{1,9}$/.test(value) ? Number(value) : undefined;
}

function bodyPreference(el: WbxmlElement): BodyPreference | undefined {
  const type = integer(text(el, 'AirSyncBase:Type'));
  if (type === undefined || type < 1 || type > 4) return undefined;
  const truncationSize = integer(text(el, 'AirSyncBase:TruncationSize'));
  const preview = integer(text(el, 'AirSyncBase:Preview'));
  const allOrNone = text(el, 'AirSyncBase:AllOrNone');
  return {
    type: type as BodyType,
    ...(truncationSize === undefined ? {} : { truncationSize }),
    ...(preview === undefined ? {} : { preview }),
    ...(allOrNone === undefined ? {} : { allOrNone: allOrNone !== '0' }),
  };
}

function readFetchOptions(options: WbxmlElement | undefined): { options: FetchOptions; problem?: string } {
  if (options === undefined) return { options: { bodyPreferences: [] } };
  const preferences = childElements(options, 'AirSyncBase:BodyPreference').map(bodyPreference);
  const bodyPreferences = preferences.filter((p): p is BodyPreference => p !== undefined);
  const mimeSupport = integer(text(options, 'AirSync:MIMESupport'));
  const schema = firstChild(options, 'ItemOperations:Schema');
  const range = text(options, 'ItemOperations:Range');
  const read: FetchOptions = {
    bodyPreferences,
    ...(mimeSupport === 0 || mimeSupport === 1 || mimeSupport === 2 ? { mimeSupport } : {}),
    ...(schema === undefined || schema.children.length === 0 ? {} : { schema: childElements(schema).map(qualifiedName) }),
    ...(range === undefined ? {} : { range: parseByteRange(range) ?? 'invalid' }),
  };
  return bodyPreferences.length === preferences.length ? { options: read } : { options: read, problem: 'BodyPreference without a valid Type' };
}

function readFetch(el: WbxmlElement): FetchOperation {
  const { options, problem } = readFetchOptions(firstChild(el, 'ItemOperations:Options'));
  const ids = {
    collectionId: text(el, 'AirSync:CollectionId'),
    serverId: text(el, 'AirSync:ServerId'),
    longId: text(el, 'Search:LongId'),
    fileReference: text(el, 'AirSyncBase:FileReference'),
    linkId: text(el, 'DocumentLibrary:LinkId'),
  };
  const fetch: FetchOperation = {
    kind: 'fetch',
    store: text(el, 'ItemOperations:Store') ?? '',
    ...Object.fromEntries(Object.entries(ids).filter(([, value]) => value !== undefined)),
    options,
  };
  // MS-ASCMD 2.2.3.67.2: one item per Fetch, named one way.
  const named = [ids.serverId, ids.longId, ids.fileReference, ids.linkId].filter((id) => id !== undefined).length;
  if (named > 1) return { ...fetch, problem: 'more than one of ServerId, LongId, FileReference and LinkId' };
  return problem === undefined ? fetch : { ...fetch, problem };
}

/** The operations in request order; elements other than the three operations are ignored. */
export function readItemOperationsRequest(root: WbxmlElement): ItemOperation[] {
  const out: ItemOperation[] = [];
  for (const el of childElements(root)) {
    switch (qualifiedName(el)) {
      case 'ItemOperations:Fetch':
        out.push(readFetch(el));
        break;
      case 'ItemOperations:EmptyFolderContents': {
        const options = firstChild(el, 'ItemOperations:Options');
        const deleteSubfolders = options !== undefined && firstChild(options, 'ItemOperations:DeleteSubFolders') !== undefined;
        out.push({ kind: 'empty-folder', collectionId: text(el, 'AirSync:CollectionId') ?? '', deleteSubfolders });
        break;
      }
      case 'ItemOperations:Move': {
        const options = firstChild(el, 'ItemOperations:Options');
        out.push({
          kind: 'move',
          conversationId: bytesOf(firstChild(el, 'ItemOperations:ConversationId')),
          dstFldId: text(el, 'ItemOperations:DstFldId') ?? '',
          moveAlways: options !== undefined && firstChild(options, 'ItemOperations:MoveAlways') !== undefined,
        });
        break;
      }
    }
  }
  return out;
}
