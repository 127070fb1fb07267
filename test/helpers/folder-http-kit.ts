// The composed application with two users, for the folder hierarchy and Sync tests over real
// HTTP (on test/helpers/app-harness.ts). Devices are iPhones of ours that provision on their own,
// so the tests hold whether or not the policy gate is enforcing. Every WBXML response a test reads
// goes through `checked`, which also has libwbxml decode it.

import type { PushbridgeApp } from '../../src/app.js';
import type { EasClient } from '../../src/client/index.js';
import { SUPPORTED_PROTOCOL_VERSIONS } from '../../src/config/index.js';
import type { ProtocolVersion } from '../../src/eas/protocol-version.js';
import { IPHONE, startTestApp, type Account, type DeviceOptions } from './app-harness.js';

export { checked } from './app-harness.js';

export const ALICE = { user: 'alice@example.org', password: 'alice-folder-pw' };
export const BOB = { user: 'bob@example.org', password: 'bob-folder-pw' };

/** The versions the folder flows run on: the oldest, the last 12.x, the last 14.x and the newest. */
export const FLOW_VERSIONS: readonly ProtocolVersion[] = (['2.5', '12.1', '14.1', '16.1'] as const).filter((version) =>
  (SUPPORTED_PROTOCOL_VERSIONS as readonly string[]).includes(version),
);

export interface FolderApp {
  readonly app: PushbridgeApp;
  readonly url: string;
  /** An iPhone of `account` (default ALICE). */
  device(deviceId: string, version: ProtocolVersion, account?: Account): EasClient;
  /** Any other client of `account` (default ALICE). */
  client(options: DeviceOptions, account?: Account): EasClient;
  close(): Promise<void>;
}

export async function startFolderApp(): Promise<FolderApp> {
  const running = await startTestApp({
    // 16.x is not advertised by default; the folder commands must work on every version there is.
    config: { eas: { advertisedVersions: [...SUPPORTED_PROTOCOL_VERSIONS] } },
    accounts: [{ ...ALICE, displayName: 'Alice' }, { ...BOB, displayName: 'Bob' }],
  });
  return {
    app: running.app,
    url: running.url,
    device: (deviceId, version, account = ALICE) => running.device({ ...IPHONE, deviceId, protocolVersion: version }, account),
    client: (options, account = ALICE) => running.device(options, account),
    close: () => running.close(),
  };
}
