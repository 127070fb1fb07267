// The composed application for the outgoing-mail tests (on test/helpers/app-harness.ts): alice,
// bob and carol, with or without a real SMTP server as the relay (smtp-server on 127.0.0.1).
// Devices are our EasClient; every WBXML answer any of them receives is collected and checked
// with libwbxml by checkResponses(), so the compose statuses, FolderSync and Ping answers are
// covered too.

import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import type { PushbridgeApp } from '../../src/app.js';
import { startTestRelay, type TestRelay, type TestRelayOptions } from '../../src/backends/submission/test-kit.js';
import type { ComposeResult, EasClient } from '../../src/client/index.js';
import { SUPPORTED_PROTOCOL_VERSIONS } from '../../src/config/index.js';
import type { ProtocolVersion } from '../../src/eas/protocol-version.js';
import { element, firstChild, textContent, type WbxmlElement } from '../../src/eas/wbxml-body.js';
import { IPHONE, assertWbxmlAnswersAgree, startTestApp, type Account } from '../helpers/app-harness.js';
import { ALICE, BOB } from '../helpers/folder-http-kit.js';

export { ALICE, BOB };
export const CAROL = { user: 'carol@example.org', password: 'carol-mail-pw' };

export interface MailApp {
  readonly app: PushbridgeApp;
  /** The relay, when the app was started with one. */
  readonly relay?: TestRelay;
  device(deviceId: string, version: ProtocolVersion, account?: Account): EasClient;
  /** Asserts that libwbxml reads every WBXML answer received since the last check as our decoder does. */
  checkResponses(): Promise<void>;
  close(): Promise<void>;
}

export async function startMailApp(options: { relay?: TestRelayOptions } = {}): Promise<MailApp> {
  const relay = options.relay === undefined ? undefined : await startTestRelay(options.relay);
  const running = await startTestApp({
    config: {
      eas: { advertisedVersions: [...SUPPORTED_PROTOCOL_VERSIONS] },
      mail: relay === undefined ? {} : { relay: { host: '127.0.0.1', port: relay.port } },
    },
    accounts: [ALICE, BOB, CAROL],
    // The harness closes the relay with the app, also when the app fails to start.
    ...(relay === undefined ? {} : { cleanup: () => relay.close() }),
  });
  return {
    app: running.app,
    ...(relay === undefined ? {} : { relay }),
    device: (deviceId, version, account = ALICE) => running.device({ ...IPHONE, deviceId, protocolVersion: version }, account),
    checkResponses: () => assertWbxmlAnswersAgree(running.responses.splice(0)),
    close: () => running.close(),
  };
}

/**
 * One mail app for the enclosing describe(): started in its before() hook (registered here, so
 * before any hook the suite adds after this call), checked with libwbxml and closed in after().
 * The returned object forwards to the running app.
 */
export function mailAppPerSuite(options: { relay?: TestRelayOptions } = {}): MailApp {
  let running: MailApp | undefined;
  const current = (): MailApp => {
    assert.ok(running !== undefined, 'the mail app starts in the suite\'s before() hook');
    return running;
  };
  before(async () => {
    running = await startMailApp(options);
  });
  after(async () => {
    if (running === undefined) return;
    await running.checkResponses();
    await running.close();
  });
  return {
    get app() { return current().app; },
    get relay() { return current().relay; },
    device: (deviceId, version, account) => current().device(deviceId, version, account),
    checkResponses: () => current().checkResponses(),
    close: () => current().close(),
  };
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

/** A 16.x draft's fields as a client writes them in Drafts: To (left out when empty), Subject, a plain-text Body. */
export const draftFields = (to: string, subject: string, text: string): WbxmlElement[] => [
  ...(to === '' ? [] : [element('Email:To', to)]),
  element('Email:Subject', subject),
  element('AirSyncBase:Body', [element('AirSyncBase:Type', '1'), element('AirSyncBase:Data', text)]),
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
