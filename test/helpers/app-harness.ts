// The one way the integration tests run the composed application: createApp on a free port of
// 127.0.0.1 over a temporary data directory, with its accounts added, devices that are our own
// EasClient (they provision on their own at 449 or Status 142-144) and keep every answer they
// receive, the libwbxml cross-check of those answers, and a teardown that leaves nothing behind.
// The suite kits (folder-http-kit, send-mail-kit, provision-harness) add their accounts and
// device defaults on top.

import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type PushbridgeApp } from '../../src/app.js';
import { EasClient, type EasClientOptions, type EasResponse } from '../../src/client/index.js';
import { loadConfig } from '../../src/config/index.js';
import { EAS_HEADER } from '../../src/wbxml/tokens.js';
import { assertLibwbxmlAgrees } from './libwbxml.js';

export interface Account {
  readonly user: string;
  readonly password: string;
  readonly displayName?: string;
}

/** How iOS Mail names itself; the kits' default device. */
export const IPHONE = { deviceType: 'iPhone', userAgent: 'Apple-iPhone15C2/2105.100' } as const;

export type DeviceOptions = Partial<EasClientOptions> & Pick<EasClientOptions, 'deviceId' | 'deviceType' | 'protocolVersion'>;

export interface AppOptions {
  /** The configuration file; `log` is silent unless given. */
  readonly config?: object;
  /** Added before the app listens; the first is the default account of `device`. */
  readonly accounts?: readonly Account[];
  /** Runs after the app has stopped, before the directory goes (a relay the config points at). */
  readonly cleanup?: () => Promise<void>;
}

export interface TestApp {
  readonly app: PushbridgeApp;
  readonly url: string;
  readonly dataDir: string;
  /** Every answer any device of this app (and of the apps it restarted from) received, in order. */
  readonly responses: EasResponse[];
  /** Our client as a device of `account` (default: the first account). */
  device(options: DeviceOptions, account?: Account): EasClient;
  /** Stops this app and starts another over the same data with a new configuration file. */
  restart(config: object): Promise<TestApp>;
  /** Stops this app and any it was restarted into, and removes the directory; safe to call again. */
  close(): Promise<void>;
}

/** What one start and its restarts share: the directory, the accounts, the answers. */
interface Session {
  readonly dir: string;
  readonly accounts: readonly Account[];
  readonly responses: EasResponse[];
  readonly cleanup: (() => Promise<void>) | undefined;
  configs: number;
  /** The app started last: closing any app of the session stops it too. */
  current?: PushbridgeApp;
  torn: boolean;
}

async function teardown(session: Session): Promise<void> {
  if (session.torn) return;
  session.torn = true;
  await session.cleanup?.();
  await rm(session.dir, { recursive: true, force: true });
}

function deviceFactory(session: Session, url: string): TestApp['device'] {
  return (options, account = session.accounts[0]) => {
    assert.ok(account !== undefined, 'the app was started without accounts');
    return new EasClient({
      baseUrl: url, username: account.user, password: account.password, ...options,
      onEvent: (event) => {
        if (event.type === 'response') session.responses.push(event.response);
        options.onEvent?.(event);
      },
    });
  };
}

async function launch(session: Session, config: object, addAccounts: boolean): Promise<TestApp> {
  session.configs += 1;
  const file = join(session.dir, `config-${session.configs}.json`);
  await writeFile(file, JSON.stringify({ log: { level: 'silent' }, ...config }));
  const dataDir = join(session.dir, 'data');
  const app = await createApp(loadConfig({ file, overrides: { host: '127.0.0.1', port: 0, dataDir } }));
  session.current = app;
  try {
    if (addAccounts) for (const { user, password, displayName } of session.accounts) await app.accounts.addUser(user, password, displayName);
    const url = await app.listen();
    return {
      app, url, dataDir,
      responses: session.responses,
      device: deviceFactory(session, url),
      async restart(next) {
        await app.close();
        return launch(session, next, false);
      },
      async close() {
        await app.close();
        await session.current?.close();
        await teardown(session);
      },
    };
  } catch (error) {
    await app.close();
    throw error;
  }
}

/** Starts the app in a fresh temporary directory; on a failed start nothing is left behind. */
export async function startTestApp(options: AppOptions = {}): Promise<TestApp> {
  const session: Session = {
    dir: await mkdtemp(join(tmpdir(), 'pushbridge-it-')),
    accounts: options.accounts ?? [],
    responses: [],
    cleanup: options.cleanup,
    configs: 0,
    torn: false,
  };
  try {
    return await launch(session, options.config ?? {}, true);
  } catch (error) {
    await teardown(session);
    throw error;
  }
}

/** MS-ASWBXML: every EAS WBXML body starts 03 01 6A 00; other answers (empty, HTML, XML) are not. */
export function isWbxml(raw: Uint8Array): boolean {
  return raw.length >= EAS_HEADER.length && EAS_HEADER.every((byte, index) => raw[index] === byte);
}

/** libwbxml reads every WBXML answer among these as our decoder does. */
export async function assertWbxmlAnswersAgree(responses: readonly EasResponse[]): Promise<void> {
  for (const response of responses) if (isWbxml(response.raw)) await assertLibwbxmlAgrees(response.raw);
}

/** There were answers, none was a 5xx, and libwbxml reads each WBXML one as our decoder does. */
export async function assertAnswersSound(responses: readonly EasResponse[]): Promise<void> {
  assert.ok(responses.length > 0, 'no responses to check');
  for (const response of responses) assert.ok(response.status < 500, `HTTP ${response.status}`);
  await assertWbxmlAnswersAgree(responses);
}

/** Asserts a 200 WBXML answer (never a 5xx) that libwbxml reads as our decoder does; returns it. */
export async function checked<T extends { response: EasResponse }>(result: T | Promise<T>): Promise<T> {
  const done = await result;
  assert.equal(done.response.status, 200, `HTTP ${done.response.status}`);
  assert.ok(done.response.raw.length > 0, 'empty body');
  await assertLibwbxmlAgrees(done.response.raw);
  return done;
}
