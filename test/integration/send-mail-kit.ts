// The composed application for the outgoing-mail tests: alice, bob and carol on a free port, with
// or without a real SMTP server as the relay (smtp-server on 127.0.0.1). Devices are our EasClient;
// every WBXML answer any of them receives is collected and checked with libwbxml by
// checkResponses(), so the compose statuses, FolderSync and Ping answers are covered too.

import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type PushbridgeApp } from '../../src/app.js';
import { startTestRelay, type TestRelay, type TestRelayOptions } from '../../src/backends/submission/test-kit.js';
import { EasClient, type ComposeResult } from '../../src/client/index.js';
import { SUPPORTED_PROTOCOL_VERSIONS, loadConfig } from '../../src/config/index.js';
import type { ProtocolVersion } from '../../src/eas/protocol-version.js';
import { element, firstChild, textContent, type WbxmlElement } from '../../src/eas/wbxml-body.js';
import { ALICE, BOB } from '../helpers/folder-http-kit.js';
import { assertLibwbxmlAgrees } from '../helpers/libwbxml.js';

export { ALICE, BOB };
export const CAROL = { user: 'carol@example.org', password: 'carol-mail-pw' };

export interface Account {
  readonly user: string;
  readonly password: string;
}

export interface MailApp {
  readonly app: PushbridgeApp;
  /** The relay, when the app was started with one. */
  readonly relay?: TestRelay;
  device(deviceId: string, version: ProtocolVersion, account?: Account): EasClient;
  /** Asserts that libwbxml reads every WBXML answer received so far as our decoder does. */
  checkResponses(): Promise<void>;
  close(): Promise<void>;
}

const isWbxml = (raw: Uint8Array): boolean => raw.length >= 4 && raw[0] === 0x03 && raw[1] === 0x01 && raw[2] === 0x6a && raw[3] === 0x00;

export async function startMailApp(options: { relay?: TestRelayOptions } = {}): Promise<MailApp> {
  const dataDir = await mkdtemp(join(tmpdir(), 'pushbridge-mail-'));
  const relay = options.relay === undefined ? undefined : await startTestRelay(options.relay);
  const file = join(dataDir, 'config.json');
  await writeFile(file, JSON.stringify({
    log: { level: 'silent' },
    eas: { advertisedVersions: [...SUPPORTED_PROTOCOL_VERSIONS] },
    mail: relay === undefined ? {} : { relay: { host: '127.0.0.1', port: relay.port } },
  }));
  const app = await createApp(loadConfig({ file, overrides: { host: '127.0.0.1', port: 0, dataDir } }));
  const close = async (): Promise<void> => {
    await app.close();
    await relay?.close();
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    for (const account of [ALICE, BOB, CAROL]) await app.accounts.addUser(account.user, account.password);
    const url = await app.listen();
    const answers: Uint8Array[] = [];
    return {
      app,
      ...(relay === undefined ? {} : { relay }),
      device: (deviceId, version, account = ALICE) => new EasClient({
        baseUrl: url, username: account.user, password: account.password, deviceId, deviceType: 'iPhone',
        userAgent: 'Apple-iPhone15C2/2105.100', protocolVersion: version,
        onEvent: (event) => {
          if (event.type === 'response' && isWbxml(event.response.raw)) answers.push(event.response.raw);
        },
      }),
      async checkResponses() {
        for (const raw of answers.splice(0)) await assertLibwbxmlAgrees(raw);
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** A plain-text message as a device writes it. */
export function message(fields: Record<string, string>, body: string): string {
  const head = Object.entries(fields).map(([name, value]) => `${name}: ${value}`);
  return [...head, 'MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8', '', body, ''].join('\r\n');
}

/** A 14.x failure: 200 with the command's Status; before 14.0 the HTTP status. */
export function assertFailed(result: ComposeResult, status: number): void {
  assert.equal(result.ok, false, `expected Status ${status}, the message was sent`);
  assert.equal(result.status, status);
}

export function assertSent(result: ComposeResult): void {
  assert.equal(result.response.status, 200, `HTTP ${result.response.status}`);
  assert.equal(result.ok, true, `not sent: Status ${result.status}`);
}

/** Sync Options asking for the whole MIME (AirSyncBase Type 4). */
export const MIME_BODY: WbxmlElement[] = [
  element('AirSyncBase:BodyPreference', [element('AirSyncBase:Type', '4'), element('AirSyncBase:TruncationSize', '1000000')]),
];

export function field(data: WbxmlElement | undefined, name: string): string | undefined {
  const el = data === undefined ? undefined : firstChild(data, name);
  return el === undefined ? undefined : textContent(el);
}

/** The body data (MIME with MIME_BODY) of a synced Email. */
export function bodyData(data: WbxmlElement | undefined): string {
  const body = data === undefined ? undefined : firstChild(data, 'AirSyncBase:Body');
  return field(body, 'AirSyncBase:Data') ?? '';
}
