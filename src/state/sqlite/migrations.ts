// Versioned schema of the SQLite state file. Migration N (1-based) moves PRAGMA user_version from
// N-1 to N inside one transaction; a file whose version is newer than this list is refused rather
// than guessed at. Append new migrations, never edit a released one.
//
// Id-map rows are versioned so the store can show the id map as the previous state saw it and
// roll the current state back on a retry (see state-store.ts): added_key is the SyncKey of the
// commit that added the row (NULL once it is older than the current state), deleted_key the
// SyncKey of the commit that removed it (NULL while live). Rows deleted before the current state
// are purged, so at most the last commit's rows carry a key.

import type { Database } from 'better-sqlite3';
import { StateStoreError } from '../../domain/state-store.js';

const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE devices (
    id INTEGER PRIMARY KEY,
    user_name TEXT NOT NULL,
    device_id TEXT NOT NULL,
    device_type TEXT NOT NULL,
    user_agent TEXT,
    protocol_version TEXT,
    first_seen INTEGER NOT NULL,
    last_seen INTEGER NOT NULL,
    information TEXT NOT NULL DEFAULT '{}',
    policy_state TEXT NOT NULL DEFAULT 'none'
      CHECK (policy_state IN ('none', 'pending', 'provisioned', 'policy-changed')),
    policy_key INTEGER,
    temporary_policy_key INTEGER,
    policy_hash TEXT,
    policy_updated_at INTEGER,
    wipe_state TEXT NOT NULL DEFAULT 'none' CHECK (wipe_state IN ('none', 'requested', 'acknowledged')),
    wipe_account_only INTEGER NOT NULL DEFAULT 0,
    wipe_requested_at INTEGER,
    wipe_acknowledged_at INTEGER,
    blocked INTEGER NOT NULL DEFAULT 0,
    resync_requested_at INTEGER,
    last_sync_key INTEGER NOT NULL DEFAULT 0,
    last_folder_number INTEGER NOT NULL DEFAULT 0,
    UNIQUE (user_name, device_id)
  ) STRICT;

  CREATE TABLE folder_ids (
    device INTEGER NOT NULL REFERENCES devices (id) ON DELETE CASCADE,
    server_id TEXT NOT NULL,
    backend_id TEXT NOT NULL,
    PRIMARY KEY (device, server_id),
    UNIQUE (device, backend_id)
  ) STRICT, WITHOUT ROWID;

  CREATE TABLE hierarchy_states (
    device INTEGER NOT NULL REFERENCES devices (id) ON DELETE CASCADE,
    sync_key INTEGER NOT NULL,
    folders TEXT NOT NULL,
    response BLOB,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (device, sync_key)
  ) STRICT;

  CREATE TABLE collection_counters (
    device INTEGER NOT NULL REFERENCES devices (id) ON DELETE CASCADE,
    collection_id TEXT NOT NULL,
    last_item_number INTEGER NOT NULL,
    PRIMARY KEY (device, collection_id)
  ) STRICT, WITHOUT ROWID;

  CREATE TABLE collection_states (
    device INTEGER NOT NULL REFERENCES devices (id) ON DELETE CASCADE,
    collection_id TEXT NOT NULL,
    sync_key INTEGER NOT NULL,
    state TEXT NOT NULL,
    response BLOB,
    client_ids TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (device, collection_id, sync_key)
  ) STRICT;

  CREATE TABLE id_map (
    device INTEGER NOT NULL REFERENCES devices (id) ON DELETE CASCADE,
    collection_id TEXT NOT NULL,
    server_id TEXT NOT NULL,
    backend_id TEXT NOT NULL,
    version TEXT,
    added_key INTEGER,
    deleted_key INTEGER
  ) STRICT;
  CREATE INDEX id_map_collection ON id_map (device, collection_id, server_id);
  CREATE UNIQUE INDEX id_map_live_server ON id_map (device, collection_id, server_id) WHERE deleted_key IS NULL;
  CREATE UNIQUE INDEX id_map_live_backend ON id_map (device, collection_id, backend_id) WHERE deleted_key IS NULL;
  CREATE INDEX id_map_added ON id_map (device, collection_id, added_key) WHERE added_key IS NOT NULL;
  CREATE INDEX id_map_deleted ON id_map (device, collection_id, deleted_key) WHERE deleted_key IS NOT NULL;

  CREATE TABLE device_values (
    device INTEGER NOT NULL REFERENCES devices (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (device, name)
  ) STRICT, WITHOUT ROWID;

  CREATE TABLE user_values (
    user_name TEXT NOT NULL,
    name TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (user_name, name)
  ) STRICT, WITHOUT ROWID;
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/**
 * Brings the file up to SCHEMA_VERSION, one migration per transaction. The version is read inside
 * each write transaction, so two processes opening a new file at once do not both migrate it.
 */
export function migrate(db: Database): void {
  const step = db.transaction((): boolean => {
    const current = db.pragma('user_version', { simple: true }) as number;
    if (current > SCHEMA_VERSION) {
      throw new StateStoreError(
        'schema',
        `state file has schema version ${current}, newer than this Pushbridge understands (${SCHEMA_VERSION})`,
      );
    }
    const sql = MIGRATIONS[current];
    if (sql === undefined) return false;
    db.exec(sql);
    db.pragma(`user_version = ${current + 1}`);
    return true;
  });
  let migrated = true;
  while (migrated) migrated = step.immediate();
}
