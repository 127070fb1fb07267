// Applies a client's Add, Change, Delete and Fetch (MS-ASCMD 2.2.3.7.2, 2.2.3.24, 2.2.3.42.2,
// 2.2.3.67.2) to the backend and records the Responses. Per-item failures never fail the
// collection: data the converter rejects is Status 6, an item that is gone is 8, and a Change to
// an item the server changed since the device last saw it is 7 with the server's version queued
// to go out in the same reply (server wins, CLIENT-QUIRKS §6.6) unless the client asked for
// Conflict 0 (client wins). Store failures (full, unavailable) are not per item: they propagate
// and the whole collection answers 9 or 16 with nothing committed.
//
// The crash window (ARCHITECTURE.md "SyncKey and retries"): a write that reached the store while
// the state commit after it was lost (the process died) must not repeat on the client's retry,
// which comes with the same key. Every Add therefore carries a clientRef made of device,
// collection, that key and the ClientId (CreateOptions, a port-level promise: the store hands back
// the item it made under the same ref — the embedded store derives the item id from it, an IMAP
// store would search a header, a DAV store would PUT to a name derived from it with If-None-Match).
// A retried Change finds the store already as it asks (ItemConverter.alreadyApplied): no conflict.
// A retried Delete finds the item gone, which counts as done.
//
// An Add the converter carries out without leaving an item in the folder (ItemConverter.create: a
// 16.x draft added with Email2:Send goes out instead) still gets a ServerId, as every successful
// Add does (MS-ASCMD 2.2.3.7.2). It is mapped to a placeholder that names no item, so the device
// is told to delete it by the ordinary backlog path: in the next reply, never in this one, since a
// reply lists Commands before Responses (MS-ASCMD 2.2.3.29.2) and a device reading in order would
// meet the Delete before it learns the ServerId. The queued placeholder also makes the next Ping
// answer at once (push-hub-backlog.ts), as Exchange tells of a sent draft once it left Drafts.

import { InvalidInputError, ItemNotFoundError, VersionConflictError } from '../domain/errors.js';
import type { ItemRef } from '../domain/item.js';
import type { IdMapChange } from '../domain/state-store.js';
import { element, type WbxmlElement } from '../eas/wbxml-body.js';
import type { CollectionRun } from './collection-run.js';
import type { ClientCommand } from './sync-request.js';
import { SyncStatus } from './sync-status.js';

export interface ClientCommandOptions {
  /** ClientId → ServerId of the Adds the current state answered: a reused ClientId gets its item back, not a duplicate. */
  readonly knownClientIds: Readonly<Record<string, string>>;
  readonly clientWins: boolean;
  /**
   * Prefix of each Add's CreateOptions.clientRef (device, collection and the SyncKey the request
   * was built on): an Add that reached the store but whose state commit was lost (the process died
   * in between) is found again when the client retries with the same key, instead of duplicated.
   */
  readonly clientRefPrefix: string;
}

/** Applies the commands in order; resolves to backend ids whose server version must go out first. */
export async function applyClientCommands(
  run: CollectionRun,
  commands: readonly ClientCommand[],
  options: ClientCommandOptions,
): Promise<string[]> {
  const resend: string[] = [];
  for (const command of commands) {
    switch (command.kind) {
      case 'add':
        await clientAdd(run, command.clientId, command.appData, options);
        break;
      case 'change':
        if (await clientChange(run, command.serverId, command.appData, options.clientWins)) {
          const backendId = await run.backendIdOf(command.serverId);
          if (backendId !== undefined) resend.push(backendId);
        }
        break;
      case 'delete':
        await clientDelete(run, command.serverId);
        break;
      case 'fetch':
        await clientFetch(run, command.serverId);
        break;
    }
  }
  return resend;
}

/**
 * Marks the backend ids that stand for an Add carried out without an item in the folder. No store
 * hands out an id like it (embedded ids are base32, IMAP ids numbers, DAV ids hrefs), and the
 * clientRef after it makes each one unique.
 */
const PLACEHOLDER_PREFIX = 'no-item:';

const placeholderFor = (clientRef: string): string => `${PLACEHOLDER_PREFIX}${clientRef}`;

/** The placeholders among a reply's own id-map changes (loop detection rebuilds that reply and must defer them again). */
export function placeholdersIn(changes: readonly IdMapChange[]): string[] {
  return changes.flatMap((change) => (change.op === 'put' && change.backendId.startsWith(PLACEHOLDER_PREFIX) ? [change.backendId] : []));
}

const reply = (name: string, fields: readonly [string, string][], extra: WbxmlElement[] = []): WbxmlElement =>
  element(`AirSync:${name}`, [...fields.map(([tag, text]) => element(`AirSync:${tag}`, text)), ...extra]);

const isClientDataError = (error: unknown): boolean => !(error instanceof Error) || !('code' in error) || error instanceof InvalidInputError
  || (error as { syncStatus?: unknown }).syncStatus === SyncStatus.ConversionError;

