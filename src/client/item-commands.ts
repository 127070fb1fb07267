// MoveItems (MS-ASCMD 2.2.1.12) and ItemOperations (2.2.1.10) as a device sends them: request
// builders in the schemas' element order, tolerant readers, and the reader of a multipart answer
// (2.2.1.10.1: PartsCount, then Offset and Length per part as 32-bit little-endian integers, then
// the parts; part 0 is the WBXML). A fetched item's or attachment's bytes are resolved for the
// caller whether they came inline (Data) or in a part (Part).

import { childElements, decodeWbxml, element, firstChild, qualifiedName, textContent, type WbxmlElement } from '../wbxml/index.js';
import { EasClientError } from './client-errors.js';
import type { CommandChannel, EasResponse } from './client-types.js';
import { expectRoot, readCommandStatus } from './response-readers.js';

export interface MoveSpec {
  srcMsgId: string;
  srcFldId: string;
  dstFldId: string;
}

export interface MoveResult {
  srcMsgId: string;
  status: number | undefined;
  dstMsgId?: string;
}

export interface MoveItemsResult {
  /** Command-level Status, present only when the whole request failed. */
  status: number | undefined;
  moves: MoveResult[];
  response: EasResponse;
}

export interface BodyPreferenceSpec {
  type: 1 | 2 | 3 | 4;
  truncationSize?: number;
  allOrNone?: boolean;
  preview?: number;
}

export interface FetchSpec {
  /** "Mailbox" unless given. */
  store?: string;
  collectionId?: string;
  serverId?: string;
  longId?: string;
  fileReference?: string;
  linkId?: string;
  bodyPreferences?: BodyPreferenceSpec[];
  mimeSupport?: 0 | 1 | 2;
  /** "m-n", zero-based and inclusive. */
  range?: string;
  /** Qualified names for Schema, e.g. "Email:Subject". */
  schema?: string[];
}

export type ItemOperationSpec =
  | { fetch: FetchSpec }
  | { emptyFolder: { collectionId: string; deleteSubfolders?: boolean } }
  | { moveConversation: { conversationId: Uint8Array; dstFldId: string; moveAlways?: boolean } };

export interface FetchResult {
  status: number | undefined;
  collectionId?: string;
  serverId?: string;
  longId?: string;
  fileReference?: string;
  className?: string;
  properties?: WbxmlElement;
  /** Attachment bytes (Properties/Data or its Part). */
  data?: Uint8Array;
  /** Item body bytes (AirSyncBase:Body Data or its Part), UTF-8 for text bodies. */
  body?: Uint8Array;
}

export interface ItemOperationsResult {
  status: number | undefined;
  fetches: FetchResult[];
  emptied: { collectionId?: string; status: number | undefined }[];
  moved: { conversationId?: Uint8Array; status: number | undefined }[];
  /** Whether the server answered in the multipart format. */
  multipart: boolean;
  /** The decoded WBXML (part 0 of a multipart answer). */
  root: WbxmlElement;
  response: EasResponse;
}

export function buildMoveItems(moves: readonly MoveSpec[]): WbxmlElement {
  return element('Move:MoveItems', moves.map((m) => element('Move:Move', [
    element('Move:SrcMsgId', m.srcMsgId), element('Move:SrcFldId', m.srcFldId), element('Move:DstFldId', m.dstFldId),
  ])));
}

const textOf = (el: WbxmlElement | undefined): string | undefined => (el === undefined ? undefined : textContent(el));
const intOf = (el: WbxmlElement | undefined): number | undefined => {
  const value = textOf(el)?.trim();
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined;
};

export function readMoveItemsReply(root: WbxmlElement): Omit<MoveItemsResult, 'response'> {
  expectRoot(root, 'Move:MoveItems');
  return {
    status: readCommandStatus(root),
    moves: childElements(root, 'Move:Response').map((r) => {
      const dstMsgId = textOf(firstChild(r, 'Move:DstMsgId'));
      return { srcMsgId: textOf(firstChild(r, 'Move:SrcMsgId')) ?? '', status: intOf(firstChild(r, 'Move:Status')), ...(dstMsgId === undefined ? {} : { dstMsgId }) };
    }),
  };
}

