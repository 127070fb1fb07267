// FolderCreate, FolderUpdate and FolderDelete against one device's committed hierarchy: apply the
// change to the store, then commit the set the device holds WITH the change in it, so the next
// FolderSync does not report the device's own change back to it. A request resent with the
// previous key after a lost reply gets that reply again instead of a second change.

import type { DeviceKey } from '../domain/device.js';
import { FolderType, isCreatableFolderType } from '../domain/folder.js';
import type { HierarchyStore } from '../domain/hierarchy-store.js';
import type { FolderEntry, HierarchyStateStore } from '../domain/state-store.js';
import { firstChild, textContent, type WbxmlElement } from '../eas/wbxml-body.js';
import { ROOT_PARENT_ID, withEntryChanged, withoutSubtree } from './hierarchy-diff.js';
import { HierarchyStatus, folderCreateBody, successBody } from './hierarchy-reply.js';
import { commitReply, failure, replay, storedBody, type HierarchyBase, type HierarchyReply } from './hierarchy-state.js';

export interface FolderCreateRequest {
  readonly syncKey: string;
  /** "0" for the top of the hierarchy, else a ServerId the device was given. */
  readonly parentId: string;
  readonly displayName: string;
  readonly type: number;
}

export interface FolderUpdateRequest {
  readonly syncKey: string;
  readonly serverId: string;
  readonly parentId: string;
  readonly displayName: string;
}

export interface FolderDeleteRequest {
  readonly syncKey: string;
  readonly serverId: string;
}

/** What one operation works with, all under the device's lock. */
export interface FolderOperationContext {
  readonly device: DeviceKey;
  readonly user: string;
  readonly base: HierarchyBase;
  readonly state: HierarchyStateStore;
  readonly folders: HierarchyStore;
}

/** Checks that need no state: MS-ASCMD 2.2.3.177.3 and the test suite's reading of it. */
export function checkNewFolder(request: FolderCreateRequest): HierarchyStatus | undefined {
  // Creating a Recipient Information Cache is refused with 3 (MS-ASCMD 2.2.1.3); creating any
  // other default folder, or a type that does not exist, is the semantic error 10.
  if (request.type === FolderType.RecipientInformationCache) return HierarchyStatus.SpecialFolder;
  if (!isCreatableFolderType(request.type)) return HierarchyStatus.MalformedRequest;
  if (request.displayName.trim() === '') return HierarchyStatus.MalformedRequest;
  return undefined;
}

export function checkFolderUpdate(request: FolderUpdateRequest): HierarchyStatus | undefined {
  return request.displayName.trim() === '' ? HierarchyStatus.MalformedRequest : undefined;
}

/** ParentId "0" is the top (null); any other must be a ServerId this device holds (undefined if not). */
async function parentBackendId(ctx: FolderOperationContext, parentId: string): Promise<string | null | undefined> {
  if (parentId === ROOT_PARENT_ID) return null;
  return (await ctx.state.lookup(ctx.device, parentId))?.backendId;
}

function entryOf(folders: readonly FolderEntry[], serverId: string | undefined): FolderEntry | undefined {
  return serverId === undefined ? undefined : folders.find((entry) => entry.serverId === serverId);
}

function retriedCreate(base: HierarchyBase, request: FolderCreateRequest): HierarchyReply | undefined {
  if (base.kind !== 'previous') return undefined;
  const body = storedBody(base.current, 'FolderCreate');
  const idElement = body === undefined ? undefined : firstChild(body, 'FolderHierarchy:ServerId');
  const created = entryOf(base.current.folders, idElement === undefined ? undefined : textContent(idElement));
  const same = created !== undefined && created.parentId === request.parentId
    && created.displayName === request.displayName && created.type === request.type;
  return same ? replay(base.current, body as WbxmlElement) : undefined;
}

