// Shared set-up of the provisioning integration tests (on test/helpers/app-harness.ts): the
// composed application with one user and a chosen configuration (restartable over the same data
// directory, to change the policy between sessions), EasClients that keep every answer they
// receive, and the check that none was a 5xx and libwbxml reads each WBXML one as we do.
import assert from 'node:assert/strict';
import type { EasClient } from '../../src/client/index.js';
import type { EasResponse } from '../../src/client/client-types.js';
import { deviceKey, type Device } from '../../src/domain/device.js';
import { startTestApp, type DeviceOptions, type TestApp } from '../helpers/app-harness.js';

export { assertAnswersSound as checkResponses } from '../helpers/app-harness.js';

export const USER = 'paula@example.org';
export const PASSWORD = 'paula-provision-pw';

export type Server = TestApp;

/** A fresh server with its own data directory. */
export function startServer(file: object = {}): Promise<Server> {
  return startTestApp({ config: file, accounts: [{ user: USER, password: PASSWORD, displayName: 'Paula' }] });
}

/** Runs `run` against a fresh server started with `file`, and closes it whatever happens. */
export async function withServer(file: object, run: (server: Server) => Promise<void>): Promise<void> {
  const server = await startServer(file);
  try {
    await run(server);
  } finally {
    await server.close();
  }
}

export interface PlayedDevice {
  readonly client: EasClient;
  /** Every answer the client received, in order. */
  readonly responses: EasResponse[];
}

export function playDevice(server: Server, options: DeviceOptions): PlayedDevice {
  const responses: EasResponse[] = [];
  const client = server.device({
    ...options,
    onEvent: (event) => {
      if (event.type === 'response') responses.push(event.response);
    },
  });
  return { client, responses };
}

export async function storedDevice(server: Server, deviceId: string): Promise<Device> {
  const found = await server.app.state.devices.get(deviceKey(USER, deviceId));
  assert.ok(found !== undefined, `no device ${deviceId} stored`);
  return found;
}