async function clientAdd(run: CollectionRun, clientId: string, appData: WbxmlElement, options: ClientCommandOptions): Promise<void> {
  const known = options.knownClientIds[clientId] ?? run.clientIds[clientId];
  if (known !== undefined && (await run.backendIdOf(known)) !== undefined) {
    run.clientIds[clientId] = known;
    run.responses.push(reply('Add', [['ClientId', clientId], ['ServerId', known], ['Status', String(SyncStatus.Success)]]));
    return;
  }
  const { target } = run;
  const clientRef = `${options.clientRefPrefix}${clientId}`;
  let created: ItemRef | undefined;
  try {
    const input: unknown = await target.converter.decode(appData, undefined, target.call);
    created = target.converter.create === undefined
      ? await target.store.createItem(run.user, target.folderId, input, { clientRef })
      : await target.converter.create({ store: target.store, user: run.user, folderId: target.folderId, clientRef }, input);
  } catch (error) {
    if (!isClientDataError(error)) throw error;
    run.responses.push(reply('Add', [['ClientId', clientId], ['Status', String(SyncStatus.ConversionError)]]));
    return;
  }
  const [serverId = ''] = await run.allocateServerIds(1);
  if (created === undefined) {
    const placeholder = placeholderFor(clientRef);
    run.map(placeholder, serverId, null);
    run.deferred.add(placeholder);
  } else {
    run.map(created.id, serverId, created.version);
  }
  run.clientIds[clientId] = serverId;
  run.responses.push(reply('Add', [['ClientId', clientId], ['ServerId', serverId], ['Status', String(SyncStatus.Success)]]));
}

/** Resolves to true when the server's version wins a conflict and must be sent back. */
async function clientChange(run: CollectionRun, serverId: string, appData: WbxmlElement, clientWins: boolean): Promise<boolean> {
  const { target } = run;
  const fail = (status: SyncStatus): void => {
    run.responses.push(reply('Change', [['ServerId', serverId], ['Status', String(status)]]));
  };
  const backendId = await run.backendIdOf(serverId);
  const [existing] = backendId === undefined ? [] : await target.store.getItems(run.user, target.folderId, [backendId]);
  if (backendId === undefined || existing === undefined) {
    fail(SyncStatus.ObjectNotFound);
    return false;
  }
  let input: unknown;
  try {
    input = await target.converter.decode(appData, existing, target.call);
  } catch (error) {
    if (!isClientDataError(error)) throw error;
    fail(SyncStatus.ConversionError);
    return false;
  }
  const seen = (await run.mappingOf(backendId))?.version ?? null;
  if (!clientWins && seen !== null && seen !== existing.version) {
    // The same Change retried after a lost state commit finds the store as it left it: no conflict.
    if (target.converter.alreadyApplied?.(input, existing) === true) {
      run.map(backendId, serverId, existing.version);
      return false;
    }
    fail(SyncStatus.Conflict);
    return true;
  }
  try {
    const updated = target.converter.update === undefined
      ? await target.store.updateItem(run.user, target.folderId, backendId, input, { ifVersion: existing.version })
      : await target.converter.update({ store: target.store, user: run.user, folderId: target.folderId, itemId: backendId }, input, existing.version);
    run.map(backendId, serverId, updated.version);
    return false;
  } catch (error) {
    if (error instanceof VersionConflictError) fail(SyncStatus.Conflict);
    else if (error instanceof ItemNotFoundError) fail(SyncStatus.ObjectNotFound);
    else if (isClientDataError(error)) fail(SyncStatus.ConversionError);
    else throw error;
    return error instanceof VersionConflictError;
  }
}

async function clientDelete(run: CollectionRun, serverId: string): Promise<void> {
  const backendId = await run.backendIdOf(serverId);
  if (backendId === undefined) {
    run.responses.push(reply('Delete', [['ServerId', serverId], ['Status', String(SyncStatus.ObjectNotFound)]]));
    return;
  }
  const { store, folderId, trashFolderId } = run.target;
  try {
    if (trashFolderId === undefined) await store.deleteItem(run.user, folderId, backendId);
    else await store.moveItem(run.user, folderId, backendId, trashFolderId);
  } catch (error) {
    // Already gone (another device deleted it): the device's wish holds either way.
    if (!(error instanceof ItemNotFoundError)) throw error;
  }
  run.unmap(serverId);
}

async function clientFetch(run: CollectionRun, serverId: string): Promise<void> {
  const { target } = run;
  const backendId = await run.backendIdOf(serverId);
  const [item] = backendId === undefined ? [] : await target.store.getItems(run.user, target.folderId, [backendId]);
  if (item === undefined) {
    run.responses.push(reply('Fetch', [['ServerId', serverId], ['Status', String(SyncStatus.ObjectNotFound)]]));
    return;
  }
  const data = element('AirSync:ApplicationData', await target.converter.encode(item, target.call));
  run.responses.push(reply('Fetch', [['ServerId', serverId], ['Status', String(SyncStatus.Success)]], [data]));
}
