// What every ItemOperations operation runs with: the user's stores and the device's state, the
// device key its ids resolve under, the protocol version the answer is written for, the content
// converters the Sync engine uses (one set of converters for every command, so a fetched item
// looks exactly like a synced one) and the request's logger; and what a Fetch comes to.

import type { Logger } from 'pino';
import type { DeviceKey } from '../../domain/device.js';
import type { StateStore } from '../../domain/state-store.js';
import type { MailboxStores } from '../../domain/stores.js';
import type { ProtocolVersion } from '../../eas/protocol-version.js';
import type { WbxmlElement } from '../../eas/wbxml-body.js';
import type { ItemConverters } from '../../sync/item-converter.js';
import type { ItemOperationsStatus } from './item-operations-status.js';

export interface OperationContext {
  readonly state: Pick<StateStore, 'hierarchy' | 'collections'>;
  readonly stores: MailboxStores;
  readonly key: DeviceKey;
  readonly protocolVersion: ProtocolVersion;
  readonly converters: ItemConverters;
  readonly log: Logger;
}

/** The outcome of one Fetch before it is written as an ItemOperations:Fetch element. */
export interface FetchAnswer {
  readonly status: ItemOperationsStatus;
  readonly className?: string;
  /** Children of ItemOperations:Properties. */
  readonly properties?: readonly WbxmlElement[];
}
