// DeviceStore on SQLite: the device record, read on every request and written only when the
// request changes it (or its last-seen time is due), plus removal and the resync reset that clear
// the device's sync state.

import type { Statement } from 'better-sqlite3';
import { normalizeDeviceId, type Device, type DeviceKey, type DevicePatch, type DeviceRequest } from '../../domain/device.js';
import type { DeviceStore, DeviceUpdate } from '../../domain/state-store.js';
import { deviceColumns, deviceFromRow, recordIsCurrent, type DeviceColumns, type DeviceRow } from './device-row.js';
import type { SqliteContext } from './sqlite-context.js';

type RecordParams = [string, string, string, string | null, string | null, number, number];

export class SqliteDeviceStore implements DeviceStore {
  private readonly upsert: Statement<RecordParams, DeviceRow>;
  private readonly selectOne: Statement<[string, string], DeviceRow>;
  private readonly selectAll: Statement<[], DeviceRow>;
  private readonly selectByUser: Statement<[string], DeviceRow>;
  private readonly updateColumns: Statement<[...DeviceColumns, number]>;
  private readonly deleteOne: Statement<[string, string]>;
  private readonly deleteByUser: Statement<[string]>;
  private readonly deleteUserValues: Statement<[string]>;
  private readonly resetStatements: Statement<[number]>[];

  constructor(private readonly ctx: SqliteContext) {
    const { db } = ctx;
    // Insert on first contact, else refresh what the request tells us.
    this.upsert = db.prepare(`
      INSERT INTO devices (user_name, device_id, device_type, user_agent, protocol_version, first_seen, last_seen)
      VALUES (?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (user_name, device_id) DO UPDATE SET
        device_type = excluded.device_type,
        user_agent = COALESCE(excluded.user_agent, user_agent),
        protocol_version = COALESCE(excluded.protocol_version, protocol_version),
        last_seen = excluded.last_seen
      RETURNING *`);
    this.selectOne = db.prepare('SELECT * FROM devices WHERE user_name = ? AND device_id = ?');
    this.selectAll = db.prepare('SELECT * FROM devices ORDER BY user_name, device_id');
    this.selectByUser = db.prepare('SELECT * FROM devices WHERE user_name = ? ORDER BY device_id');
    this.updateColumns = db.prepare(`
      UPDATE devices SET device_type = ?, information = ?, policy_state = ?, policy_key = ?,
        temporary_policy_key = ?, policy_hash = ?, policy_updated_at = ?, wipe_state = ?,
        wipe_account_only = ?, wipe_requested_at = ?, wipe_acknowledged_at = ?, blocked = ?,
        resync_requested_at = ?
      WHERE id = ?`);
    this.deleteOne = db.prepare('DELETE FROM devices WHERE user_name = ? AND device_id = ?');
    this.deleteByUser = db.prepare('DELETE FROM devices WHERE user_name = ?');
    this.deleteUserValues = db.prepare('DELETE FROM user_values WHERE user_name = ?');
    this.resetStatements = ['hierarchy_states', 'collection_states', 'id_map'].map((table) =>
      db.prepare(`DELETE FROM ${table} WHERE device = ?`),
    );
  }

  async record(request: DeviceRequest): Promise<Device> {
    const now = this.ctx.now();
    const deviceId = normalizeDeviceId(request.deviceId);
    // A read, not a write transaction, for the usual request that tells us nothing new.
    const stored = this.selectOne.get(request.user, deviceId);
    if (stored !== undefined && recordIsCurrent(stored, request, now)) return deviceFromRow(stored);
    const row = this.upsert.get(
      request.user,
      deviceId,
      request.deviceType,
      request.userAgent ?? null,
      request.protocolVersion ?? null,
      now,
      now,
    );
    if (row === undefined) throw new Error('device upsert returned no row');
    return deviceFromRow(row);
  }

  async get(key: DeviceKey): Promise<Device | undefined> {
    const row = this.selectOne.get(key.user, normalizeDeviceId(key.deviceId));
    return row === undefined ? undefined : deviceFromRow(row);
  }

  async list(user?: string): Promise<Device[]> {
    const rows = user === undefined ? this.selectAll.all() : this.selectByUser.all(user);
    return rows.map(deviceFromRow);
  }

  async update(key: DeviceKey, change: DeviceUpdate): Promise<Device | undefined> {
    return this.ctx.write(() => {
      const row = this.selectOne.get(key.user, normalizeDeviceId(key.deviceId));
      if (row === undefined) return undefined;
      const current = deviceFromRow(row);
      const patch = typeof change === 'function' ? change(current) : change;
      if (patch === undefined) return current;
      this.updateColumns.run(...deviceColumns(applyPatch(current, patch)), row.id);
      const updated = this.selectOne.get(row.user_name, row.device_id);
      return updated === undefined ? undefined : deviceFromRow(updated);
    });
  }

  async remove(key: DeviceKey): Promise<boolean> {
    return this.deleteOne.run(key.user, normalizeDeviceId(key.deviceId)).changes > 0;
  }

  async removeUser(user: string): Promise<number> {
    return this.ctx.write(() => {
      this.deleteUserValues.run(user);
      return this.deleteByUser.run(user).changes;
    });
  }

  async resetSyncState(key: DeviceKey): Promise<void> {
    this.ctx.write(() => {
      const pk = this.ctx.devicePk(key);
      if (pk !== undefined) this.reset(pk);
    });
  }

  async takeResyncRequest(key: DeviceKey): Promise<boolean> {
    return this.ctx.write(() => {
      const row = this.selectOne.get(key.user, normalizeDeviceId(key.deviceId));
      if (row === undefined || row.resync_requested_at === null) return false;
      const device = deviceFromRow(row);
      this.updateColumns.run(...deviceColumns({ ...device, resyncRequestedAt: null }), row.id);
      this.reset(row.id);
      return true;
    });
  }

  private reset(pk: number): void {
    for (const statement of this.resetStatements) statement.run(pk);
  }
}

/** Each group present in the patch replaces the stored one; absent (undefined) groups stay. */
function applyPatch(device: Device, patch: DevicePatch): Device {
  return {
    ...device,
    deviceType: patch.deviceType ?? device.deviceType,
    information: patch.information ?? device.information,
    policy: patch.policy ?? device.policy,
    wipe: patch.wipe ?? device.wipe,
    blocked: patch.blocked ?? device.blocked,
    resyncRequestedAt: patch.resyncRequestedAt === undefined ? device.resyncRequestedAt : patch.resyncRequestedAt,
  };
}
