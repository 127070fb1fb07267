// How `pushbridge device list` shows devices: one row per device with what an operator asks
// about first (who, what, which protocol, when last seen, provisioning, wipe, block and resync
// state), and the full records as JSON for scripts.
import type { Device } from '../domain/device.js';

const COLUMNS = ['USER', 'DEVICE', 'TYPE', 'MODEL', 'OS', 'EAS', 'LAST SEEN', 'POLICY', 'WIPE', 'BLOCKED', 'RESYNC'] as const;

/** Seconds are enough for an operator; UTC so two admins in different zones read the same. */
export function formatInstant(date: Date): string {
  return `${date.toISOString().slice(0, 19).replace('T', ' ')}Z`;
}

function wipeText(device: Device): string {
  const { wipe } = device;
  if (wipe.state === 'none') return 'none';
  return wipe.accountOnly ? `${wipe.state} (account only)` : wipe.state;
}

/**
 * Model, OS and the rest come from the device itself: control characters (terminal escape
 * sequences) are shown as '?' so a hostile device cannot rewrite the operator's screen.
 */
function printable(text: string): string {
  return Array.from(text, (char) => {
    const code = char.codePointAt(0) ?? 0;
    return code < 0x20 || (code >= 0x7f && code <= 0x9f) ? '?' : char;
  }).join('');
}

export function deviceRow(device: Device): string[] {
  return [
    device.user,
    device.deviceId,
    device.deviceType,
    device.information.model ?? '-',
    device.information.os ?? '-',
    device.protocolVersion ?? '-',
    formatInstant(device.lastSeen),
    device.policy.state,
    wipeText(device),
    device.blocked ? 'yes' : 'no',
    device.resyncRequestedAt === null ? '-' : 'pending',
  ].map(printable);
}

/** Aligned columns under a header line; the last column is not padded. */
export function formatDeviceTable(devices: readonly Device[]): string {
  const rows = [[...COLUMNS], ...devices.map(deviceRow)];
  const widths = COLUMNS.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
  return rows
    .map((row) => row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column] ?? 0))).join('  ').trimEnd())
    .join('\n');
}

/** The stored record as JSON; dates as ISO strings. */
export function formatDeviceJson(devices: readonly Device[]): string {
  return JSON.stringify(devices, null, 2);
}