export async function createFolder(ctx: FolderOperationContext, request: FolderCreateRequest): Promise<HierarchyReply> {
  const retried = retriedCreate(ctx.base, request);
  if (retried !== undefined) return retried;
  const parentId = await parentBackendId(ctx, request.parentId);
  if (parentId === undefined) return failure('FolderCreate', HierarchyStatus.ParentNotFound);
  // checkNewFolder refused these before the lock; this narrows the type for the store.
  if (!isCreatableFolderType(request.type)) return failure('FolderCreate', HierarchyStatus.MalformedRequest);
  const created = await ctx.folders.createFolder(ctx.user, { parentId, displayName: request.displayName, type: request.type });
  const serverId = (await ctx.state.assignServerIds(ctx.device, [created.id])).get(created.id);
  if (serverId === undefined) throw new Error(`no ServerId assigned to new folder ${created.id}`);
  const entry: FolderEntry = {
    serverId,
    parentId: request.parentId,
    displayName: created.displayName,
    type: created.type,
    backendId: created.id,
  };
  const folders = [...ctx.base.state.folders, entry];
  return commitReply(ctx.state, ctx.device, ctx.base.state.syncKey, folders, folderCreateBody(serverId));
}

function retriedUpdate(base: HierarchyBase, request: FolderUpdateRequest): HierarchyReply | undefined {
  if (base.kind !== 'previous') return undefined;
  const body = storedBody(base.current, 'FolderUpdate');
  const after = entryOf(base.current.folders, request.serverId);
  const before = entryOf(base.state.folders, request.serverId);
  if (body === undefined || after === undefined) return undefined;
  const asRequested = after.parentId === request.parentId && after.displayName === request.displayName;
  // The current state must be THIS folder's update; replaying another folder's would hide it.
  const changedHere = before === undefined || before.parentId !== after.parentId || before.displayName !== after.displayName;
  return asRequested && changedHere ? replay(base.current, body) : undefined;
}

export async function updateFolder(ctx: FolderOperationContext, request: FolderUpdateRequest): Promise<HierarchyReply> {
  const retried = retriedUpdate(ctx.base, request);
  if (retried !== undefined) return retried;
  const target = await ctx.state.lookup(ctx.device, request.serverId);
  if (target === undefined) return failure('FolderUpdate', HierarchyStatus.FolderNotFound);
  const parentId = await parentBackendId(ctx, request.parentId);
  if (parentId === undefined) return failure('FolderUpdate', HierarchyStatus.ParentNotFound);
  const updated = await ctx.folders.updateFolder(ctx.user, target.backendId, { parentId, displayName: request.displayName });
  const folders = withEntryChanged(ctx.base.state.folders, request.serverId, {
    parentId: request.parentId,
    displayName: updated.displayName,
  });
  return commitReply(ctx.state, ctx.device, ctx.base.state.syncKey, folders, successBody('FolderUpdate'));
}

function retriedDelete(base: HierarchyBase, request: FolderDeleteRequest): HierarchyReply | undefined {
  if (base.kind !== 'previous') return undefined;
  const body = storedBody(base.current, 'FolderDelete');
  const before = entryOf(base.state.folders, request.serverId);
  if (body === undefined || before === undefined || entryOf(base.current.folders, request.serverId) !== undefined) return undefined;
  // It must be the folder the current state deleted, not a child that went with its parent.
  const parentKept = before.parentId === ROOT_PARENT_ID || entryOf(base.current.folders, before.parentId) !== undefined;
  return parentKept ? replay(base.current, body) : undefined;
}

export async function deleteFolder(ctx: FolderOperationContext, request: FolderDeleteRequest): Promise<HierarchyReply> {
  const retried = retriedDelete(ctx.base, request);
  if (retried !== undefined) return retried;
  const target = await ctx.state.lookup(ctx.device, request.serverId);
  if (target === undefined) return failure('FolderDelete', HierarchyStatus.FolderNotFound);
  await ctx.folders.deleteFolder(ctx.user, target.backendId);
  const folders = withoutSubtree(ctx.base.state.folders, request.serverId);
  return commitReply(ctx.state, ctx.device, ctx.base.state.syncKey, folders, successBody('FolderDelete'));
}
