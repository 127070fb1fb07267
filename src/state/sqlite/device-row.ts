// Mapping between a row of the devices table and the domain Device, in both directions, and the
// rule for when a request's device record needs writing at all.

import type { Device, DeviceInformation, DeviceRequest, ProvisioningState, WipeState } from '../../domain/device.js';
import { StateStoreError } from '../../domain/state-store.js';

export interface DeviceRow {
  id: number;
  user_name: string;
  device_id: string;
  device_type: string;
  user_agent: string | null;
  protocol_version: string | null;
  first_seen: number;
  last_seen: number;
  information: string;
  policy_state: string;
  policy_key: number | null;
  temporary_policy_key: number | null;
  policy_hash: string | null;
  policy_updated_at: number | null;
  wipe_state: string;
  wipe_account_only: number;
  wipe_requested_at: number | null;
  wipe_acknowledged_at: number | null;
  blocked: number;
  resync_requested_at: number | null;
}

/** The mutable columns, in the order of the UPDATE statement's parameters. */
export type DeviceColumns = [
  deviceType: string,
  information: string,
  policyState: string,
  policyKey: number | null,
  temporaryKey: number | null,
  policyHash: string | null,
  policyUpdatedAt: number | null,
  wipeState: string,
  wipeAccountOnly: number,
  wipeRequestedAt: number | null,
  wipeAcknowledgedAt: number | null,
  blocked: number,
  resyncRequestedAt: number | null,
];

/**
 * How stale the stored last-seen time may get. It is informational (the admin CLI's `device list`),
 * and refreshing it on every request would make every request, each Ping wake-up included, a
 * write transaction.
 */
export const LAST_SEEN_RESOLUTION_MS = 60_000;

const date = (ms: number | null): Date | null => (ms === null ? null : new Date(ms));
const ms = (value: Date | null): number | null => (value === null ? null : value.getTime());

export function deviceFromRow(row: DeviceRow): Device {
  return {
    user: row.user_name,
    deviceId: row.device_id,
    deviceType: row.device_type,
    userAgent: row.user_agent,
    protocolVersion: row.protocol_version,
    firstSeen: new Date(row.first_seen),
    lastSeen: new Date(row.last_seen),
    information: parseInformation(row.information),
    policy: {
      state: row.policy_state as ProvisioningState,
      policyKey: row.policy_key,
      temporaryKey: row.temporary_policy_key,
      policyHash: row.policy_hash,
      updatedAt: date(row.policy_updated_at),
    },
    wipe: {
      state: row.wipe_state as WipeState,
      accountOnly: row.wipe_account_only === 1,
      requestedAt: date(row.wipe_requested_at),
      acknowledgedAt: date(row.wipe_acknowledged_at),
    },
    blocked: row.blocked === 1,
    resyncRequestedAt: date(row.resync_requested_at),
  };
}

/**
 * Whether the stored row already says everything the request does: same type, same User-Agent and
 * version where the request carries one, and a last-seen time less than LAST_SEEN_RESOLUTION_MS old.
 */
export function recordIsCurrent(row: DeviceRow, request: DeviceRequest, now: number): boolean {
  return (
    now - row.last_seen < LAST_SEEN_RESOLUTION_MS &&
    row.device_type === request.deviceType &&
    (request.userAgent === undefined || request.userAgent === null || request.userAgent === row.user_agent) &&
    (request.protocolVersion === undefined || request.protocolVersion === null || request.protocolVersion === row.protocol_version)
  );
}

export function deviceColumns(device: Device): DeviceColumns {
  const { policy, wipe } = device;
  return [
    device.deviceType,
    JSON.stringify(device.information),
    policy.state,
    policy.policyKey,
    policy.temporaryKey,
    policy.policyHash,
    ms(policy.updatedAt),
    wipe.state,
    wipe.accountOnly ? 1 : 0,
    ms(wipe.requestedAt),
    ms(wipe.acknowledgedAt),
    device.blocked ? 1 : 0,
    ms(device.resyncRequestedAt),
  ];
}

function parseInformation(json: string): DeviceInformation {
  try {
    const value: unknown = JSON.parse(json);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as DeviceInformation;
  } catch (cause) {
    throw new StateStoreError('schema', 'stored DeviceInformation is not JSON', { cause });
  }
  throw new StateStoreError('schema', 'stored DeviceInformation is not an object');
}
