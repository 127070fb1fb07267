// What a device remembers between requests: the policy key from Provision (MS-ASPROV 2.2.2.42),
// the FolderSync key and one Sync key per collection (MS-ASCMD 2.2.3.181). Kept as plain JSON so a
// test or the diagnostic runner can save a session and resume it later as the same device.

export interface EasClientState {
  /** Final policy key from the acknowledgement phase; absent until provisioned. */
  policyKey?: string;
  /** FolderSync key; "0" asks for the whole hierarchy. */
  folderSyncKey: string;
  /** Sync key per CollectionId; a missing entry means "0" (initial sync). */
  syncKeys: Record<string, string>;
}

export function createClientState(): EasClientState {
  return { folderSyncKey: '0', syncKeys: {} };
}

export function cloneClientState(state: EasClientState): EasClientState {
  const copy: EasClientState = { folderSyncKey: state.folderSyncKey, syncKeys: { ...state.syncKeys } };
  if (state.policyKey !== undefined) copy.policyKey = state.policyKey;
  return copy;
}

/** Validates a state read back from JSON; throws TypeError naming the bad field. */
export function parseClientState(value: unknown): EasClientState {
  if (typeof value !== 'object' || value === null) throw new TypeError('client state must be an object');
  const record = value as Record<string, unknown>;
  const { policyKey, folderSyncKey, syncKeys } = record;
  if (policyKey !== undefined && typeof policyKey !== 'string') throw new TypeError('client state: policyKey must be a string');
  if (typeof folderSyncKey !== 'string') throw new TypeError('client state: folderSyncKey must be a string');
  if (typeof syncKeys !== 'object' || syncKeys === null || Array.isArray(syncKeys)) {
    throw new TypeError('client state: syncKeys must be an object');
  }
  const keys: Record<string, string> = {};
  for (const [collectionId, key] of Object.entries(syncKeys as Record<string, unknown>)) {
    if (typeof key !== 'string') throw new TypeError(`client state: syncKeys.${collectionId} must be a string`);
    keys[collectionId] = key;
  }
  const state: EasClientState = { folderSyncKey, syncKeys: keys };
  if (policyKey !== undefined) state.policyKey = policyKey;
  return state;
}
