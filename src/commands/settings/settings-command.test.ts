// The Settings handler over a real SQLite state store: parts answered in request order with their
// own statuses, what is stored, the top-level Status for malformed requests, a part the
// protocol version does not define, and a store failure answered with Status 4 instead of a 500.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import pino from 'pino';
import { EmbeddedStore } from '../../backends/embedded/embedded-store.js';
import { deviceKey } from '../../domain/device.js';
import type { StateStore } from '../../domain/state-store.js';
import type { ProtocolVersion } from '../../eas/protocol-version.js';
import type { WbxmlElement } from '../../eas/wbxml-body.js';
import { childElements, element, textContent } from '../../eas/wbxml-body.js';
import { openStateStore } from '../../state/open-state-store.js';
import type { CommandDeps } from '../command-deps.js';
import type { CommandContext, CommandRequest } from '../registry.js';
import { DEVICE_PASSWORD_VALUE } from './device-password.js';
import { createSettingsCommand } from './settings-command.js';

const USER = 'alice@example.org';

let dir: string;
let deps: CommandDeps;
let mailboxes: EmbeddedStore;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pushbridge-settings-'));
  mailboxes = EmbeddedStore.open(dir);
  deps = { state: await openStateStore({ kind: 'sqlite', dataDir: dir }), stores: mailboxes, clock: Date.now };
});
after(async () => {
  await deps.state.close();
  await mailboxes.close();
  rmSync(dir, { recursive: true, force: true });
});

function context(version: ProtocolVersion, deviceId = 'UnitDevice1'): CommandContext {
  return {
    requestId: 'req-1',
    command: 'Settings',
    user: { username: USER, email: USER, displayName: 'Alice Liddell' },
    deviceId: deviceId.toLowerCase(),
    deviceType: 'iPhone',
    userAgent: 'Apple-iPhone15C2/2105.100',
    protocolVersion: version,
    params: {},
    log: pino({ level: 'silent' }),
    signal: new AbortController().signal,
  };
}

async function run(parts: WbxmlElement[] | CommandRequest, version: ProtocolVersion = '14.1', state: StateStore = deps.state): Promise<WbxmlElement> {
  const request: CommandRequest = Array.isArray(parts) ? { kind: 'wbxml', root: element('Settings:Settings', parts) } : parts;
  const result = await createSettingsCommand({ ...deps, state }).handle(context(version), request);
  assert.equal(result.kind, 'wbxml');
  return (result as { root: WbxmlElement }).root;
}

/** [tag, status] of the reply's top level, e.g. [['Status','1'], ['Oof','2']]. */
function statuses(root: WbxmlElement): string[][] {
  return childElements(root).map((child) => [
    child.tag,
    child.tag === 'Status' ? textContent(child) : textContent(childElements(child, 'Settings:Status')[0] ?? child),
  ]);
}

describe('Settings handler', () => {
  it('answers each part in request order and stores DeviceInformation and DevicePassword', async () => {
    const root = await run([
      element('Settings:DevicePassword', element('Settings:Set', element('Settings:Password', 'recover-me'))),
      element('Settings:DeviceInformation', element('Settings:Set', [element('Settings:Model', 'iPhone15,2'), element('Settings:OS', 'iOS 17.5')])),
      element('Settings:Oof', element('Settings:Get')),
      element('Settings:UserInformation', element('Settings:Get')),
    ]);
    assert.deepEqual(statuses(root), [['Status', '1'], ['DevicePassword', '1'], ['DeviceInformation', '1'], ['Oof', '2'], ['UserInformation', '1']]);
    const key = deviceKey(USER, 'UnitDevice1');
    const device = await deps.state.devices.get(key);
    assert.deepEqual(device?.information, { model: 'iPhone15,2', os: 'iOS 17.5' });
    assert.equal(device?.protocolVersion, '14.1');
    assert.equal(await deps.state.values.getDeviceValue(key, DEVICE_PASSWORD_VALUE), 'recover-me');
  });

  it('merges a later DeviceInformation over the stored one and clears the password on an empty one', async () => {
    await run([element('Settings:DeviceInformation', element('Settings:Set', element('Settings:FriendlyName', 'Work phone')))]);
    await run([element('Settings:DevicePassword', element('Settings:Set', element('Settings:Password')))]);
    const key = deviceKey(USER, 'UnitDevice1');
    assert.deepEqual((await deps.state.devices.get(key))?.information, { model: 'iPhone15,2', os: 'iOS 17.5', friendlyName: 'Work phone' });
    assert.equal(await deps.state.values.getDeviceValue(key, DEVICE_PASSWORD_VALUE), undefined);
  });

  it('answers Status 2 for an empty body, no parts, a repeated part or a stray element', async () => {
    for (const request of [
      { kind: 'empty' } as const,
      [],
      [element('Settings:UserInformation', element('Settings:Get')), element('Settings:UserInformation', element('Settings:Get'))],
      [element('Settings:Status', '1')],
    ]) {
      assert.deepEqual(statuses(await run(request)), [['Status', '2']]);
    }
  });

  it('refuses RightsManagementInformation before 14.1 and serves it from 14.1', async () => {
    const part = element('Settings:RightsManagementInformation', element('Settings:Get'));
    assert.deepEqual(statuses(await run([part], '14.0')), [['Status', '1'], ['RightsManagementInformation', '2']]);
    const root = await run([part], '16.1');
    const get = childElements(childElements(root, 'Settings:RightsManagementInformation')[0] as WbxmlElement, 'Settings:Get')[0];
    assert.deepEqual(get?.children.map((c) => (c as WbxmlElement).tag), ['RightsManagementTemplates']);
  });

  it('answers AOSP\'s throw-away "validate" device without keeping a record of it', async () => {
    const request: CommandRequest = { kind: 'wbxml', root: element('Settings:Settings', [
      element('Settings:DeviceInformation', element('Settings:Set', element('Settings:Model', 'Pixel'))),
      element('Settings:DevicePassword', element('Settings:Set', element('Settings:Password', 'x'))),
    ]) };
    const result = await createSettingsCommand(deps).handle(context('14.0', 'validate'), request);
    assert.deepEqual(statuses((result as { root: WbxmlElement }).root), [['Status', '1'], ['DeviceInformation', '1'], ['DevicePassword', '1']]);
    assert.equal(await deps.state.devices.get(deviceKey(USER, 'validate')), undefined);
  });

  it('answers Status 4 when the state store fails', async () => {
    const broken = await openStateStore({ kind: 'sqlite', dataDir: join(dir, 'broken') });
    await broken.close();
    assert.deepEqual(statuses(await run([element('Settings:UserInformation', element('Settings:Get'))], '14.1', broken)), [['Status', '4']]);
  });
});