export async function moveItems(channel: CommandChannel, moves: readonly MoveSpec[]): Promise<MoveItemsResult> {
  const response = await channel.send('MoveItems', buildMoveItems(moves));
  if (response.status !== 200 || response.body === undefined) {
    throw new EasClientError('http', `MoveItems answered HTTP ${response.status}${response.body === undefined ? ' without WBXML' : ''}`, { httpStatus: response.status });
  }
  return { ...readMoveItemsReply(response.body), response };
}

function fetchOptions(spec: FetchSpec): WbxmlElement[] {
  const options: WbxmlElement[] = [];
  if (spec.schema !== undefined) options.push(element('ItemOperations:Schema', spec.schema.map((name) => element(name))));
  if (spec.range !== undefined) options.push(element('ItemOperations:Range', spec.range));
  if (spec.mimeSupport !== undefined) options.push(element('AirSync:MIMESupport', String(spec.mimeSupport)));
  for (const p of spec.bodyPreferences ?? []) {
    const children = [element('AirSyncBase:Type', String(p.type))];
    if (p.truncationSize !== undefined) children.push(element('AirSyncBase:TruncationSize', String(p.truncationSize)));
    if (p.allOrNone !== undefined) children.push(element('AirSyncBase:AllOrNone', p.allOrNone ? '1' : '0'));
    if (p.preview !== undefined) children.push(element('AirSyncBase:Preview', String(p.preview)));
    options.push(element('AirSyncBase:BodyPreference', children));
  }
  return options;
}

function buildFetch(spec: FetchSpec): WbxmlElement {
  // ItemOperations request schema: Store, CollectionId, ServerId, LongId, LinkId, FileReference, Options.
  const children = [element('ItemOperations:Store', spec.store ?? 'Mailbox')];
  const add = (name: string, value: string | undefined): void => {
    if (value !== undefined) children.push(element(name, value));
  };
  add('AirSync:CollectionId', spec.collectionId);
  add('AirSync:ServerId', spec.serverId);
  add('Search:LongId', spec.longId);
  add('DocumentLibrary:LinkId', spec.linkId);
  add('AirSyncBase:FileReference', spec.fileReference);
  const options = fetchOptions(spec);
  if (options.length > 0) children.push(element('ItemOperations:Options', options));
  return element('ItemOperations:Fetch', children);
}

export function buildItemOperations(operations: readonly ItemOperationSpec[]): WbxmlElement {
  return element('ItemOperations:ItemOperations', operations.map((op) => {
    if ('fetch' in op) return buildFetch(op.fetch);
    if ('emptyFolder' in op) {
      const children = [element('AirSync:CollectionId', op.emptyFolder.collectionId)];
      if (op.emptyFolder.deleteSubfolders === true) children.push(element('ItemOperations:Options', element('ItemOperations:DeleteSubFolders')));
      return element('ItemOperations:EmptyFolderContents', children);
    }
    const { conversationId, dstFldId, moveAlways } = op.moveConversation;
    const children = [element('ItemOperations:ConversationId', conversationId), element('ItemOperations:DstFldId', dstFldId)];
    if (moveAlways === true) children.push(element('ItemOperations:Options', element('ItemOperations:MoveAlways')));
    return element('ItemOperations:Move', children);
  }));
}

/** The parts of a multipart answer; throws when the structure does not hold together. */
export function readMultipart(raw: Uint8Array): Uint8Array[] {
  const bad = (why: string): EasClientError => new EasClientError('bad-response', `multipart ItemOperations answer: ${why}`);
  if (raw.length < 4) throw bad('shorter than its part count');
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const count = view.getUint32(0, true);
  if (count === 0 || 4 + 8 * count > raw.length) throw bad(`${count} parts do not fit ${raw.length} bytes`);
  const parts: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    const offset = view.getUint32(4 + 8 * i, true);
    const length = view.getUint32(8 + 8 * i, true);
    if (offset + length > raw.length) throw bad(`part ${i} runs past the end`);
    parts.push(raw.subarray(offset, offset + length));
  }
  return parts;
}

