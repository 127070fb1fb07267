// ValueStore on SQLite: small named JSON values per user (Oof) and per device (cached Ping and
// Sync parameters, DevicePassword). Device values go when the device is removed.

import type { Database } from 'better-sqlite3';
import type { DeviceKey } from '../../domain/device.js';
import type { JsonValue, ValueStore } from '../../domain/state-store.js';
import type { SqliteContext } from './sqlite-context.js';

function prepareStatements(db: Database) {
  return {
    getUser: db.prepare<[string, string], string>('SELECT value FROM user_values WHERE user_name = ? AND name = ?').pluck(),
    putUser: db.prepare<[string, string, string]>(
      `INSERT INTO user_values (user_name, name, value) VALUES (?, ?, ?)
       ON CONFLICT (user_name, name) DO UPDATE SET value = excluded.value`,
    ),
    deleteUser: db.prepare<[string, string]>('DELETE FROM user_values WHERE user_name = ? AND name = ?'),
    getDevice: db.prepare<[number, string], string>('SELECT value FROM device_values WHERE device = ? AND name = ?').pluck(),
    putDevice: db.prepare<[number, string, string]>(
      `INSERT INTO device_values (device, name, value) VALUES (?, ?, ?)
       ON CONFLICT (device, name) DO UPDATE SET value = excluded.value`,
    ),
    deleteDevice: db.prepare<[number, string]>('DELETE FROM device_values WHERE device = ? AND name = ?'),
  };
}

export class SqliteValueStore implements ValueStore {
  private readonly s: ReturnType<typeof prepareStatements>;

  constructor(private readonly ctx: SqliteContext) {
    this.s = prepareStatements(ctx.db);
  }

  async getUserValue(user: string, name: string): Promise<JsonValue | undefined> {
    return parse(this.s.getUser.get(user, name));
  }

  async setUserValue(user: string, name: string, value: JsonValue | undefined): Promise<void> {
    if (value === undefined) this.s.deleteUser.run(user, name);
    else this.s.putUser.run(user, name, JSON.stringify(value));
  }

  async getDeviceValue(key: DeviceKey, name: string): Promise<JsonValue | undefined> {
    const pk = this.ctx.devicePk(key);
    return pk === undefined ? undefined : parse(this.s.getDevice.get(pk, name));
  }

  async setDeviceValue(key: DeviceKey, name: string, value: JsonValue | undefined): Promise<void> {
    this.ctx.write(() => {
      if (value === undefined) {
        const pk = this.ctx.devicePk(key);
        if (pk !== undefined) this.s.deleteDevice.run(pk, name);
        return;
      }
      this.s.putDevice.run(this.ctx.requireDevicePk(key), name, JSON.stringify(value));
    });
  }
}

function parse(json: string | undefined): JsonValue | undefined {
  return json === undefined ? undefined : (JSON.parse(json) as JsonValue);
}
