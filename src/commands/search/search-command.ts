// The Search command (MS-ASCMD 2.2.1.16) for the mailbox store. GAL search needs a directory
// (LDAP) and DocumentLibrary search SharePoint or UNC shares, neither of which this server has
// yet; both get a Store status rather than an error: GAL Status 3 (the server is not set up to
// answer it; a directory that is configured but unreachable would be 7), DocumentLibrary Status
// 13 (access blocked, what Exchange answers when policy turns document access off). A malformed
// or unsupported query is Store Status 2 or 8, a folder the device does not know Status 11, and
// an unexpected failure Search Status 3 with the cause in the log, never an HTTP 500.

import { deviceKey } from '../../domain/device.js';
import { FolderNotFoundError, InvalidInputError } from '../../domain/errors.js';
import type { WbxmlElement } from '../../eas/wbxml-body.js';
import type { CommandDeps } from '../command-deps.js';
import { CommandResults, type CommandContext, type CommandDefinition, type CommandRequest, type CommandResult } from '../registry.js';
import { readMailboxQuery } from './mailbox-query.js';
import { runMailboxSearch } from './mailbox-search.js';
import { readMailboxOptions } from './search-options.js';
import { readSearchRequest, type SearchStoreRequest } from './search-request.js';
import { serverErrorResponse, storeResponse } from './search-response.js';
import { SearchStoreError, StoreStatus } from './search-status.js';

async function searchMailbox(deps: CommandDeps, ctx: CommandContext, store: SearchStoreRequest): Promise<WbxmlElement> {
  const query = readMailboxQuery(store.query);
  const options = readMailboxOptions(store.options);
  const matches = await runMailboxSearch(
    { state: deps.state, stores: deps.stores, key: deviceKey(ctx.user.username, ctx.deviceId), protocolVersion: ctx.protocolVersion, log: ctx.log },
    query,
    options,
  );
  ctx.log.debug({ total: matches.total, returned: matches.results.length, words: query.words.length }, 'mailbox search');
  return storeResponse(StoreStatus.Success, matches);
}

/** Typed failures that mean "this query, for this store": their Store status. */
function storeStatusOf(error: unknown): SearchStoreError | undefined {
  if (error instanceof SearchStoreError) return error;
  // A folder deleted between scope and search: the device's hierarchy is behind.
  if (error instanceof FolderNotFoundError) return new SearchStoreError(StoreStatus.FolderSyncRequired, error.message);
  if (error instanceof InvalidInputError) return new SearchStoreError(StoreStatus.InvalidRequest, error.message);
  return undefined;
}

async function handleSearch(deps: CommandDeps, ctx: CommandContext, request: CommandRequest): Promise<CommandResult> {
  try {
    const store = readSearchRequest(request);
    switch (store.name) {
      case 'Mailbox':
        return CommandResults.wbxml(await searchMailbox(deps, ctx, store));
      case 'GAL':
        ctx.log.info('GAL search asked for, but no directory is configured');
        return CommandResults.wbxml(storeResponse(StoreStatus.ServerError));
      case 'DocumentLibrary':
        ctx.log.info('DocumentLibrary search asked for; document access is not offered');
        return CommandResults.wbxml(storeResponse(StoreStatus.AccessBlocked));
    }
  } catch (error) {
    const refused = storeStatusOf(error);
    if (refused !== undefined) {
      ctx.log.info({ storeStatus: refused.status, reason: refused.message }, 'Search refused');
      return CommandResults.wbxml(storeResponse(refused.status));
    }
    ctx.log.error({ err: error }, 'Search failed');
    return CommandResults.wbxml(serverErrorResponse());
  }
}

export function createSearchCommand(deps: CommandDeps): CommandDefinition {
  return {
    name: 'Search',
    // MS-ASCMD 2.2.3.120.2: 2.5 knows only GAL search, which this server cannot answer yet, so
    // Search is offered from 12.0, where mailbox search begins.
    minVersion: '12.0',
    needsProvisioning: true,
    handle: (ctx, request) => handleSearch(deps, ctx, request),
  };
}
