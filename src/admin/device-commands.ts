// `pushbridge device list|wipe|remove|resync|block|allow`: the operator's view of the devices in
// the state store and the markers the server acts on at a device's next request (remote wipe,
// resync from SyncKey 0, HTTP 403 while blocked). Opens the store directly; SQLite WAL lets the
// CLI and a running server share the file.
import type { Command } from 'commander';
import type { Device, DevicePatch } from '../domain/device.js';
import { deviceKey } from '../domain/device.js';
import type { StateStore } from '../domain/state-store.js';
import { openStateStore } from '../state/open-state-store.js';
import { CliError } from './cli-error.js';
import type { CliIo } from './cli-io.js';
import { addConfigOptions, configFromFlags, type ConfigFlags } from './config-options.js';
import { formatDeviceJson, formatDeviceTable } from './device-table.js';

async function withState<T>(flags: ConfigFlags, io: CliIo, work: (state: StateStore) => Promise<T>): Promise<T> {
  const config = configFromFlags(flags, io);
  const state = await openStateStore({ kind: 'sqlite', dataDir: config.server.dataDir });
  try {
    return await work(state);
  } finally {
    await state.close();
  }
}

/**
 * The stored device. Users are stored as the authenticator names them (lower-case addresses for
 * embedded accounts), so an operator's "Alice@Example.org" is tried lower-cased as well.
 */
async function findDevice(state: StateStore, user: string, deviceId: string): Promise<Device> {
  for (const candidate of new Set([user, user.toLowerCase()])) {
    const device = await state.devices.get(deviceKey(candidate, deviceId));
    if (device !== undefined) return device;
  }
  throw new CliError(`no device ${deviceId.toLowerCase()} for user ${user} (pushbridge device list shows the known devices)`);
}

async function patchDevice(state: StateStore, user: string, deviceId: string, patch: (device: Device) => DevicePatch): Promise<Device> {
  const device = await findDevice(state, user, deviceId);
  const updated = await state.devices.update(deviceKey(device.user, device.deviceId), patch);
  // Removed between the lookup and the update, e.g. by a concurrent `device remove`.
  if (updated === undefined) throw new CliError(`device ${device.deviceId} of ${device.user} disappeared while being changed`);
  return updated;
}

type DeviceAction = (state: StateStore, user: string, deviceId: string, flags: Record<string, unknown>) => Promise<string>;

const wipe: DeviceAction = async (state, user, deviceId, flags) => {
  const accountOnly = flags.accountOnly === true;
  const now = new Date();
  const device = await patchDevice(state, user, deviceId, () => ({
    wipe: { state: 'requested', accountOnly, requestedAt: now, acknowledgedAt: null },
  }));
  const name = `${device.deviceId} of ${device.user}`;
  if (!accountOnly) return `remote wipe requested for ${name}: the device erases itself at its next request`;
  // MS-ASPROV 2.2.2.1: AccountOnlyRemoteWipe exists only in 16.1.
  const note = device.protocolVersion === '16.1' ? '' : `\nwarning: account-only wipe needs EAS 16.1; this device last used ${device.protocolVersion ?? 'no known version'}`;
  return `account-only wipe requested for ${name}: the device removes this account at its next request${note}`;
};

const resync: DeviceAction = async (state, user, deviceId) => {
  const device = await patchDevice(state, user, deviceId, () => ({ resyncRequestedAt: new Date() }));
  return `resync requested for ${device.deviceId} of ${device.user}: it starts again from SyncKey 0 at its next request`;
};

const block: DeviceAction = async (state, user, deviceId) => {
  const device = await patchDevice(state, user, deviceId, () => ({ blocked: true }));
  return `blocked ${device.deviceId} of ${device.user}: its requests get HTTP 403 until \`device allow\``;
};

const allow: DeviceAction = async (state, user, deviceId) => {
  const device = await patchDevice(state, user, deviceId, () => ({ blocked: false }));
  return `allowed ${device.deviceId} of ${device.user}`;
};

const remove: DeviceAction = async (state, user, deviceId) => {
  const device = await findDevice(state, user, deviceId);
  await state.devices.remove(deviceKey(device.user, device.deviceId));
  return `removed ${device.deviceId} of ${device.user}: if it connects again it is new and must provision and sync from scratch`;
};

function registerAction(group: Command, io: CliIo, name: string, description: string, action: DeviceAction): Command {
  const command = group
    .command(name)
    .description(description)
    .argument('<user>', 'the account the device belongs to')
    .argument('<device>', 'the DeviceId, as `device list` shows it');
  addConfigOptions(command).action(async (user: string, deviceId: string, flags: ConfigFlags & Record<string, unknown>) => {
    const message = await withState(flags, io, (state) => action(state, user, deviceId, flags));
    io.stdout.write(`${message}\n`);
  });
  return command;
}

export function registerDeviceCommands(program: Command, io: CliIo): void {
  const group = program.command('device').description('list devices; wipe, resync, block, allow or remove one');

  addConfigOptions(
    group.command('list').description('list devices').option('-u, --user <user>', "only this user's devices").option('--json', 'print JSON'),
  ).action(async (flags: ConfigFlags & { user?: string; json?: boolean }) => {
    const devices = await withState(flags, io, (state) => state.devices.list());
    const wanted = flags.user?.toLowerCase();
    const shown = wanted === undefined ? devices : devices.filter((device) => device.user.toLowerCase() === wanted);
    if (flags.json === true) io.stdout.write(`${formatDeviceJson(shown)}\n`);
    else if (shown.length === 0) io.stderr.write(wanted === undefined ? 'no devices\n' : `no devices for ${flags.user}\n`);
    else io.stdout.write(`${formatDeviceTable(shown)}\n`);
  });

  registerAction(group, io, 'wipe', 'remote-wipe a device at its next request (MS-ASPROV)', wipe)
    .option('--account-only', "remove only this account's data (EAS 16.1 account-only wipe)");
  registerAction(group, io, 'resync', 'make a device start over from SyncKey 0 at its next request', resync);
  registerAction(group, io, 'block', 'refuse every request of a device with HTTP 403', block);
  registerAction(group, io, 'allow', 'lift a block', allow);
  registerAction(group, io, 'remove', 'forget a device and all its sync state', remove);
}
