// Shared set-up of the provisioning integration tests: the composed application on a free port
// with one user and a chosen configuration (restartable over the same data directory, to change
// the policy between sessions), EasClients that keep every answer they receive, and the check
// that libwbxml reads each WBXML answer as our decoder does.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { createApp, type PushbridgeApp } from '../../src/app.js';
import { EasClient, type EasClientOptions } from '../../src/client/index.js';
import type { EasResponse } from '../../src/client/client-types.js';
import { loadConfig } from '../../src/config/index.js';
import { deviceKey, type Device } from '../../src/domain/device.js';
import { assertLibwbxmlAgrees } from '../helpers/libwbxml.js';

export const USER = 'paula@example.org';
export const PASSWORD = 'paula-provision-pw';

export interface Server {
  readonly app: PushbridgeApp;
  readonly url: string;
  readonly dataDir: string;
  /** Stops this server and starts another over the same data with a new configuration file. */
  restart(file: object): Promise<Server>;
  close(): Promise<void>;
}

let base: string | undefined;

function baseDir(): string {
  base ??= mkdtempSync(join(tmpdir(), 'pushbridge-provision-'));
  return base;
}

/** Removes every data directory the suite created; call from the file's after() hook. */
export function removeServerData(): void {
  if (base !== undefined) rmSync(base, { recursive: true, force: true });
  base = undefined;
}

let counter = 0;

async function launch(file: object, dataDir: string, addUser: boolean): Promise<Server> {
  counter += 1;
  const path = join(baseDir(), `config-${counter}.json`);
  writeFileSync(path, JSON.stringify({ log: { level: 'silent' }, ...file }));
  const app = await createApp(loadConfig({ file: path, overrides: { host: '127.0.0.1', port: 0, dataDir } }));
  if (addUser) await app.accounts.addUser(USER, PASSWORD, 'Paula');
  const url = await app.listen();
  return {
    app, url, dataDir,
    async restart(next: object) {
      await app.close();
      return launch(next, dataDir, false);
    },
    close: () => app.close(),
  };
}

/** A fresh server with its own data directory. */
export function startServer(file: object = {}): Promise<Server> {
  counter += 1;
  return launch(file, join(baseDir(), `data-${counter}`), true);
}

export interface PlayedDevice {
  readonly client: EasClient;
  /** Every answer the client received, in order. */
  readonly responses: EasResponse[];
}

export function playDevice(server: Server, options: Partial<EasClientOptions> & Pick<EasClientOptions, 'deviceId' | 'deviceType' | 'protocolVersion'>): PlayedDevice {
  const responses: EasResponse[] = [];
  const client = new EasClient({
    baseUrl: server.url, username: USER, password: PASSWORD, ...options,
    onEvent: (event) => {
      if (event.type === 'response') responses.push(event.response);
    },
  });
  return { client, responses };
}

function isWbxml(raw: Uint8Array): boolean {
  return raw.length >= 4 && raw[0] === 0x03 && raw[1] === 0x01 && raw[2] === 0x6a && raw[3] === 0x00;
}

/** Every answer was below 500, and libwbxml reads each WBXML one as our decoder does. */
export async function checkResponses(responses: readonly EasResponse[]): Promise<void> {
  assert.ok(responses.length > 0, 'no responses to check');
  for (const response of responses) {
    assert.ok(response.status < 500, `HTTP ${response.status}`);
    if (isWbxml(response.raw)) await assertLibwbxmlAgrees(response.raw);
  }
}

export async function storedDevice(server: Server, deviceId: string): Promise<Device> {
  const found = await server.app.state.devices.get(deviceKey(USER, deviceId));
  assert.ok(found !== undefined, `no device ${deviceId} stored`);
  return found;
}