function contentOf(el: WbxmlElement | undefined, parts: readonly Uint8Array[]): Uint8Array | undefined {
  if (el === undefined) return undefined;
  if (qualifiedName(el) === 'ItemOperations:Part') {
    const part = parts[intOf(el) ?? -1];
    if (part === undefined) throw new EasClientError('bad-response', `ItemOperations Part ${textOf(el)} does not exist`);
    return part;
  }
  return Buffer.concat(el.children.map((c) => (typeof c === 'string' ? Buffer.from(c, 'utf8') : c instanceof Uint8Array ? c : new Uint8Array(0))));
}

function readFetch(el: WbxmlElement, parts: readonly Uint8Array[]): FetchResult {
  const result: FetchResult = { status: intOf(firstChild(el, 'ItemOperations:Status')) };
  const text = (name: string): string | undefined => textOf(firstChild(el, name));
  const set = <K extends keyof FetchResult>(key: K, value: FetchResult[K] | undefined): void => {
    if (value !== undefined) result[key] = value;
  };
  set('collectionId', text('AirSync:CollectionId'));
  set('serverId', text('AirSync:ServerId'));
  set('longId', text('Search:LongId'));
  set('fileReference', text('AirSyncBase:FileReference'));
  set('className', text('AirSync:Class'));
  const properties = firstChild(el, 'ItemOperations:Properties');
  if (properties === undefined) return result;
  result.properties = properties;
  set('data', contentOf(firstChild(properties, 'ItemOperations:Data') ?? firstChild(properties, 'ItemOperations:Part'), parts));
  const body = firstChild(properties, 'AirSyncBase:Body');
  if (body !== undefined) set('body', contentOf(firstChild(body, 'AirSyncBase:Data') ?? firstChild(body, 'ItemOperations:Part'), parts));
  return result;
}

export function readItemOperationsReply(root: WbxmlElement, parts: readonly Uint8Array[] = []): Omit<ItemOperationsResult, 'response' | 'multipart'> {
  expectRoot(root, 'ItemOperations:ItemOperations');
  const response = firstChild(root, 'ItemOperations:Response');
  const all = response === undefined ? [] : childElements(response);
  const statusOf = (el: WbxmlElement): number | undefined => intOf(firstChild(el, 'ItemOperations:Status'));
  return {
    status: readCommandStatus(root),
    fetches: all.filter((el) => qualifiedName(el) === 'ItemOperations:Fetch').map((el) => readFetch(el, parts)),
    emptied: all.filter((el) => qualifiedName(el) === 'ItemOperations:EmptyFolderContents').map((el) => {
      const collectionId = textOf(firstChild(el, 'AirSync:CollectionId'));
      return { status: statusOf(el), ...(collectionId === undefined ? {} : { collectionId }) };
    }),
    moved: all.filter((el) => qualifiedName(el) === 'ItemOperations:Move').map((el) => {
      const id = firstChild(el, 'ItemOperations:ConversationId');
      return { status: statusOf(el), ...(id === undefined ? {} : { conversationId: contentOf(id, parts) ?? new Uint8Array(0) }) };
    }),
    root,
  };
}

/** Sends ItemOperations; with `multipart` it asks for the multipart answer (MS-ASAcceptMultiPart: T). */
export async function itemOperations(
  channel: CommandChannel, operations: readonly ItemOperationSpec[], options: { multipart?: boolean } = {},
): Promise<ItemOperationsResult> {
  const response = await channel.send('ItemOperations', buildItemOperations(operations), options.multipart === true ? { params: { acceptMultiPart: true } } : {});
  if (response.status !== 200) throw new EasClientError('http', `ItemOperations answered HTTP ${response.status}`, { httpStatus: response.status });
  if (response.body !== undefined) return { ...readItemOperationsReply(response.body), multipart: false, response };
  const parts = readMultipart(response.raw);
  let root: WbxmlElement;
  try {
    root = decodeWbxml(parts[0] ?? new Uint8Array(0));
  } catch (cause) {
    throw new EasClientError('bad-response', 'multipart ItemOperations answer: part 0 is not WBXML', { cause });
  }
  return { ...readItemOperationsReply(root, parts), multipart: true, response };
}

/** Fetches only: one FetchResult per spec, in order. */
export async function itemOperationsFetch(
  channel: CommandChannel, fetches: readonly FetchSpec[], options: { multipart?: boolean } = {},
): Promise<ItemOperationsResult> {
  return itemOperations(channel, fetches.map((fetch) => ({ fetch })), options);
}
