// GetItemEstimate (MS-ASCMD 2.2.1.9): how many changes the next Syncs of each collection would
// carry. Per collection: Status 2 for a collection the device's hierarchy does not name, 3 while
// the device still holds key 0 (never primed), 4 for a key that names no kept state (CLIENT-QUIRKS
// §6.4). Both the 14.0+ layout (SyncKey, CollectionId, Options) and the 2.5-12.1 one (Class,
// CollectionId, FilterType, SyncKey) are read by name, so either order works (CLIENT-QUIRKS §4).

import { StoreUnavailableError } from '../domain/errors.js';
import { EasStatusError } from '../eas/status.js';
import { childElements, element, firstChild, textContent, type WbxmlElement } from '../eas/wbxml-body.js';
import type { SyncEngine } from '../sync/sync-engine.js';
import { EstimateStatus } from '../sync/sync-status.js';
import { CommandResults, type CommandDefinition } from './registry.js';

function responseFor(collectionId: string, status: EstimateStatus, estimate?: number): WbxmlElement {
  const collection: WbxmlElement[] = [element('GetItemEstimate:CollectionId', collectionId)];
  if (estimate !== undefined) collection.push(element('GetItemEstimate:Estimate', String(estimate)));
  return element('GetItemEstimate:Response', [
    element('GetItemEstimate:Status', String(status)),
    element('GetItemEstimate:Collection', collection),
  ]);
}

const textOf = (el: WbxmlElement | undefined): string | undefined => (el === undefined ? undefined : textContent(el).trim());

// GetItemEstimate has no status of its own for a backend that is briefly unavailable; the common
// 111 ServerErrorRetryLater (HTTP 503 before 14.0) tells the client to retry instead of resyncing.
async function estimateOrRetry(engine: SyncEngine, device: Parameters<SyncEngine['estimate']>[0], collectionId: string, syncKey: string) {
  try {
    return await engine.estimate(device, collectionId, syncKey, { bodyPreferences: [] });
  } catch (error) {
    if (error instanceof StoreUnavailableError) throw new EasStatusError(111, { cause: error });
    throw error;
  }
}

export function createGetItemEstimateCommand(engine: SyncEngine): CommandDefinition {
  return {
    name: 'GetItemEstimate',
    minVersion: '2.5',
    needsProvisioning: true,
    async handle(ctx, request) {
      const list = request.kind === 'wbxml' ? firstChild(request.root, 'GetItemEstimate:Collections') : undefined;
      const collections = list === undefined ? [] : childElements(list, 'GetItemEstimate:Collection');
      if (collections.length === 0) {
        return CommandResults.wbxml(element('GetItemEstimate:GetItemEstimate', responseFor('', EstimateStatus.InvalidCollection)));
      }
      const device = { user: ctx.user.username, deviceId: ctx.deviceId, protocolVersion: ctx.protocolVersion };
      const responses: WbxmlElement[] = [];
      for (const collection of collections) {
        const collectionId = textOf(firstChild(collection, 'GetItemEstimate:CollectionId'));
        const syncKey = textOf(firstChild(collection, 'AirSync:SyncKey'));
        if (collectionId === undefined || collectionId === '') {
          responses.push(responseFor('', EstimateStatus.InvalidCollection));
        } else if (syncKey === undefined) {
          responses.push(responseFor(collectionId, EstimateStatus.InvalidSyncKey));
        } else {
          const result = await estimateOrRetry(engine, device, collectionId, syncKey);
          responses.push(responseFor(collectionId, result.status, result.estimate));
        }
      }
      return CommandResults.wbxml(element('GetItemEstimate:GetItemEstimate', responses));
    },
  };
}
