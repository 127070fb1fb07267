// The composed application on a free port in a temporary data directory, with two users, for the
// folder hierarchy tests over real HTTP. Devices are our EasClient, which provisions on its own
// when the server answers 449 or Status 142-144, so the tests hold whether or not the policy gate
// is enforcing. Every WBXML response a test reads goes through `checked`, which also has
// libwbxml decode it.

import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type PushbridgeApp } from '../../src/app.js';
import { EasClient, type EasResponse } from '../../src/client/index.js';
import { SUPPORTED_PROTOCOL_VERSIONS, loadConfig } from '../../src/config/index.js';
import type { ProtocolVersion } from '../../src/eas/protocol-version.js';
import { assertLibwbxmlAgrees } from './libwbxml.js';

export const ALICE = { user: 'alice@example.org', password: 'alice-folder-pw' };
export const BOB = { user: 'bob@example.org', password: 'bob-folder-pw' };

/** The versions the folder flows run on: the oldest, the last 12.x, the last 14.x and the newest. */
export const FLOW_VERSIONS: readonly ProtocolVersion[] = (['2.5', '12.1', '14.1', '16.1'] as const).filter((version) =>
  (SUPPORTED_PROTOCOL_VERSIONS as readonly string[]).includes(version),
);

export interface FolderApp {
  readonly app: PushbridgeApp;
  readonly url: string;
  device(deviceId: string, version: ProtocolVersion, account?: { user: string; password: string }): EasClient;
  close(): Promise<void>;
}

export async function startFolderApp(): Promise<FolderApp> {
  const dataDir = await mkdtemp(join(tmpdir(), 'pushbridge-folders-'));
  // 16.x is not advertised by default; the folder commands must work on every version there is.
  const file = join(dataDir, 'config.json');
  await writeFile(file, JSON.stringify({ log: { level: 'silent' }, eas: { advertisedVersions: [...SUPPORTED_PROTOCOL_VERSIONS] } }));
  const config = loadConfig({ file, overrides: { host: '127.0.0.1', port: 0, dataDir } });
  const app = await createApp(config);
  try {
    await app.accounts.addUser(ALICE.user, ALICE.password, 'Alice');
    await app.accounts.addUser(BOB.user, BOB.password, 'Bob');
    const url = await app.listen();
    return {
      app,
      url,
      device: (deviceId, version, account = ALICE) =>
        new EasClient({
          baseUrl: url,
          username: account.user,
          password: account.password,
          deviceId,
          deviceType: 'iPhone',
          userAgent: 'Apple-iPhone15C2/2105.100',
          protocolVersion: version,
        }),
      async close() {
        await app.close();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await app.close();
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}

/** Asserts a 200 WBXML answer (never a 5xx) that libwbxml reads as our decoder does; returns it. */
export async function checked<T extends { response: EasResponse }>(result: T | Promise<T>): Promise<T> {
  const done = await result;
  assert.equal(done.response.status, 200, `HTTP ${done.response.status}`);
  assert.ok(done.response.raw.length > 0, 'empty body');
  await assertLibwbxmlAgrees(done.response.raw);
  return done;
}
